"""A meeting as an iCalendar event, for the member to add to their phone's calendar."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from ..models import Meeting, MeetingStatus


def meeting_ics(meeting: Meeting) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Chi Bo So//meetings//VI")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    host = getattr(settings, "CHIBO_ICS_DOMAIN", "chibo.local")
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    description = [meeting.unit.name]
    if meeting.topic:
        description.append(meeting.topic)
    if meeting.video_url:
        description.append(meeting.video_url)
        event.add("url", meeting.video_url)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
