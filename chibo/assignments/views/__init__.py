"""HTML pages of the assignments module."""
