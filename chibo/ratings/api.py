"""The ratings module's one API router, mounted at /api/v1/ by config/api.py: a unit's counts
per level with the cap check, its streaks, and the assessments of a round."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from chibo.core.bounds import Year
from chibo.core.pagination import PageParams

from .actions.assessments import assess_rating
from .models import SubjectKind
from .queries import history, rounds
from .rules import Level
from .schemas import AssessmentIn, AssessmentOut, StreakPage, UnitRatingsOut

router = Router(tags=["ratings"])


class RatingsFilters(Schema):
    year: Year | None = None
    kind: SubjectKind = SubjectKind.MEMBER


class StreakFilters(Schema):
    level: Level = Level.EXCELLENT
    years: int = Field(5, ge=1, le=30)
    until: Year | None = None
    kind: SubjectKind = SubjectKind.MEMBER


@router.get(
    "/units/{code}/ratings",
    response=UnitRatingsOut,
    summary="Counts per level of a year's ratings in a unit's subtree, with the cap check",
)
def unit_ratings(request: HttpRequest, code: str, filters: Query[RatingsFilters]) -> Any:
    unit = rounds.get_unit(request.user, code)
    year = filters.year or timezone.localdate().year
    data = history.level_counts(request.user, unit, year=year, kind=filters.kind)
    return {
        **data,
        "unit_code": unit.code,
        "cap": [
            {
                "unit_code": c["unit"].code if c["unit"] else None,
                "unit_name": c["unit"].name if c["unit"] else None,
                **{
                    k: c[k]
                    for k in ("excellent", "good", "percent", "limit", "within", "confirmed")
                },
            }
            for c in data["cap"]
        ],
    }


@router.get(
    "/units/{code}/streaks",
    response=StreakPage,
    summary="Members (or organisations) rated at a level every year of a run ending in `until`",
)
def unit_streaks(
    request: HttpRequest, code: str, filters: Query[StreakFilters], params: Query[PageParams]
) -> Any:
    unit = rounds.get_unit(request.user, code)
    until = filters.until or timezone.localdate().year
    items, count = history.streaks(
        request.user,
        unit,
        level=filters.level,
        years=filters.years,
        until=until,
        kind=filters.kind,
        offset=params.offset,
        limit=params.limit,
    )
    return {
        "count": count,
        "items": [
            {
                "subject": {
                    "kind": filters.kind,
                    "id": s.subject_id,
                    "name": s.name,
                    "unit_code": s.unit.code if s.unit else None,
                    "unit_name": s.unit.name if s.unit else None,
                },
                "years": s.years,
            }
            for s in items
        ],
    }


@router.post(
    "/ratings/{round_id}/assessments",
    response={201: AssessmentOut},
    summary="Record a self-assessment, the branch's assessment or the committee's decision",
)
def create_assessment(
    request: HttpRequest, round_id: int, payload: AssessmentIn
) -> tuple[int, Any]:
    rating_id = rounds.rating_id_in_round(
        request.user, round_id, rating_id=payload.rating, member_id=payload.member
    )
    event = assess_rating(
        actor=request.user,
        rating_id=rating_id,
        stage=payload.stage,
        on=timezone.localdate(),
        score=payload.score,
        level=payload.level,
        conditions=payload.conditions.dict() if payload.conditions else {},
        points={k: v for k, v in payload.points.items()},
        comment=payload.comment,
    )
    return 201, event
