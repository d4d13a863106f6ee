"""The drills' pause on SQLite (test-only; only chibo.operations.tests.drill_settings installs
it): a SQL function `drill_pause(seconds)` that a trigger in the drill database calls to hold
the writing process inside its transaction, writing its pid to a marker file first so that the
drill knows it is there. PostgreSQL needs none of this (pg_sleep, pg_stat_activity)."""

import os
import time
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def marker() -> Path:
    return Path(os.environ["CHIBO_DRILL_MEDIA_ROOT"]).parent / "paused"


def _pause(seconds: float) -> int:
    marker().write_text(str(os.getpid()))
    time.sleep(seconds)
    marker().unlink(missing_ok=True)
    return 0


def _register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("drill_pause", 1, _pause)


class DrillPauseConfig(AppConfig):
    name = "chibo.operations.tests"
    label = "operations_drill"

    def ready(self) -> None:
        connection_created.connect(_register)
