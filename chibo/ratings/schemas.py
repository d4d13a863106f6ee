"""API schemas of the ratings module."""

from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class LevelCapOut(Schema):
    unit_code: str | None
    unit_name: str | None
    excellent: int
    good: int
    percent: int
    limit: int
    within: bool
    confirmed: bool


class UnitRatingsOut(Schema):
    unit_code: str
    year: int
    kind: str
    levels: dict[str, int]
    decided: int
    undecided: int
    cap: list[LevelCapOut]


class SubjectOut(Schema):
    kind: str
    id: int
    name: str
    unit_code: str | None
    unit_name: str | None


class StreakOut(Schema):
    subject: SubjectOut
    years: list[int]


class StreakPage(Schema):
    items: list[StreakOut]
    count: int


class ConditionsIn(Schema):
    tasks_on_time: bool = False
    exceeding_percent: int = Field(0, ge=0, le=100)
    shortcomings_fixed: bool = False
    late_percent: int = Field(0, ge=0, le=100)
    disciplined_subordinate: bool = False
    disqualifying: list[str] = Field(default_factory=list, max_length=10)


class AssessmentIn(Schema):
    rating: int | None = Field(None, description="id of the rating (or give member)")
    member: int | None = Field(None, description="id of the member rated in this round")
    stage: str = Field(..., description="self_assessment | branch_assessment | committee_decision")
    score: Decimal | None = Field(None, max_digits=6, decimal_places=2)
    level: str = Field("", max_length=16)
    conditions: ConditionsIn | None = None
    points: dict[str, Decimal] = Field(default_factory=dict)
    comment: str = Field("", max_length=4000)


class AssessmentOut(Schema):
    id: int
    rating: int
    stage: str
    score: Decimal | None
    level: str
    rating_stage: str
    rating_level: str

    @staticmethod
    def resolve_rating(obj: Any) -> int:
        return int(obj.rating_id)

    @staticmethod
    def resolve_rating_stage(obj: Any) -> str:
        return str(obj.rating.stage)

    @staticmethod
    def resolve_rating_level(obj: Any) -> str:
        return str(obj.rating.level)
