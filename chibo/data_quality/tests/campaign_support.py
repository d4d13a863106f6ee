"""Members and campaigns for the campaign tests: a record that passes every test, and ways to
spoil it."""

from datetime import date, timedelta
from typing import Any

from chibo.core.text import fold, name_sort_text
from chibo.members.models import Gender, Member, MemberStatus
from chibo.members.rules import Gender as IdGender
from chibo.members.rules import make_citizen_id
from chibo.org.models import OrgUnit

from ..models.campaigns import Campaign

_serial = iter(range(1, 999_999))


def good_fields(**overrides: Any) -> dict[str, Any]:
    """Every required field, valid and already normalised."""
    serial = next(_serial)
    fields: dict[str, Any] = {
        "full_name": "Nguyễn Thị Hòa",
        "gender": Gender.FEMALE,
        "birth_date": date(1985, 3, 14),
        "citizen_id": make_citizen_id(
            province_code="079", gender=IdGender.FEMALE, birth_year=1985, serial=serial
        ),
        "phone": f"09{serial:08d}",
        "home_town": "Phường Sài Gòn, Thành phố Hồ Chí Minh",
        "permanent_address": "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh",
        "ethnicity": "01",
        "religion": "none",
        "general_education": "12/12",
        "admitted_on": date(2010, 5, 19),
        "admission_ceremony_on": date(2010, 6, 1),
        "full_member_on": date(2011, 6, 1),
        "card_number": f"{79_000_000 + serial}",
        "status": MemberStatus.FULL,
    }
    fields.update(overrides)
    return fields


def add_member(unit: OrgUnit, **overrides: Any) -> Member:
    fields = good_fields(**overrides)
    name = fields["full_name"]
    return Member.objects.create(
        unit=unit, search_name=fold(name), sort_name=name_sort_text(name), **fields
    )


def add_campaign(root: OrgUnit, *, days_before: int = 5, days_after: int = 30) -> Campaign:
    today = date.today()
    return Campaign.objects.create(
        name="Đợt thử",
        root_unit=root,
        starts_on=today - timedelta(days=days_before),
        ends_on=today + timedelta(days=days_after),
    )
