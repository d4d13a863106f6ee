"""Handbook API: the member's home and record, correction requests, the two-way channel.

A login without a member record gets 404 ("not linked to a member record") on the member's own
operations; the secretary's and the committee's operations do not need one.
"""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router
from ninja.responses import Status

from chibo.core.pagination import PageParams, page
from chibo.notifications import queries as notice_queries

from . import actions, queries, sources
from .models import Question
from .queries.library import member_library
from .schemas import (
    CorrectionDecisionIn,
    CorrectionIn,
    CorrectionOut,
    CorrectionPage,
    HandbookQuestionDetailOut,
    HandbookQuestionOut,
    HomeOut,
    LibraryPage,
    QuestionIn,
    QuestionPage,
    RecordOut,
    RejectIn,
    ReplyIn,
    ReplyOut,
)

router = Router()
HOME_ITEMS = 5


def _meeting(meeting: Any) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": meeting.starts_at,
        "ends_at": getattr(meeting, "ends_at", None),
        "place": getattr(meeting, "place", ""),
        "video_url": getattr(meeting, "video_url", ""),
        "ics_url": reverse("handbook:meeting_ics", args=[meeting.pk]),
    }


def _document(item: Any) -> dict[str, Any]:
    document = item.document
    return {
        "id": document.pk,
        "number": document.number,
        "kind": document.kind,
        "title": document.title,
        "issued_on": document.issued_on,
        "deadline": item.deadline,
        "read": item.is_read,
        "url": reverse("handbook:document", args=[document.pk]),
    }


@router.get("/home", response=HomeOut, summary="The member's home: meetings, documents, notices")
def home(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    member = queries.require_member(user)
    unread = sources.unread_documents(user)
    return {
        "member_name": member.full_name,
        "unit_name": member.unit.name,
        "meetings": [_meeting(m) for m in sources.upcoming_meetings(user)[:HOME_ITEMS]],
        "documents_to_read": [_document(d) for d in unread[:HOME_ITEMS]],
        "documents_to_read_count": len(unread),
        "notices": list(notice_queries.notices_for(user, unread_only=True)[:HOME_ITEMS]),
        "unread_notices": notice_queries.unread_count(user),
    }


@router.get(
    "/documents",
    response=LibraryPage,
    summary="The member's library: every document sent to them, read or not, with bookmarks",
)
def library(
    request: HttpRequest,
    params: Query[PageParams],
    q: str = "",
    unread: bool = False,
    bookmarked: bool = False,
) -> dict[str, Any]:
    queries.require_member(request.user)
    items, marks = member_library(request.user, q=q, unread=unread, bookmarked=bookmarked)
    window = items[params.offset : params.offset + params.limit]
    return {
        "items": [{**_document(i), "bookmarked": i.document.pk in marks} for i in window],
        "count": len(items),
    }


@router.get("/record", response=RecordOut, exclude_unset=True, summary="The member's own record")
def record(request: HttpRequest) -> dict[str, Any]:
    own = queries.my_record(request.user)
    member = own.member
    data = {
        "full_name": member.full_name,
        "birth_date": own.birth,
        "gender": member.gender,
        "admitted_on": member.admitted_on,
        "full_member_on": member.full_member_on,
        "card_number": member.card_number,
        "unit_code": member.unit.code,
        "unit_name": member.unit.name,
        "phone": member.phone,
        "status": member.status,
    }
    if own.show_citizen_id:
        data["citizen_id"] = member.citizen_id
    return data


@router.get("/corrections", response=CorrectionPage, summary="The member's correction requests")
def my_corrections(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    return page(queries.corrections_of(request.user), params)


@router.post(
    "/corrections",
    response={201: CorrectionOut},
    summary="Ask the branch secretary to correct a field of one's own record",
)
def request_correction(request: HttpRequest, payload: CorrectionIn) -> Status:
    return Status(201, actions.request_correction(actor=request.user, **payload.dict()))


@router.post(
    "/corrections/{request_id}/accept",
    response=CorrectionOut,
    summary="Accept a member's correction request (applied to the record, audited)",
)
def accept_correction(request: HttpRequest, request_id: int, payload: CorrectionDecisionIn) -> Any:
    correction = queries.get_correction_to_decide(request.user, request_id)
    return actions.accept_correction(actor=request.user, request=correction, note=payload.note)


@router.post(
    "/corrections/{request_id}/reject",
    response=CorrectionOut,
    summary="Reject a member's correction request with a reason",
)
def reject_correction(request: HttpRequest, request_id: int, payload: RejectIn) -> Any:
    correction = queries.get_correction_to_decide(request.user, request_id)
    return actions.reject_correction(actor=request.user, request=correction, reason=payload.reason)


def _question(question: Question) -> dict[str, Any]:
    return {
        "id": question.pk,
        "subject": question.subject,
        "body": question.body,
        "status": question.status,
        "unit_code": question.unit.code,
        "member_name": question.member.full_name,
        "created_at": question.created_at,
        "last_activity_at": question.last_activity_at,
    }


@router.get("/questions", response=QuestionPage, summary="The member's questions to the committee")
def my_questions(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    result = page(queries.questions_of(request.user).select_related("member", "unit"), params)
    result["items"] = [_question(q) for q in result["items"]]
    return result


@router.post(
    "/questions",
    response={201: HandbookQuestionOut},
    summary="Send an opinion or question to the branch committee (not anonymous)",
)
def ask(request: HttpRequest, payload: QuestionIn) -> Status:
    question = actions.ask_question(actor=request.user, subject=payload.subject, body=payload.body)
    return Status(201, _question(question))


@router.get("/questions/{question_id}", response=HandbookQuestionDetailOut, summary="One thread")
def get_question(request: HttpRequest, question_id: int) -> dict[str, Any]:
    question, _as_committee = queries.get_question_for_user(request.user, question_id)
    return {**_question(question), "replies": list(question.replies.all())}


@router.post(
    "/questions/{question_id}/replies",
    response={201: ReplyOut},
    summary="Answer as the committee, or write again as the member who asked",
)
def reply(request: HttpRequest, question_id: int, payload: ReplyIn) -> Status:
    question, as_committee = queries.get_question_for_user(request.user, question_id)
    return Status(
        201,
        actions.reply_to_question(
            actor=request.user, question=question, body=payload.body, as_committee=as_committee
        ),
    )
