"""The fold that derives a task's state from its dated events (pure: no database).

draft → issued → in progress (the first progress note) → submitted → accepted, or returned with a
reason (back to the owner, who submits again). An extension asked by the owner is pending until
the approver grants it (the due date moves) or refuses it."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from .models import EventKind, TaskStatus


class EventLike(Protocol):
    kind: str
    on: date
    due_on: date | None


@dataclass(frozen=True)
class TaskState:
    status: str
    due_on: date
    issued_on: date | None = None
    submitted_on: date | None = None
    accepted_on: date | None = None
    extension_pending: bool = False

    def cached(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "due_on": self.due_on,
            "issued_on": self.issued_on,
            "submitted_on": self.submitted_on,
            "accepted_on": self.accepted_on,
            "extension_pending": self.extension_pending,
        }


def derive(events: Iterable[EventLike], *, original_due_on: date) -> TaskState:
    """Fold the events (in the order they happened) into the task's state."""
    status: str = TaskStatus.DRAFT
    due = original_due_on
    issued = submitted = accepted = None
    pending = False
    for e in events:
        kind = e.kind
        if kind == EventKind.CREATED:
            due = e.due_on or due
        elif kind == EventKind.ISSUED:
            status, issued = TaskStatus.ISSUED, e.on
        elif kind == EventKind.PROGRESS:
            if status in (TaskStatus.ISSUED, TaskStatus.RETURNED):
                status = TaskStatus.IN_PROGRESS
        elif kind == EventKind.SUBMITTED:
            status, submitted = TaskStatus.SUBMITTED, e.on
        elif kind == EventKind.ACCEPTED:
            status, accepted = TaskStatus.ACCEPTED, e.on
            pending = False
        elif kind == EventKind.RETURNED:
            status = TaskStatus.RETURNED
        elif kind == EventKind.EXTENSION_REQUESTED:
            pending = True
        elif kind == EventKind.EXTENSION_GRANTED:
            pending = False
            due = e.due_on or due
        elif kind == EventKind.EXTENSION_REFUSED:
            pending = False
    return TaskState(
        status=status,
        due_on=due,
        issued_on=issued,
        submitted_on=submitted,
        accepted_on=accepted,
        extension_pending=pending,
    )


def is_late(*, status: str, due_on: date, accepted_on: date | None, today: date) -> bool:
    """Accepted after its due date, or still open past it (drafts are not late: not issued)."""
    if status == TaskStatus.DRAFT:
        return False
    if accepted_on is not None:
        return accepted_on > due_on
    return today > due_on
