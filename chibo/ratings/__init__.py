"""Annual quality ratings of members and organisations (issue 14)."""
