"""The projector: the agenda item and presence (congresses) with the vote progress and, once the
counting committee closed the count, the results; the fragment is polled by HTMX every second."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import queries


@login_required
@require_GET
def page(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = queries.get_congress(request.user, congress_id)
    return render(
        request,
        "elections/projector.html",
        {"congress": congress, "state": queries.projector(congress)},
    )


@login_required
@require_GET
def state(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = queries.get_congress(request.user, congress_id)
    data = queries.projector(congress)
    if request.GET.get("format") == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(request, "elections/projector.html#board", {"congress": congress, "state": data})
