"""Turns domain errors raised by views into 4xx pages (or HTMX fragments), never a 500."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        template = (
            "core/error_fragment.html" if getattr(request, "htmx", False) else "core/error.html"
        )
        return render(
            request,
            template,
            {"error": exception, "status": exception.status},
            status=exception.status,
        )
