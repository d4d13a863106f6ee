"""Reads of branch meetings (DESIGN.md rule 3)."""

from .meetings import (
    attendance_sheet,
    chair_candidates,
    current_token,
    get_meeting_for_member,
    get_meeting_for_user,
    get_unit,
    may_manage,
    may_see_members,
    meetings_for,
    minutes_versions,
    my_attendance,
    token_meeting,
    upcoming_meetings_for_member,
)
from .quality import Quality, quality
from .warnings import MeetingWarning, meeting_warnings, upcoming_without_documents

__all__ = [
    "MeetingWarning",
    "Quality",
    "attendance_sheet",
    "chair_candidates",
    "current_token",
    "get_meeting_for_member",
    "get_meeting_for_user",
    "get_unit",
    "may_manage",
    "may_see_members",
    "meeting_warnings",
    "meetings_for",
    "minutes_versions",
    "my_attendance",
    "quality",
    "token_meeting",
    "upcoming_meetings_for_member",
    "upcoming_without_documents",
]
