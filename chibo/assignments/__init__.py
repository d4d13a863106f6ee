"""Work programmes and tasks with the six clears (issue 11)."""
