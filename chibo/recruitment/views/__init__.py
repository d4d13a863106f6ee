"""The recruitment pages: the unit's progress and candidates, the tally, a candidate's steps."""
