"""Pages of branch meetings."""
