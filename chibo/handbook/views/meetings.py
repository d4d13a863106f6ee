"""The member's meetings: the schedule, one meeting, its calendar file, check-in by QR code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.core.errors import Conflict, ValidationFailed

from .. import queries, sources
from .common import member_page, page


@login_required
@require_GET
@member_page("home")
def meeting_list(request: HttpRequest) -> HttpResponse:
    queries.require_member(request.user)
    return page(
        request,
        "handbook/meetings.html",
        "home",
        meetings=sources.upcoming_meetings(request.user),
    )


@login_required
@require_GET
@member_page("home")
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    queries.require_member(request.user)
    meeting = sources.get_meeting(request.user, pk)
    return page(
        request,
        "handbook/meeting.html",
        "home",
        meeting=meeting,
        attendance=sources.my_attendance(request.user, meeting),
        token=request.GET.get("t", "")[:100],
    )


@login_required
@require_GET
@member_page("home")
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    queries.require_member(request.user)
    data = sources.meeting_ics(sources.get_meeting(request.user, pk))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sinh-hoat-{pk}.ics"'
    return response


@login_required
@require_POST
@member_page("home")
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    queries.require_member(request.user)
    try:
        sources.check_in(actor=request.user, meeting_id=pk, token=request.POST.get("t", "")[:100])
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã điểm danh: có mặt."))
    return redirect("handbook:meeting", pk=pk)
