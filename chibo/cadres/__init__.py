"""Cadre work: posts and terms, planning, appointments and rotations (issue 18)."""
