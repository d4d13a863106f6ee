"""Models of the data-quality duplicates."""
