"""The member record behind a login (`policy.member_of`), and the member's own record."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can_read_sensitive, is_self, member_of
from chibo.audit.recorder import record_read
from chibo.core.errors import NotFound
from chibo.members.models import DatePrecision, Member

# The sensitive-read log names why the record was read.
RECORD_READ_REASON = "handbook own record"


class NoMemberRecord(NotFound):
    """The login is not linked to any member record: the handbook has nothing to show."""


def require_member(user: Any) -> Member:
    member: Member | None = member_of(user)
    if member is None:
        raise NoMemberRecord(_("Tài khoản này chưa được gắn với hồ sơ đảng viên nào."))
    return member


def birth_text(member: Member) -> str:
    """The birth date as far as the record knows it: dd/mm/yyyy, mm/yyyy or yyyy."""
    birth = member.birth_date
    if birth is None:
        return ""
    if member.birth_date_precision == DatePrecision.YEAR:
        return f"{birth.year:04d}"
    if member.birth_date_precision == DatePrecision.MONTH:
        return f"{birth.month:02d}/{birth.year:04d}"
    return birth.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class OwnRecord:
    member: Member
    birth: str
    show_citizen_id: bool


def my_record(user: Any) -> OwnRecord:
    """The member's own summary. Reading the full record with the citizen ID is a sensitive read,
    logged as the members profile logs it (who, whose, why; never the data)."""
    member = Member.objects.select_related("unit", "temporary_unit").get(pk=require_member(user).pk)
    show = is_self(user, member) and can_read_sensitive(user, member)
    record_read(actor=user, target=member, unit=member.unit, reason=RECORD_READ_REASON)
    return OwnRecord(member=member, birth=birth_text(member), show_citizen_id=show)
