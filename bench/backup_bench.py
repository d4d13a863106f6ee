"""Backup and restore at scale: `backup_site` of the 1,000,000-member scratch database, then
`restore_site` into an empty one, each step timed (the recovery time, RTO, of docs/operations.md).

    .venv/bin/python bench/backup_bench.py                 # chibo_bench (built by tree_bench.py)
    .venv/bin/python bench/backup_bench.py --jobs 1,2      # restore in one transaction, then 2 jobs
    .venv/bin/python bench/backup_bench.py --files 500 --file-kb 100

The source database is only read (pg_dump from an exported snapshot). The restore goes into the
scratch database `<BENCH_DB>_restore`, dropped and created empty before each restore and dropped
at the end. Uploaded files: `--files` synthetic files of `--file-kb` KiB each in a temporary
MEDIA_ROOT (the bench data has no uploads of its own). Output: bench/out/backup_bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from benchlib import BENCH_DB, OUT, PG_SERVER, ROOT

SETTINGS = "chibo.operations.tests.drill_settings"


def manage(database: str, media: Path, *args: str) -> tuple[float, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        CHIBO_DRILL_DATABASE_URL=f"{PG_SERVER}/{database}",
        CHIBO_DRILL_MEDIA_ROOT=str(media),
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "manage.py", *args, "--skip-checks", "--no-progress"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout.strip()


def recreate(database: str) -> None:
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')


def drop(database: str) -> None:
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", default="1", help="restore job counts to time, e.g. 1,2")
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--file-kb", type=int, default=100)
    args = parser.parse_args()
    target = f"{BENCH_DB}_restore"
    with psycopg.connect(f"{PG_SERVER}/{BENCH_DB}") as conn:
        members, units, size = conn.execute(
            "SELECT (SELECT count(*) FROM members_member), (SELECT count(*) FROM org_orgunit), "
            "pg_database_size(current_database())"
        ).fetchall()[0]
    work = Path(tempfile.mkdtemp(prefix="chibo-backup-bench-"))
    result: dict[str, object] = {
        "database": BENCH_DB,
        "members": members,
        "units": units,
        "database_bytes": size,
        "files": args.files,
        "file_kb": args.file_kb,
    }
    try:
        media = work / "media"
        for n in range(args.files):
            path = media / "documents" / f"{n // 100:03d}" / f"file-{n:05d}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(args.file_kb * 1024))
        backup = work / "backup"
        seconds, out = manage(BENCH_DB, media, "backup_site", str(backup))
        manifest = json.loads((backup / "manifest.json").read_text())
        result["backup"] = {
            "seconds": round(seconds, 1),
            "steps": manifest["seconds"],
            "dump_bytes": manifest["database"]["size"],
            "rows": sum(manifest["tables"].values()),
        }
        print(f"backup: {seconds:.1f} s, dump {manifest['database']['size'] / 1e6:.0f} MB")
        restores = []
        for jobs in (int(j) for j in args.jobs.split(",")):
            recreate(target)
            restored_media = work / f"restored-{jobs}"
            seconds, out = manage(
                target, restored_media, "restore_site", str(backup), f"--jobs={jobs}"
            )
            restores.append({"jobs": jobs, "seconds": round(seconds, 1), "output": out})
            print(f"restore --jobs={jobs}: {seconds:.1f} s\n  {out}")
            shutil.rmtree(restored_media, ignore_errors=True)
        result["restores"] = restores
    finally:
        drop(target)
        shutil.rmtree(work, ignore_errors=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "backup_bench.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
