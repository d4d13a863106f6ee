from typing import Any

from django.db.models import QuerySet

from chibo.access.policy import scope
from chibo.access.roles import Perm

from .models import AuditEvent


def events_for(user: Any, *, action: str = "", unit_path: str = "") -> QuerySet[AuditEvent]:
    """Events of units in the user's reach with audit permission; newest first."""
    events = scope(user, AuditEvent.objects.all(), perm=Perm.AUDIT_VIEW).select_related("unit")
    if action:
        events = events.filter(action__startswith=action)
    if unit_path:
        events = events.filter(unit__path__startswith=unit_path)
    return events.order_by("-occurred_at", "-id")
