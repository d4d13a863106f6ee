from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import has_perm_anywhere, scope
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden

from .models import AuditEvent


def require_audit_reader(user: Any) -> None:
    """The audit log is for roles that hold audit.view somewhere; others are refused (403)."""
    if not has_perm_anywhere(user, Perm.AUDIT_VIEW):
        raise Forbidden(_("Bạn không có quyền xem nhật ký."))


def events_for(user: Any, *, action: str = "", unit_path: str = "") -> QuerySet[AuditEvent]:
    """Events of units in the user's reach with audit permission; newest first."""
    events = scope(user, AuditEvent.objects.all(), perm=Perm.AUDIT_VIEW).select_related("unit")
    if action:
        events = events.filter(action__startswith=action)
    if unit_path:
        events = events.filter(unit__path__startswith=unit_path)
    return events.order_by("-occurred_at", "-id")
