"""Presentation of recorded values: ISO dates and timestamps in the local dd/mm/yyyy form."""

import re
from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone

register = template.Library()

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@register.filter
def local_value(value: Any) -> Any:
    """ "2026-12-04" → "04/12/2026"; "2026-12-04T11:30:00+00:00" → "04/12/2026 18:30" (local
    time); anything else unchanged."""
    if not isinstance(value, str):
        return value
    if _ISO_DAY.match(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    if _ISO_MOMENT.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    return value
