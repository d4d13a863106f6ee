"""Duplicate members: detection (Splink, DuckDB backend), the review queue, merge and undo.

A pair at or above `FLAG_THRESHOLD` is flagged as an almost certain duplicate; between
`REVIEW_THRESHOLD` and `FLAG_THRESHOLD` it goes to the review queue. Either way a person decides:
nothing is merged automatically.
"""

FLAG_THRESHOLD = 0.99
REVIEW_THRESHOLD = 0.5
