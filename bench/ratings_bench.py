"""Ratings and commendations on the 1,000,000-member bench tree (issue 14).

Targets: streaks ("excellent 5 years in a row") and badges due at a ceremony for a 370,000-member
subtree < 1 s with ten years of ratings; the cap check that closes a round over 700 grassroots
organisations < 2 s.

The bench tree has no 370,000-member subtree (provinces hold 10k-48k members), so the subtree
figures are measured on the national root (969,916 members: a harder case) and on the largest
province; the cap check on the round of a province with its grassroots organisations (more than
700 in the largest ones).

Run on a COPY of chibo_bench (never on chibo_bench itself):

    createdb -h 127.0.0.1 -U postgres -T chibo_bench chibo_bench_ratings
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chibo_bench_ratings \
        .venv/bin/python manage.py migrate
    BENCH_DB=chibo_bench_ratings .venv/bin/python bench/ratings_bench.py [--years 10]

The first run writes ten years of decided annual ratings for every active member (one round per
province per year, INSERT … SELECT in the database: about ten million rows; no assessment events,
which the measured reads never touch) and of every grassroots organisation and branch.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import ensure_persona, setup_django, summarise, timed, write_json

LAST_YEAR = 2025


def generate(years: int, province: str = "") -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM ratings_rating")
        if cur.fetchone()[0]:
            print("ratings already generated")
            return
        first = LAST_YEAR - years + 1
        started = time.perf_counter()
        only = "AND u.code = %s" if province else ""
        # Rounds: one per province, year and kind.
        cur.execute(
            """
            INSERT INTO ratings_ratinground (unit_id, year, quarter, kind, status, cap_percent,
                cap_confirmed, cap_source, rule_source, criteria, opened_on, closed_on,
                cap_decision_number, cap_decision_reason)
            SELECT u.id, y, 0, k, 'closed', 20, false, 'bench', 'bench', '[]'::jsonb,
                   make_date(y, 12, 1), make_date(y, 12, 28), '', ''
            FROM org_orgunit u, generate_series(%s, %s) y,
                 unnest(ARRAY['member', 'organisation']) k
            WHERE u.kind = 'provincial_committee' {only}
            """.format(only=only),  # noqa: S608, UP032 (a fixed fragment; the code is a parameter)
            [first, LAST_YEAR, *([province] if province else [])],
        )
        # Each unit's province and grassroots organisation (its deepest grassroots ancestor).
        cur.execute(
            """
            CREATE TEMP TABLE unit_owner AS
            SELECT u.id AS unit_id,
                   (SELECT p.id FROM org_orgunit p
                     WHERE p.path = substr(u.path, 1, 8) AND p.kind = 'provincial_committee')
                       AS province_id,
                   (SELECT g.id FROM generate_series(1, u.depth) d
                      JOIN org_orgunit g ON g.path = substr(u.path, 1, 4 * d)
                     WHERE g.kind IN ('grassroots_committee', 'grassroots_branch')
                     ORDER BY d DESC LIMIT 1) AS grassroots_id
            FROM org_orgunit u
            """
        )
        cur.execute("CREATE INDEX ON unit_owner (unit_id)")
        print(f"owners: {time.perf_counter() - started:.0f} s")
        # Levels: about 4 % of members excellent every year (the streaks), the rest spread.
        level = """
            CASE WHEN (m.id * 7) %% 100 < 4 THEN 'excellent'
                 WHEN ((m.id * 31 + y * 17) %% 100) < 8 THEN 'excellent'
                 WHEN ((m.id * 31 + y * 17) %% 100) < 82 THEN 'good'
                 WHEN ((m.id * 31 + y * 17) %% 100) < 97 THEN 'satisfactory'
                 ELSE 'unsatisfactory' END
        """
        cur.execute(
            f"""
            INSERT INTO ratings_rating (round_id, kind, year, quarter, member_id, organisation_id,
                unit_id, grassroots_id, stage, score, level, decided_on)
            SELECT r.id, 'member', y, 0, m.id, NULL, m.unit_id, o.grassroots_id,
                   'committee_decision', NULL, {level}, make_date(y, 12, 20)
            FROM members_member m
            JOIN unit_owner o ON o.unit_id = m.unit_id
            CROSS JOIN generate_series(%s, %s) y
            JOIN ratings_ratinground r
              ON r.unit_id = o.province_id AND r.year = y AND r.kind = 'member'
            WHERE m.status IN ('full', 'probationary')
            """,  # noqa: S608 (the CASE is ours, the years are parameters)
            [first, LAST_YEAR],
        )
        print(f"member ratings: {cur.rowcount} in {time.perf_counter() - started:.0f} s")
        cur.execute(
            """
            INSERT INTO ratings_rating (round_id, kind, year, quarter, member_id, organisation_id,
                unit_id, grassroots_id, stage, score, level, decided_on)
            SELECT r.id, 'organisation', y, 0, NULL, u.id, u.id, o.grassroots_id,
                   'committee_decision', NULL,
                   CASE WHEN (u.id * 7) %% 100 < 10 THEN 'excellent'
                        WHEN ((u.id * 13 + y) %% 100) < 85 THEN 'good'
                        ELSE 'satisfactory' END,
                   make_date(y, 12, 20)
            FROM org_orgunit u
            JOIN unit_owner o ON o.unit_id = u.id
            CROSS JOIN generate_series(%s, %s) y
            JOIN ratings_ratinground r
              ON r.unit_id = o.province_id AND r.year = y AND r.kind = 'organisation'
            WHERE u.kind IN ('grassroots_committee', 'grassroots_branch', 'branch')
            """,
            [first, LAST_YEAR],
        )
        print(f"organisation ratings: {cur.rowcount} in {time.perf_counter() - started:.0f} s")
        cur.execute("ANALYZE ratings_rating")
        cur.execute("ANALYZE ratings_ratinground")
    print(f"generated in {time.perf_counter() - started:.0f} s")


def measure(repetitions: int) -> dict[str, object]:
    from django.db import connection

    from chibo.access.policy import forget
    from chibo.commendations.queries.eligibility import badges_due
    from chibo.org.models import OrgUnit
    from chibo.ratings.models import Rating, RatingRound
    from chibo.ratings.queries.cap import cap_rows
    from chibo.ratings.queries.history import streaks

    user = ensure_persona()
    root = OrgUnit.objects.get_first_root_node()
    province = OrgUnit.objects.filter(kind="provincial_committee").order_by("-member_count").first()
    assert root is not None and province is not None
    results: dict[str, object] = {
        "ratings": Rating.objects.count(),
        "members_root": root.member_count,
        "members_province": province.member_count,
    }

    def run(name: str, fn) -> None:
        def call():
            forget(user)
            return fn()

        samples, value = timed(call, repetitions)
        stats = summarise(samples)
        results[name] = {**stats, "result": value}
        print(f"{name:48s} p50 {stats['p50']:7.0f} ms  max {stats['max']:7.0f} ms  → {value}")

    for label, unit in (("root", root), ("province", province)):
        run(
            f"streaks excellent 5y until {LAST_YEAR} ({label}, first page)",
            lambda unit=unit: streaks(
                user, unit, level="excellent", years=5, until=LAST_YEAR, limit=50
            )[1],
        )
        run(
            f"badges due 02/09/2026 ({label})",
            lambda unit=unit: len(badges_due(user, unit, date(2026, 9, 2))),
        )
    rnd = RatingRound.objects.filter(unit=province, year=LAST_YEAR, kind="member").first()
    assert rnd is not None
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(DISTINCT grassroots_id) FROM ratings_rating WHERE round_id = %s",
            [rnd.pk],
        )
        results["cap_grassroots"] = cur.fetchone()[0]
    run(
        f"cap check of {province.code}'s {LAST_YEAR} round "
        f"({results['cap_grassroots']} grassroots)",
        lambda: sum(1 for row in cap_rows(rnd) if row.breaks),
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument(
        "--province", default="", help="generate only this province's ratings (a quicker run)"
    )
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    if settings.DATABASES["default"]["NAME"] == "chibo_bench":
        raise SystemExit("refusing to write into chibo_bench: run on a copy (BENCH_DB=…)")
    generate(args.years, args.province)
    results = measure(args.repetitions)
    write_json("ratings_bench.json", results)


if __name__ == "__main__":
    main()
