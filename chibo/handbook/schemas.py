from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class HandbookMeetingOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None = None
    place: str = ""
    video_url: str = ""
    ics_url: str


class HandbookDocumentOut(Schema):
    id: int
    number: str
    kind: str
    title: str
    issued_on: date | None
    deadline: date | None = None
    read: bool
    url: str


class LibraryDocumentOut(HandbookDocumentOut):
    bookmarked: bool


class LibraryPage(Schema):
    items: list[LibraryDocumentOut]
    count: int


class NoticeBrief(Schema):
    id: int
    kind: str
    title: str
    url: str
    created_at: datetime


class HomeOut(Schema):
    member_name: str
    unit_name: str
    meetings: list[HandbookMeetingOut]
    documents_to_read: list[HandbookDocumentOut]
    documents_to_read_count: int
    notices: list[NoticeBrief]
    unread_notices: int


class RecordOut(Schema):
    full_name: str
    birth_date: str = Field(description="dd/mm/yyyy, mm/yyyy or yyyy, as precise as the record")
    gender: str
    admitted_on: date | None
    full_member_on: date | None
    card_number: str | None
    unit_code: str
    unit_name: str
    citizen_id: str | None = None
    phone: str
    status: str


class CorrectionIn(Schema):
    field: str = Field(..., max_length=20)
    proposed_value: str = Field(..., max_length=255)
    note: str = Field("", max_length=2000)


class CorrectionOut(Schema):
    id: int
    field: str
    proposed_value: str
    note: str
    status: str
    created_at: datetime
    decided_at: datetime | None
    decision_note: str
    applied: bool


class CorrectionPage(Schema):
    items: list[CorrectionOut]
    count: int


class CorrectionDecisionIn(Schema):
    note: str = Field("", max_length=2000)


class RejectIn(Schema):
    reason: str = Field(..., max_length=2000)


class QuestionIn(Schema):
    subject: str = Field(..., max_length=200)
    body: str = Field(..., max_length=5000)


class ReplyIn(Schema):
    body: str = Field(..., max_length=5000)


class ReplyOut(Schema):
    id: int
    author_name: str
    from_committee: bool
    body: str
    created_at: datetime


class HandbookQuestionOut(Schema):
    id: int
    subject: str
    body: str
    status: str
    unit_code: str
    member_name: str
    created_at: datetime
    last_activity_at: datetime


class HandbookQuestionDetailOut(HandbookQuestionOut):
    replies: list[ReplyOut]


class QuestionPage(Schema):
    items: list[HandbookQuestionOut]
    count: int
