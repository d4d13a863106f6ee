"""Production: every secret from the environment; PostgreSQL through DATABASE_URL.

Behind nginx (deploy/nginx/chibo.conf), which terminates TLS, serves the collected static files
and passes the rest to gunicorn on a unix socket. `manage.py check --deploy` with these settings
gives no warning (chibo/core/tests/test_deploy.py runs it). docs/deploy.md lists the variables.
"""

import os
from pathlib import Path

from django.http import HttpRequest

from .base import *  # noqa: F403

SECRET_KEY = os.environ["CHIBO_SECRET_KEY"]
ALLOWED_HOSTS = [host for host in os.environ.get("CHIBO_ALLOWED_HOSTS", "").split(",") if host]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]

# TLS ends at nginx, which says so in X-Forwarded-Proto (and overwrites what a client sent).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# gunicorn listens on a unix socket, so REMOTE_ADDR is empty; nginx overwrites X-Real-IP with the
# client's address. allauth refuses a login it cannot tie to an address (403), and django-axes
# would count every client's failures under one empty address.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR") or None


AXES_CLIENT_IP_CALLABLE = client_ip
SECURE_SSL_REDIRECT = os.environ.get("CHIBO_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: the site is only ever served over TLS. A year, as check --deploy asks; the subdomain and
# preload flags can be turned off where plain-HTTP hosts share the office's domain.
SECURE_HSTS_SECONDS = int(os.environ.get("CHIBO_HSTS_SECONDS", 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("CHIBO_HSTS_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("CHIBO_HSTS_PRELOAD", "1") == "1"
SECURE_REFERRER_POLICY = "same-origin"

# Where collectstatic writes (nginx serves it) and where uploads live (never served directly:
# every download goes through a view that checks access).
STATIC_ROOT = Path(os.environ.get("CHIBO_STATIC_ROOT", str(VAR_DIR / "static")))  # noqa: F405
MEDIA_ROOT = Path(os.environ.get("CHIBO_MEDIA_ROOT", str(VAR_DIR / "media")))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail through the office's relay.
EMAIL_HOST = os.environ.get("CHIBO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CHIBO_EMAIL_PORT", "25"))
