"""The elections module's one API router, mounted at /api/v1/ by config/api.py: a poll's state
(results only after the count closes), the caller's own electronic ballot, and one counting
officer's entry of one paper ballot."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from chibo.access.roles import Perm

from . import queries
from .actions import paper, polls
from .schemas import BallotAccepted, BallotIn, PaperEntryIn, PaperEntryOut, PollOut

router = Router(tags=["elections"])


@router.get("/polls/{poll_id}", response=PollOut, summary="A poll: state, entitled, participated")
def get_poll(request: HttpRequest, poll_id: int) -> Any:
    return queries.poll_status(queries.get_poll_for_user(request.user, poll_id))


@router.post(
    "/polls/{poll_id}/ballot",
    response={201: BallotAccepted},
    summary="Cast the caller's own electronic ballot",
)
def cast_ballot(request: HttpRequest, poll_id: int, payload: BallotIn) -> tuple[int, Any]:
    polls.cast_ballot(
        actor=request.user,
        poll_id=poll_id,
        kept=payload.kept,
        marks=payload.marks,
        answer=payload.answer,
    )
    return 201, {"accepted": True, "detail": _("Đã nhận phiếu của bạn.")}


@router.post(
    "/polls/{poll_id}/paper-entries",
    response={201: PaperEntryOut},
    summary="One counting officer's entry of one paper ballot",
)
def enter_paper_ballot(
    request: HttpRequest, poll_id: int, payload: PaperEntryIn
) -> tuple[int, Any]:
    queries.get_poll_for_user(request.user, poll_id, Perm.ELECTIONS_COUNT)
    entry = paper.record_paper_entry(
        actor=request.user,
        poll_id=poll_id,
        number=payload.number,
        struck=payload.struck,
        unmarked=payload.unmarked,
        issued=payload.issued,
        names_added=payload.names_added,
    )
    return 201, {"id": entry.pk, "number": entry.number, "revision": entry.revision}
