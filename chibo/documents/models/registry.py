"""Models of the documents registry."""
