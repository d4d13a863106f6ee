"""Settings shared by every environment; environment files override, secrets come from the env."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = "override-me"  # noqa: S105  (each environment file sets its own)
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "treebeard",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "ninja",
    "chibo.core",
    "chibo.access",
    "chibo.audit",
    "chibo.org",
    "chibo.members",
    "chibo.notifications",
    "chibo.data_quality",
    "chibo.documents",
    "chibo.meetings",
    "chibo.calendar",
    "chibo.assignments",
    "chibo.reports",
    "chibo.congresses",
    "chibo.elections",
    "chibo.recruitment",
    "chibo.training",
    "chibo.ratings",
    "chibo.commendations",
    "chibo.cadres",
    "chibo.handbook",
    "chibo.home",
    "chibo.operations",
    "chibo.demo",
]

MIDDLEWARE = [
    "chibo.core.middleware.RequestIdMiddleware",
    "chibo.core.middleware.PrivateNoStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chibo.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "chibo.access.middleware.StaffMfaMiddleware",
    "chibo.core.middleware.DomainErrorMiddleware",
    "chibo.core.replica.ReplicaReadMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "access.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chibo.home.context_processors.navigation",
                "chibo.core.replica.data_source",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'chibo.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
# A PostgreSQL streaming replica for the reads that tolerate a little lag (chibo/core/replica.py,
# docs/scaling.md): dashboards, statistics, roll-ups and exports, by URL name. Writes, and a
# browser's reads until the replica has replayed its own last write, stay on the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60
    )
    # The test runner creates no test database on a standby: the alias mirrors default's, and the
    # replica tests point it at the standby's copy (chibo/core/tests/test_replica.py).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["chibo.core.replica.ReplicaRouter"]
CHIBO_REPLICA_MAX_LAG = float(os.environ.get("CHIBO_REPLICA_MAX_LAG", "60"))  # seconds
CHIBO_REPLICA_PIN_SECONDS = 300  # how long a write pins its browser's reads to the primary at most
CHIBO_REPLICA_VIEWS = (
    "members:statistics_home",
    "members:statistics",
    "members:statistics_changes_xlsx",
    "members:export",
    "data_quality:home",
    "data_quality:campaign",
    "documents:read_rates",
    "meetings:quality",
    "meetings:warnings",
    "api:member_statistics",
    "api:member_changes",
    "api:read_rates",
    "api:meeting_warnings",
    "api:campaign_units",
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): log in with username or e-mail; nobody signs up, staff create users.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_ADAPTER = "chibo.access.adapters.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
# Axes is the one login throttle (database-backed, cool-off); allauth's cache-based counter of
# failed logins would answer first with a different message and a 200, so it is switched off.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_FORMS = {"change_password": "chibo.access.adapters.ChangePasswordForm"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
MFA_ADAPTER = "chibo.access.adapters.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Chi Bộ Số"
# Staff roles must enrol TOTP before using the app; the demo settings relax it.
CHIBO_REQUIRE_STAFF_MFA = True

# Tone-mark house style of normalised text (chibo/data_quality/normalize/syllables.py):
# "traditional" writes hòa, thủy, khỏe (as the state's name "Cộng hòa" does); "modern" writes
# hoà, thuỷ, khoẻ.
CHIBO_TONE_STYLE = "traditional"

# Member-list imports (chibo.data_quality.importing): the largest file the wizard accepts. Bigger
# uploads are refused from their Content-Length before the body is read; files above
# FILE_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB default) are spooled to a temporary file, not RAM.
CHIBO_IMPORT_MAX_BYTES = int(os.environ.get("CHIBO_IMPORT_MAX_BYTES", 100 * 1024 * 1024))

# Login throttling (django-axes): a cool-off, never a permanent lock.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
# allauth passes `username=`/`email=` to authenticate(), never `login=`: this callable reads the
# login form's field and folds e-mail and username of one account into one counter.
AXES_USERNAME_CALLABLE = "chibo.access.adapters.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_AGE = 60 * 60 * 8

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
    ("vendor/bootstrap", BASE_DIR / "node_modules/bootstrap/dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules/bootstrap-icons/font"),
    ("vendor/chart.js", BASE_DIR / "node_modules/chart.js/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# Everything is served from this host: no CDN, no external call.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

NINJA_PAGINATION_PER_PAGE = 50

# Logs: JSON lines on stderr (journald keeps them in production) with request id, user id and
# unit code, never names, citizen IDs or query strings (chibo/core/request_log.py). runserver's
# request lines stay text but lose their query strings (foundations issue, finding 11).
CHIBO_LOG_LEVEL = os.environ.get("CHIBO_LOG_LEVEL", "INFO")
CHIBO_LOG_UNIT_OF = "config.log_context.top_unit_code"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "chibo.core.request_log.RequestContextFilter"},
        "no_query_string": {"()": "chibo.core.request_log.QueryStringFilter"},
    },
    "formatters": {
        "json": {"()": "chibo.core.request_log.JsonLinesFormatter"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_context"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["no_query_string"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Django's own console handler (DEBUG only) would print every record a second time.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "chibo": {"level": CHIBO_LOG_LEVEL},
    },
}

# Notices: the address links in e-mails point to, and the sender. The demo writes mail to files.
CHIBO_SITE_URL = os.environ.get("CHIBO_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("CHIBO_FROM_EMAIL", "chibo@localhost")
# Web push (VAPID, RFC 8292): `manage.py generate_vapid_keys` prints a pair; without keys, no push.
CHIBO_VAPID_PUBLIC_KEY = os.environ.get("CHIBO_VAPID_PUBLIC_KEY", "")
CHIBO_VAPID_PRIVATE_KEY = os.environ.get("CHIBO_VAPID_PRIVATE_KEY", "")
CHIBO_VAPID_SUBJECT = os.environ.get("CHIBO_VAPID_SUBJECT", "mailto:chibo@localhost")
