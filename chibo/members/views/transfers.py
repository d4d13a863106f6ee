from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from chibo.access.policy import has_perm_anywhere
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden
from chibo.members.queries.transfers import pending_transfers


@login_required
@require_GET
def transfers(request: HttpRequest) -> HttpResponse:
    if not has_perm_anywhere(request.user, Perm.MEMBERS_VIEW):
        raise Forbidden(_("Bạn không có quyền xem danh sách đảng viên."))
    today = timezone.localdate()
    overdue_only = request.GET.get("overdue") == "1"
    rows = pending_transfers(request.user, on=today, overdue_only=overdue_only)
    return render(
        request,
        "members/transfers.html",
        {
            "rows": rows,
            "today": today,
            "overdue_only": overdue_only,
            "overdue_count": sum(1 for r in rows if r.overdue_on(today)),
        },
    )
