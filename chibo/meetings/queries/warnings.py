"""Warnings for a branch and the committees above: computed, with the evidence, for people to
act on (rules.py cites the regulations)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.org.models import OrgUnit, UnitStatus

from .. import rules
from ..models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from .meetings import may_see_members

MAX_WARNINGS = 2000


@dataclass
class MeetingWarning:
    kind: str
    unit_code: str
    unit_name: str
    message: str
    source: str
    evidence: dict[str, Any] = field(default_factory=dict)
    meeting_id: int | None = None
    member_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "message": self.message,
            "source": self.source,
            "evidence": self.evidence,
            "meeting_id": self.meeting_id,
            "member_id": self.member_id,
        }


def branches_under(unit: OrgUnit) -> list[OrgUnit]:
    return list(
        OrgUnit.objects.filter(
            path__startswith=unit.path,
            kind__in=sorted(rules.MEETING_UNIT_KINDS),
            status=UnitStatus.ACTIVE,
        )
        .only("id", "code", "name", "path", "founded_on")
        .order_by("sort_name")
    )


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=tz),
        datetime.combine(date(year, 12, 31), time.max, tzinfo=tz),
    )


def held_meetings(unit: OrgUnit, year: int) -> list[dict[str, Any]]:
    start, end = _year_bounds(year)
    rows: Any = Meeting.objects.filter(
        unit__path__startswith=unit.path,
        status=MeetingStatus.HELD,
        starts_at__range=(start, end),
    ).values(
        "id",
        "unit_id",
        "kind",
        "title",
        "starts_at",
        "actual_start",
        "actual_end",
        "documents_posted_at",
        "documents_late",
        "expected_count",
        "present_count",
    )
    return list(rows)


def meeting_warnings(
    user: Any, unit: OrgUnit, *, year: int | None = None, today: date | None = None
) -> list[MeetingWarning]:
    """The warnings of every branch of the subtree for the year (caller checked meetings.view)."""
    today = today or timezone.localdate()
    year = year or today.year
    law = rules.rule_on(min(today, date(year, 12, 31)))
    branches = branches_under(unit)
    by_id = {b.pk: b for b in branches}
    held = held_meetings(unit, year)
    per_unit: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for m in held:
        per_unit[m["unit_id"]].append((timezone.localtime(m["starts_at"]).date(), m["kind"]))
    out: list[MeetingWarning] = []

    def add(branch: OrgUnit, kind: str, message: str, source: str, **extra: Any) -> None:
        out.append(MeetingWarning(kind, branch.code, branch.name, message, source, **extra))

    for branch in branches:
        founded = branch.founded_on
        for month in rules.months_without_regular(per_unit[branch.pk], year, today):
            if founded and (founded.year, founded.month) > (year, month):
                continue
            add(
                branch,
                "no_regular_meeting",
                _("Tháng %(m)02d/%(y)s không sinh hoạt chi bộ thường kỳ.")
                % {"m": month, "y": year},
                law.source,
                evidence={"year": year, "month": month},
            )
        for quarter in rules.quarters_without_thematic(per_unit[branch.pk], year, today, law):
            if founded and (founded.year, (founded.month - 1) // 3 + 1) > (year, quarter):
                continue
            add(
                branch,
                "no_thematic_meeting",
                _("Quý %(q)s/%(y)s không sinh hoạt chuyên đề.") % {"q": quarter, "y": year},
                law.source,
                evidence={"year": year, "quarter": quarter},
            )
    for m in held:
        found = by_id.get(m["unit_id"])
        if found is None:
            continue
        branch = found
        local = timezone.localtime(m["starts_at"])
        when = f"{local:%d/%m/%Y}"
        # Each meeting is judged by the rule in force on its day.
        rule = rules.rule_on(local.date())
        if m["documents_late"]:
            posted = timezone.localtime(m["documents_posted_at"])
            add(
                branch,
                "documents_late",
                _(
                    "Tài liệu cuộc họp ngày %(d)s đăng muộn (%(p)s), "
                    "chưa đủ %(n)s ngày trước khi họp."
                )
                % {"d": when, "p": f"{posted:%H:%M %d/%m/%Y}", "n": rule.documents_days_before},
                rule.source,
                evidence={
                    "posted_at": posted.isoformat(),
                    "deadline": timezone.localtime(
                        rules.documents_deadline(m["starts_at"], rule)
                    ).isoformat(),
                },
                meeting_id=m["id"],
            )
        if m["actual_start"] and m["actual_end"]:
            minutes = rules.duration_minutes(m["actual_start"], m["actual_end"])
            need = rules.required_minutes(m["kind"], rule)
            if minutes < need:
                add(
                    branch,
                    "short_meeting",
                    _("Cuộc họp ngày %(d)s chỉ %(n)s phút (yêu cầu ít nhất %(need)s phút).")
                    % {"d": when, "n": minutes, "need": need},
                    rule.source,
                    evidence={"minutes": minutes, "required": need},
                    meeting_id=m["id"],
                )
        if rules.low_attendance(m["present_count"], m["expected_count"], rule):
            rate = rules.attendance_rate(m["present_count"], m["expected_count"]) or 0
            add(
                branch,
                "low_attendance",
                _("Cuộc họp ngày %(d)s: %(p)s/%(e)s đảng viên có mặt (%(r)s%%, dưới %(t)s%%).")
                % {
                    "d": when,
                    "p": m["present_count"],
                    "e": m["expected_count"],
                    "r": round(rate * 100),
                    "t": round(rule.low_attendance * 100),
                },
                _("Ngưỡng do ứng dụng đặt (không phải quy định)"),
                evidence={
                    "present": m["present_count"],
                    "expected": m["expected_count"],
                    "rate": rate,
                    "threshold": rule.low_attendance,
                },
                meeting_id=m["id"],
            )
    if may_see_members(user, unit):
        out.extend(_absence_warnings(unit, year, law, by_id))
    return out[:MAX_WARNINGS]


def _absence_warnings(
    unit: OrgUnit, year: int, law: rules.MeetingRules, by_id: dict[int, OrgUnit]
) -> list[MeetingWarning]:
    """Members absent without reason in 3 months of the year (Điều lệ Đảng, Điều 8)."""
    start, end = _year_bounds(year)
    absences = Attendance.objects.filter(
        meeting__unit__path__startswith=unit.path,
        meeting__starts_at__range=(start, end),
        meeting__status=MeetingStatus.HELD,
        status=AttendanceStatus.UNEXCUSED,
        counts=True,
    )
    flagged = (
        absences.annotate(month=TruncMonth("meeting__starts_at"))
        .values("member_id")
        .annotate(months=Count("month", distinct=True))
        .filter(months__gte=law.absence_months_for_removal)
        .values_list("member_id", flat=True)
    )
    rows = absences.filter(member_id__in=list(flagged[:MAX_WARNINGS])).values(
        "member_id", "member__full_name", "meeting_id", "meeting__starts_at", "meeting__unit_id"
    )
    evidence: dict[int, list[dict[str, Any]]] = defaultdict(list)
    names: dict[int, str] = {}
    units: dict[int, int] = {}
    for r in rows.order_by("meeting__starts_at"):
        day = timezone.localtime(r["meeting__starts_at"]).date()
        evidence[r["member_id"]].append({"meeting_id": r["meeting_id"], "date": day.isoformat()})
        names[r["member_id"]] = r["member__full_name"]
        units[r["member_id"]] = r["meeting__unit_id"]
    out = []
    for member_id, items in evidence.items():
        dates = [date.fromisoformat(i["date"]) for i in items]
        months = rules.unexcused_months(dates, year)
        if not rules.removal_case(dates, year, law):
            continue
        branch = by_id.get(units[member_id])
        out.append(
            MeetingWarning(
                "absent_three_months",
                branch.code if branch else "",
                branch.name if branch else "",
                _(
                    "Đảng viên %(name)s vắng sinh hoạt không lý do %(n)s tháng trong năm %(y)s "
                    "(tháng %(months)s): thuộc trường hợp xem xét xóa tên."
                )
                % {
                    "name": names[member_id],
                    "n": len(months),
                    "y": year,
                    "months": ", ".join(str(m) for m in months),
                },
                law.absence_source,
                evidence={"months": months, "absences": items},
                member_id=member_id,
            )
        )
    return out


def upcoming_without_documents(unit: OrgUnit, *, now: datetime | None = None) -> list[Meeting]:
    """Meetings starting within the rule's `documents_days_before` with nothing posted yet:
    their documents are due now (Hướng dẫn 42-HD/BTCTW: posted at least that long before)."""
    now = now or timezone.now()
    law = rules.rule_on(timezone.localdate(now))
    return list(
        Meeting.objects.select_related("unit")
        .filter(
            unit__path__startswith=unit.path,
            starts_at__range=(now, now + timedelta(days=law.documents_days_before)),
            documents_posted_at__isnull=True,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")[:100]
    )
