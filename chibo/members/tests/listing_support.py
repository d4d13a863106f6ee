"""Members for the list, search and API tests, with the name keys the actions compute."""

from datetime import date
from typing import Any

from chibo.core.text import fold, name_sort_text
from chibo.members.models import Gender, Member, MemberStatus
from chibo.org.models import OrgUnit


def add_member(
    unit: OrgUnit,
    name: str,
    *,
    status: str = MemberStatus.FULL,
    gender: str = Gender.FEMALE,
    birth_date: date | None = date(1980, 5, 17),
    **fields: Any,
) -> Member:
    return Member.objects.create(
        unit=unit,
        full_name=name,
        search_name=fold(name),
        sort_name=name_sort_text(name),
        gender=gender,
        status=status,
        birth_date=birth_date,
        **fields,
    )
