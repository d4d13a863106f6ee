"""Training courses, attendance and certificates (issue 13)."""
