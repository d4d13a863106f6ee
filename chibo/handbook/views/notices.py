"""The member's notices inside the handbook (the same notices as /notifications/)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from chibo.notifications import push
from chibo.notifications import queries as notice_queries

from .common import page

PER_PAGE = 30


@login_required
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("chua-doc") == "1"
    paginator = Paginator(
        notice_queries.notices_for(request.user, unread_only=unread_only), PER_PAGE
    )
    return page(
        request,
        "handbook/notices.html",
        "notices",
        page_obj=paginator.get_page(request.GET.get("page")),
        unread_only=unread_only,
        push_key=push.public_key(),
    )
