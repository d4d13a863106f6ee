"""The member side of a data-quality merge of duplicate records: the absorbed record becomes
"merged" into the survivor, and the undo gives its status back. Each is a dated event the fold
knows (`RECORD_MERGED`, `RECORD_MERGE_UNDONE`), so a recompute keeps the result.

`chibo.data_quality.duplicates.actions` decides the merge (fields chosen, linked rows moved,
its own audit) and calls these inside its transaction for the change of state.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed
from chibo.org.actions import count_member_change

from .. import state as member_state
from ..models import ACTIVE_STATUSES, EventKind, Member, MemberEvent, MemberStatus
from .registry import _active_events, current_state


def _authorise(actor: Any, absorbed: Member, survivor: Member) -> None:
    if absorbed.pk == survivor.pk:
        raise ValidationFailed(_("Không thể gộp một hồ sơ với chính nó."))
    require(actor, Perm.DATA_QUALITY_MANAGE, survivor.unit)
    require(actor, Perm.DATA_QUALITY_MANAGE, absorbed.unit)


def _event(actor: Any, member: Member, kind: str, on: date, details: dict[str, Any]) -> MemberEvent:
    events = _active_events(member)
    # Dated the day of the merge, or after the record's latest event, so the fold applies it last.
    effective_on = max(on, events[-1].effective_on) if events else on
    return MemberEvent.objects.create(
        member=member,
        kind=kind,
        effective_on=effective_on,
        from_unit_id=member.unit_id,
        details=details,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )


def record_merge_of_records(
    *,
    actor: Any,
    absorbed: Member,
    survivor: Member,
    on: date,
    merge_id: int | None = None,
) -> MemberEvent:
    """Mark `absorbed` as merged into `survivor` (status "merged", `merged_into`), with its
    event, and take it out of the subtree member counts. `absorbed` is updated in place."""
    _authorise(actor, absorbed, survivor)
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=absorbed.pk)
        if locked.status == MemberStatus.MERGED or survivor.status == MemberStatus.MERGED:
            raise Conflict(_("Hồ sơ %(name)s đã được gộp trước đó."), name=locked.full_name)
        before = current_state(locked, _active_events(locked))
        event = _event(
            actor,
            locked,
            EventKind.RECORD_MERGED,
            on,
            {
                "merged_into": survivor.pk,
                "status_before": before.status or locked.status,
                "merge": merge_id,
            },
        )
        after = member_state.apply(before, event)
        was_counted = locked.status in ACTIVE_STATUSES
        Member.objects.filter(pk=locked.pk).update(
            status=after.status, merged_into_id=after.merged_into_id
        )
        absorbed.status, absorbed.merged_into_id = after.status or "", after.merged_into_id
        if was_counted:
            count_member_change(locked.unit, -1)
    return event


def undo_merge_of_records(
    *,
    actor: Any,
    absorbed: Member,
    survivor: Member,
    on: date,
    merge_id: int | None = None,
    status_before: str | None = None,
) -> MemberEvent:
    """Give a merged record back its status from before the merge (and its place in the
    counts), with its event. `absorbed` is updated in place. `status_before` is the status the
    caller kept from before the merge, for records merged before merges were events."""
    _authorise(actor, absorbed, survivor)
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=absorbed.pk)
        if locked.status != MemberStatus.MERGED or locked.merged_into_id != survivor.pk:
            raise Conflict(_("Hồ sơ bị gộp đã thay đổi; không thể hoàn tác."))
        events = _active_events(locked)
        merged = next((e for e in reversed(events) if e.kind == EventKind.RECORD_MERGED), None)
        kept = merged.details.get("status_before") if merged else status_before
        if not kept:
            raise Conflict(_("Hồ sơ bị gộp đã thay đổi; không thể hoàn tác."))
        before = current_state(locked, events)
        if merged is None:
            # Merged before merges were events: the undo event carries the status given back.
            before = member_state.MemberState(status=MemberStatus.MERGED, status_before_merge=kept)
        event = _event(
            actor,
            locked,
            EventKind.RECORD_MERGE_UNDONE,
            on,
            {"merge": merge_id, "status_after": kept},
        )
        after = member_state.apply(before, event)
        status = after.status or kept
        Member.objects.filter(pk=locked.pk).update(status=status, merged_into_id=None)
        absorbed.status, absorbed.merged_into_id = status, None
        if status in ACTIVE_STATUSES:
            count_member_change(locked.unit, +1)
    return event
