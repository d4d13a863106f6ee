"""Tests: the database comes from DATABASE_URL (SQLite when unset); tasks run immediately."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
AXES_ENABLED = True
# Tests log staff in without a second factor; the MFA tests turn the requirement on explicitly.
CHIBO_REQUIRE_STAFF_MFA = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
