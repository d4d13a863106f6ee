"""Shared helpers of the cadre pages: running an action from a form with its errors shown beside
the fields, and the no-store header (these pages name people and their posts)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from chibo.core.errors import Conflict, ValidationFailed

PRIVATE = "private, no-store"


def private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = PRIVATE
    return response


def submit(
    request: HttpRequest,
    form: forms.Form,
    work: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    back: str | Callable[[Any], str],
    again: Callable[[forms.Form], HttpResponse],
) -> HttpResponse:
    """Validate the form, run the action; on a refusal show the page again with the form as
    typed and the reason beside its field (400)."""
    if form.is_valid():
        try:
            result = work(form.cleaned_data)
        except (ValidationFailed, Conflict) as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, exc.text())
        else:
            messages.success(request, success)
            return redirect(back(result) if callable(back) else back)
    response = again(form)
    response.status_code = 400
    return response
