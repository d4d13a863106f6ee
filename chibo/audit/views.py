from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from chibo.access.policy import has_perm_anywhere
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden

from .queries import events_for


@login_required
@require_GET
def events(request: HttpRequest) -> HttpResponse:
    if not has_perm_anywhere(request.user, Perm.AUDIT_VIEW):
        raise Forbidden(_("Bạn không có quyền xem nhật ký."))
    action = request.GET.get("action", "").strip()[:80]
    paginator = Paginator(events_for(request.user, action=action), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "audit/events.html", {"page": page, "action": action})
