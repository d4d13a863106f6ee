"""Models of the data-quality campaigns."""
