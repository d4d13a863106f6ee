"""Benchmark of the data-cleaning campaign (chibo.data_quality.campaigns) on PostgreSQL.

Runs on a scratch database built by bench/tree_bench.py (300,000 units, 1,000,000 members by
default) and times, through the real functions:

- `refresh_member_checks(unit=largest province)`: the four tests of its active members written to
  `MemberCheck` (what `manage.py check_members --unit` runs), members per second; the rows of the
  rest of the country are then filled by one SQL statement, for the aggregation timings;
- `dashboard()`: percentages per child unit of the root (the country), of the largest province,
  of a ward and of a branch: one GROUP BY on the unit path prefix over the cached checks;
- `records_to_fix()` of a branch (the secretary's list);
- `snapshot_campaign()` of a campaign over the root: the day's counts of every unit of the tree,
  and the dashboard of the root and of the largest province read from that snapshot (what the
  page serves above 100,000 members);

and saves EXPLAIN (ANALYZE, BUFFERS) of the root's dashboard query to bench/out/.

    BENCH_DB=chibo_bench_dqc .venv/bin/python bench/tree_bench.py --reps 3 --skip-sql-comparison
    BENCH_DB=chibo_bench_dqc .venv/bin/python bench/dq_campaign_bench.py --reps 15
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from datetime import date, timedelta
from typing import Any

from benchlib import OUT, ensure_persona, setup_django, summarise, timed, write_json


def fmt(s: dict[str, float]) -> str:
    return f"p50={s['p50']:.1f} p95={s['p95']:.1f} max={s['max']:.1f} ms (n={s['n']:.0f})"


# Members with full, mostly clean records (so the four tests run every rule), some faults mixed
# in by id: no citizen ID, a lower-case name, an old 11-digit phone. Deterministic (by id).
BUILD_SQL = """
WITH branches AS (
    SELECT id, row_number() OVER (ORDER BY id) - 1 AS i
    FROM org_orgunit WHERE kind IN ('branch', 'grassroots_branch') AND status = 'active'
), people AS (
    SELECT g AS k, (hashtext(g::text) & 2147483647) AS h,
        (hashtext(g::text) & 2147483647) %% (SELECT count(*) FROM branches) AS slot
    FROM generate_series(1, %(n)s) AS g
)
INSERT INTO members_member (
    unit_id, full_name, search_name, sort_name, gender, status, birth_date,
    birth_date_precision, citizen_id, phone, home_town, permanent_address, ethnicity, religion,
    general_education, admitted_on, admission_ceremony_on, full_member_on, card_number, photo
)
SELECT b.id,
    CASE WHEN p.k %% 23 = 0 THEN 'nguyễn thị hòa' ELSE 'Nguyễn Thị Hòa' END,
    'nguyen thi hoa', 'hoa', 'female', 'full',
    make_date(1960 + p.h %% 40, 1 + p.h %% 12, 1 + p.h %% 28), 'day',
    CASE WHEN p.k %% 29 = 0 THEN ''
         ELSE '0791' || lpad(((60 + p.h %% 40) %% 100)::text, 2, '0')
              || lpad((p.k %% 1000000)::text, 6, '0') END,
    CASE WHEN p.k %% 31 = 0 THEN '0162' || lpad((p.h %% 10000000)::text, 7, '0')
         ELSE '09' || lpad((p.h %% 100000000)::text, 8, '0') END,
    'Phường Sài Gòn, Thành phố Hồ Chí Minh', '1 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
    '01', 'none', '12/12', make_date(2010, 5, 19), make_date(2010, 6, 1), make_date(2011, 6, 1),
    'B' || p.k, ''
FROM people p JOIN branches b ON b.i = p.slot
"""


FILL_SQL = """
INSERT INTO data_quality_membercheck (
    member_id, unit_id, unit_path, is_correct, is_complete, is_clean, is_current, reasons,
    checked_at
)
SELECT m.id, m.unit_id, u.path, m.id % 37 <> 0, m.citizen_id <> '',
    m.full_name = 'Nguyễn Thị Hòa' AND m.phone NOT LIKE '016%', false, '{}', now()
FROM members_member m JOIN org_orgunit u ON u.id = m.unit_id
WHERE m.status IN ('full', 'probationary')
ON CONFLICT (member_id) DO NOTHING
"""


def build_members(n: int) -> None:
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(BUILD_SQL, {"n": n})
        cursor.execute("VACUUM ANALYZE members_member")
    from chibo.members.actions import refresh_member_counts

    refresh_member_counts()
    print(f"built {n:,} members in {time.perf_counter() - start:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--skip-checks", action="store_true", help="reuse the MemberCheck rows")
    parser.add_argument(
        "--build-members",
        type=int,
        default=0,
        help="first insert this many members into the branches (when the scratch database has "
        "units but no members)",
    )
    args = parser.parse_args()

    setup_django()
    from django.db import connection
    from django.db.models.functions import Substr

    from chibo.data_quality.campaigns import actions, queries
    from chibo.data_quality.models import Campaign, MemberCheck
    from chibo.members.models import ACTIVE_STATUSES, Member
    from chibo.org.models import OrgUnit, UnitKind

    if args.build_members:
        build_members(args.build_members)
    user = ensure_persona()
    root = OrgUnit.objects.get_first_root_node()
    assert root is not None
    today = date.today()
    campaign = Campaign.objects.filter(root_unit=root).first() or Campaign.objects.create(
        name="bench", root_unit=root, starts_on=today - timedelta(days=10), ends_on=today
    )
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M"), "cases": []}
    members = Member.objects.filter(status__in=ACTIVE_STATUSES).count()
    results["members"] = members
    print(f"{members:,} active members, {OrgUnit.objects.count():,} units")

    province = OrgUnit.objects.filter(depth=2).order_by("-member_count").first()
    if not args.skip_checks:
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if now - last[0] > 5 or done == total:
                last[0] = now
                print(f"  checks {done:,}/{total:,}", file=sys.stderr, flush=True)

        # The real thing over the largest province; the rest of the country filled by SQL (the
        # aggregation timings below only need the rows to exist).
        start = time.perf_counter()
        checked = actions.refresh_member_checks(unit=province, progress=progress)
        seconds = time.perf_counter() - start
        results["refresh_member_checks"] = {
            "unit": province.code if province else None,
            "members": checked,
            "s": seconds,
        }
        print(
            f"refresh_member_checks({province.code if province else ''}): {checked:,} members "
            f"in {seconds:.1f} s ({checked / seconds:,.0f}/s)",
            flush=True,
        )
    # FILL_SQL skips the members already checked: it can run again.
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(FILL_SQL)
        cursor.execute(
            "UPDATE data_quality_membercheck SET confirmed_on = %s WHERE member_id %% 2 = 0",
            [today - timedelta(days=1)],
        )
        cursor.execute("VACUUM ANALYZE data_quality_membercheck")
    print(f"filled the other rows by SQL in {time.perf_counter() - start:.0f} s", flush=True)
    results["member_checks"] = MemberCheck.objects.count()

    ward = OrgUnit.objects.filter(depth=3).order_by("-member_count").first()
    branch = (
        OrgUnit.objects.filter(kind__in=(UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH))
        .order_by("-member_count")
        .first()
    )
    cases = [("root", root), ("largest province", province), ("largest ward", ward)]
    cases.append(("largest branch", branch))
    for label, unit in cases:
        if unit is None:
            continue
        samples, board = timed(
            functools.partial(queries.dashboard, user, campaign, unit, live=True), args.reps
        )
        stats = summarise(samples)
        results["cases"].append(
            {
                "case": f"dashboard {label}",
                "unit": unit.code,
                "members": board.summary.total,
                "children": len(board.rows),
                **stats,
            }
        )
        print(
            f"dashboard {label} ({unit.code}, {board.summary.total:,} members, "
            f"{len(board.rows)} rows): {fmt(stats)}"
        )
    if branch is not None:
        samples, (_rows, count) = timed(
            lambda: queries.records_to_fix(user, campaign, branch), args.reps
        )
        stats = summarise(samples)
        results["cases"].append({"case": "records_to_fix branch", "rows": count, **stats})
        print(f"records_to_fix ({branch.code}, {count} rows): {fmt(stats)}")

    start = time.perf_counter()
    written = actions.snapshot_campaign(campaign, on=today)
    seconds = time.perf_counter() - start
    results["snapshot_campaign"] = {"rows": written, "s": seconds}
    print(f"snapshot_campaign(root): {written:,} unit rows in {seconds:.1f} s")
    for label, unit in (("root", root), ("largest province", province)):
        if unit is None:
            continue
        samples, board = timed(
            functools.partial(queries.dashboard, user, campaign, unit, live=False), args.reps
        )
        stats = summarise(samples)
        results["cases"].append({"case": f"dashboard {label} from the snapshot", **stats})
        print(f"dashboard {label} from the snapshot ({len(board.rows)} rows): {fmt(stats)}")
    samples, _points = timed(lambda: queries.daily_progress(campaign, root, today=None), args.reps)
    print(f"daily_progress(root): {fmt(summarise(samples))}")

    width = len(root.path) + OrgUnit.steplen
    query = (
        MemberCheck.objects.filter(unit_path__startswith=root.path)
        .annotate(prefix=Substr("unit_path", 1, width))
        .values("prefix")
        .annotate(**actions.aggregates(queries._confirmed(campaign)))
        .order_by()
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "dq_campaign_explain_root.txt").write_text(plan)
    path = write_json("dq_campaign_bench.json", results)
    print(f"results: {path}")


if __name__ == "__main__":
    main()
