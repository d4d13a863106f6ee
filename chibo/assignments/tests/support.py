"""Helpers of the assignments tests: members with logins, a B1 programme with an issued task."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from chibo.access.models import Grant
from chibo.access.roles import Role
from chibo.members.models import Member
from chibo.org.models import OrgUnit
from chibo.testing.personas import Personas, make_member, make_user

from .. import actions
from ..models import Task, WorkProgramme


def member_with_login(unit: OrgUnit, name: str, username: str) -> tuple[Member, Any]:
    member = make_member(unit, name)
    user = make_user(username)
    Grant.objects.create(user=user, unit=unit, role=Role.MEMBER)
    member.user = user
    member.save(update_fields=["user"])
    return member, user


@dataclass
class Setup:
    programme: WorkProgramme
    owner: Member
    owner_user: Any
    approver: Member
    approver_user: Any


def g1_setup(p: Personas, *, year: int | None = None, quarter: int = 0) -> Setup:
    """A programme of G1 (issued by hq_admin), an owner in B1 and an approver in B2."""
    owner, owner_user = member_with_login(p.tree.b1, "Trần Văn Chủ Trì", "chu_tri")
    approver, approver_user = member_with_login(p.tree.b2, "Lê Thị Nghiệm Thu", "nghiem_thu")
    programme = actions.create_programme(
        actor=p.hq_admin,
        unit=p.tree.g1,
        year=year or timezone.localdate().year,
        quarter=quarter,
    )
    return Setup(programme, owner, owner_user, approver, approver_user)


def clears(s: Setup, **overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Tổ chức hội nghị quán triệt nghị quyết",
        "scope": "Quán triệt Nghị quyết Đại hội tới toàn thể đảng viên chi bộ",
        "owner_id": s.owner.pk,
        "due_on": timezone.localdate() + timedelta(days=20),
        "accountable_unit": "B1",
        "deliverable": "Báo cáo kết quả quán triệt",
        "approver_id": s.approver.pk,
    }
    fields.update(overrides)
    return fields


def issued_task(p: Personas, s: Setup, *, on: date | None = None, **overrides: Any) -> Task:
    return actions.create_task(
        actor=p.hq_admin, programme_id=s.programme.pk, issue=True, on=on, **clears(s, **overrides)
    )
