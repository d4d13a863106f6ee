"""Production: every secret from the environment; PostgreSQL through DATABASE_URL."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["CHIBO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("CHIBO_ALLOWED_HOSTS", "").split(",")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("CHIBO_SSL_REDIRECT", "1") == "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
