"""The reports module's numbers (issue 11), on a copy of the benchmark database, never on
chibo_bench itself:

    createdb -h 127.0.0.1 -U postgres -T chibo_bench chibo_bench_reports
    BENCH_DB=chibo_bench_reports .venv/bin/python bench/reports_bench.py
    dropdb -h 127.0.0.1 -U postgres chibo_bench_reports

It migrates the reports (and assignments) apps, makes a template of 20 computed indicators (every
family: members, member events, meetings, documents, tasks) plus two entered ones and a formula,
then:

- **roll-up**: one quarterly request from the national root to 2,000 of its upper-grassroots
  units, every report accepted (rows written in bulk, figures made up), and times
  `queries.rollup.rollup` (completeness, the sums of the accepted reports and the live figures
  of the same 2,000 subtrees, 1,000,000 members below them) — target < 2 s;
- **pre-fill**: `actions.submissions.prefill_report` of the report of the unit (depth >= 2) with
  the most members — target < 1 s for a 45,000-member ward. chibo_bench has no ward that big:
  its biggest unit below the root is timed and its member count printed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, datetime

os.environ.setdefault("BENCH_DB", "chibo_bench_reports")

from benchlib import BENCH_DB, latency_line, setup_django, summarise, timed, write_json

COMPUTED = [
    "members_total",
    "members_full",
    "members_probationary",
    "members_female",
    "members_exempt",
    "members_away",
    "admissions",
    "full_memberships",
    "transfers_in",
    "transfers_out",
    "deaths",
    "members_left",
    "meetings_held",
    "meetings_regular",
    "meetings_thematic",
    "attendance_rate",
    "documents_received",
    "documents_read_rate",
    "tasks_due",
    "tasks_on_time_rate",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if BENCH_DB == "chibo_bench":
        sys.exit("Refusing to write into chibo_bench: copy it first (see the docstring).")
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from chibo.access import policy
    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.org.models import OrgUnit, UnitKind
    from chibo.reports.actions import requests, submissions, templates
    from chibo.reports.indicators import registry
    from chibo.reports.models import IndicatorSource, Report
    from chibo.reports.queries import rollup as rollup_queries

    assert len(COMPUTED) == 20 and set(COMPUTED) <= set(registry()), "registry changed"
    root = OrgUnit.objects.get(depth=1)
    user = User.objects.filter(username="bench_reports").first() or User.objects.create_user(
        username="bench_reports", password="bench-reports-2026"
    )
    Grant.objects.get_or_create(user=user, unit=root, role=Role.COMMITTEE_STAFF)
    policy.forget(user)
    t = templates.create_template(actor=user, unit=root, name="Báo cáo quý (bench)")
    for code in COMPUTED:
        templates.add_indicator(
            actor=user,
            template_id=t.pk,
            code=code,
            source=IndicatorSource.COMPUTED,
            computed_code=code,
        )
    for code in ("candidates", "admitted"):
        templates.add_indicator(
            actor=user, template_id=t.pk, code=code, label=code, source=IndicatorSource.ENTERED
        )
    templates.add_indicator(
        actor=user,
        template_id=t.pk,
        code="share",
        label="share",
        source=IndicatorSource.FORMULA,
        formula="admitted * 100 / candidates",
    )
    req = requests.create_request(
        actor=user,
        unit=root,
        template_id=t.pk,
        period_kind="quarter",
        year=2026,
        number=1,
        deadline=date(2026, 4, 10),
        target_kind=UnitKind.UPPER_GRASSROOTS,
    )
    # Keep `--units` of the expected reports, all accepted with made-up figures (bulk).
    ids = list(req.reports.order_by("unit__path").values_list("pk", flat=True))
    Report.objects.filter(pk__in=ids[args.units :]).delete()
    rng = random.Random(7)
    from django.utils import timezone

    sent = timezone.make_aware(datetime(2026, 4, 8, 10))
    rows = list(Report.objects.filter(request=req))
    for r in rows:
        r.status = "accepted"
        r.first_sent_at = r.sent_at = sent
        r.computed_at = sent
        r.values = {c: rng.randint(0, 400) for c in COMPUTED} | {
            "attendance_present": rng.randint(0, 900),
            "attendance_expected": 1000,
            "documents_read": rng.randint(0, 900),
            "tasks_accepted_on_time": rng.randint(0, 9),
            "candidates": rng.randint(5, 20),
            "admitted": rng.randint(0, 5),
        }
    Report.objects.bulk_update(
        rows, ["status", "first_sent_at", "sent_at", "computed_at", "values"], batch_size=500
    )
    print(f"request {req.pk}: {len(rows)} accepted reports, 20 computed indicators")
    samples, result = timed(lambda: rollup_queries.rollup(req), args.repeat)
    roll = summarise(samples)
    print(f"{'roll-up (2,000 units)':32} {latency_line(roll)}  lines={len(result.lines)}")

    # The unit below the root with the most members in its subtree (member_count caches it).
    big = OrgUnit.objects.filter(depth=2).order_by("-member_count").first()
    from chibo.members.models import Member

    members = Member.objects.filter(unit__path__startswith=big.path).count()
    ward_req = (
        requests.create_request(
            actor=user,
            unit=OrgUnit.objects.get(path=big.path[: -big.steplen]),
            template_id=t.pk,
            period_kind="quarter",
            year=2026,
            number=1,
            deadline=date(2026, 4, 10),
        )
        if big.depth > 1
        else None
    )
    report = Report.objects.get(request=ward_req, unit=big)
    samples, _ = timed(
        lambda: submissions.prefill_report(actor=user, report_id=report.pk), args.repeat
    )
    pre = summarise(samples)
    print(f"{'pre-fill (' + str(members) + ' members)':32} {latency_line(pre)}")
    write_json(
        "reports.json",
        {"rollup_2000_units": roll, "prefill": pre, "prefill_members": members, "unit": big.code},
    )


if __name__ == "__main__":
    main()
