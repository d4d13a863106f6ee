"""Congresses: delegates, check-in, agenda, projector, paperless documents (issue 12)."""
