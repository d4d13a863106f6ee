"""Shared helpers of the assignments pages."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from chibo.core.errors import Conflict, ValidationFailed

# Task pages name people and their work: no copy in a shared cache.
PRIVATE = "private, no-store"


def year_of(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= 2100 else today.year


def quarter_of(request: HttpRequest) -> int:
    try:
        quarter = int(request.GET.get("quarter", 0))
    except (TypeError, ValueError):
        return 0
    return quarter if 0 <= quarter <= 4 else 0


def attempt(form: forms.Form, work: Callable[[], Any]) -> Any:
    """Run the action; a refusal on the input lands beside its field (or on the whole form) and
    None is returned, so the page renders again with what was typed."""
    try:
        return work()
    except (ValidationFailed, Conflict) as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.text())
        return None


def step(request: HttpRequest, work: Callable[[], Any], success: str, back: str) -> HttpResponse:
    """A one-button step (accept, issue): its refusal is shown as a message on the page."""
    try:
        work()
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, success)
    return redirect(back)


def dmy(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""
