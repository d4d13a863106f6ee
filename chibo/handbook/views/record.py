"""My record (the member's own summary) and requests to correct it; the secretary's inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.core.errors import Conflict, ValidationFailed

from .. import actions, queries
from ..forms import AcceptForm, CorrectionForm, RejectForm
from ..models import RequestStatus
from .common import member_page, page

FORM_ERRORS = (ValidationFailed, Conflict)
INBOX_LIMIT = 200


def _record_page(request: HttpRequest, form: CorrectionForm, status: int = 200) -> HttpResponse:
    record = queries.my_record(request.user)
    return page(
        request,
        "handbook/record.html",
        "record",
        status=status,
        record=record,
        member=record.member,
        corrections=list(queries.corrections_of(request.user)[:50]),
        form=form,
    )


@login_required
@require_GET
@member_page("record")
def record(request: HttpRequest) -> HttpResponse:
    return _record_page(request, CorrectionForm())


@login_required
@require_POST
@member_page("record")
def request_correction(request: HttpRequest) -> HttpResponse:
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            actions.request_correction(actor=request.user, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã gửi yêu cầu sửa hồ sơ tới bí thư chi bộ."))
            return redirect("handbook:record")
    return _record_page(request, form, status=400)


@login_required
@require_GET
def corrections_inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang-thai", RequestStatus.PENDING)
    if status not in RequestStatus.values:
        status = RequestStatus.PENDING
    requests = [
        (item, queries.shows_proposed_value(request.user, item))
        for item in queries.corrections_to_decide(request.user, status=status)[:INBOX_LIMIT]
    ]
    return page(
        request,
        "handbook/corrections_inbox.html",
        "record",
        requests=requests,
        current_status=status,
        statuses=RequestStatus.choices,
        accept_form=AcceptForm(),
        reject_form=RejectForm(),
    )


@login_required
@require_POST
def accept_correction(request: HttpRequest, pk: int) -> HttpResponse:
    correction = queries.get_correction_to_decide(request.user, pk)
    form = AcceptForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        actions.accept_correction(actor=request.user, request=correction, note=note)
    except FORM_ERRORS as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã chấp nhận yêu cầu."))
    return redirect("handbook:corrections_inbox")


@login_required
@require_POST
def reject_correction(request: HttpRequest, pk: int) -> HttpResponse:
    correction = queries.get_correction_to_decide(request.user, pk)
    form = RejectForm(request.POST)
    try:
        actions.reject_correction(
            actor=request.user,
            request=correction,
            reason=form.data.get("reason", ""),
        )
    except FORM_ERRORS as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã trả lời: không chấp nhận yêu cầu."))
    return redirect("handbook:corrections_inbox")
