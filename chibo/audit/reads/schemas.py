from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from chibo.core.bounds import Day


class ReadsQuery(Schema):
    unit: str = Field("", max_length=40)
    # "from" is a Python keyword: the parameter keeps its name on the wire.
    start: Day | None = Field(None, alias="from")
    to: Day | None = None
    reader: str = Field("", max_length=150)


class SensitiveReadOut(Schema):
    id: int
    occurred_at: datetime
    reader: str
    reader_roles: list[str]
    target_type: str
    target_id: str
    target_label: str
    unit: str | None
    reason: str

    @staticmethod
    def resolve_unit(obj: Any) -> str | None:
        return obj.unit.code if obj.unit is not None else None


class SensitiveReadPage(Schema):
    items: list[SensitiveReadOut]
    count: int
