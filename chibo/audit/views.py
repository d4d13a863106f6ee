from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .queries import entries, events_for, require_audit_reader


@login_required
@require_GET
def events(request: HttpRequest) -> HttpResponse:
    require_audit_reader(request.user)
    action = request.GET.get("action", "").strip()[:80]
    paginator = Paginator(events_for(request.user, action=action), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "audit/events.html",
        {"page": page, "entries": entries(request.user, page), "action": action},
    )
