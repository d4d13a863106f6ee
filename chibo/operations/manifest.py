"""What a backup says about itself (manifest.json) and the measurements backup and restore share.

A backup directory holds `manifest.json`, the database (`database.dump`, a PostgreSQL
custom-format dump, or `database.sqlite3`, an SQLite copy) and `files/` (the uploaded files under
their storage names). The manifest is written last: a directory without one is an interrupted
backup and is never restored.
"""

import hashlib
import json
import subprocess
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

MANIFEST = "manifest.json"
FILES_DIR = "files"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
FORMAT = 1
CHUNK = 1024 * 1024

# done, total: the import command's progress bar, or None.
Progress = Callable[[int, int], None] | None


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, in Vietnamese and English."""


def sha256_of(stream: Any) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def sha256_file(path: Path) -> tuple[str, int]:
    with path.open("rb") as stream:
        return sha256_of(stream)


def count_rows(cursor: Any, tables: list[str], quote: Callable[[str], str]) -> dict[str, int]:
    """Rows of every table of the database (every model table, the migration record, the task
    queue), read in the cursor's transaction so that it matches the dump taken in it."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608
        counts[table] = int(cursor.fetchone()[0])
    return counts


def sqlite_tables(cursor: Any) -> list[str]:
    """SQLite's own tables (sqlite_sequence, sqlite_stat1) are not the site's data."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return sorted(name for (name,) in cursor.fetchall())


def quote_sqlite(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database_tables(connection: BaseDatabaseWrapper, cursor: Any) -> list[str]:
    if connection.vendor == "sqlite":
        return sqlite_tables(cursor)
    return list(connection.introspection.table_names(cursor))


def database_rows(connection: BaseDatabaseWrapper) -> dict[str, int]:
    with connection.cursor() as cursor:
        return count_rows(cursor, database_tables(connection, cursor), connection.ops.quote_name)


def applied_migrations(cursor: Any) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def known_migrations() -> set[tuple[str, str]]:
    """The migrations this code has on disk."""
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def application_state(cursor: Any) -> dict[str, Any]:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    version = tomllib.loads(pyproject.read_text())["project"]["version"]
    return {
        "version": version,
        "commit": _git_commit(Path(settings.BASE_DIR)),
        "migrations": applied_migrations(cursor),
    }


def _git_commit(base: Path) -> str:
    if not (base / ".git").exists():
        return ""
    try:
        done = subprocess.run(  # noqa: S603
            ["git", "-C", str(base), "rev-parse", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, depth first, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


@dataclass
class Manifest:
    data: dict[str, Any]

    @classmethod
    def read(cls, directory: Path) -> "Manifest":
        path = directory / MANIFEST
        if not path.is_file():
            raise BackupError(
                f"{directory} không có {MANIFEST}: bản sao lưu chưa xong hoặc không phải bản sao "
                f"lưu / no {MANIFEST}: an unfinished backup, or not a backup"
            )
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise BackupError(
                f"Định dạng sao lưu {data.get('format')!r} không được hỗ trợ / "
                f"unsupported backup format {data.get('format')!r}"
            )
        return cls(data)

    def write(self, directory: Path) -> None:
        # Written beside, then renamed: a manifest is either whole or absent.
        partial = directory / f"{MANIFEST}.partial"
        partial.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(directory / MANIFEST)

    @property
    def vendor(self) -> str:
        return str(self.data["database"]["vendor"])

    @property
    def tables(self) -> dict[str, int]:
        return dict(self.data["tables"])

    @property
    def files(self) -> list[dict[str, Any]]:
        return list(self.data["files"])

    @property
    def migrations(self) -> set[tuple[str, str]]:
        return {
            (app, name)
            for app, names in self.data["application"]["migrations"].items()
            for name in names
        }


def compare_counts(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    """The differences, one line each; empty when every table has its rows."""
    problems = []
    for table in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(table), actual.get(table)
        if want != got:
            problems.append(f"{table}: {want} ≠ {got}")
    return problems
