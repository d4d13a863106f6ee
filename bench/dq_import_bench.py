"""Member-list import of 1,000,000 rows against PostgreSQL's own COPY of the same file (issue 4:
"importing 1,000,000 rows (parse, normalise, validate, write to PostgreSQL) takes at most 10
times as long as COPY of the same file into a bare table, measured side by side").

    .venv/bin/python bench/dq_import_bench.py                   # generate, load, time both
    .venv/bin/python bench/dq_import_bench.py --rows 20000      # a quick smoke run
    .venv/bin/python bench/dq_import_bench.py --workers 1       # normalise in the main process
    .venv/bin/python bench/dq_import_bench.py --drop            # drop the scratch database after

The file: `--rows` rows in the template's 19 columns (data_quality/importing/columns.py), seeded
and realistic: names from chibo/demo/names.py, citizen IDs with the right province/gender/century
digits, phones (10 %: +84 or the pre-2018 11-digit form), dates mostly dd/mm/yyyy (some
yyyy-mm-dd, d/m/yy, year only), home towns as old communes of the 63 provinces (as old records
write them), residences in Ho Chi Minh City's post-2025 wards with house and street, ethnic
groups, religions, education, qualifications, theory levels, card numbers, 1,000 branches.
Written once to bench/out/ (kept with `--reuse-file`).

The database: `chibo_bench_dqi` (override BENCH_DB), dropped and created, `manage.py migrate`
(every production index, the trigram index on member names included), a root unit BENCH with
1,000 branches under it.

Timed, in the same run on the same machine:
1. COPY: `COPY bare_members FROM STDIN (FORMAT csv, HEADER)` streaming the file from this
   process (as psql's \\copy does) into a bare table of 19 text columns, no index; best of 3.
2. Import: `manage.py import_members FILE --unit BENCH --workers N` as a separate process under
   /usr/bin/time -v (wall clock and peak memory): read, detect encoding and columns, normalise,
   validate, resolve branches, write members, admission/full-membership events, source keys,
   every raw row with its normalised values and issues, member counts, one audit event per
   2,000 rows, with a checkpoint per chunk.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DB", "chibo_bench_dqi")

from benchlib import BENCH_DB, DATABASE_URL, OUT, PG_SERVER, write_json  # noqa: E402

SEED = 20261122
BRANCHES = 1000
T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", flush=True)


# --- the file -------------------------------------------------------------------------------------


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def generate(path: Path, rows: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from vietnam_provinces import Ward

    from chibo.data_quality.importing.columns import TEMPLATE_COLUMNS
    from chibo.demo import names
    from chibo.demo.profiles import EMAIL_DOMAINS, old_place, residence
    from chibo.members.rules import PROVINCE_CODES, Gender, make_citizen_id

    rng = random.Random(SEED)
    hcm_wards = [w for w in Ward.iter_all() if int(w.province_code) == 79]
    provinces = list(PROVINCE_CODES)
    ethnic = {"Kinh": 90.0, "Hoa": 4.0, "Khmer": 2.0, "Tày": 1.0, "Chăm": 0.5, "Mường": 1.0}
    religions = {"Không": 80.0, "Phật giáo": 12.0, "Công giáo": 5.0, "Cao Đài": 1.5, "": 1.5}
    theory = {"Sơ cấp": 55.0, "Trung cấp": 30.0, "Cao cấp": 8.0, "Cử nhân": 2.0, "": 5.0}
    qualifications = (
        "Cử nhân Kế toán",
        "Kỹ sư Xây dựng",
        "Cử nhân Luật",
        "Bác sĩ Đa khoa",
        "Trung cấp Điện công nghiệp",
        "Thạc sĩ Kinh tế",
        "",
        "Cử nhân Sư phạm Toán",
    )
    occupations = (
        "Công chức",
        "Viên chức",
        "Giáo viên",
        "Công nhân",
        "Hưu trí",
        "Kinh doanh",
        "Bác sĩ",
        "Kỹ sư",
        "Nhân viên văn phòng",
        "Bộ đội xuất ngũ",
    )
    streets = names.STREETS
    today = date(2026, 11, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([header for _key, header in TEMPLATE_COLUMNS])
        for i in range(1, rows + 1):
            male = rng.random() < 0.55
            gender = Gender.MALE if male else Gender.FEMALE
            middle = _weighted(rng, names.MALE_MIDDLE_NAMES if male else names.FEMALE_MIDDLE_NAMES)
            given = rng.choice(names.MALE_GIVEN_NAMES if male else names.FEMALE_GIVEN_NAMES)
            name = f"{_weighted(rng, names.SURNAMES)} {middle} {given}"
            birth = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 64))
            admitted = birth + timedelta(days=rng.randint(365 * 19, 365 * 45))
            admitted = min(admitted, today - timedelta(days=30))
            full = admitted + timedelta(days=365 + rng.randint(0, 60))
            home_province = rng.choice(provinces)
            ward = rng.choice(hcm_wards)
            style = rng.random()
            if style < 0.85:
                birth_text = birth.strftime("%d/%m/%Y")
            elif style < 0.92:
                birth_text = birth.isoformat()
            elif style < 0.97:
                birth_text = f"{birth.day}/{birth.month}/{birth.year % 100:02d}"
            else:
                birth_text = str(birth.year)
            phone = f"09{rng.randint(0, 99_999_999):08d}"
            if rng.random() < 0.05:
                phone = "+84 " + phone[1:]
            elif rng.random() < 0.05:
                phone = "0168" + phone[3:]  # an 11-digit number of before 2018
            place = residence(rng, ward, f"Khu phố {rng.randint(1, 12)}").address
            place = place if rng.random() < 0.9 else f"{rng.randint(1, 300)} {rng.choice(streets)}"
            writer.writerow(
                [
                    f"HS{i:08d}",
                    name if rng.random() < 0.95 else name.upper(),
                    "Nam" if male else "Nữ",
                    birth_text,
                    make_citizen_id(
                        province_code=home_province,
                        gender=gender,
                        birth_year=birth.year,
                        serial=i % 1_000_000,
                    )
                    if rng.random() < 0.9
                    else "",
                    phone,
                    f"dv{i}@{rng.choice(EMAIL_DOMAINS)}" if rng.random() < 0.3 else "",
                    _weighted(rng, ethnic),
                    _weighted(rng, religions),
                    old_place(rng, home_province),
                    place,
                    rng.choice(("12/12", "12/12", "12/12", "10/10", "9/12")),
                    rng.choice(qualifications),
                    _weighted(rng, theory),
                    rng.choice(occupations),
                    f"{30_000_000 + i}",
                    admitted.strftime("%d/%m/%Y"),
                    full.strftime("%d/%m/%Y") if rng.random() < 0.96 else "",
                    f"B{rng.randint(1, BRANCHES):04d}",
                ]
            )
            if i % 200_000 == 0:
                log(f"  {i:,} rows written")


# --- the database ---------------------------------------------------------------------------------


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    env = {**os.environ, "DATABASE_URL": DATABASE_URL}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    code = (
        "from datetime import date\n"
        "from chibo.org.models import OrgUnit\n"
        "from chibo.core.text import fold, sort_text\n"
        "def f(code, name, kind):\n"
        "    return dict(code=code, name=name, search_name=fold(name), sort_name=sort_text(name),"
        " kind=kind, founded_on=date(2025, 7, 1))\n"
        "root = OrgUnit.add_root(**f('BENCH', 'Đảng bộ thử tải', 'grassroots_committee'))\n"
        f"for i in range(1, {BRANCHES + 1}):\n"
        "    root.add_child(**f(f'B{i:04d}', f'Chi bộ {i}', 'branch'))\n"
        "    root.refresh_from_db()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True
    )


def time_copy(path: Path, repeats: int = 3) -> list[float]:
    import psycopg

    from chibo.data_quality.importing.columns import TEMPLATE_KEYS

    columns = ", ".join(f"{key} text" for key in TEMPLATE_KEYS)
    times = []
    with psycopg.connect(DATABASE_URL) as conn:
        conn.execute(f"DROP TABLE IF EXISTS bare_members; CREATE TABLE bare_members ({columns})")
        conn.commit()
        for _ in range(repeats):
            conn.execute("TRUNCATE bare_members")
            conn.commit()
            start = time.perf_counter()
            with (
                conn.cursor() as cursor,
                cursor.copy("COPY bare_members FROM STDIN (FORMAT csv, HEADER)") as copy,
                path.open("rb") as source,
            ):
                while block := source.read(1 << 20):
                    copy.write(block)
            conn.commit()
            times.append(time.perf_counter() - start)
        count = conn.execute("SELECT count(*) FROM bare_members").fetchone()
        conn.execute("DROP TABLE bare_members")
        conn.commit()
    log(f"COPY: {', '.join(f'{t:.2f}' for t in times)} s ({count[0] if count else 0:,} rows)")
    return times


def time_import(path: Path, workers: int, chunk_rows: int | None = None) -> dict[str, float]:
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "CHIBO_DEBUG": "0"}
    command = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        "manage.py",
        "import_members",
        str(path),
        "--unit",
        "BENCH",
        "--workers",
        str(workers),
        "--no-progress",
    ]
    if chunk_rows:
        command += ["--chunk-rows", str(chunk_rows)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode:
        print(done.stdout, done.stderr, file=sys.stderr)
        raise SystemExit("import failed")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", done.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", done.stderr)
    cpu = float(user.group(1)) + float(system.group(1)) if user and system else -1.0
    log(f"import: {elapsed:.1f} s wall, {cpu:.0f} s CPU (with workers); {done.stdout.strip()}")
    return {
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "peak_rss_mb": int(peak.group(1)) / 1024 if peak else -1,
    }


def counts() -> dict[str, int]:
    import psycopg

    tables = {
        "members": "members_member",
        "events": "members_memberevent",
        "import_rows": "data_quality_importrow",
        "source_records": "data_quality_sourcerecord",
    }
    with psycopg.connect(DATABASE_URL) as conn:
        return {
            name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]  # noqa: S608
            for name, table in tables.items()
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-rows", type=int, default=None, help="import chunk size")
    parser.add_argument("--reuse-file", action="store_true")
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"dq_import_{args.rows}.csv"
    if not (args.reuse_file and path.exists()):
        log(f"generating {args.rows:,} rows → {path}")
        generate(path, args.rows)
    size_mb = path.stat().st_size / 1024 / 1024
    log(f"file: {size_mb:.0f} MB")
    log(f"fresh database {BENCH_DB}: migrate, 1 root + {BRANCHES} branches")
    fresh_database()
    copy_times = time_copy(path)
    result = time_import(path, args.workers, args.chunk_rows)
    stored = counts()
    log(f"stored: {stored}")
    best_copy = min(copy_times)
    ratio = result["seconds"] / best_copy
    summary = {
        "rows": args.rows,
        "file_mb": round(size_mb, 1),
        "workers": args.workers,
        "chunk_rows": args.chunk_rows,
        "copy_seconds": [round(t, 2) for t in copy_times],
        "import_seconds": round(result["seconds"], 1),
        "import_cpu_seconds": round(result["cpu_seconds"]),
        "import_rows_per_second": round(args.rows / result["seconds"]),
        "import_peak_rss_mb": round(result["peak_rss_mb"]),
        "ratio_import_to_copy": round(ratio, 1),
        "stored": stored,
    }
    write_json("dq_import_bench.json", summary)
    log(f"ratio import / COPY = {ratio:.1f} (target: at most 10)")
    if args.drop:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        log(f"dropped {BENCH_DB}")


if __name__ == "__main__":
    main()
