from datetime import date

from ninja import Schema
from pydantic import Field

from chibo.core.bounds import Day


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    status: str
    member_count: int
    has_children: bool
    founded_on: date | None
    merged_into: str | None

    # Resolvers also run on an already-serialised dict (the detail view builds one): keep its value.
    @staticmethod
    def resolve_has_children(obj: object) -> bool:
        if isinstance(obj, dict):
            return bool(obj.get("has_children"))
        return bool(getattr(obj, "numchild", 0))

    @staticmethod
    def resolve_merged_into(obj: object) -> str | None:
        if isinstance(obj, dict):
            return obj.get("merged_into")
        survivor = getattr(obj, "merged_into", None)
        return survivor.code if survivor else None


class UnitDetailOut(UnitOut):
    parent: str | None
    path: list[str]
    live_member_count: int


class UnitPage(Schema):
    items: list[UnitOut]
    count: int


class UnitCreateIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=255)
    kind: str
    founded_on: Day
    decision_number: str = Field("", max_length=60)


class RenameIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    effective_on: Day
    decision_number: str = Field("", max_length=60)


class MoveIn(Schema):
    new_parent: str
    effective_on: Day
    decision_number: str = Field("", max_length=60)


class MergeIn(Schema):
    survivor: str
    effective_on: Day
    decision_number: str = Field("", max_length=60)


class DissolveIn(Schema):
    effective_on: Day
    decision_number: str = Field("", max_length=60)
    reason: str = Field("", max_length=500)
