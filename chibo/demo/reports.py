"""Demo data of the reports module (called by chibo/demo/seed.py): the city's quarterly report
template and one request to its wards for the last finished quarter, most wards having sent
theirs up (a few after the deadline), some accepted, one returned, a few still missing.

Everything goes through the reports actions (audit events and dated report events included), with
their dates set so that timeliness has something to show. Approving needs reports.approve on the
ward: the demo has no leader account of the city, so one is made here (`lanhdao_tp`, the demo
password), as the ratings demo makes its ward leader.
"""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from chibo.access import policy
from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.org.models import OrgUnit, UnitStatus
from chibo.reports.actions import requests, submissions, templates
from chibo.reports.indicators import registry
from chibo.reports.models import IndicatorSource, Report

from .plan import DEMO_PASSWORD

CITY_LEADER = "lanhdao_tp"
COMPUTED = (
    "members_total",
    "members_full",
    "members_probationary",
    "admissions",
    "transfers_in",
    "transfers_out",
    "meetings_held",
    "attendance_rate",
    "documents_read_rate",
    "tasks_on_time_rate",
)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _city_leader(root: OrgUnit) -> User:
    user = User.objects.filter(username=CITY_LEADER).first()
    if user is None:
        user = User.objects.create(
            username=CITY_LEADER,
            first_name="Trương Văn",
            last_name="Thành",
            email=f"{CITY_LEADER}@chibo.local",
            password=make_password(DEMO_PASSWORD),
            is_active=True,
        )
    Grant.objects.get_or_create(
        user=user, unit=root, role=Role.LEADER, defaults={"approved_at": timezone.now()}
    )
    policy.forget(user)
    return user


def _last_quarter(today: date) -> tuple[int, int]:
    q = (today.month - 1) // 3  # the finished quarter before the current one
    return (today.year, q) if q else (today.year - 1, 4)


def seed_reports(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    today = today or timezone.localdate()
    rng = random.Random(seed + 11)
    staff = (
        User.objects.filter(grants__unit=root, grants__role=Role.COMMITTEE_STAFF, is_active=True)
        .order_by("pk")
        .first()
    )
    if staff is None:
        say("reports: no committee staff on the root, no demo report")
        return
    leader = _city_leader(root)
    t = templates.create_template(
        actor=staff,
        unit=root,
        name="Báo cáo công tác xây dựng Đảng",
        description="Báo cáo định kỳ hằng quý của các đảng bộ phường, xã gửi Thành ủy.",
    )
    known = registry()
    for code in COMPUTED:
        if code in known:
            templates.add_indicator(
                actor=staff,
                template_id=t.pk,
                code=code,
                source=IndicatorSource.COMPUTED,
                computed_code=code,
            )
    for code, label in (
        ("candidates", "Quần chúng ưu tú là đối tượng kết nạp đầu kỳ"),
        ("admission_target", "Chỉ tiêu kết nạp đảng viên cả năm"),
    ):
        templates.add_indicator(
            actor=staff, template_id=t.pk, code=code, label=label, source=IndicatorSource.ENTERED
        )
    templates.add_indicator(
        actor=staff,
        template_id=t.pk,
        code="target_progress",
        label="Tiến độ chỉ tiêu kết nạp (%)",
        source=IndicatorSource.FORMULA,
        formula="admissions * 100 / admission_target",
    )
    sections = [
        templates.add_section(actor=staff, template_id=t.pk, title=title, guidance=guide)
        for title, guide in (
            ("Tình hình chung", "Tình hình tư tưởng, dư luận trong đảng viên và nhân dân."),
            ("Kết quả thực hiện nhiệm vụ", "Những việc đã làm, kết quả nổi bật trong quý."),
            ("Phương hướng quý tới", "Nhiệm vụ trọng tâm, giải pháp."),
        )
    ]
    templates.add_rule(
        actor=staff,
        template_id=t.pk,
        name="Kết nạp không vượt số đối tượng đầu kỳ",
        left="admissions",
        operator="<=",
        right="candidates",
        importance="high",
        blocks_submission=False,
    )
    year, quarter = _last_quarter(today)
    quarter_end = (
        date(year, quarter * 3 + 1, 1) - timedelta(days=1) if quarter < 4 else date(year, 12, 31)
    )
    deadline = quarter_end + timedelta(days=10)
    req = requests.create_request(
        actor=staff,
        unit=root,
        template_id=t.pk,
        period_kind="quarter",
        year=year,
        number=quarter,
        deadline=deadline,
        document_number="15-CV/TU",
    )
    reports = list(
        Report.objects.filter(request=req, unit__status=UnitStatus.ACTIVE)
        .select_related("unit")
        .order_by("unit__path")
    )
    accepted = late = missing = 0
    for i, report in enumerate(reports):
        is_account_ward = report.unit.code == ward_code
        roll = rng.random()
        if not is_account_ward and roll < 0.12:
            missing += 1
            continue  # not even opened: listed as missing
        offset = rng.randint(-8, -1) if roll < 0.85 or is_account_ward else rng.randint(2, 9)
        sent = min(deadline + timedelta(days=offset), today)
        opened = sent - timedelta(days=2)
        submissions.prefill_report(actor=staff, report_id=report.pk, now=_at(opened, 8))
        report.refresh_from_db()
        admissions = report.values.get("admissions") or 0
        submissions.save_report(
            actor=staff,
            report_id=report.pk,
            values={
                "candidates": str(admissions + rng.randint(2, 15)),
                "admission_target": str(max(admissions * 3, rng.randint(5, 40))),
            },
            narrative={
                str(
                    sections[0].pk
                ): "Đảng viên yên tâm công tác, tin tưởng vào sự lãnh đạo của Đảng.",
                str(sections[1].pk): "Các chi bộ sinh hoạt đúng kỳ; triển khai học tập nghị quyết.",
                str(
                    sections[2].pk
                ): "Tiếp tục nâng cao chất lượng sinh hoạt chi bộ, phát triển đảng viên.",
            },
            now=_at(opened, 10),
        )
        if not is_account_ward and roll > 0.97:
            continue  # a draft still being written
        submissions.submit_report(actor=staff, report_id=report.pk, now=_at(sent, 9))
        submissions.approve_report(actor=leader, report_id=report.pk, now=_at(sent, 15))
        if offset > 0:
            late += 1
        if i % 3 == 0 and not is_account_ward:
            submissions.accept_report(actor=staff, report_id=report.pk, now=_at(sent, 17))
            accepted += 1
        elif i % 11 == 5:
            submissions.return_report(
                actor=staff,
                report_id=report.pk,
                reason="Đề nghị bổ sung số liệu đối tượng kết nạp đầu kỳ.",
                now=_at(min(sent + timedelta(days=1), today), 9),
            )
    say(
        f"reports: 1 request to {len(reports)} units (quarter {quarter}/{year}): "
        f"{accepted} accepted, {late} late, {missing} not opened"
    )
