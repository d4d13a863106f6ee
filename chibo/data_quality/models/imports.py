"""Models of the data-quality imports."""
