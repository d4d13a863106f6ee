"""Files made from meetings: the calendar entry (.ics) and the minutes as PDF and DOCX."""

from .ics import meeting_ics

__all__ = ["meeting_ics"]
