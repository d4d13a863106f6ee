"""Commendations, party badges and emulation campaigns (issue 14)."""
