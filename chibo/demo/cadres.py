"""Demo data of the cadres module: the 2025-2030 posts of the demo wards (and of the branches
of the accounts' ward) with their holders, some seats left vacant by the 2025 mergers, a draft
planning list for 2030-2035 with one person who no longer meets a standard (too old to serve the
whole term: flagged, not dropped), and a rotation. Written through the actions, by the ward's
committee-staff account ("phuong") and the city's ("vanphong")."""

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone

from chibo.access.models import User
from chibo.cadres import actions
from chibo.cadres.rules import posts_for
from chibo.members.models import Member
from chibo.org.models import OrgUnit

TERM_ON = date(2025, 9, 20)
WARD_SEATS = {
    "secretary": 1,
    "deputy_secretary": 2,
    "standing_member": 5,
    "committee_member": 9,
    "inspection_chair": 1,
    "inspection_member": 3,
}
BRANCH_SEATS = {"secretary": 1, "deputy_secretary": 1}


def _fill(
    actor: User,
    unit: OrgUnit,
    seats: dict[str, int],
    people: list[Member],
    vacant: set[str],
    today: date,
) -> int:
    """Define the unit's posts and fill them from `people`; a post in `vacant` loses one holder
    at the merger of 1/7/2025's follow-up (a transfer out in 2026)."""
    made = 0
    for kind in posts_for(unit.kind):
        if kind not in seats:
            continue
        post = actions.define_post(
            actor=actor,
            unit=unit,
            kind=kind,
            term_start=2025,
            term_end=2030,
            term_starts_on=TERM_ON,
            seats=seats[kind],
            seats_decision=f"{12 + made}-QĐ/ĐU",
            seats_decided_by="Ban Thường vụ Đảng ủy",
        )
        holder = None
        for _i in range(seats[kind]):
            if not people:
                break
            holder = actions.appoint_to_post(
                actor=actor,
                post=post,
                member_id=people.pop().pk,
                how="elected",
                start_on=TERM_ON,
                decision_number="01-NQ/ĐH",
                deciding_body="Đại hội",
                decided_on=TERM_ON,
                today=today,
            )
            made += 1
        if kind in vacant and holder is not None:
            actions.end_incumbency(
                actor=actor,
                incumbency_id=holder.pk,
                end_on=min(date(2026, 3, 1), today),
                reason="merger",
                decision="25-QĐ/ĐU",
                today=today,
            )
    return made


def seed_cadres(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    today = today or timezone.localdate()
    if today < TERM_ON + timedelta(days=30):
        return
    rng = random.Random(seed + 18)
    staff = User.objects.filter(username="phuong").first()
    city_staff = User.objects.filter(username="vanphong").first()
    if staff is None or city_staff is None:
        return
    ward = OrgUnit.objects.get(code=ward_code)
    say("Công tác cán bộ: chức vụ nhiệm kỳ 2025-2030, quy hoạch, luân chuyển")
    wards = list(OrgUnit.objects.filter(kind=ward.kind, depth=ward.depth).order_by("path")[:12])
    for w in wards:
        people = list(
            Member.objects.active()
            .filter(unit__path__startswith=w.path, birth_date__isnull=False)
            .order_by("birth_date", "pk")[:60]
        )
        rng.shuffle(people)
        vacant = {"deputy_secretary"} if w.pk == ward.pk else set(rng.sample(sorted(WARD_SEATS), 1))
        _fill(city_staff, w, WARD_SEATS, people, vacant, today)
    branches = list(
        OrgUnit.objects.filter(path__startswith=ward.path, depth=ward.depth + 1)
        .filter(kind__in=("branch", "grassroots_branch"))
        .order_by("path")[:30]
    )
    for i, b in enumerate(branches):
        people = list(Member.objects.active().filter(unit=b).order_by("pk")[:4])
        vacant = {"secretary"} if i % 5 == 2 else set()
        if i % 7 == 3:
            people = people[:1]  # the merged branch has one of two posts filled
        _fill(staff, b, BRANCH_SEATS, people, vacant, today)
    # The planning list for the next term, with one planned person too old for the full term.
    planning = actions.create_planning_list(actor=staff, unit=ward, term_start=2030, term_end=2035)
    pool = list(
        Member.objects.active()
        .filter(unit__path__startswith=ward.path, birth_date__isnull=False)
        .order_by("-birth_date", "pk")[:40]
    )
    old = (
        Member.objects.active()
        .filter(
            unit__path__startswith=ward.path,
            gender="male",
            birth_date__year__lte=1970,
            birth_date__year__gte=1968,
        )
        .order_by("pk")
        .first()
    )
    kinds = [
        "secretary",
        "deputy_secretary",
        "deputy_secretary",
        "standing_member",
        "standing_member",
        "committee_member",
        "committee_member",
        "committee_member",
        "inspection_chair",
        "inspection_member",
    ]
    for kind, person in zip(kinds, pool[5:], strict=False):
        actions.plan_person(
            actor=staff,
            planning_id=planning.pk,
            post_kind=kind,
            member_id=person.pk,
            added_on=date(2026, 6, 1),
        )
    if old is not None:
        actions.plan_person(
            actor=staff,
            planning_id=planning.pk,
            post_kind="standing_member",
            member_id=old.pk,
            added_on=date(2026, 6, 1),
        )
    # A rotation from one branch to another, due to end in a month (the reminder shows).
    if len(branches) >= 2:
        mover = Member.objects.active().filter(unit=branches[0]).order_by("-pk").first()
        if mover is not None:
            actions.record_rotation(
                actor=staff,
                unit=ward,
                member_id=mover.pk,
                from_unit=branches[0],
                from_post="Chi ủy viên",
                to_unit=branches[1],
                to_post="Phó Bí thư chi bộ",
                start_on=today - timedelta(days=700),
                due_end_on=today + timedelta(days=30),
                purpose="Rèn luyện thực tiễn ở chi bộ khu phố mới sáp nhập",
                decision_number="31-QĐ/ĐU",
                deciding_body="Ban Thường vụ Đảng ủy phường",
            )
