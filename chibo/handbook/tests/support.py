"""Test helpers of the handbook: a member with a login, linked both ways."""

from datetime import date
from typing import Any

from chibo.access.roles import Role
from chibo.members.models import DatePrecision, Member
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member, make_user

CCCD = "079186012345"


def member_with_login(
    unit: OrgUnit, username: str = "dangvien", name: str = "Nguyễn Thị Mai"
) -> tuple[Any, Member]:
    user = make_user(username, (unit, Role.MEMBER))
    member = make_member(unit, name)
    member.user = user
    member.birth_date = date(1986, 3, 9)
    member.birth_date_precision = DatePrecision.DAY
    member.admitted_on = date(2010, 5, 19)
    member.full_member_on = date(2011, 5, 19)
    member.citizen_id = CCCD
    member.phone = "0903123456"
    member.card_number = "12345678"
    member.save()
    return user, member


def link_member(user: Any, unit: OrgUnit, name: str) -> Member:
    """Give an existing login (a persona) a member record of its own."""
    member = make_member(unit, name)
    member.user = user
    member.save(update_fields=["user"])
    return member
