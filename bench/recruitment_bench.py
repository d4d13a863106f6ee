"""Recruitment at national scale, on PostgreSQL: the progress of a large subtree against its
target (admissions of the year from the registry's events, candidates per step, late ones, the
tally of the units below) and a ward's candidate list (the page's first page and its count).

Runs on a copy of the 1,000,000-member bench database (never on `chibo_bench` itself):

    createdb -h 127.0.0.1 -U postgres -T chibo_bench chibo_bench_recruitment
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chibo_bench_recruitment \\
        .venv/bin/python manage.py migrate
    BENCH_DB=chibo_bench_recruitment .venv/bin/python bench/recruitment_bench.py --build
    BENCH_DB=chibo_bench_recruitment .venv/bin/python bench/recruitment_bench.py
    dropdb -h 127.0.0.1 -U postgres chibo_bench_recruitment

`--build` writes in bulk (INSERT ... SELECT): one admission event per member (2.5 % of them in
the bench year, the others spread over 1980-2025), three candidates in every fourth branch at a
step drawn from the pipeline (those past the branch vote with a deadline, some late), and a
target for every province and ward of the year; then VACUUM ANALYZE. The bench tree has no
370,000-member subtree (provinces hold 10k-48k), so the large case is the root: ~970,000 members,
a superset of the target's subtree.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import ensure_persona, latency_line, setup_django, summarise, timed, write_json

YEAR = 2026
TODAY = date(2026, 12, 4)


def build() -> None:
    from django.db import connection

    steps = [
        "",
        "awareness_course",
        "sympathiser",
        "application",
        "verification",
        "opinions",
        "branch_vote",
        "grassroots_resolution",
        "decision",
    ]
    with connection.cursor() as cur:
        t = time.perf_counter()
        cur.execute(
            """
            INSERT INTO members_memberevent (kind, effective_on, decision_number, deciding_body,
                details, recorded_at, member_id, to_unit_id)
            SELECT 'admission',
                   CASE WHEN m.id %% 40 = 0
                        THEN date '2026-01-01' + (m.id %% 330)::int
                        ELSE date '1980-01-01' + (m.id %% 16400)::int END,
                   '', '', '{}'::jsonb, now(), m.id, m.unit_id
            FROM members_member m
            WHERE NOT EXISTS (SELECT 1 FROM members_memberevent e
                              WHERE e.member_id = m.id AND e.kind = 'admission')
            """,
            [],
        )
        print(f"admission events: {cur.rowcount} in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        cur.execute("DELETE FROM recruitment_candidate")
        cur.execute(
            """
            INSERT INTO recruitment_candidate (created_at, updated_at, full_name, search_name,
                gender, birth_date, general_education, occupation, age_exception_number, status,
                last_step, last_step_on, next_due_on, unit_id)
            SELECT now(), now(), 'Quần chúng ' || u.id || '-' || g,
                   'quan chung ' || u.id || '-' || g, 'male',
                   date '1995-01-01' + ((u.id + g) %% 3000)::int, '12/12', '', '', 'active',
                   (%s::text[])[1 + ((u.id + g) %% 9)::int],
                   CASE WHEN (u.id + g) %% 9 = 0 THEN NULL
                        ELSE date '2026-11-01' - ((u.id + g) %% 200)::int END,
                   CASE WHEN (u.id + g) %% 9 >= 6
                        THEN date '2026-10-01' + ((u.id * 7 + g) %% 150)::int END,
                   u.id
            FROM org_orgunit u CROSS JOIN generate_series(1, 3) g
            WHERE u.kind IN ('branch', 'grassroots_branch') AND u.id %% 4 = 0
            """,
            [steps],
        )
        print(f"candidates: {cur.rowcount} in {time.perf_counter() - t:.1f} s")
        cur.execute("DELETE FROM recruitment_target WHERE year = %s", [YEAR])
        cur.execute(
            """
            INSERT INTO recruitment_target (year, target, updated_at, unit_id)
            SELECT %s, greatest(1, u.member_count / 40), now(), u.id FROM org_orgunit u
            WHERE u.kind IN ('provincial_committee', 'upper_grassroots')
            """,
            [YEAR],
        )
        print(f"targets: {cur.rowcount}")
    connection.connection.autocommit = True
    with connection.cursor() as cur:
        for table in ("members_memberevent", "recruitment_candidate", "recruitment_target"):
            cur.execute(f"VACUUM (ANALYZE) {table}")


def run(reps: int, wards: int) -> None:
    from chibo.org.models import OrgUnit
    from chibo.recruitment import queries

    user = ensure_persona()
    root = OrgUnit.objects.get(depth=1)
    province = OrgUnit.objects.filter(depth=2).order_by("-member_count").first()
    assert province is not None
    results: dict[str, object] = {"load_before": os.getloadavg()}
    for label, unit in (("root", root), ("largest province", province)):
        queries.progress(user, unit, YEAR, TODAY)  # warm
        samples, progress = timed(
            functools.partial(queries.progress, user, unit, YEAR, TODAY), reps
        )
        stats = summarise(samples)
        print(
            f"progress {label} ({unit.member_count} members): target {progress.target}, "
            f"admitted {progress.admitted}, late {progress.late}: {latency_line(stats)}"
        )
        results[f"progress_{label}"] = stats
        samples, rows = timed(functools.partial(queries.tally, user, unit, YEAR), reps)
        stats = summarise(samples)
        print(f"tally {label} ({len(rows)} units below): {latency_line(stats)}")
        results[f"tally_{label}"] = stats
    sample = list(
        OrgUnit.objects.filter(depth=3)
        .order_by("-member_count")
        .values_list("code", flat=True)[:wards]
    )
    samples = []
    counts = []
    for code in sample:
        start = time.perf_counter()
        ward = queries.get_unit(user, code)
        rows = queries.candidates_for(user, ward)
        page = list(rows[:50])
        counts.append((rows.count(), len(page)))
        samples.append((time.perf_counter() - start) * 1000)
    stats = summarise(samples)
    print(
        f"candidate list of a ward (first page + count, {len(sample)} largest wards, "
        f"{min(c for c, _p in counts)}-{max(c for c, _p in counts)} candidates): "
        f"{latency_line(stats)}"
    )
    results["ward_list"] = stats
    results["load_after"] = os.getloadavg()
    print(f"load average {results['load_before']} -> {results['load_after']}")
    write_json("recruitment_bench.json", results)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--wards", type=int, default=100)
    args = parser.parse_args()
    if os.environ.get("BENCH_DB", "chibo_bench") == "chibo_bench":
        raise SystemExit("Run on a copy: BENCH_DB=chibo_bench_recruitment (see the docstring).")
    setup_django()
    if args.build:
        build()
    run(args.reps, args.wards)


if __name__ == "__main__":
    main()
