"""A site of its own for the backup and crash drills: a database that is not pytest's, processes
started with `manage.py` against it, and direct SQL to look at it and to plant pauses.

PostgreSQL: a database `chibo_drill_<pid>_<n>` made from a dump of pytest's (already migrated)
test database, so nothing is migrated twice; SQLite: a file copied from pytest's in-memory test
database with the online backup API. Both are dropped at the end.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
SETTINGS = "chibo.operations.tests.drill_settings"
_numbers = count(1)


@dataclass
class DrillSite:
    vendor: str
    url: str
    media: Path
    name: str
    admin_url: str = ""  # PostgreSQL: the maintenance database
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    # --- processes -------------------------------------------------------------------------

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env.update(
            DJANGO_SETTINGS_MODULE=SETTINGS,
            CHIBO_DRILL_DATABASE_URL=self.url,
            CHIBO_DRILL_MEDIA_ROOT=str(self.media),
            PYTHONUNBUFFERED="1",
            **extra,
        )
        return env

    def manage(self, *args: str, check: bool = True, timeout: float = 120) -> str:
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
            )
        return done.stdout + done.stderr

    def python(self, code: str, timeout: float = 120) -> Any:
        """Run `code` in a Django process on the drill database; it prints one JSON value."""
        script = "import django, json\ndjango.setup()\n" + code
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=BASE_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"drill script failed:\n{done.stdout}\n{done.stderr}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, *args: str, log: Path) -> subprocess.Popen[bytes]:
        out = log.open("ab")
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, *args],
            cwd=BASE_DIR,
            env=self.env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """kill -9 of the process and its children (gunicorn's workers), as a crash does."""
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process)

    # --- SQL -------------------------------------------------------------------------------

    @contextmanager
    def connect(self) -> Iterator[Any]:
        if self.vendor == "postgresql":
            with psycopg.connect(self.url, autocommit=True) as conn:
                yield conn
        else:
            lite = sqlite3.connect(self.name, timeout=30, isolation_level=None)
            try:
                yield lite
            finally:
                lite.close()

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.vendor == "sqlite":
            sql = sql.replace("%s", "?")
        with self.connect() as conn:
            return list(conn.execute(sql, params).fetchall())

    def value(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None

    def execute(self, sql: str) -> None:
        with self.connect() as conn:
            conn.execute(sql)

    def wait_for(
        self, what: str, condition: Callable[[], Any], timeout: float = 60, every: float = 0.1
    ) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = condition()
            if found:
                return found
            time.sleep(every)
        raise AssertionError(f"timed out waiting for {what}")

    # --- planted pauses ----------------------------------------------------------------

    def pause_after_insert(self, table: str, seconds: float, *, when: str = "") -> None:
        """INSERTs into `table` (each statement, or each row matching `when` on NEW) then sleep:
        the writer is held inside its transaction, where the drill kills it. Test-only: the
        trigger exists in the drill database alone. PostgreSQL: pg_sleep; SQLite: the
        drill_pause() function the drill settings register (drill_pause.py), per row."""
        if self.vendor == "sqlite":
            condition = f"WHEN {when}" if when else ""
            self.execute(
                f"CREATE TRIGGER drill_pause_{table} AFTER INSERT ON {table} FOR EACH ROW "
                f"{condition} BEGIN SELECT drill_pause({seconds}); END"
            )
            return
        level = "ROW" if when else "STATEMENT"
        condition = f"WHEN ({when})" if when else ""
        self.execute(
            f"""
            CREATE OR REPLACE FUNCTION drill_pause_{table}() RETURNS trigger AS $$
            BEGIN PERFORM pg_sleep({seconds}); RETURN NULL; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER drill_pause_{table} AFTER INSERT ON {table}
            FOR EACH {level} {condition} EXECUTE FUNCTION drill_pause_{table}();
            """
        )

    def remove_pause(self, table: str) -> None:
        if self.vendor == "sqlite":
            self.execute(f"DROP TRIGGER IF EXISTS drill_pause_{table}")
        else:
            self.execute(f"DROP TRIGGER IF EXISTS drill_pause_{table} ON {table}")

    @property
    def marker(self) -> Path:
        return self.media.parent / "paused"

    def paused(self) -> bool:
        """A writer is held in a planted pause right now."""
        if self.vendor == "sqlite":
            return self.marker.exists()
        return bool(
            self.value(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                "AND wait_event = 'PgSleep'",
                (self.name,),
            )
        )

    def after_kill(self) -> None:
        """PostgreSQL: what it does when it notices the client is gone — the backend stops and
        its transaction rolls back (done at once here rather than at the next socket check).
        SQLite: the killed process's transaction is undone by the journal; the pause's marker
        stays behind and goes."""
        if self.vendor == "sqlite":
            self.marker.unlink(missing_ok=True)
            return
        self.rows(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.name,),
        )

    # --- lifecycle -------------------------------------------------------------------------

    def drop(self) -> None:
        self.stop_all()
        if self.vendor == "postgresql":
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(self.name + suffix).unlink(missing_ok=True)

    def recreate_empty(self) -> None:
        """The wipe of the restore drill: the database dropped and created empty again."""
        self.drop()
        if self.vendor == "postgresql":
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.name}"')


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _pg_url(settings_dict: dict[str, Any], name: str) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def make_site(tmp: Path) -> DrillSite:
    """A migrated, empty drill site copied from pytest's test database (call with DB access)."""
    media = tmp / "media"
    media.mkdir(parents=True, exist_ok=True)
    settings_dict = connection.settings_dict
    # Copy pytest's test database only, never a real one.
    name = str(settings_dict["NAME"])
    assert name.startswith("test_") or "memory" in name, name
    if connection.vendor == "postgresql":
        name = f"chibo_drill_{os.getpid()}_{next(_numbers)}"
        admin = _pg_url(settings_dict, "postgres")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        env = _pg_env(settings_dict)
        dump = subprocess.Popen(  # noqa: S603
            ["pg_dump", "--format=custom", f"--dbname={settings_dict['NAME']}"],  # noqa: S607
            stdout=subprocess.PIPE,
            env=env,
        )
        subprocess.run(  # noqa: S603
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={name}"],  # noqa: S607
            stdin=dump.stdout,
            env=env,
            check=True,
        )
        assert dump.wait() == 0
        return DrillSite("postgresql", _pg_url(settings_dict, name), media, name, admin)
    path = tmp / "drill.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()
    return DrillSite("sqlite", f"sqlite:///{path}", media, str(path))
