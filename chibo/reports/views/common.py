"""Shared helpers of the report pages."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from chibo.core.errors import Conflict, ValidationFailed

PRIVATE = "private, no-store"


def run(request: HttpRequest, work: Callable[[], Any], success: str, back: str) -> HttpResponse:
    """Run an action; a refusal on the input shows its reason on the page it came from.
    Out-of-reach and forbidden errors pass through to the error middleware (404/403)."""
    try:
        work()
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, success)
    return redirect(back)


def form_errors(form: Any) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}".lstrip(": ")
        for f, e in form.errors.items()
    )
