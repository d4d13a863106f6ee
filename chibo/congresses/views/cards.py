"""The home page's cards ("Việc cần làm") of congress work: organisers and delegates."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..queries import pages
from .common import PRIVATE


@login_required
@require_GET
def organiser_card(request: HttpRequest) -> HttpResponse:
    count, rows = pages.upcoming_for_staff(request.user)
    response = render(request, "congresses/card_organiser.html", {"count": count, "rows": rows})
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def delegate_card(request: HttpRequest) -> HttpResponse:
    rows = list(pages.my_congresses(request.user)[:5])
    response = render(request, "congresses/card_delegate.html", {"rows": rows})
    response["Cache-Control"] = PRIVATE
    return response
