"""Members moved by a restructuring of the organisation: a merge of their branch, a split, a move
of a branch's members to another branch.

Every change of a member's unit is a dated `UNIT_REASSIGNED` event the fold knows, so
`recompute_member_states` gives the same unit afterwards (DESIGN.md rule 7). Written set-based (one
INSERT … SELECT of the events and one UPDATE of the cache column) inside the caller's
transaction, so a merge of a 45,000-member ward stays fast.
"""

import json
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.org.actions import count_member_changes
from chibo.org.models import OrgUnit

from ..models import ACTIVE_STATUSES, EventKind, Member, MemberEvent, MemberStatus
from .registry import _active_events, _require_branch, current_state


class ReassignmentCause(StrEnum):
    UNIT_MERGE = "unit_merge"  # the member's branch was merged into another (org.merge_units)
    UNIT_SPLIT = "unit_split"  # the branch was split; part of its members go to a new branch
    MEMBERS_MOVED = "members_moved"  # a decision moves a branch's members to another branch


# One INSERT … SELECT writes the events of every member chosen, inside the database: no model
# instance per member (a 45,000-member ward merges in well under a second).
_INSERT_EVENTS = """
INSERT INTO {events} (member_id, kind, effective_on, decision_number, deciding_body,
                      from_unit_id, to_unit_id, details, recorded_at, recorded_by_id)
SELECT m.id, %s, {greatest}(COALESCE((
           SELECT MAX(e.effective_on) FROM {events} e
           WHERE e.member_id = m.id AND e.cancelled_at IS NULL), %s), %s),
       %s, '', {from_unit}, %s, {json}, %s, %s
FROM {members} m
WHERE m.id IN ({chosen})
"""


# What a reassignment changes (the event's details["role"], known to `state.apply`), and the
# cache column it rewrites: a pending transfer has none (it lives in the events only).
_COLUMNS = {"unit": "unit", "temporary": "temporary_unit", "pending_transfer": None}


def _write(
    *,
    actor: Any,
    members: QuerySet[Member],
    role: str,
    target: OrgUnit,
    effective_on: date,
    decision_number: str,
    details: dict[str, Any],
    from_unit: OrgUnit | None = None,
) -> int:
    """Write one `UNIT_REASSIGNED` event per member of `members` and point what `role` names
    (their unit, temporary unit or pending transfer) at `target`: one INSERT … SELECT and one
    UPDATE. The event is dated the decision's day, or the member's latest event when that is
    later (a decision recorded late), so the fold applies it last; the decision's own day stays
    in `details`. `from_unit`: the unit left, when it is not the member's column."""
    column = _COLUMNS[role]
    ops = connection.ops
    try:
        chosen, chosen_params = members.values("id").query.sql_with_params()
    except EmptyResultSet:  # e.g. pk__in=[]: nobody to move
        return 0
    sql = _INSERT_EVENTS.format(
        events=connection.ops.quote_name(MemberEvent._meta.db_table),
        members=connection.ops.quote_name(Member._meta.db_table),
        from_unit="%s" if column is None else "m." + connection.ops.quote_name(f"{column}_id"),
        greatest="GREATEST" if connection.vendor == "postgresql" else "MAX",
        json="%s::jsonb" if connection.vendor == "postgresql" else "%s",
        chosen=chosen,
    )
    day = ops.adapt_datefield_value(effective_on)
    params = [
        EventKind.UNIT_REASSIGNED.value,
        day,
        day,
        decision_number.strip(),
        *([from_unit.pk if from_unit else None] if column is None else []),
        target.pk,
        json.dumps({**details, "role": role, "decided_on": effective_on.isoformat()}),
        ops.adapt_datetimefield_value(timezone.now()),
        actor.pk if getattr(actor, "pk", None) else None,
        *chosen_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.rowcount
    if column is None:
        return written
    moved = members.update(**{column: target})
    assert moved == written, (moved, written)
    return moved


def _pending_transfers_to(unit: OrgUnit) -> list[int]:
    """Members whose permanent transfer to `unit` is under way (introduction letter written,
    not yet received): few, so their events are folded one by one."""
    candidates = Member.objects.filter(
        events__kind=EventKind.TRANSFER_OUT,
        events__to_unit=unit,
        events__cancelled_at__isnull=True,
    ).distinct()
    return [
        member.pk
        for member in candidates
        if current_state(member, _active_events(member)).pending_transfer_to == unit.pk
    ]


def move_members_on_merge(
    *,
    actor: Any,
    merged: OrgUnit,
    survivor: OrgUnit,
    effective_on: date,
    decision_number: str = "",
) -> int:
    """Every member record of the merged unit (active or not) follows it to the survivor, and
    members temporarily attached to it (sinh hoạt tạm thời) are attached to the survivor.
    Called by `org.merge_units` (through `chibo.org.hooks`) inside its transaction, after it
    authorised the merge; the subtree member counts are carried across by the merge. Returns
    the number of member records whose unit changed."""
    require(actor, Perm.ORG_MANAGE, merged)
    require(actor, Perm.ORG_MANAGE, survivor)
    details = {
        "cause": ReassignmentCause.UNIT_MERGE.value,
        "merged_unit": merged.code,
        "survivor": survivor.code,
    }
    with transaction.atomic():
        # Transfers on their way to the merged unit are received by the survivor (before the
        # members move: the fold of their events tells which transfers are still pending).
        pending = _pending_transfers_to(merged)
        common: dict[str, Any] = {
            "actor": actor,
            "target": survivor,
            "effective_on": effective_on,
            "decision_number": decision_number,
            "details": details,
        }
        _write(
            members=Member.objects.filter(pk__in=pending),
            role="pending_transfer",
            from_unit=merged,
            **common,
        )
        moved = _write(members=Member.objects.filter(unit=merged), role="unit", **common)
        temporary = _write(
            members=Member.objects.filter(temporary_unit=merged), role="temporary", **common
        )
        if moved or temporary or pending:
            record(
                actor=actor,
                action="members.move_on_merge",
                target=merged,
                unit=survivor,
                changes={
                    "members": moved,
                    "temporary_members": temporary,
                    "pending_transfers": len(pending),
                    "to": survivor.code,
                    "effective_on": effective_on.isoformat(),
                    "decision_number": decision_number.strip(),
                },
            )
    return moved


def reassign_members(
    *,
    actor: Any,
    members: Sequence[Member],
    to_unit: OrgUnit,
    effective_on: date,
    cause: str = ReassignmentCause.UNIT_SPLIT,
    decision_number: str = "",
) -> int:
    """Move the given members to another branch by a restructuring decision (a split of their
    branch, or a move of a branch's members): one dated event each, one UPDATE, the subtree
    counts moved once per unit. Needs members.manage on every branch they leave and on
    `to_unit`. Returns the number moved."""
    if cause not in (ReassignmentCause.UNIT_SPLIT, ReassignmentCause.MEMBERS_MOVED):
        raise ValidationFailed(_("Lý do chuyển không hợp lệ."), field="cause")
    require(actor, Perm.MEMBERS_MANAGE, to_unit)
    ids = sorted({m.pk for m in members})
    if not ids:
        raise ValidationFailed(_("Chưa chọn đảng viên nào."), field="members")
    if effective_on > timezone.localdate():
        raise ValidationFailed(
            _("Chưa thể ghi biến động có ngày hiệu lực trong tương lai."), field="effective_on"
        )
    _require_branch(to_unit, effective_on)
    with transaction.atomic():
        chosen = Member.objects.filter(pk__in=ids)
        rows = list(chosen.select_for_update().values_list("unit_id", "status"))
        if len(rows) != len(ids):
            raise ValidationFailed(_("Có hồ sơ không tồn tại."), field="members")
        sources = {
            u.pk: u for u in OrgUnit.objects.filter(pk__in={unit_id for unit_id, _s in rows})
        }
        for source in sources.values():
            require(actor, Perm.MEMBERS_MANAGE, source)
        if to_unit.pk in sources:
            raise ValidationFailed(_("Chi bộ chuyển đến trùng chi bộ hiện tại."), field="to_unit")
        if any(status == MemberStatus.MERGED for _u, status in rows):
            raise Conflict(_("Hồ sơ này đã được gộp vào hồ sơ khác."))
        deltas: dict[str, int] = {}
        for unit_id, status in rows:
            if status in ACTIVE_STATUSES:
                path = sources[unit_id].path
                deltas[path] = deltas.get(path, 0) - 1
                deltas[to_unit.path] = deltas.get(to_unit.path, 0) + 1
        moved = _write(
            actor=actor,
            members=chosen,
            role="unit",
            target=to_unit,
            effective_on=effective_on,
            decision_number=decision_number,
            details={"cause": str(cause), "from": sorted(u.code for u in sources.values())},
        )
        count_member_changes(deltas)
        record(
            actor=actor,
            action="members.reassign_members",
            target=to_unit,
            unit=to_unit,
            changes={
                "members": moved,
                "cause": str(cause),
                "from": sorted(u.code for u in sources.values()),
                "effective_on": effective_on.isoformat(),
                "decision_number": decision_number.strip(),
            },
        )
    return moved
