"""The attendance sheet the secretary keeps (HTMX: one row at a time)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import actions, queries
from ..forms import AttendanceForm
from ..models import AttendanceStatus


@login_required
@require_GET
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = queries.get_meeting_for_user(request.user, pk)
    rows = queries.attendance_sheet(request.user, meeting)
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "rows": rows,
            "manage": queries.may_manage(request.user, meeting),
            "statuses": AttendanceStatus.choices,
        },
    )


@login_required
@require_POST
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = queries.get_meeting_for_user(request.user, pk, Perm.MEETINGS_MANAGE)
    form = AttendanceForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            actions.record_attendance(
                actor=request.user,
                meeting_id=pk,
                member_id=form.cleaned_data["member"],
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except (ValidationFailed, Conflict) as exc:
            error = exc.text()
    else:
        error = "; ".join(" ".join(str(x) for x in e) for e in form.errors.values())
    if not request.htmx:  # type: ignore[attr-defined]
        if error:
            from django.contrib import messages

            messages.error(request, error)
        return redirect("meetings:attendance", pk=pk)
    meeting.refresh_from_db()
    member_id = form.cleaned_data.get("member") if form.is_valid() else None
    row = next(
        (r for r in queries.attendance_sheet(request.user, meeting) if r.member.pk == member_id),
        None,
    )
    return render(
        request,
        "meetings/attendance.html#row",
        {
            "meeting": meeting,
            "r": row,
            "manage": True,
            "statuses": AttendanceStatus.choices,
            "error": error,
            "oob_counts": True,
        },
        status=200 if row else 400,
    )


@login_required
@require_POST
def all_present(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Tất cả có mặt": every member without a mark yet is recorded present."""
    queries.get_meeting_for_user(request.user, pk, Perm.MEETINGS_MANAGE)
    try:
        count = actions.mark_everyone_present(actor=request.user, meeting_id=pk)
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã ghi có mặt cho %(n)s đảng viên.") % {"n": count})
    return redirect("meetings:attendance", pk=pk)
