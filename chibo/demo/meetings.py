"""Demo data of branch meetings: the past twelve months of every branch (regular and thematic
meetings, attendance counts, signed minutes), some branches that skipped months or met too
briefly so the warnings have something to show, the plan of next month, and a meeting of the
`bithu` account's branch in two days, prepared and notified.

Bulk inserts (executemany), deterministic for a seed. Attendance rows by name are written for the
branches of the accounts' ward (the pages people open); elsewhere the meetings carry the counts
(Meeting.expected_count / present_count), which is all the quality view and the warnings
other than absences read.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from chibo.access.models import User
from chibo.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingDocument,
    Minutes,
    YearPlan,
)
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.org.models import OrgUnit

from .plan import BRANCH_KINDS
from .rows import insert_rows

REGULAR_AGENDA = (
    "Đánh giá tình hình, kết quả thực hiện nhiệm vụ tháng",
    "Thông tin thời sự, phổ biến văn bản mới",
    "Phương hướng, nhiệm vụ tháng tới",
)
THEMATIC_TOPICS = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Chuyển đổi số trong công tác đảng",
    "Nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị 50-CT/TW",
    "Phòng, chống suy thoái tư tưởng chính trị, đạo đức, lối sống",
)


def _months_back(today: date, n: int) -> list[tuple[int, int]]:
    """The n months before the current one, oldest first, then the current month."""
    months = []
    y, m = today.year, today.month
    for _i in range(n + 1):
        months.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return months[::-1]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def seed_meetings(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None = None,
    seed: int = 2026,
    say: Callable[[str], None] | None = None,
) -> int:
    """Write the meetings demo; returns the number of meetings."""
    say = say or (lambda _m: None)
    today = today or timezone.localdate()
    rng = random.Random(seed)
    secretary = User.objects.filter(username="bithu").first()
    branches = list(
        OrgUnit.objects.filter(path__startswith=root.path, kind__in=BRANCH_KINDS)
        .order_by("path")
        .values_list("id", "code", "path")
    )
    ward_path = OrgUnit.objects.get(code=ward_code).path
    detailed = {b[0] for b in branches if b[2].startswith(ward_path)}
    account_branch = next(b[0] for b in branches if b[1] == branch_code)

    roster: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for member_id, unit_id, temp_id, exempt, name in (
        Member.objects.filter(status__in=ACTIVE_STATUSES)
        .order_by("pk")
        .values_list("pk", "unit_id", "temporary_unit_id", "is_exempt", "full_name")
    ):
        if exempt:
            continue
        if temp_id is None:
            roster[unit_id].append((member_id, name))
        else:
            roster[temp_id].append((member_id, name))

    plans = insert_rows(
        YearPlan, ({"unit_id": b[0], "year": today.year} for b in branches), datetimes=True
    )
    plan_ids = dict(YearPlan.objects.filter(year=today.year).values_list("unit_id", "pk"))
    months = _months_back(today, 12)
    meetings: list[dict[str, Any]] = []
    absentees: dict[int, list[int]] = {}
    for unit_id, _code, _path in branches:
        skips = set()
        if rng.random() < 0.12:  # a branch that skipped months
            skips = set(rng.sample(range(len(months) - 1), rng.randint(1, 3)))
        no_thematic = rng.random() < 0.1
        weak = rng.random() < 0.08  # low attendance, short meetings
        expected = len(roster.get(unit_id, ()))
        if unit_id == account_branch and expected > 4:
            # two members absent without reason in three months: the charter case (Điều 8)
            absentees[unit_id] = [m for m, _n in roster[unit_id][-2:]]
        for index, (year, month) in enumerate(months):
            current = index == len(months) - 1
            day = date(year, month, rng.randint(3, 9))
            if index in skips or (current and (day >= today or rng.random() < 0.15)):
                continue
            combined = month % 3 == 2 and rng.random() < 0.3
            kind = "combined" if combined else "regular"
            meetings.append(
                _meeting(rng, unit_id, kind, day, expected, weak, plan_ids, year == today.year)
            )
            if month % 3 == 2 and not combined and not no_thematic and not current:
                t_day = date(year, month, rng.randint(15, 25))
                meetings.append(
                    _meeting(
                        rng,
                        unit_id,
                        "thematic",
                        t_day,
                        expected,
                        weak,
                        plan_ids,
                        year == today.year,
                    )
                )
        # next month's plan
        ny, nm = (today.year, today.month + 1) if today.month < 12 else (today.year + 1, 1)
        start = _at(date(ny, nm, 5), 14)
        meetings.append(
            {
                "unit_id": unit_id,
                "plan_id": plan_ids.get(unit_id) if ny == today.year else None,
                "kind": "regular",
                "title": f"Sinh hoạt chi bộ thường kỳ tháng {nm:02d}/{ny}",
                "starts_at": start,
                "ends_at": start + timedelta(minutes=120),
                "place": "Hội trường chi bộ",
                "status": "planned",
            }
        )
    soon = _at(today + timedelta(days=2), 19, 30)
    meetings.append(
        {
            "unit_id": account_branch,
            "plan_id": plan_ids.get(account_branch) if soon.year == today.year else None,
            "kind": "regular",
            "title": f"Sinh hoạt chi bộ thường kỳ tháng {soon.month:02d}/{soon.year}",
            "topic": "Kiểm điểm công tác tháng; học tập chuyên đề chuyển đổi số.",
            "starts_at": soon,
            "ends_at": soon + timedelta(minutes=120),
            "place": "Phòng họp tầng 2",
            "video_url": "https://meet.jit.si/chibo-demo",
            "status": "notified",
            "content_agreed_at": soon - timedelta(days=5),
            "notice_sent_at": soon - timedelta(days=4),
            "documents_posted_at": soon - timedelta(days=3),
        }
    )
    for m in meetings:
        if m["status"] != "held" or m["unit_id"] not in detailed:
            continue
        people = roster.get(m["unit_id"], [])
        absent_now = set(rng.sample(range(len(people)), len(people) - m["present_count"]))
        chosen = absentees.get(m["unit_id"], [])
        marks = []
        for i, (member_id, _name) in enumerate(people):
            if member_id in chosen and m["starts_at"].year == today.year:
                status = "unexcused" if m["starts_at"].month in (1, 2, 4) else "present"
            elif i in absent_now:
                status = "excused" if rng.random() < 0.7 else "unexcused"
            else:
                status = "present"
            marks.append((member_id, status))
        m["_marks"] = marks
        m["present_count"] = sum(1 for _m, st in marks if st == "present")
    written = insert_rows(Meeting, meetings, datetimes=True)
    say(f"Cuộc họp chi bộ: {written} (kế hoạch năm: {plans})")

    ids = {
        (u, s): pk
        for pk, u, s in Meeting.objects.filter(unit__path__startswith=root.path).values_list(
            "pk", "unit_id", "starts_at"
        )
    }
    held = [m for m in meetings if m["status"] == "held"]
    insert_rows(
        AgendaItem,
        (
            {"meeting_id": ids[(m["unit_id"], m["starts_at"])], "position": i, "title": t}
            for m in meetings
            if m["unit_id"] in detailed
            for i, t in enumerate(REGULAR_AGENDA, start=1)
        ),
        datetimes=True,
    )
    insert_rows(
        MeetingDocument,
        (
            {
                "meeting_id": ids[(m["unit_id"], m["starts_at"])],
                "title": "Dự thảo nghị quyết chi bộ",
                "posted_at": m["documents_posted_at"],
                "posted_by_id": secretary.pk if secretary else None,
            }
            for m in meetings
            if m["unit_id"] in detailed and m.get("documents_posted_at")
        ),
        datetimes=True,
    )
    rows = [
        {
            "meeting_id": ids[(m["unit_id"], m["starts_at"])],
            "member_id": member_id,
            "status": status,
            "reason": "Đi công tác" if status == "excused" else "",
            "checked_in_at": m["actual_start"] if status == "present" else None,
            "method": "qr" if status == "present" and rng.random() < 0.6 else "secretary",
            "counts": True,
        }
        for m in held
        for member_id, status in m.get("_marks", ())
    ]
    insert_rows(Attendance, rows, datetimes=True)
    say(f"Điểm danh: {len(rows)}")
    names = {u: [n for _m, n in people] for u, people in roster.items()}
    minutes = insert_rows(
        Minutes, (_minutes(m, ids, names, secretary) for m in held), datetimes=True
    )
    say(f"Biên bản đã ký: {minutes}")
    return written


def _meeting(
    rng: random.Random,
    unit_id: int,
    kind: str,
    day: date,
    expected: int,
    weak: bool,
    plan_ids: dict[int, int],
    this_year: bool,
) -> dict[str, Any]:
    start = _at(day, rng.choice((8, 14, 19)), rng.choice((0, 30)))
    need = 120 if kind == "combined" else 90
    minutes = (
        rng.randint(need - 40, need - 5)
        if weak and rng.random() < 0.5
        else need + rng.randint(0, 60)
    )
    share = rng.uniform(0.55, 0.78) if weak else rng.uniform(0.82, 1.0)
    present = min(expected, round(expected * share))
    late = rng.random() < 0.07
    if kind == "thematic":
        title = f"Sinh hoạt chuyên đề quý {(day.month - 1) // 3 + 1}/{day.year}"
        topic = THEMATIC_TOPICS[(day.month // 3) % len(THEMATIC_TOPICS)]
    else:
        title = f"Sinh hoạt chi bộ thường kỳ tháng {day.month:02d}/{day.year}"
        topic = "Kiểm điểm công tác tháng, phương hướng tháng tới"
    return {
        "unit_id": unit_id,
        "plan_id": plan_ids.get(unit_id) if this_year else None,
        "kind": kind,
        "title": title,
        "topic": topic,
        "starts_at": start,
        "ends_at": start + timedelta(minutes=need + 30),
        "actual_start": start,
        "actual_end": start + timedelta(minutes=minutes),
        "place": "Hội trường chi bộ",
        "status": "held",
        "content_agreed_at": start - timedelta(days=6),
        "notice_sent_at": start - timedelta(days=5),
        "documents_posted_at": start - timedelta(hours=6) if late else start - timedelta(days=3),
        "documents_late": late,
        "expected_count": expected,
        "present_count": present,
    }


def _minutes(
    m: dict[str, Any],
    ids: dict[tuple[int, datetime], int],
    names: dict[int, list[str]],
    secretary: User | None,
) -> dict[str, Any]:
    people = names.get(m["unit_id"]) or ["—", "—"]
    signed = m["actual_end"] + timedelta(hours=2)
    absent = m["expected_count"] - m["present_count"]
    return {
        "meeting_id": ids[(m["unit_id"], m["starts_at"])],
        "version": 1,
        "started_at": m["actual_start"],
        "ended_at": m["actual_end"],
        "place": m["place"],
        "chair_name": people[0],
        "secretary_name": people[1] if len(people) > 1 else people[0],
        "expected_count": m["expected_count"],
        "present_count": m["present_count"],
        "excused_count": absent - absent // 3,
        "unexcused_count": absent // 3,
        "content": m["topic"],
        "opinions": "Các đồng chí đảng viên phát biểu, thống nhất với báo cáo.",
        "conclusions": "Chi bộ thống nhất nội dung và phương hướng đề ra.",
        "votes": [
            {
                "title": "Nghị quyết của chi bộ",
                "votes_for": m["present_count"],
                "votes_against": 0,
                "abstain": 0,
            }
        ],
        "chair_signed_by_id": secretary.pk if secretary else None,
        "chair_signed_at": signed,
        "secretary_signed_by_id": secretary.pk if secretary else None,
        "secretary_signed_at": signed,
        "created_by_id": secretary.pk if secretary else None,
        "created_at": m["actual_end"],
    }
