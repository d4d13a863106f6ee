"""One backup of the site: the database and the uploaded files together, with a manifest.

PostgreSQL: `pg_dump --format=custom` reading a snapshot exported by our own REPEATABLE READ
transaction, so the row counts of the manifest are counted in exactly the state that was dumped,
while the site keeps running. SQLite: the online backup API (`sqlite3.Connection.backup`) into a
copy, whose rows are then counted. The files are copied after the database, from the default
storage (MEDIA_ROOT in production), each with its size and SHA-256.
"""

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.storage import Storage, default_storage
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from .manifest import (
    DUMP_NAMES,
    FILES_DIR,
    FORMAT,
    BackupError,
    Manifest,
    Progress,
    application_state,
    count_rows,
    database_tables,
    quote_sqlite,
    sha256_file,
    sha256_of,
    sqlite_tables,
    stored_names,
)

# A step's name and a progress callback for it (or None): the command draws one bar per step.
StepProgress = Callable[[str], Progress]


def backup_site(
    out_dir: Path,
    *,
    using: str = "default",
    storage: Storage | None = None,
    progress: StepProgress | None = None,
) -> Manifest:
    """Write a complete backup into `out_dir` (absent or empty) and return its manifest."""
    storage = storage or default_storage
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Chưa hỗ trợ sao lưu {vendor} / backing up {vendor} is not supported")
    out_dir = out_dir.resolve()
    if out_dir.exists() and any(out_dir.iterdir()):
        raise BackupError(
            f"Thư mục {out_dir} không trống: mỗi bản sao lưu một thư mục mới / "
            f"{out_dir} is not empty: one new directory per backup"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    step = progress or (lambda name: None)
    started = time.monotonic()
    created_at = timezone.now()
    dump = out_dir / DUMP_NAMES[vendor]
    if vendor == "postgresql":
        tables, app_state, tool = _dump_postgresql(connection, dump, step("database"))
    else:
        tables, app_state, tool = _dump_sqlite(connection, dump, step("database"))
    database_seconds = time.monotonic() - started
    dump_sha, dump_size = sha256_file(dump)
    files = _copy_files(storage, out_dir / FILES_DIR, step("files"))
    manifest = Manifest(
        {
            "format": FORMAT,
            "created_at": created_at.isoformat(),
            "finished_at": timezone.now().isoformat(),
            "seconds": {
                "database": round(database_seconds, 2),
                "total": round(time.monotonic() - started, 2),
            },
            "database": {
                "vendor": vendor,
                "name": str(connection.settings_dict["NAME"]),
                "file": dump.name,
                "size": dump_size,
                "sha256": dump_sha,
                "tool": tool,
            },
            "tables": tables,
            "files": files,
            "files_bytes": sum(entry["size"] for entry in files),
            "application": app_state,
        }
    )
    manifest.write(out_dir)
    return manifest


def pg_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's variables for the configured database: no password on a command line."""
    env = dict(os.environ)
    for key, variable in (
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env


def pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy {name} (gói postgresql-client) / {name} not found (postgresql-client)"
        )
    return path


def _dump_postgresql(
    connection: BaseDatabaseWrapper, dump: Path, progress: Progress
) -> tuple[dict[str, int], dict[str, Any], str]:
    pg_dump = pg_tool("pg_dump")
    tool = subprocess.run(  # noqa: S603
        [pg_dump, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    connection.ensure_connection()
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        with connection.cursor() as cursor:
            tables = count_rows(
                cursor, database_tables(connection, cursor), connection.ops.quote_name
            )
            app_state = application_state(cursor)
        # The snapshot lives as long as this transaction: pg_dump reads the same state.
        command = [
            pg_dump,
            "--format=custom",
            "--verbose",
            f"--snapshot={snapshot}",
            f"--file={dump}",
        ]
        run_counting(
            command,
            pg_environment(connection.settings_dict),
            markers=("dumping contents of table",),
            total=len(tables),
            progress=progress,
        )
    return tables, app_state, tool


def run_counting(
    command: list[str],
    env: dict[str, str],
    *,
    markers: tuple[str, ...],
    total: int,
    progress: Progress,
) -> None:
    """Run a PostgreSQL tool with --verbose, advancing the bar on each stderr line naming a step
    (one of `markers`)."""
    done = 0
    tail: list[str] = []
    with subprocess.Popen(  # noqa: S603
        command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:
            tail = [*tail[-19:], line.rstrip()]
            if any(marker in line for marker in markers):
                done += 1
                if progress:
                    progress(min(done, total), total)
        code = process.wait()
    if progress:
        progress(total, total)
    if code != 0:
        details = "\n".join(line for line in tail if "error" in line.lower()) or "\n".join(tail)
        raise BackupError(f"{Path(command[0]).name} thất bại / failed ({code}):\n{details}")


def _dump_sqlite(
    connection: BaseDatabaseWrapper, dump: Path, progress: Progress
) -> tuple[dict[str, int], dict[str, Any], str]:
    connection.ensure_connection()
    source = connection.connection
    target = sqlite3.connect(dump)
    try:
        # One step (pages=-1): the copy is one consistent read, which WAL writers do not
        # restart; copied in steps, every write by another process would start it over.
        source.backup(target, pages=-1)
        # The copy is one self-contained file (no -wal/-shm beside it), whatever the source's mode.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    if progress:
        progress(1, 1)
    copy = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        cursor = copy.cursor()
        tables = count_rows(cursor, sqlite_tables(cursor), quote_sqlite)
        app_state = application_state(cursor)
    finally:
        copy.close()
    return tables, app_state, f"sqlite3 {sqlite3.sqlite_version} backup API"


def _copy_files(storage: Storage, target: Path, progress: Progress) -> list[dict[str, Any]]:
    names = list(stored_names(storage))
    entries = []
    for done, name in enumerate(names, start=1):
        destination = target / name
        if not destination.resolve().is_relative_to(target.resolve()):
            raise BackupError(f"Tên tệp không hợp lệ / unsafe file name: {name!r}")
        destination.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, destination.open("wb") as out:
            copier = _Tee(source, out)
            sha, size = sha256_of(copier)
        entries.append({"path": name, "size": size, "sha256": sha})
        if progress:
            progress(done, len(names))
    if progress:
        progress(len(names), len(names))
    return entries


class _Tee:
    """Reads from a stored file and writes what it read to the copy, so it is read once."""

    def __init__(self, source: Any, out: Any) -> None:
        self.source = source
        self.out = out

    def read(self, size: int) -> bytes:
        chunk = self.source.read(size)
        if chunk:
            self.out.write(chunk)
        return bytes(chunk)
