"""A member's state derived from their dated events (DESIGN.md rule 7). Pure: no database."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

from .models import EventKind, MemberStatus

# Leaving the party in any of these ways opens a gap in party age (RULES.md: party age).
_LEAVING = {
    EventKind.REMOVAL: MemberStatus.REMOVED,
    EventKind.EXPULSION: MemberStatus.EXPELLED,
    EventKind.WITHDRAWAL: MemberStatus.WITHDRAWN,
}


class EventLike(Protocol):
    kind: str
    effective_on: date
    to_unit_id: int | None
    details: dict[str, Any]


@dataclass(frozen=True)
class MemberState:
    status: str | None = None
    unit_id: int | None = None
    temporary_unit_id: int | None = None
    pending_transfer_to: int | None = None
    is_exempt: bool = False
    admitted_on: date | None = None
    full_member_on: date | None = None
    left_on: date | None = None
    readmissions: int = 0
    gaps: tuple[tuple[date, date], ...] = field(default_factory=tuple)
    # A duplicate record merged into another (data quality): the survivor, and the status to
    # give back when the merge is undone.
    merged_into_id: int | None = None
    status_before_merge: str | None = None

    @property
    def in_party(self) -> bool:
        return self.status in (MemberStatus.PROBATIONARY, MemberStatus.FULL)


def _full_from(event: EventLike) -> date:
    raw = event.details.get("full_from")
    return date.fromisoformat(raw) if raw else event.effective_on


def _day(raw: Any) -> date | None:
    return date.fromisoformat(raw) if raw else None


def apply(state: MemberState, event: EventLike) -> MemberState:
    kind = event.kind
    if kind == EventKind.RECORD_OPENED:
        # The state an old register carried over, as the import read it, dated the day it was
        # loaded: it fills what the events do not say. Events dated before it, recorded later
        # (a death before the import), are more precise and keep their effect.
        return replace(
            state,
            status=state.status or event.details["status"],
            unit_id=state.unit_id or event.to_unit_id,
            admitted_on=state.admitted_on or _day(event.details.get("admitted_on")),
            full_member_on=state.full_member_on or _day(event.details.get("full_member_on")),
        )
    if kind == EventKind.UNIT_REASSIGNED:
        if event.details.get("role") == "temporary":
            return replace(state, temporary_unit_id=event.to_unit_id)
        if event.details.get("role") == "pending_transfer":
            return replace(state, pending_transfer_to=event.to_unit_id)
        return replace(state, unit_id=event.to_unit_id)
    if kind == EventKind.RECORD_MERGED:
        return replace(
            state,
            status=MemberStatus.MERGED,
            merged_into_id=event.details["merged_into"],
            status_before_merge=state.status or event.details.get("status_before"),
        )
    if kind == EventKind.RECORD_MERGE_UNDONE:
        return replace(
            state,
            status=state.status_before_merge or event.details.get("status_after"),
            merged_into_id=None,
            status_before_merge=None,
        )
    if kind == EventKind.ADMISSION:
        return replace(
            state,
            status=MemberStatus.PROBATIONARY,
            unit_id=event.to_unit_id,
            admitted_on=event.effective_on,
        )
    if kind == EventKind.FULL_MEMBERSHIP:
        return replace(state, status=MemberStatus.FULL, full_member_on=_full_from(event))
    if kind == EventKind.TRANSFER_OUT:
        return replace(state, pending_transfer_to=event.to_unit_id)
    if kind == EventKind.TRANSFER_IN:
        return replace(
            state, unit_id=event.to_unit_id, pending_transfer_to=None, temporary_unit_id=None
        )
    if kind == EventKind.TEMPORARY_OUT:
        return replace(state, temporary_unit_id=event.to_unit_id)
    if kind == EventKind.TEMPORARY_RETURN:
        return replace(state, temporary_unit_id=None)
    if kind == EventKind.EXEMPTION:
        return replace(state, is_exempt=True)
    if kind == EventKind.EXEMPTION_END:
        return replace(state, is_exempt=False)
    if kind == EventKind.DEATH:
        return replace(
            state,
            status=MemberStatus.DECEASED,
            left_on=event.effective_on,
            pending_transfer_to=None,
            temporary_unit_id=None,
        )
    if kind in _LEAVING:
        return replace(
            state,
            status=_LEAVING[EventKind(kind)],
            left_on=event.effective_on,
            pending_transfer_to=None,
            temporary_unit_id=None,
            is_exempt=False,
        )
    if kind == EventKind.READMISSION:
        gap = ((state.left_on, event.effective_on),) if state.left_on else ()
        # Re-admitted members serve a new probation (QĐ 294-QĐ/TW §3.5).
        return replace(
            state,
            status=MemberStatus.PROBATIONARY,
            unit_id=event.to_unit_id,
            left_on=None,
            readmissions=state.readmissions + 1,
            gaps=state.gaps + gap,
            full_member_on=None,
        )
    raise ValueError(f"unknown member event kind {kind!r}")


def derive(events: Iterable[EventLike], *, start: MemberState | None = None) -> MemberState:
    """Fold events (in date order, ties in recording order) into the member's state."""
    state = start or MemberState()
    for event in events:
        state = apply(state, event)
    return state


def open_gaps(state: MemberState, on: date) -> tuple[tuple[date, date], ...]:
    """Gaps in party age up to `on`, counting a current absence as a gap to that date."""
    if state.left_on and state.status != MemberStatus.DECEASED:
        return (*state.gaps, (state.left_on, on))
    return state.gaps
