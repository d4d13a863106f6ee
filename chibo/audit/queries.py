from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import MASK, audit_visibility, has_perm_anywhere, scope
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden

from .models import AuditEvent


def require_audit_reader(user: Any) -> None:
    """The audit log is for roles that hold audit.view somewhere; others are refused (403)."""
    if not has_perm_anywhere(user, Perm.AUDIT_VIEW):
        raise Forbidden(_("Bạn không có quyền xem nhật ký."))


# The kinds of event a reader filters by: the module that recorded it (the action's prefix).
KINDS: dict[str, Any] = {
    "org": _("Tổ chức đảng"),
    "members": _("Đảng viên"),
    "meetings": _("Sinh hoạt chi bộ"),
    "documents": _("Văn bản, học tập"),
    "data_quality": _("Làm sạch dữ liệu"),
    "handbook": _("Sổ tay đảng viên"),
    "access": _("Tài khoản, phân quyền"),
    "assignments": _("Nhiệm vụ"),
    "reports": _("Báo cáo"),
    "congresses": _("Đại hội"),
    "elections": _("Bầu cử"),
    "recruitment": _("Phát triển đảng viên"),
    "training": _("Bồi dưỡng"),
    "ratings": _("Đánh giá, xếp loại"),
    "commendations": _("Khen thưởng"),
    "cadres": _("Công tác cán bộ"),
    "notifications": _("Thông báo"),
    "core": _("Lịch làm việc"),
}


def events_for(
    user: Any,
    *,
    action: str = "",
    unit_path: str = "",
    kind: str = "",
    actor: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Events of units in the user's reach with audit permission; newest first, filtered by
    action prefix, unit subtree, kind (module), person (login or name, contains) and period
    (days included). Show them through `entries`, which masks what the reader may not read."""
    events = scope(user, AuditEvent.objects.all(), perm=Perm.AUDIT_VIEW).select_related("unit")
    if action:
        events = events.filter(action__startswith=action)
    if kind:
        events = events.filter(action__startswith=f"{kind}.")
    if unit_path:
        events = events.filter(unit__path__startswith=unit_path)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    tz = timezone.get_current_timezone()
    if since:
        events = events.filter(occurred_at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        events = events.filter(occurred_at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return events.order_by("-occurred_at", "-id")


@dataclass(frozen=True)
class AuditEntry:
    """An audit event as one reader sees it: an entry about a member shows its personal values
    only to readers of that member's record (the field rules of `access.policy`); the names of
    the changed fields are always shown."""

    id: int
    occurred_at: datetime
    actor_label: str
    action: str
    target_type: str
    target_id: str
    target_label: str
    unit: Any
    unit_id: int | None
    changes: dict[str, Any]


def _hidden(value: Any) -> Any:
    if isinstance(value, list):
        return [_hidden(v) for v in value]
    return value if value in (None, "") else MASK


def entries(user: Any, events: Iterable[AuditEvent]) -> list[AuditEntry]:
    """The events as `user` may read them (masked by `access.policy.audit_visibility`)."""
    shown = []
    for event in events:
        seen = audit_visibility(user, event.target_type, event.unit)
        changes = event.changes if isinstance(event.changes, dict) else {}
        shown.append(
            AuditEntry(
                id=event.pk,
                occurred_at=event.occurred_at,
                actor_label=event.actor_label,
                action=event.action,
                target_type=event.target_type,
                target_id=event.target_id,
                target_label=event.target_label if seen.label else MASK,
                unit=event.unit,
                unit_id=event.unit_id,
                changes={k: v if seen.shows(k) else _hidden(v) for k, v in changes.items()},
            )
        )
    return shown
