"""Study campaigns API (/api/v1/study-campaigns), attached to the module's router by
`chibo.documents.api`: the list, results per unit, and the
member's quiz (start an attempt, submit it)."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from chibo.access.policy import has_perm_anywhere
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, NotFound
from chibo.core.pagination import PageParams

from ..distribution.rates import RateRow
from . import actions, queries

router = Router()


class StudyCampaignOut(Schema):
    id: int
    title: str
    unit_code: str
    unit_name: str
    audience: str
    starts_on: date
    deadline: date
    participant_count: int


class CampaignPage(Schema):
    items: list[StudyCampaignOut]
    count: int


class UnitResultOut(Schema):
    code: str
    name: str
    total: int
    passed: int
    percent: float


class ResultsOut(Schema):
    campaign_id: int
    unit_code: str
    unit_name: str
    total: int
    passed: int
    percent: float
    units: list[UnitResultOut]


class OptionOut(Schema):
    id: int
    text: str


class StudyQuestionOut(Schema):
    id: int
    number: int
    text: str
    options: list[OptionOut]


class AttemptOut(Schema):
    attempt_id: int
    submitted: bool
    questions: list[StudyQuestionOut]


class SubmitIn(Schema):
    answers: dict[int, int] = Field(
        default_factory=dict, description="question id → chosen option id"
    )


class ScoreOut(Schema):
    attempt_id: int
    correct: int
    total: int
    percent: int
    passed: bool


class StudyUnitParam(Schema):
    unit: str = Field("", max_length=40)


def _campaign_out(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "unit_code": c.unit.code,
        "unit_name": c.unit.name,
        "audience": c.audience,
        "starts_on": c.starts_on,
        "deadline": c.deadline,
        "participant_count": c.participant_count,
    }


@router.get(
    "", response=CampaignPage, summary="Study campaigns in (or covering) the caller's reach"
)
def list_campaigns(
    request: HttpRequest, filters: Query[StudyUnitParam], params: Query[PageParams]
) -> dict[str, Any]:
    if not has_perm_anywhere(request.user, Perm.DOCUMENTS_VIEW):
        raise Forbidden(_no_view())
    unit = queries.unit_for_campaigns(request.user, filters.unit) if filters.unit else None
    campaigns = queries.campaigns_for(request.user, unit)
    items = campaigns[params.offset : params.offset + params.limit]
    return {"items": [_campaign_out(c) for c in items], "count": campaigns.count()}


def _no_view() -> Any:
    return _("Bạn không có quyền xem văn bản.")


def _result_out(row: RateRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "total": row.total,
        "passed": row.done,
        "percent": row.percent,
    }


@router.get(
    "/{campaign_id}/results",
    response=ResultsOut,
    summary="Participants and passes per child unit of `unit`",
)
def results(
    request: HttpRequest, campaign_id: int, params: Query[StudyUnitParam]
) -> dict[str, Any]:
    campaign = queries.get_campaign_for_staff(request.user, campaign_id)
    unit = queries.campaign_rates_unit(request.user, campaign, params.unit or None)
    rates = queries.campaign_rates(request.user, campaign, unit)
    return {
        "campaign_id": campaign.pk,
        "unit_code": unit.code,
        "unit_name": unit.name,
        "total": rates.total,
        "passed": rates.passed,
        "percent": rates.percent,
        "units": [_result_out(r) for r in rates.rows],
    }


def _attempt_out(attempt: Any) -> dict[str, Any]:
    return {
        "attempt_id": attempt.pk,
        "submitted": attempt.submitted_at is not None,
        "questions": [
            {
                "id": q.question.pk,
                "number": q.number,
                "text": q.question.text,
                "options": [{"id": o.pk, "text": o.text} for o in q.options],
            }
            for q in queries.attempt_questions(attempt)
        ],
    }


@router.post(
    "/{campaign_id}/quiz/attempts",
    response={201: AttemptOut},
    summary="Start (or resume) the caller's quiz attempt: questions and options in its own order",
)
def start_attempt(request: HttpRequest, campaign_id: int) -> Any:
    attempt = actions.start_quiz_attempt(actor=request.user, campaign_id=campaign_id)
    return Status(201, _attempt_out(attempt))


@router.post(
    "/{campaign_id}/quiz/attempts/{attempt_id}/submit",
    response=ScoreOut,
    summary="Submit the answers of an attempt; scored against the layout it was shown",
)
def submit_attempt(
    request: HttpRequest, campaign_id: int, attempt_id: int, payload: SubmitIn
) -> dict[str, Any]:
    attempt = queries.attempt_for_member(request.user, attempt_id)
    if attempt.participant.campaign_id != campaign_id:
        raise NotFound(_("Không tìm thấy bài làm."))
    done = actions.submit_quiz_attempt(
        actor=request.user, attempt_id=attempt.pk, answers=dict(payload.answers)
    )
    return {
        "attempt_id": done.pk,
        "correct": done.correct,
        "total": done.total,
        "percent": done.percent,
        "passed": done.passed,
    }
