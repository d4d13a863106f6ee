"""Reads of the commendations module through access.policy: awards and proposals
(`queries.awards`), eligibility lists (`queries.eligibility`), campaigns (`queries.campaigns`)."""
