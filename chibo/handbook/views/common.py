"""Helpers shared by the handbook's pages: the layout's context and the "no member record" page."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from chibo.notifications import queries as notice_queries

from ..queries import NoMemberRecord

# Rule errors go back into the form (400); 403 and 404 are answered by the middleware.
View = Callable[..., HttpResponseBase]


def page(
    request: HttpRequest, template: str, tab: str, status: int = 200, **context: Any
) -> HttpResponse:
    context.setdefault("unread_count", notice_queries.unread_count(request.user))
    return render(request, template, {"tab": tab, **context}, status=status)


def member_page(tab: str, *, status: int = 404) -> Callable[[View], View]:
    """A page about the user's own member record: a login without one gets a clear page saying
    so (404 on the member's own pages, 200 on the handbook's home), never a 500."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                return view(request, *args, **kwargs)
            except NoMemberRecord as exc:
                return page(request, "handbook/no_member.html", tab, status=status, error=exc)

        return wrapper

    return decorate
