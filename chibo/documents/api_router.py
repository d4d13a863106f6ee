"""The documents module's one API router (mounted at /api/v1/documents). Each part (registry,
distribution, study) declares its operations on it in its own module, imported by `api`."""

from ninja import Router

router = Router()
