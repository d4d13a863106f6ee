from datetime import datetime
from typing import Any

from ninja import Schema


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime
    actor_label: str
    action: str
    target_type: str
    target_id: str
    target_label: str
    unit: str | None
    changes: dict[str, Any]

    @staticmethod
    def resolve_unit(obj: Any) -> str | None:
        return obj.unit.code if obj.unit_id else None


class AuditPage(Schema):
    items: list[AuditEventOut]
    count: int
