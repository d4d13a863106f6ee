"""Reads for the working-day calendar's command line. The calendar is national and public: any
login may read it, so these reads take no user. Working days themselves are counted by
`chibo.core.workdays`, which every module may import."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from chibo.core.models import CalendarAdjustment


def adjustments(year: int | None = None) -> QuerySet[CalendarAdjustment]:
    rows = CalendarAdjustment.objects.all()
    return rows if year is None else rows.filter(date__year=year)


def active_user_named(username: str) -> Any | None:
    """The active login that a command acts as (`--actor`); the actions decide what it may do."""
    return get_user_model()._default_manager.filter(username=username, is_active=True).first()
