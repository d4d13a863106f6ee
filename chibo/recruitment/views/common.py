"""Shared helpers of the recruitment pages."""

from typing import Any

from django.utils import timezone

from chibo.core.errors import DomainError

PRIVATE = "private, no-store"


def attach(form: Any, exc: DomainError) -> None:
    """Show an action's refusal beside its field (or above the form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.text())


def year_of(request: Any) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 5 else today.year
