"""Shared helpers of the commendations pages."""

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone

from chibo.core import bounds

PRIVATE = "private, no-store"


def day_param(request: HttpRequest, name: str, default: date) -> date | None:
    """A dd/mm/yyyy (or ISO) day from the query string; None when unreadable."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        return day if bounds.in_range(day) else None
    return None


def year_param(request: HttpRequest, name: str = "year") -> int:
    today = timezone.localdate()
    default = today.year if today.month == 12 else today.year - 1
    try:
        year = int(request.GET.get(name, default))
    except ValueError:
        return default
    return year if 2000 <= year <= today.year else default
