"""The task dashboard of a large subtree (issue 11: p95 < 500 ms for 100,000 tasks), on a copy
of the benchmark database, never on chibo_bench itself.

    createdb -h 127.0.0.1 -U postgres -T chibo_bench chibo_bench_assignments
    BENCH_DB=chibo_bench_assignments .venv/bin/python bench/assignments_bench.py
    dropdb -h 127.0.0.1 -U postgres chibo_bench_assignments

It migrates the assignments app, then (once) writes `--tasks` tasks (default 100,000) in bulk
into the programmes of the biggest provincial committee's subtree: accountable units and owners
drawn from its units and members, due dates over the year, states as the workflow leaves them
(about 55 % accepted on time, 15 % accepted late, 10 % returned, the rest open). Then it times,
as a committee-staff login granted on that committee, `queries.task_dashboard` for the year and
for one quarter, `queries.task_indicator_counts` (what the reports module reads), and the first
page of the unit's overdue tasks, each `--repeat` times, and reports p50/p95/max.

chibo_bench has no 370,000-member subtree (its biggest province holds about 50,000 members of
1,000,000); the figure that matters for the dashboard is the number of tasks it folds, so all
100,000 go into that one subtree, and the national root (1,000,000 members) is timed too.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, timedelta

os.environ.setdefault("BENCH_DB", "chibo_bench_assignments")

from benchlib import BENCH_DB, latency_line, setup_django, summarise, timed, write_json

YEAR = 2026


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if BENCH_DB == "chibo_bench":
        sys.exit("Refusing to write into chibo_bench: copy it first (see the docstring).")
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "assignments", verbosity=0)
    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.assignments import queries
    from chibo.assignments.models import Task
    from chibo.org.models import OrgUnit

    province = OrgUnit.objects.raw(
        "select u.id, u.path from org_orgunit u where u.depth = 2 order by "
        "(select count(*) from members_member m join org_orgunit x on x.id = m.unit_id "
        " where x.path like u.path || '%%') desc limit 1"
    )[0]
    province = OrgUnit.objects.get(pk=province.pk)
    user = User.objects.filter(username="bench_assignments").first() or User.objects.create_user(
        username="bench_assignments", password="bench-only-" + os.urandom(8).hex()
    )
    Grant.objects.get_or_create(user=user, unit=province, role=Role.COMMITTEE_STAFF)
    existing = Task.objects.filter(accountable_unit__path__startswith=province.path).count()
    if existing < args.tasks:
        _generate(province, args.tasks - existing, connection)
    total = Task.objects.filter(accountable_unit__path__startswith=province.path).count()
    members = connection.cursor()
    members.execute(
        "select count(*) from members_member m join org_orgunit u on u.id = m.unit_id "
        "where u.path like %s",
        [province.path + "%"],
    )
    n_members = members.fetchone()[0]
    print(f"{province.name}: {n_members} members, {total} tasks")
    root = OrgUnit.objects.get(depth=1)
    root_user = User.objects.filter(username="bench_assignments_root").first() or (
        User.objects.create_user(
            username="bench_assignments_root", password="bench-only-" + os.urandom(8).hex()
        )
    )
    Grant.objects.get_or_create(user=root_user, unit=root, role=Role.COMMITTEE_STAFF)
    cases = {
        "dashboard_year": lambda: queries.task_dashboard(user, province, year=YEAR),
        "dashboard_q2": lambda: queries.task_dashboard(user, province, year=YEAR, quarter=2),
        "indicator_counts_q2": lambda: queries.task_indicator_counts(
            province, date(YEAR, 4, 1), date(YEAR, 6, 30)
        ),
        "overdue_first_page": lambda: list(
            queries.unit_tasks(user, province, status="overdue")[:50]
        ),
        "dashboard_year_national_root": lambda: queries.task_dashboard(root_user, root, year=YEAR),
    }
    results = {}
    for name, fn in cases.items():
        fn()  # warm
        samples, _last = timed(fn, args.repeat)
        stats = summarise(samples)
        results[name] = stats
        print(f"{name:32} {latency_line(stats)}")
    write_json(
        "assignments_bench.json",
        {"db": BENCH_DB, "unit": province.code, "members": n_members, "tasks": total, **results},
    )


def _generate(province, count: int, connection) -> None:
    """Bulk rows (executemany): programmes for the province and its wards, tasks in them."""
    from chibo.assignments.models import WorkProgramme
    from chibo.org.models import OrgUnit

    rng = random.Random(11)
    units = list(
        OrgUnit.objects.filter(path__startswith=province.path).values_list("id", "path", "depth")
    )
    wards = [u for u in units if u[2] == province.depth + 1] or [(province.pk, province.path, 0)]
    programmes = {}
    for ward_id, _path, _d in wards:
        p, _created = WorkProgramme.objects.get_or_create(
            unit_id=ward_id, year=YEAR, quarter=0, defaults={"title": f"Chương trình {YEAR}"}
        )
        programmes[ward_id] = p.pk
    ward_of = {}
    for uid, path, _d in units:
        ward = next((w for w in wards if path.startswith(w[1])), wards[0])
        ward_of[uid] = ward[0]
    cursor = connection.cursor()
    cursor.execute(
        "select m.id, m.unit_id from members_member m join org_orgunit u on u.id = m.unit_id "
        "where u.path like %s",
        [province.path + "%"],
    )
    member_rows = cursor.fetchall()
    today = date(YEAR, 12, 4)
    rows = []
    for _i in range(count):
        owner, unit_id = rng.choice(member_rows)
        ward = ward_of[unit_id]
        due = date(YEAR, 1, 1) + timedelta(days=rng.randint(20, 364))
        issued = due - timedelta(days=rng.randint(15, 60))
        roll = rng.random()
        status, submitted, accepted = "issued", None, None
        if due < today:
            if roll < 0.55:
                status, submitted, accepted = "accepted", due, due
            elif roll < 0.7:
                late = min(due + timedelta(days=rng.randint(1, 20)), today)
                status, submitted, accepted = "accepted", late, late
            elif roll < 0.8:
                status, submitted = "returned", due
            else:
                status = "in_progress"
        elif roll < 0.3:
            status, submitted = "submitted", min(today, due)
        rows.append(
            (
                programmes[ward],
                ward,
                owner,
                "Nhiệm vụ",
                "Nội dung",
                due,
                unit_id,
                "Sản phẩm",
                ward,
                "normal",
                "",
                status,
                due,
                issued,
                submitted,
                accepted,
                False,
            )
        )
    sql = (
        "insert into assignments_task (programme_id, unit_id, owner_id, title, scope, "
        "original_due_on, accountable_unit_id, deliverable, approver_unit_id, priority, "
        "source_note, status, due_on, issued_on, submitted_on, accepted_on, extension_pending, "
        "created_at) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
        "%s, now())"
    )
    for start in range(0, len(rows), 5000):
        cursor.executemany(sql, rows[start : start + 5000])
    cursor.execute("analyze assignments_task")
    print(f"wrote {len(rows)} tasks")


if __name__ == "__main__":
    main()
