"""Post gaps of a large subtree (issue 18: < 1 s for a 370,000-member subtree) and the planning
list of a ward with its standards checked (p95 < 300 ms), on a copy of the benchmark database,
never on chibo_bench itself.

    createdb -h 127.0.0.1 -U postgres -T chibo_bench chibo_bench_cadres
    BENCH_DB=chibo_bench_cadres .venv/bin/python bench/cadres_bench.py
    dropdb -h 127.0.0.1 -U postgres chibo_bench_cadres

It migrates the cadres app, then (once) writes in bulk (COPY) the 2025-2030 posts of every unit
of the tree (six committee posts for each committee, secretary and deputy for each branch, with
the seats of a ward-sized committee), about 9 % of them below their seats with a vacant_since
spread over the term; and a ward's 2030-2035 planning list of 60 people with their earlier posts.

chibo_bench has no 370,000-member subtree (its biggest province holds about 50,000 members of
1,000,000), so the gaps are timed on the national root (1,000,000 members, 300,000 units: a
stricter case than the target's) and on the biggest province, as committee-staff logins granted
there: `queries.post_gaps` (first page of 50 and its count, as the API answers), and
`queries.gap_summary` (the page's charts). Then `queries.planning_view` of the ward's list.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import sys
from datetime import date, timedelta

os.environ.setdefault("BENCH_DB", "chibo_bench_cadres")

from benchlib import BENCH_DB, latency_line, setup_django, summarise, timed, write_json

TERM_ON = date(2025, 9, 20)
COMMITTEE = (
    ("secretary", 1),
    ("deputy_secretary", 2),
    ("standing_member", 5),
    ("committee_member", 15),
    ("inspection_chair", 1),
    ("inspection_member", 5),
)
BRANCH = (("secretary", 1), ("deputy_secretary", 1))


def _generate_posts(connection) -> int:
    rng = random.Random(18)
    with connection.cursor() as cursor:
        cursor.execute("select id, kind from org_orgunit where status = 'active'")
        units = cursor.fetchall()
    rows = []
    posts: tuple[tuple[str, int], ...]
    for unit_id, kind in units:
        if kind in ("provincial_committee", "upper_grassroots", "grassroots_committee"):
            posts = COMMITTEE
        elif kind in ("branch", "grassroots_branch"):
            posts = BRANCH
        else:
            continue
        for post_kind, seats in posts:
            vacant = rng.random() < 0.09
            filled = seats - 1 if vacant else seats
            since = TERM_ON + timedelta(days=rng.randrange(0, 440)) if vacant else None
            rows.append(
                (
                    unit_id,
                    post_kind,
                    2025,
                    2030,
                    TERM_ON,
                    seats,
                    "15-QĐ/ĐU",
                    "Ban Thường vụ",
                    filled,
                    since,
                )
            )
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            "COPY cadres_post (unit_id, kind, term_start, term_end, term_starts_on, seats, "
            "seats_decision, seats_decided_by, filled, vacant_since, created_at) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row((*row, "2025-09-20 08:00:00+07"))
    with connection.cursor() as cursor:
        cursor.execute("analyze cadres_post")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if BENCH_DB == "chibo_bench":
        sys.exit("Refusing to write into chibo_bench: copy it first (see the docstring).")
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", "cadres", verbosity=0)
    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.cadres import actions, queries
    from chibo.cadres.models import Incumbency, PlanningList, Post
    from chibo.members.models import Member
    from chibo.org.models import OrgUnit

    if not Post.objects.exists():
        print(f"posts written: {_generate_posts(connection)}")
    root = OrgUnit.objects.get(depth=1)
    province = OrgUnit.objects.filter(depth=2).order_by("-member_count").first()
    ward = (
        OrgUnit.objects.filter(path__startswith=province.path, kind="upper_grassroots")
        .order_by("-member_count")
        .first()
    )

    def login(name: str, unit: OrgUnit) -> User:
        user = User.objects.filter(username=name).first() or User.objects.create_user(
            username=name, password="bench-only-" + os.urandom(8).hex()
        )
        Grant.objects.get_or_create(user=user, unit=unit, role=Role.COMMITTEE_STAFF)
        return user

    results: dict[str, object] = {"posts": Post.objects.count()}
    today = timezone.localdate()
    for label, unit in (("root", root), ("province", province)):
        user = login(f"bench_cadres_{label}", unit)
        members = unit.member_count

        def first_page(user=user, unit=unit):
            rows = queries.post_gaps(user, unit, today=today)
            return len(list(rows[:50])), rows.count()

        samples, (n, count) = timed(first_page, args.repeat)
        stats = summarise(samples)
        print(f"gaps {label} ({members} members, {count} gaps, page {n}): {latency_line(stats)}")
        results[f"gaps_{label}"] = {"members": members, "gaps": count, **stats}
        samples, summary = timed(functools.partial(queries.gap_summary, user, unit, today=today), 5)
        stats = summarise(samples)
        print(f"gap charts {label} ({summary.posts} gaps): {latency_line(stats)}")
        results[f"gap_summary_{label}"] = stats

    staff = login("bench_cadres_ward", ward)
    planning = PlanningList.objects.filter(unit=ward, term_start=2030).first()
    if planning is None:
        planning = actions.create_planning_list(
            actor=staff, unit=ward, term_start=2030, term_end=2035
        )
        people = list(
            Member.objects.active().filter(unit__path__startswith=ward.path).order_by("pk")[:60]
        )
        ward_posts = {p.kind: p for p in Post.objects.filter(unit=ward, term_start=2025)}
        kinds = [k for k, _s in COMMITTEE]
        for i, person in enumerate(people):
            kind = kinds[i % len(kinds)]
            actions.plan_person(
                actor=staff, planning_id=planning.pk, post_kind=kind, member_id=person.pk
            )
            lower = ward_posts.get("committee_member")
            if lower is not None and i % 2 == 0:
                Incumbency.objects.create(
                    post=lower,
                    member=person,
                    how="elected",
                    start_on=TERM_ON,
                    decision_number="01-NQ/ĐH",
                    deciding_body="Đại hội",
                    decided_on=TERM_ON,
                )
    samples, planned = timed(functools.partial(queries.planning_view, staff, planning), args.repeat)
    stats = summarise(samples)
    n_people = sum(len(p) for _k, p in planned.by_post)
    print(
        f"planning list of {ward.name} ({n_people} people, {planned.flagged} flagged): "
        f"{latency_line(stats)}"
    )
    results["planning_view"] = {"people": n_people, **stats}
    write_json("cadres_bench.json", results)


if __name__ == "__main__":
    main()
