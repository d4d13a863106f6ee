"""Permanent transfers still in progress, and those past their deadline."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q

from chibo.access.policy import scope
from chibo.access.roles import Perm
from chibo.members.models import EventKind, MemberEvent


@dataclass(frozen=True)
class PendingTransfer:
    event: MemberEvent
    report_by: date | None

    def overdue_on(self, on: date) -> bool:
        return self.report_by is not None and self.report_by < on


def pending_transfers(user: Any, *, on: date, overdue_only: bool = False) -> list[PendingTransfer]:
    """Transfers out (introduction letters) not yet received, sending or receiving in the
    user's reach; with `overdue_only`, those whose 30 working days to report have passed."""
    received = MemberEvent.objects.filter(
        member_id=OuterRef("member_id"),
        kind=EventKind.TRANSFER_IN,
        cancelled_at__isnull=True,
        id__gt=OuterRef("id"),
    )
    left = MemberEvent.objects.filter(
        member_id=OuterRef("member_id"),
        kind__in=[EventKind.DEATH, EventKind.REMOVAL, EventKind.EXPULSION, EventKind.WITHDRAWAL],
        cancelled_at__isnull=True,
        id__gt=OuterRef("id"),
    )
    sending = scope(user, MemberEvent.objects.all(), via="from_unit", perm=Perm.MEMBERS_VIEW)
    receiving = scope(user, MemberEvent.objects.all(), via="to_unit", perm=Perm.MEMBERS_VIEW)
    events = (
        MemberEvent.objects.filter(
            Q(pk__in=sending.values("pk")) | Q(pk__in=receiving.values("pk"))
        )
        .filter(kind=EventKind.TRANSFER_OUT, cancelled_at__isnull=True)
        .exclude(Exists(received))
        .exclude(Exists(left))
        .select_related("member", "from_unit", "to_unit")
        .order_by("effective_on", "id")
    )
    rows = [
        PendingTransfer(
            event=e,
            report_by=date.fromisoformat(e.details["report_by"])
            if e.details.get("report_by")
            else None,
        )
        for e in events
    ]
    return [r for r in rows if r.overdue_on(on)] if overdue_only else rows
