"""Access-matrix rows of the cadres pages and API (chibo/access/tests/test_matrix.py)."""

from chibo.testing.matrix import Row

ROWS: list[Row] = []
