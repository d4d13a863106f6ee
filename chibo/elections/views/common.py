"""Shared helpers of the elections pages."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import Conflict, Forbidden, ValidationFailed

# Minutes and entry logs name the counting officers; ballots and results are the congress's.
PRIVATE = "private, no-store"


def run(request: HttpRequest, work: Callable[[], Any], success: str, back: str) -> HttpResponse:
    """Run an action; a refusal on the input shows its reason on the page it came from."""
    try:
        work()
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, success)
    return redirect(back)


def number(request: HttpRequest, name: str, default: int = 0) -> int:
    raw = (request.POST.get(name) or "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        raise ValidationFailed(_("Nhập một số."), field=name) from None


def file_response(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = PRIVATE
    return response


__all__ = ["Forbidden", "file_response", "number", "run"]
