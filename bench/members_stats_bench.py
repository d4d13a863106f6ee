"""Benchmark of member statistics (chibo.members.queries.statistics) on PostgreSQL.

Uses the existing scratch database `chibo_bench` (300,000 units, 1,000,000 members, built by
bench/tree_bench.py) through the real query functions and the bench persona (committee_staff on
the root). Times, p50/p95 over repetitions:

- `refresh_unit_statistics()` (the daily snapshots of subtrees of 100,000 members or more);
- the live aggregate (profile counts + admissions per year) and what `unit_statistics()` serves
  (the snapshot for large subtrees, live otherwise) for the largest provinces, a
  subtree of about 370,000 members (the size of Ho Chi Minh City: the largest unit whose subtree
  is at most that many) when one exists, and of the root (the whole country);
- `member_changes()` (the "biến động" counts and lists of one year) of the same units;

and saves EXPLAIN (ANALYZE, BUFFERS) of the main aggregate to bench/out/.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chibo_bench \\
        DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python manage.py migrate
    .venv/bin/python bench/members_stats_bench.py --reps 15
"""

from __future__ import annotations

import argparse
import functools
import time
from datetime import date
from typing import Any

from benchlib import OUT, ensure_persona, setup_django, summarise, timed, write_json

TARGET_MEMBERS = 370_000


def fmt(s: dict[str, float]) -> str:
    return f"n={s['n']:.0f} p50={s['p50']:.1f} p95={s['p95']:.1f} max={s['max']:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=15, help="repetitions per unit")
    parser.add_argument("--provinces", type=int, default=3, help="largest provinces to time")
    args = parser.parse_args()

    setup_django()
    from django.db import connection
    from django.db.models import Count

    from chibo.members import actions, queries
    from chibo.members.queries import statistics
    from chibo.members.queries.statistics import subtree_members
    from chibo.org.models import OrgUnit

    user = ensure_persona()
    root = OrgUnit.objects.get_first_root_node()
    assert root is not None
    provinces = list(OrgUnit.objects.filter(depth=2).order_by("-member_count")[: args.provinces])
    near_target = (
        OrgUnit.objects.filter(member_count__lte=TARGET_MEMBERS, depth__gt=1)
        .order_by("-member_count")
        .first()
    )
    cases: list[tuple[str, Any]] = [(f"province {u.code}", u) for u in provinces]
    if near_target and near_target not in provinces:
        cases.append((f"largest unit ≤ {TARGET_MEMBERS:,} ({near_target.code})", near_target))
    cases.append(("root", root))
    today = date.today()
    year_start, year_end = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)

    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M"), "cases": []}

    def live_statistics(unit: Any) -> Any:
        return statistics._build(unit, today, statistics.compute_raw_statistics(unit, today))

    start = time.perf_counter()
    written = actions.refresh_unit_statistics()
    refresh_ms = (time.perf_counter() - start) * 1000
    results["refresh"] = {"snapshots": written, "ms": refresh_ms}
    print(f"refresh_unit_statistics(): {written} snapshots in {refresh_ms:.0f} ms")

    for label, unit in cases:
        unit.refresh_from_db()
        live = subtree_members(unit).count()
        live_statistics(unit)  # warm the cache once

        def served(u: Any = unit) -> Any:
            return queries.unit_statistics(user, u)

        def changes(u: Any = unit, with_members: bool = True) -> Any:
            return queries.member_changes(
                user, u, start=year_start, end=year_end, with_members=with_members
            )

        stats_ms, stats = timed(functools.partial(live_statistics, unit), args.reps)
        page_ms, _page = timed(served, args.reps)
        changes_ms, report = timed(changes, args.reps)
        counts_ms, _ = timed(functools.partial(changes, unit, False), args.reps)
        case = {
            "label": label,
            "code": unit.code,
            "active_members": live,
            "statistics_live": summarise(stats_ms),
            "statistics_served": summarise(page_ms),
            "served_from_snapshot": _page.computed_at is not None,
            "changes_with_lists": summarise(changes_ms),
            "changes_counts_only": summarise(counts_ms),
            "changes": {r.category.key: r.count for r in report.rows},
            "total": stats.total,
        }
        results["cases"].append(case)
        print(f"{label}: {live:,} active members")
        print(f"  live aggregate         {fmt(case['statistics_live'])}")
        source = "snapshot" if case["served_from_snapshot"] else "live"
        print(f"  unit_statistics ({source}) {fmt(case['statistics_served'])}")
        print(f"  member_changes (lists) {fmt(case['changes_with_lists'])}")
        print(f"  member_changes (counts){fmt(case['changes_counts_only'])}")

    # The plan of the one aggregate over the largest case below the root and over the root.
    for _label, unit in cases[-2:]:
        sql, params = (
            subtree_members(unit)
            .order_by()
            .values("ethnicity", "general_education")
            .annotate(n=Count("id"))
            .query.sql_with_params()
        )
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"members_stats_plan_{unit.code}.txt").write_text(plan)
    print("saved", write_json("members_stats_bench.json", results))


if __name__ == "__main__":
    main()
