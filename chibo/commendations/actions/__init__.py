"""Writes of the commendations module: awards and proposals (`actions.awards`), badge
circumstances (`actions.awards`), campaigns and projects (`actions.campaigns`)."""
