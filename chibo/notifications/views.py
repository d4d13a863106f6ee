"""The notices page (list, mark read with HTMX) and the web-push subscription endpoint."""

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from chibo.core.errors import ValidationFailed

from . import actions, push, queries

PER_PAGE = 30


@login_required
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("chua-doc") == "1"
    paginator = Paginator(queries.notices_for(request.user, unread_only=unread_only), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread": queries.unread_count(request.user),
            "push_key": push.public_key(),
        },
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notice = actions.mark_notice_read(actor=request.user, notice_id=pk)
    if getattr(request, "htmx", False):
        # The notice, and the bell's number swapped out of band.
        return render(
            request,
            "notifications/read_response.html",
            {"notice": notice, "unread_count": queries.unread_count(request.user), "oob": True},
        )
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    actions.mark_all_notices_read(actor=request.user)
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


def _subscription_fields(request: HttpRequest) -> dict[str, str]:
    if request.content_type == "application/json":
        try:
            data: Any = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise ValidationFailed(_("Nội dung gửi lên không phải JSON hợp lệ.")) from exc
        keys = data.get("keys") if isinstance(data, dict) else None
        if not isinstance(data, dict) or not isinstance(keys, dict | None):
            raise ValidationFailed(_("Nội dung gửi lên không phải JSON hợp lệ."))
        keys = keys or {}
        return {
            "endpoint": str(data.get("endpoint") or ""),
            "p256dh": str(keys.get("p256dh") or ""),
            "auth": str(keys.get("auth") or ""),
        }
    return {name: request.POST.get(name, "") for name in ("endpoint", "p256dh", "auth")}


@login_required
@require_POST
def push_subscribe(request: HttpRequest) -> HttpResponse:
    fields = _subscription_fields(request)
    try:
        actions.subscribe_push(actor=request.user, **fields)
    except ValidationFailed as exc:
        return JsonResponse({**exc.bilingual(), "field": exc.field}, status=400)
    return JsonResponse({"subscribed": True}, status=201)


@login_required
@require_POST
def push_unsubscribe(request: HttpRequest) -> HttpResponse:
    fields = _subscription_fields(request)
    actions.unsubscribe_push(actor=request.user, endpoint=fields["endpoint"])
    return JsonResponse({"subscribed": False})
