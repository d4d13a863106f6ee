"""Demo data of the recruitment module (called by chibo/demo/seed.py): in the demo wards (the
accounts' ward and up to two more), an awareness course of the ward finished nine months ago
with its certificates, candidates at every step of the pipeline (some late: a decision past its
60 working days, a ceremony past its 30), a few admitted this year through the ceremony (so they
are in the registry), and the year's targets of the city, the wards and some branches.

Everything goes through the actions, with the committee-staff account `vanphong` as actor, so
the demo obeys the rules it shows."""

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from chibo.access.models import User
from chibo.members.models import Gender, Member, MemberStatus
from chibo.org.models import OrgUnit, UnitKind
from chibo.recruitment import actions
from chibo.recruitment.models import STEP_ORDER, Step
from chibo.training import actions as training

from .plan import BRANCH_KINDS

# Days before today of each step for a candidate whose last step is the ceremony; a candidate
# stopped earlier keeps the same gaps, with its last step ten days ago.
DAYS_BEFORE = [230, 200, 160, 130, 100, 75, 60, 40, 20]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hoàng", "Ngọc", "Quốc", "Thu"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Khánh",
    "Lan",
    "Long",
    "My",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Trang",
    "Tuấn",
    "Uyên",
    "Vy",
    "Yến",
    "Hưng",
]


def _name(rng: random.Random, used: set[str]) -> tuple[str, str]:
    while True:
        middle = rng.choice(MIDDLE)
        gender = Gender.FEMALE if middle in ("Thị", "Ngọc", "Thu") else Gender.MALE
        name = f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"
        if name not in used:
            used.add(name)
            return name, gender


def _fields(step: str, people: list[Member], number: str, on: date) -> dict[str, Any]:
    if step == Step.AWARENESS_COURSE:
        return {"certificate_number": number}
    if step == Step.SYMPATHISER:
        return {"helper": people[0], "document_number": "01-QĐ/CB"}
    if step == Step.APPLICATION:
        since = on - timedelta(days=3 * 365)
        return {
            "sponsors": [actions.SponsorIn(people[1], since), actions.SponsorIn(people[2], since)]
        }
    if step == Step.BRANCH_VOTE:
        return {"votes_for": 9, "votes_of": 10, "document_number": "05-NQ/CB"}
    if step == Step.GRASSROOTS_RESOLUTION:
        return {"votes_for": 7, "votes_of": 9, "document_number": "12-NQ/ĐU"}
    if step == Step.DECISION:
        return {
            "document_number": f"{on.day + 100}-QĐ/ĐU",
            "deciding_body": "Ban Thường vụ Đảng ủy phường",
            "received_on": on,
        }
    return {}


def _plans(today: date) -> list[tuple[int, list[date]]]:
    """(steps done, their dates) of the candidates of one ward: one stopped at every step, three
    more admitted, and two late ones."""
    plans: list[tuple[int, list[date]]] = []
    for done in range(len(STEP_ORDER) + 1):
        if done == 0:
            plans.append((0, []))
            continue
        last = DAYS_BEFORE[done - 1]
        plans.append((done, [today - timedelta(days=d - last + 10) for d in DAYS_BEFORE[:done]]))
    ceremony = [today - timedelta(days=d + 15) for d in DAYS_BEFORE]
    plans += [(9, ceremony), (9, [d - timedelta(days=5) for d in ceremony])]
    # late: the branch voted 110 days ago, no decision yet (60 working days passed)
    plans.append((7, [today - timedelta(days=d + 35) for d in DAYS_BEFORE[:7]]))
    # late: the decision was received 60 days ago, no ceremony (30 working days passed)
    plans.append((8, [today - timedelta(days=d + 40) for d in DAYS_BEFORE[:8]]))
    return plans


def seed_recruitment(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    today = today or timezone.localdate()
    rng = random.Random(seed + 13)
    actor = User.objects.get(username="vanphong")
    account_ward = OrgUnit.objects.get(code=ward_code)
    others = list(
        OrgUnit.objects.filter(path__startswith=root.path, kind=UnitKind.UPPER_GRASSROOTS)
        .exclude(pk=account_ward.pk)
        .order_by("path")[:2]
    )
    used: set[str] = set()
    total = 0
    actions.set_target(actor=actor, unit=root, year=today.year, target=40)
    for ward in [account_ward, *others]:
        branches = _branches(ward, branch_code if ward == account_ward else None)
        if not branches:
            continue
        plans = _plans(today)
        people = [
            (b, _name(rng, used)) for b, _p in zip(_cycle(branches, len(plans)), plans, strict=True)
        ]
        course = training.create_course(
            actor=actor,
            unit=ward,
            kind="awareness",
            title=f"Lớp bồi dưỡng nhận thức về Đảng năm {today.year}, khóa 1",
            mode="in_person",
            place="Hội trường Đảng ủy phường",
            starts_on=today - timedelta(days=290),
            ends_on=today - timedelta(days=280),
        )
        sessions = [
            training.add_session(
                actor=actor, course=course, held_on=today - timedelta(days=290 - i), topic=topic
            )
            for i, topic in enumerate(
                ("Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh", "Điều lệ Đảng", "Phấn đấu vào Đảng")
            )
        ]
        training.add_teacher(
            actor=actor,
            course=course,
            full_name="ThS. Trần Văn Giảng",
            position="Trung tâm chính trị",
        )
        enrolments = [
            training.enrol_person(
                actor=actor,
                course=course,
                full_name=name,
                birth_date=date(
                    1990 + rng.randrange(14), 1 + rng.randrange(12), 1 + rng.randrange(28)
                ),
                unit=branch,
            )
            for branch, (name, _g) in people
        ]
        for session in sessions:
            training.record_attendance(
                actor=actor, session=session, present_ids={e.pk for e in enrolments}
            )
        from decimal import Decimal

        training.record_grades(
            actor=actor,
            course=course,
            grades={e.pk: Decimal(6 + rng.randrange(5)) for e in enrolments},
        )
        certificates = {
            c.full_name: c.number
            for c in training.finish_course(
                actor=actor, course=course, finished_on=today - timedelta(days=280)
            )
        }
        for (branch, (name, gender)), enrolment, (done, dates) in zip(
            people, enrolments, plans, strict=True
        ):
            candidate = actions.create_candidate(
                actor=actor,
                unit=branch,
                full_name=name,
                gender=gender,
                birth_date=enrolment.birth_date or date(1995, 1, 1),
                general_education="12/12",
                occupation=rng.choice(
                    ["Giáo viên", "Kỹ sư", "Nhân viên văn phòng", "Bộ đội xuất ngũ"]
                ),
            )
            helpers = _full_members(branch, min(dates) if dates else today)
            for step, on in zip(STEP_ORDER[:done], dates, strict=True):
                actions.record_step(
                    actor=actor,
                    candidate=candidate,
                    step=step,
                    done_on=on,
                    **_fields(step, helpers, certificates[name], on),
                )
            total += 1
        actions.set_target(actor=actor, unit=ward, year=today.year, target=6)
        for branch in branches[:2]:
            actions.set_target(actor=actor, unit=branch, year=today.year, target=2)
    say(f"Phát triển đảng viên: {total} quần chúng ưu tú ở {1 + len(others)} phường")


def _cycle(items: list[OrgUnit], n: int) -> list[OrgUnit]:
    return [items[i % len(items)] for i in range(n)]


def _branches(ward: OrgUnit, first_code: str | None) -> list[OrgUnit]:
    """Up to four branches of the ward with at least three full members; the account's first."""
    rows = [
        b
        for b in OrgUnit.objects.filter(path__startswith=ward.path, kind__in=BRANCH_KINDS).order_by(
            "path"
        )[:30]
        if Member.objects.filter(unit=b, status=MemberStatus.FULL).count() >= 3
    ]
    rows.sort(key=lambda b: b.code != first_code)
    return rows[:4]


def _full_members(branch: OrgUnit, before: date) -> list[Member]:
    rows = list(
        Member.objects.filter(
            unit=branch, status=MemberStatus.FULL, full_member_on__lt=before - timedelta(days=400)
        ).order_by("pk")[:3]
    )
    if len(rows) < 3:
        rows = list(Member.objects.filter(unit=branch, status=MemberStatus.FULL).order_by("pk")[:3])
    return rows
