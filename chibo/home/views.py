"""The shell's pages: the home page ("Việc cần làm"), its cards (HTML fragments, each loaded on
its own by HTMX) and the header's search (POST: the query never sits in a URL or a log)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from chibo.access import policy
from chibo.access.queries import grants_of
from chibo.access.roles import Perm
from chibo.core import shell
from chibo.core.errors import Forbidden

from .navigation import is_plain_member
from .queries.cards import CARDS
from .queries.search import clean_query, search_everything

SEARCH_PAGE_LIMIT = 20


@dataclass(frozen=True)
class ShownCard:
    key: str
    title: str
    url: str


def _allowed(user: object, perm: str | None) -> bool:
    return perm is None or policy.has_perm_anywhere(user, Perm(perm))


def card_url(card: shell.HomeCard) -> str:
    """A module's card URL takes no argument; the shell's own cards share one view by key."""
    if card.url_name == "home:card":
        return reverse("home:card", args=[card.key])
    return reverse(card.url_name)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if is_plain_member(user):
        return redirect("handbook:home")
    cards = [
        ShownCard(c.key, str(c.title), card_url(c))
        for c in shell.home_cards()
        if _allowed(user, c.perm)
    ]
    # SQLite (the embedded default, and the tests' shared in-memory database) takes one query at
    # a time: its cards are fetched one after the other; PostgreSQL fetches them all at once.
    parallel = connection.vendor != "sqlite"
    context = {"grants": grants_of(user), "cards": cards, "cards_in_parallel": parallel}
    return render(request, "home/home.html", context)


@login_required
@require_GET
def card(request: HttpRequest, key: str) -> HttpResponse:
    registered = {c.key: c for c in shell.home_cards() if c.url_name == "home:card"}
    if key not in registered or key not in CARDS:
        raise Http404(_("Không có thẻ này."))
    if not _allowed(request.user, registered[key].perm):
        raise Forbidden(_("Bạn không có quyền xem thẻ này."))
    data = CARDS[key](request.user)
    return render(
        request,
        "home/_card.html",
        {"card": registered[key], "data": data, "chart_id": "chart-" + key.replace(".", "-")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """GET shows the empty search page; the query comes only by POST."""
    q = clean_query(request.POST.get("q", "")) if request.method == "POST" else ""
    fragment = request.POST.get("fragment") == "1"
    limit = 5 if fragment else SEARCH_PAGE_LIMIT
    groups = search_everything(request.user, q, limit=limit) if q else []
    template = "home/_search_results.html" if fragment else "home/search.html"
    return render(request, template, {"q": q, "groups": groups})
