"""What the handbook reads from the meetings and documents modules, in one place.

The handbook reads other modules only through their queries and writes only through their
actions (DESIGN.md: "handbook may read any module's queries").
"""

from typing import IO, Any

from chibo.documents.distribution import actions as document_actions
from chibo.documents.distribution import queries as document_queries
from chibo.documents.files import CONTENT_TYPES, open_stored
from chibo.documents.models import Document, DocumentFile
from chibo.documents.registry.queries import files_of, text_excerpt
from chibo.documents.study.queries import MemberCampaign, campaigns_for_member
from chibo.meetings import actions as meeting_actions
from chibo.meetings import queries as meeting_queries
from chibo.meetings.exports import meeting_ics as _meeting_ics
from chibo.meetings.models import Attendance, Meeting

# The whole extracted text of a document is shown in the reader (offline too), up to this size.
DOCUMENT_TEXT_LIMIT = 200_000
UPCOMING_LIMIT = 20

MemberDocument = document_queries.MemberDocument


# --- meetings -----------------------------------------------------------------------------------


def upcoming_meetings(user: Any, *, limit: int = UPCOMING_LIMIT) -> list[Meeting]:
    return meeting_queries.upcoming_meetings_for_member(user, limit=limit)


def get_meeting(user: Any, pk: int) -> Meeting:
    return meeting_queries.get_meeting_for_member(user, pk)


def my_attendance(user: Any, meeting: Meeting) -> Attendance | None:
    return meeting_queries.my_attendance(user, meeting)


def meeting_ics(meeting: Meeting) -> bytes:
    return _meeting_ics(meeting)


def check_in(*, actor: Any, meeting_id: int, token: str) -> Attendance:
    return meeting_actions.check_in(actor=actor, meeting_id=meeting_id, token=token)


# --- documents ----------------------------------------------------------------------------------


def documents(user: Any) -> list[MemberDocument]:
    return document_queries.documents_for_member(user)


def unread_documents(user: Any) -> list[MemberDocument]:
    return document_queries.unread_for_member(user)


def get_document(user: Any, pk: int) -> Document:
    return document_queries.get_document_for_reader(user, pk)


def record_read(*, actor: Any, document_id: int) -> Any:
    return document_actions.record_read(actor=actor, document_id=document_id)


def toggle_bookmark(*, actor: Any, document_id: int) -> bool:
    return document_actions.toggle_bookmark(actor=actor, document_id=document_id)


def bookmarked_ids(user: Any) -> set[int]:
    return set(document_queries.bookmarks_for(user).values_list("pk", flat=True))


def is_bookmarked(user: Any, document_id: int) -> bool:
    return document_queries.is_bookmarked(user, document_id)


def document_files(document: Document) -> list[DocumentFile]:
    return files_of(document)


def document_text(document: Document) -> str:
    return text_excerpt(document, limit=DOCUMENT_TEXT_LIMIT)


def reader_file(user: Any, pk: int, file_id: int) -> tuple[DocumentFile, IO[bytes], str]:
    """(stored file, opened stream, content type) of a file of a document sent to the member."""
    stored = document_queries.reader_file(user, pk, file_id)
    content_type = CONTENT_TYPES.get(stored.file_kind, "application/octet-stream")  # type: ignore[call-overload]
    return stored, open_stored(stored.stored_name), content_type


def study_campaigns(user: Any, document: Document) -> list[MemberCampaign]:
    return campaigns_for_member(user, document=document)


def open_study(user: Any, *, limit: int = 3) -> list[MemberCampaign]:
    """The study campaigns the member still has to finish (issue 17: not on the handbook's home
    before), the nearest deadline first."""
    waiting = [c for c in campaigns_for_member(user) if not c.done]
    return sorted(waiting, key=lambda c: c.campaign.deadline)[:limit]
