"""The assignments module's one API router, mounted at /api/v1/ by config/api.py."""

from ninja import Router

router = Router()
