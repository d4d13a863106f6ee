"""Models of the documents distribution."""
