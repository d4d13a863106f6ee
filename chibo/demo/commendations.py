"""Demo data of the commendations module, written through the actions: certificates of merit for
the accounts' ward's members excellent five years running, letters of commendation to some
organisations, party badges presented at past ceremonies, a seriously ill member whose badge
comes early, proposals on their way up, and one emulation campaign with projects at every
stage."""

import random
from collections.abc import Callable
from datetime import date

from django.utils import timezone

from chibo.access.models import User
from chibo.commendations.actions.awards import (
    commend_project,
    propose_award,
    record_award,
    record_serious_illness,
)
from chibo.commendations.actions.campaigns import (
    create_campaign,
    evaluate_project,
    register_project,
    update_progress,
)
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.members.rules import BADGE_RULES, next_ceremony_on, reaches_on
from chibo.org.models import OrgUnit, UnitKind
from chibo.ratings.models import SubjectKind
from chibo.ratings.queries.history import streak_rows

from .ratings import LEADER


def seed_commendations(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    today = today or timezone.localdate()
    rng = random.Random(seed * 31 + 7)
    ward = OrgUnit.objects.get(code=ward_code)
    branch = OrgUnit.objects.get(code=branch_code)
    leader = User.objects.get(username=LEADER)
    staff = User.objects.filter(username="phuong").first()
    secretary = User.objects.filter(username="bithu").first()
    body = f"Ban Thường vụ {ward.name}"
    last = today.year - 1
    first = last - 4
    decided = date(today.year, 1, 15) if today.month > 1 else today

    # Certificates of merit: members excellent five years running in the accounts' ward.
    rows = list(
        streak_rows(leader, ward, level="excellent", years=5, until=last, kind=SubjectKind.MEMBER)
    )
    members = Member.objects.in_bulk([r["member_id"] for r in rows])
    for i, row in enumerate(rows[:25], start=1):
        record_award(
            actor=leader,
            kind="certificate_of_merit" if i <= 5 else "letter_of_commendation",
            member=members[row["member_id"]],
            deciding_body=body,
            decision_number=f"{100 + i}-QĐ/ĐU",
            decided_on=decided,
            reason=f"Hoàn thành xuất sắc nhiệm vụ 5 năm liền ({first}-{last})",
        )
    orgs = list(
        OrgUnit.objects.filter(
            path__startswith=ward.path, kind__in=(UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH)
        )[:6]
    )
    for i, org in enumerate(orgs[:3], start=1):
        record_award(
            actor=leader,
            kind="letter_of_commendation",
            organisation=org,
            deciding_body=body,
            decision_number=f"{140 + i}-QĐ/ĐU",
            decided_on=decided,
            reason=f"Chi bộ hoàn thành xuất sắc nhiệm vụ năm {last}",
        )

    # Party badges: the 30-year badge for members who reached it before the last ceremony.
    rule = BADGE_RULES.rule_on(today)
    active = list(
        Member.objects.filter(
            unit__path__startswith=ward.path, status__in=ACTIVE_STATUSES, admitted_on__isnull=False
        ).order_by("sort_name")
    )
    past = date(today.year, 2, 3)
    presented = 0
    for member in active:
        assert member.admitted_on is not None
        reached_30 = reaches_on(admitted_on=member.admitted_on, years=30)
        reached_40 = reaches_on(admitted_on=member.admitted_on, years=40)
        if presented >= 8 or not reached_30 <= past < reached_40:
            continue
        record_award(
            actor=leader,
            kind="party_badge",
            member=member,
            deciding_body="Ban Thường vụ Thành ủy",
            decision_number=f"{2000 + presented}-QĐ/TU",
            decided_on=past,
            badge_years=30,
            reason="Trao Huy hiệu 30 năm tuổi Đảng",
        )
        presented += 1
    # A seriously ill member whose next milestone falls in the months after the next ceremony.
    ceremony = next_ceremony_on(today)
    for member in active:
        assert member.admitted_on is not None
        for years in rule.milestones:
            reached = reaches_on(admitted_on=member.admitted_on, years=years)
            if ceremony < reached <= date(ceremony.year + 1, ceremony.month, 1):
                if staff is not None:
                    record_serious_illness(
                        actor=staff,
                        member=member,
                        since=date(today.year, 3, 1),
                        note="Bệnh hiểm nghèo, điều trị dài ngày",
                    )
                break
        else:
            continue
        break

    # Proposals: one from the `bithu` account's branch waiting at the ward.
    if secretary is not None:
        in_branch = [m for m in active if m.unit_id == branch.pk][:2]
        for member in in_branch:
            propose_award(
                actor=secretary,
                from_unit=branch,
                kind="letter_of_commendation",
                member=member,
                reason="Hoàn thành xuất sắc nhiệm vụ, tiêu biểu trong phong trào thi đua",
                on=today,
            )

    # One emulation campaign of the ward with projects registered by its branches.
    actor = staff or leader
    campaign = create_campaign(
        actor=actor,
        unit=ward,
        title=f"Thi đua “Chi bộ số: chuyển đổi số trong công tác đảng” năm {today.year}",
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year, 12, 31),
        criteria="100% chi bộ dùng sổ tay điện tử; sinh hoạt đúng kỳ; "
        "mỗi chi bộ ít nhất một công trình, phần việc",
    )
    branches = list(
        OrgUnit.objects.filter(
            path__startswith=ward.path, kind__in=(UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH)
        ).order_by("path")[:12]
    )
    titles = (
        "Số hóa hồ sơ đảng viên của chi bộ",
        "Mô hình “Dân vận khéo” ở khu phố",
        "Sổ tay đảng viên điện tử 100%",
        "Tổ tự quản an ninh trật tự",
        "Quỹ khuyến học của chi bộ",
    )
    for i, unit in enumerate(branches):
        project = register_project(
            actor=actor,
            campaign=campaign,
            unit=unit,
            title=titles[i % len(titles)],
            target="Hoàn thành trước 30/11",
            on=date(today.year, 2, 1 + i),
        )
        step = i % 4
        if step >= 1:
            update_progress(
                actor=actor,
                project_id=project.pk,
                percent=rng.choice((40, 60, 80)),
                on=date(today.year, 6, 1),
            )
        if step >= 2:
            evaluate_project(actor=actor, project_id=project.pk, completed=True, on=today)
        if step == 3:
            commend_project(
                actor=leader,
                project_id=project.pk,
                kind="letter_of_commendation",
                deciding_body=body,
                decision_number=f"{300 + i}-QĐ/ĐU",
                on=today,
            )
    say(
        f"Khen thưởng: {len(rows[:25]) + 3 + presented} quyết định, 1 phong trào thi đua với "
        f"{len(branches)} công trình"
    )
