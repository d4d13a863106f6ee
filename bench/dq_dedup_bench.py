"""Duplicate detection over 1,000,000 members on PostgreSQL: time < 60 s, peak memory < 4 GB.

    .venv/bin/python bench/dq_dedup_bench.py                 # build chibo_bench_dqd, then time
    .venv/bin/python bench/dq_dedup_bench.py --reuse         # time only, on the existing database
    .venv/bin/python bench/dq_dedup_bench.py --members 100000  # a quick smoke run
    .venv/bin/python bench/dq_dedup_bench.py --drop          # drop the scratch database after

Data: the dirty synthetic generator (chibo.data_quality.duplicates.synthetic, as
bench/dq_dirty_generator.py writes it) scaled to ~1,000,000 records (≈ 15 % of people with one or
two damaged extra records), stored as the importer stores them (name as given, `search_name`
folded, citizen ID and phone normalised), spread over 1,000 branches under one root, loaded by
`COPY`. Member ids follow the generator's record order, so the F1 of the flagged pairs at this
scale is measured too.

Timed: `manage.py find_duplicates --unit BENCH --export …` as a separate process under
`/usr/bin/time -v` (wall clock and maximum resident set size of the whole process: Django, the
PostgreSQL COPY out, DuckDB, Splink training and prediction, storing the queue and the CSV).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DB", "chibo_bench_dqd")

from benchlib import BENCH_DB, DATABASE_URL, OUT, PG_SERVER, write_json  # noqa: E402

T0 = time.perf_counter()
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def log(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", flush=True)


def segment(index: int) -> str:
    out = ""
    for _ in range(4):
        index, rest = divmod(index, 36)
        out = ALPHABET[rest] + out
    return out


def _esc(value: Any) -> str:
    if value is None:
        return r"\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def build(persons: int, branches: int) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    from chibo.core.text import fold, nfc
    from chibo.data_quality.duplicates.keys import record_keys
    from chibo.data_quality.duplicates.synthetic import generate

    log("migrate")
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    log(f"generating the dirty set for {persons:,} people")
    dirty = generate(persons, duplicate_rate=0.15, seed=2026)
    n = len(dirty.records)
    log(f"{n:,} records, {len(dirty.true_pairs):,} true pairs")
    ref_to_id = {r["source_ref"]: i + 1 for i, r in enumerate(dirty.records)}
    truth = OUT / "dq_dedup_truth.csv"
    OUT.mkdir(parents=True, exist_ok=True)
    with truth.open("w", newline="") as f:
        writer = csv.writer(f)
        for a, b in dirty.true_pairs:
            writer.writerow(sorted((ref_to_id[a], ref_to_id[b])))
    with psycopg.connect(DATABASE_URL) as conn, conn.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        units = ["1\t0001\t1\t1\tBENCH\tĐảng bộ (bench)\tdang bo (bench)\tdang bo (bench)\t"
                 "provincial_committee\tactive\t1990-01-01\t\\N\t\t\t0\n",
                 "2\t00010001\t2\t" + str(branches) + "\tBENCHG\tĐảng bộ cơ sở (bench)\t"
                 "dang bo co so (bench)\tdang bo co so (bench)\tgrassroots_committee\tactive\t"
                 "1990-01-01\t\\N\t\t\t0\n"]  # fmt: skip
        for i in range(branches):
            uid = i + 3
            name = f"Chi bộ {i + 1}"
            units.append(
                f"{uid}\t00010001{segment(i + 1)}\t3\t0\tBB{i + 1:05d}\t{name}\t{fold(name)}\t"
                f"{fold(name)}\tbranch\tactive\t1990-01-01\t\\N\t\t\t0\n"
            )
        with cur.copy(
            "COPY org_orgunit (id, path, depth, numchild, code, name, search_name, sort_name, "
            "kind, status, founded_on, ended_on, admin_code, admin_code_scheme, member_count) "
            "FROM STDIN"
        ) as copy:
            copy.write("".join(units))
        log("copying members")
        columns = (
            "id, unit_id, full_name, search_name, gender, birth_date, birth_date_precision, "
            "citizen_id, phone, home_town, status, photo"
        )
        with cur.copy(f"COPY members_member ({columns}) FROM STDIN") as copy:
            buffer = io.StringIO()
            for i, record in enumerate(dirty.records):
                keys = record_keys(record)
                name = nfc(" ".join(record["full_name"].split()))
                born = keys["birth_date"]
                buffer.write(
                    "\t".join(
                        _esc(v)
                        for v in (
                            i + 1,
                            3 + i % branches,
                            name[:120],
                            fold(name)[:120],
                            keys["gender"] or "male",
                            born.isoformat() if born else None,
                            keys["birth_precision"],
                            keys["citizen_id"] or "",
                            keys["phone"] or "",
                            record["home_town"],
                            "full",
                            "",
                        )
                    )
                    + "\n"
                )
                if (i + 1) % 50_000 == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
                    log(f"  {i + 1:,}/{n:,}")
            copy.write(buffer.getvalue())
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('members_member', 'id'), max(id)) "
            "FROM members_member"
        )
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('org_orgunit', 'id'), max(id)) FROM org_orgunit"
        )
        conn.commit()
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) members_member")
        conn.execute("VACUUM (ANALYZE) org_orgunit")
    return {"records": n, "true_pairs": len(dirty.true_pairs)}


def run_detection() -> dict[str, Any]:
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("TRUNCATE data_quality_duplicatepair, data_quality_detectionrun CASCADE")
    export = OUT / "dq_pairs_1m.csv"
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    command = [
        "/usr/bin/time",
        "-v",
        str(ROOT / ".venv/bin/python"),
        str(ROOT / "manage.py"),
        "find_duplicates",
        "--unit",
        "BENCH",
        "--export",
        str(export),
        "--skip-checks",
    ]
    log("timing: " + " ".join(command[2:]))
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    print(done.stdout)
    if done.returncode != 0:
        print(done.stderr[-4000:])
        raise SystemExit("find_duplicates failed")
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))  # type: ignore[union-attr]
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (.+)", done.stderr)
    stages = re.search(r"giai đoạn / stages: (.*)", done.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", done.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", done.stderr)
    return {
        "stages": stages.group(1) if stages else "",
        "wall_s": round(wall, 1),
        "time_v_elapsed": elapsed.group(1) if elapsed else "",
        "peak_rss_mb": round(rss_kb / 1024),
        "cpu_user_s": float(user.group(1)) if user else None,
        "cpu_system_s": float(system.group(1)) if system else None,
        "load_average_before": os.getloadavg(),
        "stdout": done.stdout.strip(),
        "export": str(export),
    }


def score(export: str) -> dict[str, Any]:
    from chibo.data_quality.duplicates.linkage import f1_of

    truth = OUT / "dq_dedup_truth.csv"
    with truth.open() as f:
        actual = [(int(a), int(b)) for a, b in csv.reader(f)]
    flagged: list[tuple[int, int]] = []
    review: list[tuple[int, int]] = []
    with open(export, encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for left, right, probability in reader:
            pair = (int(left.removeprefix("CBS-")), int(right.removeprefix("CBS-")))
            (flagged if float(probability) >= 0.99 else review).append(pair)
    m = f1_of(flagged, actual)
    m_all = f1_of(flagged + review, actual)
    return {
        "flagged": {"precision": m.precision, "recall": m.recall, "f1": m.f1, "n": m.predicted},
        "flagged_and_review": {
            "precision": m_all.precision,
            "recall": m_all.recall,
            "f1": m_all.f1,
        },
        "true_pairs": m.actual,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=1_000_000, help="about this many records")
    parser.add_argument("--branches", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    args = parser.parse_args()
    facts: dict[str, Any] = {"database": BENCH_DB}
    if not args.reuse:
        # ~1.17 records per person with duplicate_rate 0.15 (one or two extra records).
        facts["data"] = build(round(args.members / 1.1725), args.branches)
    facts["detection"] = run_detection()
    log(f"detection: {facts['detection']}")
    facts["accuracy"] = score(facts["detection"]["export"])
    log(f"accuracy: {facts['accuracy']}")
    write_json("dq_dedup_bench.json", facts)
    if args.drop:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        log(f"dropped {BENCH_DB}")


if __name__ == "__main__":
    main()
