"""Reads of one member's full profile. Every read of a full profile is logged (`record_read`)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, can_read_sensitive, find_unit, has_perm_anywhere, is_self
from chibo.access.policy import require as require_perm
from chibo.access.roles import Perm
from chibo.audit.recorder import record_read
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.org.models import OrgUnit

from .. import state as member_state
from ..actions import SENSITIVE_FIELDS
from ..models import Member, MemberEvent
from ..rules import PartyAge, party_age

# Fields that are the system's own bookkeeping, never shown as part of the record.
_INTERNAL_FIELDS = frozenset({"id", "search_name", "sort_name", "user"})
PROFILE_FIELDS = tuple(
    f.name for f in Member._meta.concrete_fields if f.name not in _INTERNAL_FIELDS
)


def _active_events(member: Member) -> list[MemberEvent]:
    return list(member.events.filter(cancelled_at__isnull=True).order_by("effective_on", "id"))


def _receives(user: Any, member: Member) -> bool:
    """The user manages the branch a pending permanent transfer of `member` goes to: that branch
    receives the member (QĐ 294-QĐ/TW §6.3.1) and must see whom it receives."""
    pending = member_state.derive(_active_events(member)).pending_transfer_to
    target = OrgUnit.objects.filter(pk=pending).first() if pending else None
    return target is not None and can(user, Perm.MEMBERS_MANAGE, target)


def _allowed(user: Any, member: Member, perm: Perm) -> None:
    """Own record (read only); `perm` on the member's unit; or the receiving branch."""
    if perm == Perm.MEMBERS_VIEW and is_self(user, member):
        return
    if not can(user, perm, member.unit) and _receives(user, member):
        return
    require_perm(user, perm, member.unit)


def _get(pk: int) -> Member:
    member = Member.objects.select_related("unit", "temporary_unit", "user").filter(pk=pk).first()
    if member is None:
        raise NotFound(_("Không tìm thấy đảng viên."))
    return member


def get_profile_for_user(user: Any, pk: int, *, reason: str) -> Member:
    """The full record of member `pk`, and a line in the sensitive-read log saying who read it
    and why (`reason`: "profile page", "api detail"...). 404 out of scope, 403 in scope without
    members.view; a member always reads their own record."""
    member = _get(pk)
    _allowed(user, member, Perm.MEMBERS_VIEW)
    record_read(actor=user, target=member, unit=member.unit, reason=reason)
    return member


def get_member_to_read(user: Any, pk: int) -> Member:
    """The member, for a read that is not the full record (lists, timeline): 404 out of scope,
    403 without members.view; own record and receiving branch allowed. Not logged."""
    member = _get(pk)
    _allowed(user, member, Perm.MEMBERS_VIEW)
    return member


def get_member_to_manage(user: Any, pk: int) -> Member:
    """The member, for a write (edit, life event): 404 out of scope, 403 without members.manage
    (the receiving branch of a pending transfer may record the reception; the action checks the
    event). Not a read of the profile, so not logged; the action that follows is audited."""
    member = _get(pk)
    _allowed(user, member, Perm.MEMBERS_MANAGE)
    return member


def visible_fields(user: Any, member: Member) -> frozenset[str]:
    """The profile fields `user` may see on `member`'s record (the caller has already been let
    in by `get_profile_for_user`): the citizen ID only for the roles that need it, or oneself."""
    fields = frozenset(PROFILE_FIELDS)
    if not can_read_sensitive(user, member):
        fields -= SENSITIVE_FIELDS
    return fields


def events_of(user: Any, member: Member) -> QuerySet[MemberEvent]:
    """The member's life events, newest first (cancelled ones too: the timeline keeps them)."""
    _allowed(user, member, Perm.MEMBERS_VIEW)
    return member.events.select_related("from_unit", "to_unit", "recorded_by").order_by(
        "-effective_on", "-id"
    )


@dataclass(frozen=True)
class Standing:
    """What the events say about the member today, beyond the cached columns."""

    pending_transfer_to: OrgUnit | None
    party_age: PartyAge | None
    readmitted: bool


def standing_of(user: Any, member: Member, *, on: date) -> Standing:
    _allowed(user, member, Perm.MEMBERS_VIEW)
    current = member_state.derive(_active_events(member))
    pending = (
        OrgUnit.objects.filter(pk=current.pending_transfer_to).first()
        if current.pending_transfer_to
        else None
    )
    admitted_on = current.admitted_on or member.admitted_on
    age = None
    if admitted_on and admitted_on <= on:
        end = current.left_on if member.status == "deceased" and current.left_on else on
        age = party_age(admitted_on=admitted_on, gaps=member_state.open_gaps(current, end), on=end)
    return Standing(
        pending_transfer_to=pending, party_age=age, readmitted=bool(current.readmissions)
    )


def may_admit(user: Any) -> None:
    """The admission page is for roles that manage members somewhere; others are refused."""
    if not has_perm_anywhere(user, Perm.MEMBERS_MANAGE):
        raise Forbidden(_("Bạn không có quyền kết nạp đảng viên."))


class UnknownUnit(ValidationFailed):
    """A unit code that names no unit: a typo in a form (400), not a page out of reach."""


def find_transfer_target(user: Any, code: str) -> OrgUnit:
    """The unit a member is transferred to, by code. A transfer may go anywhere in the country,
    outside the sender's reach, so only the unit's identity is read, and only by someone who
    manages members somewhere; whether it is a branch the action decides."""
    if not has_perm_anywhere(user, Perm.MEMBERS_MANAGE):
        raise Forbidden(_("Bạn không có quyền thực hiện việc này ở đơn vị này."))
    unit = find_unit(code)
    if unit is None:
        raise UnknownUnit(_("Không tìm thấy đơn vị %(code)s."), field="to_unit", code=code)
    return unit
