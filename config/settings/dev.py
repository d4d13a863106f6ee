"""Development and the demo (`make demo`): SQLite by default, relaxed MFA for the demo accounts."""

import os

from .base import *  # noqa: F403

VAR_DIR.mkdir(exist_ok=True)  # noqa: F405  (the SQLite file lives here)
# With CHIBO_DEBUG=0 (benchmarks) WhiteNoise serves assets straight from the finders.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

DEBUG = os.environ.get("CHIBO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("CHIBO_SECRET_KEY", "dev-only-not-secret-chibo-so")
# The demo accounts must log in without enrolling TOTP first.
CHIBO_REQUIRE_STAFF_MFA = os.environ.get("CHIBO_REQUIRE_STAFF_MFA", "0") == "1"
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"  # noqa: F405
