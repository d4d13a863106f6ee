"""A report's state, folded from its dated events (pure: no database).

open → (prefilled) draft → submitted (to the unit's leader) → approved (sent up) → accepted;
from submitted or approved a return reopens it (returned, editable) with a new version; saving a
returned report makes it a draft again. Timeliness counts the first time the report went up
(`first_sent_at`): a unit that reported on time and was asked to correct is not late.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class Event(Protocol):
    kind: str
    at: datetime


@dataclass(frozen=True)
class ReportState:
    status: str = "open"
    version: int = 1
    first_sent_at: datetime | None = None
    sent_at: datetime | None = None
    return_reason: str = ""


EDITABLE = frozenset({"open", "draft", "returned"})
SENT_UP = frozenset({"approved", "accepted"})


def apply(state: ReportState, kind: str, at: datetime, reason: str = "") -> ReportState:
    if kind == "prefilled":
        return ReportState("draft", state.version, state.first_sent_at, state.sent_at, "")
    if kind == "saved":
        status = "draft" if state.status in EDITABLE else state.status
        return ReportState(status, state.version, state.first_sent_at, state.sent_at, "")
    if kind == "submitted":
        return ReportState("submitted", state.version, state.first_sent_at, None, "")
    if kind == "approved":
        return ReportState("approved", state.version, state.first_sent_at or at, at, "")
    if kind == "accepted":
        return ReportState("accepted", state.version, state.first_sent_at, state.sent_at, "")
    if kind == "returned":
        return ReportState("returned", state.version + 1, state.first_sent_at, None, reason)
    return state  # reminders change nothing


def derive(events: Iterable[Event]) -> ReportState:
    state = ReportState()
    for event in events:
        state = apply(state, event.kind, event.at, getattr(event, "reason", ""))
    return state
