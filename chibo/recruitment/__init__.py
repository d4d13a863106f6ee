"""Recruitment of new members against targets (issue 13)."""
