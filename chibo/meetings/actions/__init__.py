"""Writes of branch meetings: planning and preparation, attendance and check-in, minutes."""

from .attendance import (
    check_in,
    check_in_by_token,
    issue_check_in_token,
    mark_everyone_present,
    record_attendance,
)
from .minutes import revise_minutes, save_minutes, sign_minutes
from .planning import (
    add_agenda_item,
    cancel_meeting,
    create_meeting,
    generate_year_plan,
    record_held,
    update_meeting,
)
from .preparation import agree_content, post_document, send_notice

__all__ = [
    "add_agenda_item",
    "agree_content",
    "cancel_meeting",
    "check_in",
    "check_in_by_token",
    "create_meeting",
    "generate_year_plan",
    "issue_check_in_token",
    "mark_everyone_present",
    "post_document",
    "record_attendance",
    "record_held",
    "revise_minutes",
    "save_minutes",
    "send_notice",
    "sign_minutes",
    "update_meeting",
]
