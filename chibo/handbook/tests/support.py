"""Test helpers of the handbook: a member with a login, linked both ways."""

from datetime import date
from typing import Any

from django.test import Client

from chibo.access.roles import Role
from chibo.members.models import DatePrecision, Member
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member, make_user

CCCD = "079186012345"


def client_for(user: Any) -> Client:
    """A test client logged in as `user`."""
    client = Client()
    client.force_login(user)
    return client


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
    member.card_number = "12345678" if username == "dangvien" else None
    member.save()
    return user, member


def link_member(user: Any, unit: OrgUnit, name: str) -> Member:
    """Give an existing login (a persona) a member record of its own."""
    member = make_member(unit, name)
    member.user = user
    member.save(update_fields=["user"])
    return member


def send_document(
    unit: OrgUnit,
    members: list[Member],
    *,
    number: str = "50-CT/TW",
    title: str = "Chỉ thị về nâng cao chất lượng sinh hoạt chi bộ",
    summary: str = "Sinh hoạt chi bộ định kỳ hằng tháng, chuyên đề ít nhất mỗi quý một lần.",
) -> Any:
    """A document registered at `unit` and sent to `members` (receipts, not yet read)."""
    from chibo.core.text import fold
    from chibo.documents.models import Audience, Distribution, Document, Receipt

    document = Document.objects.create(
        owner_unit=unit,
        kind="directive",
        number=number,
        serial=int(number.split("-")[0]),
        issuer=number.split("/")[-1],
        issued_on=date(2025, 6, 1),
        title=title,
        summary=summary,
        search_text=fold(f"{number} {title} {summary}"),
    )
    distribution = Distribution.objects.create(
        document=document, unit=unit, audience=Audience.ALL_MEMBERS, recipient_count=len(members)
    )
    Receipt.objects.bulk_create(
        Receipt(distribution=distribution, document=document, member=m, unit=m.unit)
        for m in members
    )
    return document


def plan_meeting(unit: OrgUnit, *, days_ahead: int = 3) -> Any:
    """A regular meeting of `unit` a few days ahead."""
    from datetime import timedelta

    from django.utils import timezone

    from chibo.meetings.models import Meeting, MeetingKind

    starts = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0) + timedelta(
        days=days_ahead
    )
    return Meeting.objects.create(
        unit=unit,
        kind=MeetingKind.REGULAR,
        title="Sinh hoạt chi bộ thường kỳ",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=120),
        place="Hội trường khu phố 3",
    )
