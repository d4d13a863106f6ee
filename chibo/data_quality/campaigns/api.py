"""Campaign API: campaigns in reach, percentages per unit, one record's four tests, confirmation."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from . import actions, queries

router = Router()


class CampaignOut(Schema):
    id: int
    name: str
    root_unit: str = Field(description="code of the unit whose subtree the campaign covers")
    root_unit_name: str
    starts_on: date
    ends_on: date


class ProgressOut(Schema):
    total: int
    correct: int
    complete: int
    clean: int
    current: int
    all_four: int
    percent: dict[str, float] = Field(description="percentages per test and all_four")


class UnitProgressOut(Schema):
    code: str
    name: str
    rank: int
    direct: bool = Field(description="members directly in the viewed unit, not in a child")
    progress: ProgressOut


class CampaignUnitsOut(Schema):
    campaign: CampaignOut
    unit: str
    summary: ProgressOut
    units: list[UnitProgressOut]


class UnitFilter(Schema):
    unit: str = Field("", max_length=40, description="unit code (default: the campaign's root)")


class ReasonOut(Schema):
    code: str
    message: str
    field: str | None
    citation: str
    confirmed: bool
    severity: str


class TestOut(Schema):
    test: str
    passed: bool
    reasons: list[ReasonOut]


class MemberChecksOut(Schema):
    member_id: int
    passes_all: bool
    campaign_id: int | None
    confirmed_on: date | None
    tests: list[TestOut]


class ConfirmationOut(Schema):
    member_id: int
    campaign_id: int
    confirmed_at: datetime


def _campaign(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "root_unit": c.root_unit.code,
        "root_unit_name": c.root_unit.name,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
    }


def _progress(p: queries.Progress) -> dict[str, Any]:
    return {
        "total": p.total,
        "correct": p.correct,
        "complete": p.complete,
        "clean": p.clean,
        "current": p.current,
        "all_four": p.all_four,
        "percent": p.percents,
    }


@router.get("/campaigns", response=list[CampaignOut], summary="Campaigns in the caller's reach")
def list_campaigns(request: HttpRequest) -> list[dict[str, Any]]:
    queries.may_view_any(request.user)
    return [_campaign(c) for c in queries.campaigns_for(request.user)[:200]]


@router.get(
    "/campaigns/{campaign_id}/units",
    response=CampaignUnitsOut,
    summary="Percentages passing each test per child unit of a unit, ranked",
)
def campaign_units(
    request: HttpRequest, campaign_id: int, filters: Query[UnitFilter]
) -> dict[str, Any]:
    campaign = queries.get_campaign_for_user(request.user, campaign_id)
    unit = queries.dashboard_unit(request.user, campaign, filters.unit or None)
    board = queries.dashboard(request.user, campaign, unit)
    return {
        "campaign": _campaign(campaign),
        "unit": unit.code,
        "summary": _progress(board.summary),
        "units": [
            {
                "code": r.unit.code,
                "name": r.unit.name,
                "rank": r.rank,
                "direct": r.is_self,
                "progress": _progress(r.progress),
            }
            for r in board.rows
        ],
    }


@router.get(
    "/members/{member_id}/checks",
    response=MemberChecksOut,
    summary="The four tests of a member record, with the reasons",
)
def member_checks(request: HttpRequest, member_id: int) -> dict[str, Any]:
    member = queries.get_member_for_checks(request.user, member_id)
    view = queries.record_checks(request.user, member)
    reasons = queries.reasons_for(request.user, member, view.checks.reasons_json())
    return {
        "member_id": member.pk,
        "passes_all": view.checks.passes_all,
        "campaign_id": view.campaign.pk if view.campaign else None,
        "confirmed_on": view.confirmed_on,
        "tests": [
            {"test": r.test.value, "passed": r.passed, "reasons": reasons[r.test.value]}
            for r in view.checks.results
        ],
    }


@router.post(
    "/members/{member_id}/confirm",
    response=ConfirmationOut,
    summary="The branch confirms the record is current (sống) in the running campaign",
)
def confirm_member(request: HttpRequest, member_id: int) -> dict[str, Any]:
    member = queries.get_member_to_fix(request.user, member_id)
    confirmation = actions.confirm_record(actor=request.user, member=member)
    return {
        "member_id": member.pk,
        "campaign_id": confirmation.campaign_id,
        "confirmed_at": confirmation.confirmed_at,
    }
