"""Middleware of the ground floor.

- `DomainErrorMiddleware`: domain errors raised by views become 4xx pages (or HTMX fragments),
  never a 500.
- `VietnameseFirstLocaleMiddleware`: Vietnamese unless the user chose English.
- `RequestIdMiddleware`: the request id of the logs (`request_log.py`).
- `PrivateNoStoreMiddleware`: nothing a logged-in user receives is stored by a cache.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from .errors import DomainError
from .request_log import current_request


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


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and most browsers in
    offices here are set to English; the people using the app read Vietnamese first.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_request_log = logging.getLogger("chibo.request")


class RequestIdMiddleware:
    """One id per request, shared by nginx's access log, the response and every log record.

    nginx sends its `$request_id` as `X-Request-ID`; a well-formed one is kept, anything else is
    replaced (a client must not be able to write arbitrary text into the logs). First in the list,
    so records written by the other middleware carry the id too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex  # type: ignore[attr-defined]
        token = current_request.set(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
            if _request_log.isEnabledFor(logging.DEBUG):
                _request_log.debug(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status_code": response.status_code,
                        "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            current_request.reset(token)


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on every response to a logged-in user or a token call.

    Nearly every page and download behind the login carries personal data (DESIGN.md: every
    response carrying personal data is no-store), so the rule is by who asks, not by view: a view
    that forgets cannot leak a member list into a shared or disk cache. Static files (served by
    nginx or WhiteNoise before this runs) and pages to anonymous visitors, such as the login page,
    keep their own headers. A view's own header that already says no-store is kept as it is.
    The handbook's service worker keeps pages for offline reading with the Cache API, which does
    not look at these headers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response
        if request.path.startswith(settings.STATIC_URL or "/static/"):
            return response
        bearer = request.headers.get("Authorization", "").lower().startswith("bearer ")
        user = getattr(request, "user", None)
        if bearer or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "private, no-store"
        return response
