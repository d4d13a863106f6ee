"""The recruitment module's one API router, mounted at /api/v1/ by config/api.py: a unit's
progress against its target, the candidates, recording a candidate's next step."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from chibo.access.roles import Perm
from chibo.core.bounds import Year
from chibo.core.errors import ValidationFailed
from chibo.core.pagination import PageParams, page

from . import actions, queries
from .models import STEP_ORDER
from .schemas import CandidatePage, RecruitmentProgressOut, StepIn, StepOut

router = Router(tags=["recruitment"])


@router.get(
    "/units/{code}/recruitment",
    response=RecruitmentProgressOut,
    summary="A unit's admissions of the year against its target, and candidates per step",
)
def unit_recruitment(request: HttpRequest, code: str, year: Year | None = None) -> dict[str, Any]:
    unit = queries.get_unit(request.user, code)
    today = timezone.localdate()
    progress = queries.progress(request.user, unit, year or today.year, today)
    return {
        "unit_code": unit.code,
        "year": progress.year,
        "target": progress.target,
        "admitted": progress.admitted,
        "percent": progress.percent,
        "late": progress.late,
        "by_step": progress.by_step,
    }


class CandidateFilters(Schema):
    unit: str = Field("", max_length=40, description="code of a unit: its subtree's candidates")
    step: str = Field("", max_length=24, description="the last step done ('listed': none yet)")


@router.get("/candidates", response=CandidatePage, summary="Candidates in the caller's reach")
def list_candidates(
    request: HttpRequest, filters: Query[CandidateFilters], params: Query[PageParams]
) -> dict[str, Any]:
    if filters.step and filters.step not in (queries.LISTED, *STEP_ORDER):
        raise ValidationFailed(_("Bước không hợp lệ."), field="step")
    unit = queries.get_unit(request.user, filters.unit) if filters.unit else None
    rows = queries.candidates_for(request.user, unit, step=filters.step)
    result = page(rows, params)
    today = timezone.localdate()
    for c in result["items"]:
        c.next_step = queries.next_step(c)
        c.late = bool(c.next_due_on and c.next_due_on < today)
    return result


@router.post(
    "/candidates/{candidate_id}/steps",
    response={201: StepOut},
    summary="Record the candidate's next step (the ceremony admits the member)",
)
def record_step(request: HttpRequest, candidate_id: int, payload: StepIn) -> tuple[int, Any]:
    candidate = queries.get_candidate_for_user(request.user, candidate_id, Perm.RECRUITMENT_MANAGE)
    data = payload.dict(exclude={"helper_id", "sponsors"})
    sponsors = []
    for s in payload.sponsors:
        member = queries.get_branch_member(candidate, s.member_id)
        if member is None:
            raise ValidationFailed(
                _("Người giới thiệu phải là đảng viên của chi bộ."), field="sponsors"
            )
        sponsors.append(actions.SponsorIn(member, s.known_since))
    row = actions.record_step(
        actor=request.user,
        candidate=candidate,
        helper=queries.get_branch_member(candidate, payload.helper_id),
        sponsors=sponsors,
        **data,
    )
    candidate.refresh_from_db()
    return 201, {
        "id": row.pk,
        "candidate_id": candidate.pk,
        "step": row.step,
        "done_on": row.done_on,
        "due_on": candidate.next_due_on,
        "member_id": candidate.member_id,
    }
