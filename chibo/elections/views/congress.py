"""A congress's elections and motions, and the list of congresses to choose from."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.congresses import queries as congresses

from .. import queries
from ..actions import lists, motions
from .common import number, run


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    rows = congresses.visible_congresses(request.user)[:50]
    mine = queries.open_polls_for_delegate(request.user)
    return render(request, "elections/home.html", {"congresses": rows, "mine": mine})


@login_required
@require_GET
def congress(request: HttpRequest, congress_id: int) -> HttpResponse:
    item = queries.get_congress(request.user, congress_id)
    return render(
        request,
        "elections/congress.html",
        {
            "congress": item,
            "elections": queries.elections_of(item),
            "motions": queries.motions_of(item),
            "manage": queries.may(request.user, Perm.ELECTIONS_MANAGE, item),
        },
    )


@login_required
@require_POST
def create_election(request: HttpRequest, congress_id: int) -> HttpResponse:
    back = reverse("elections:congress", args=[congress_id])
    return run(
        request,
        lambda: lists.create_election(
            actor=request.user,
            congress_id=congress_id,
            title=request.POST.get("title", ""),
            seats=number(request, "seats"),
        ),
        _("Đã tạo cuộc bầu cử."),
        back,
    )


@login_required
@require_POST
def create_motion(request: HttpRequest, congress_id: int) -> HttpResponse:
    back = reverse("elections:congress", args=[congress_id])
    return run(
        request,
        lambda: motions.create_motion(
            actor=request.user, congress_id=congress_id, title=request.POST.get("title", "")
        ),
        _("Đã thêm nội dung biểu quyết."),
        back,
    )


@login_required
@require_POST
def show_of_hands(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = queries.get_motion_for_user(request.user, motion_id)
    back = reverse("elections:congress", args=[motion.congress_id])
    return run(
        request,
        lambda: motions.record_show_of_hands(
            actor=request.user,
            motion_id=motion_id,
            agree=number(request, "agree"),
            disagree=number(request, "disagree"),
            abstain=number(request, "abstain"),
        ),
        _("Đã ghi kết quả biểu quyết."),
        back,
    )
