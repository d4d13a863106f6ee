"""Writing audit events. Called by actions, inside their transaction."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from .models import AuditEvent, SensitiveRead


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {f: _plain(getattr(instance, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [before, after]}."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    unit: Any,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "username", "") or "system",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        unit=unit,
        changes={
            k: [_plain(v) for v in pair] if isinstance(pair, list) else _plain(pair)
            for k, pair in (changes or {}).items()
        },
    )


def record_read(*, actor: Any, target: models.Model, unit: Any, reason: str) -> SensitiveRead:
    """Log one read of personal data (who, what record, where, why); never the data read."""
    return SensitiveRead.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "username", "") or "system",
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        unit=unit,
        reason=reason[:120],
    )
