"""Writes of the ratings module: rounds (`actions.rounds`) and assessments
(`actions.assessments`)."""
