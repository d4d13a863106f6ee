"""Restore a backup into an EMPTY database and an empty file storage, then verify the manifest.

Order: the backup's own checksums first (nothing is touched if the backup is damaged), then the
code's migrations must know every migration the backup has, then the target must be empty, then
the database (pg_restore in one transaction, or the SQLite backup API), fresh planner statistics
on PostgreSQL, the files, and finally the row count of every table and the checksum of every file
are compared with the manifest.

There is no --force: restoring over a live database would mix two states. The operator empties
the target deliberately (`dropdb` + `createdb`, or moves the SQLite file away) — a separate,
visible act — and docs/operations.md says how.
"""

import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from .backup import StepProgress, pg_environment, pg_tool, run_counting
from .manifest import (
    FILES_DIR,
    BackupError,
    Manifest,
    Progress,
    compare_counts,
    database_rows,
    database_tables,
    known_migrations,
    sha256_file,
    sha256_of,
    stored_names,
)


@dataclass
class RestoreReport:
    manifest: Manifest
    seconds: dict[str, float] = field(default_factory=dict)
    # Migrations of this code that the backup predates: `manage.py migrate` applies them.
    pending_migrations: list[str] = field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def restore_site(
    backup_dir: Path,
    *,
    using: str = "default",
    storage: Storage | None = None,
    progress: StepProgress | None = None,
    jobs: int = 1,
) -> RestoreReport:
    storage = storage or default_storage
    step = progress or (lambda name: None)
    connection = connections[using]
    backup_dir = backup_dir.resolve()
    manifest = Manifest.read(backup_dir)
    report = RestoreReport(manifest)
    if manifest.vendor != connection.vendor:
        raise BackupError(
            f"Bản sao lưu {manifest.vendor} không phục hồi vào {connection.vendor} / "
            f"a {manifest.vendor} backup does not restore into {connection.vendor}"
        )

    clock = time.monotonic()
    _check_backup(backup_dir, manifest, step("check"))
    report.seconds["check"] = time.monotonic() - clock

    known = known_migrations()
    unknown = sorted(manifest.migrations - known)
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:10])
        raise BackupError(
            "Bản sao lưu mới hơn mã nguồn (thiếu migration: "
            f"{names}); cài phiên bản {manifest.data['application']['version']} "
            f"({manifest.data['application']['commit'] or '?'}) rồi phục hồi / the backup is "
            "newer than this code: install the version it names, then restore"
        )
    report.pending_migrations = sorted(f"{app}.{name}" for app, name in known - manifest.migrations)
    _require_empty(connection, storage)

    clock = time.monotonic()
    dump = backup_dir / manifest.data["database"]["file"]
    if connection.vendor == "postgresql":
        _restore_postgresql(connection, dump, step("database"), jobs)
        report.seconds["database"] = time.monotonic() - clock
        clock = time.monotonic()
        # pg_restore brings no planner statistics: without them the first pages plan blind.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        report.seconds["analyze"] = time.monotonic() - clock
    else:
        _restore_sqlite(connection, dump, step("database"))
        report.seconds["database"] = time.monotonic() - clock

    clock = time.monotonic()
    _restore_files(storage, backup_dir / FILES_DIR, manifest, step("files"))
    report.seconds["files"] = time.monotonic() - clock

    clock = time.monotonic()
    verify_restored(connection, storage, manifest, step("verify"))
    report.seconds["verify"] = time.monotonic() - clock
    return report


def _check_backup(backup_dir: Path, manifest: Manifest, progress: Progress) -> None:
    database = manifest.data["database"]
    entries = manifest.files
    total = len(entries) + 1
    problems = []
    dump = backup_dir / database["file"]
    if not dump.is_file() or sha256_file(dump)[0] != database["sha256"]:
        problems.append(f"{database['file']}: tổng kiểm tra sai / checksum mismatch")
    for done, entry in enumerate(entries, start=2):
        path = backup_dir / FILES_DIR / entry["path"]
        if not path.is_file() or sha256_file(path) != (entry["sha256"], entry["size"]):
            problems.append(f"{entry['path']}: thiếu hoặc sai / missing or changed")
        if progress:
            progress(done, total)
    if progress:
        progress(total, total)
    if problems:
        raise BackupError(
            "Bản sao lưu hỏng, không phục hồi / the backup is damaged, nothing restored:\n"
            + "\n".join(problems[:20])
        )


def _require_empty(connection: BaseDatabaseWrapper, storage: Storage) -> None:
    with connection.cursor() as cursor:
        tables = database_tables(connection, cursor)
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu {connection.settings_dict['NAME']} không trống ({len(tables)} bảng): "
            "chỉ phục hồi vào cơ sở dữ liệu trống (dropdb + createdb, xem docs/operations.md) / "
            f"the database is not empty ({len(tables)} tables): restore only into an empty one"
        )
    existing = next(stored_names(storage), None)
    if existing is not None:
        raise BackupError(
            f"Kho tệp không trống (có {existing!r}): chỉ phục hồi vào kho trống / "
            "the file storage is not empty: restore only into an empty one"
        )


def _restore_postgresql(
    connection: BaseDatabaseWrapper, dump: Path, progress: Progress, jobs: int
) -> None:
    pg_restore = pg_tool("pg_restore")
    env = pg_environment(connection.settings_dict)
    listing = subprocess.run(  # noqa: S603
        [pg_restore, "--list", str(dump)], capture_output=True, text=True, env=env, check=True
    ).stdout
    total = sum(1 for line in listing.splitlines() if line.strip() and not line.startswith(";"))
    # One transaction (all or nothing) unless parallel jobs are asked for: then a failure
    # leaves a partial database, which the operator drops before the next attempt.
    mode = ["--single-transaction"] if jobs <= 1 else [f"--jobs={jobs}"]
    connection.close()
    run_counting(
        [
            pg_restore,
            "--verbose",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            *mode,
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env,
        markers=("creating ", "processing data", "executing "),
        total=total,
        progress=progress,
    )


def _restore_sqlite(connection: BaseDatabaseWrapper, dump: Path, progress: Progress) -> None:
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("Chỉ phục hồi vào tệp SQLite / restore into an SQLite file only")
    connection.close()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    target = sqlite3.connect(name)
    try:

        def pages(status: int, remaining: int, total: int) -> None:
            if progress:
                progress(total - remaining, total)

        source.backup(target, pages=4096, progress=pages)
    finally:
        target.close()
        source.close()


def _restore_files(storage: Storage, files: Path, manifest: Manifest, progress: Progress) -> None:
    entries = manifest.files
    for done, entry in enumerate(entries, start=1):
        with (files / entry["path"]).open("rb") as stream:
            saved = storage.save(entry["path"], File(stream, name=entry["path"]))
        if saved != entry["path"]:
            raise BackupError(
                f"Kho tệp đổi tên {entry['path']!r} thành {saved!r} / the storage renamed a file"
            )
        if progress:
            progress(done, len(entries))


def verify_restored(
    connection: BaseDatabaseWrapper, storage: Storage, manifest: Manifest, progress: Progress
) -> None:
    """Every table has the manifest's rows and every file its size and checksum."""
    problems = compare_counts(manifest.tables, database_rows(connection))
    entries = manifest.files
    for done, entry in enumerate(entries, start=1):
        try:
            with storage.open(entry["path"], "rb") as stream:
                found = sha256_of(stream)
        except FileNotFoundError:
            found = ("", -1)
        if found != (entry["sha256"], entry["size"]):
            problems.append(f"{entry['path']}: tệp sai / file differs")
        if progress:
            progress(done, len(entries))
    extra = set(stored_names(storage)) - {entry["path"] for entry in entries}
    problems.extend(f"{name}: tệp thừa / unexpected file" for name in sorted(extra))
    if problems:
        raise BackupError(
            "Kiểm tra sau phục hồi thất bại / verification after restore failed:\n"
            + "\n".join(problems[:30])
        )
