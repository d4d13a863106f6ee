"""Settings of the backup and crash drills' own processes (never pytest's test database).

The drills start `manage.py` commands, `db_worker` and gunicorn as subprocesses on a database of
their own: CHIBO_DRILL_DATABASE_URL names it, CHIBO_DRILL_MEDIA_ROOT the uploaded files. Tasks go
through the database queue, as in production.
"""

import os
from pathlib import Path

import dj_database_url

from config.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["CHIBO_DRILL_DATABASE_URL"])}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
MEDIA_ROOT = Path(os.environ["CHIBO_DRILL_MEDIA_ROOT"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# The SQLite drills' pause function (chibo/operations/tests/drill_pause.py).
INSTALLED_APPS = [*INSTALLED_APPS, "chibo.operations.tests.drill_pause.DrillPauseConfig"]  # noqa: F405
