"""A poll: progress and (after the close) results; the delegate's ballot; the counting
committee's keyboard entry, reconciliation, entry log, close and void; the minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import exports, queries
from ..actions import paper, polls
from ..models import Poll, PollMethod, PollState
from .common import file_response, run

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _back(pk: int) -> str:
    return reverse("elections:poll", args=[pk])


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = queries.get_poll_for_user(request.user, pk)
    delegate = queries.delegate_for_ballot(request.user, poll)
    count = queries.may(request.user, Perm.ELECTIONS_COUNT, poll.congress)
    return render(
        request,
        "elections/poll.html",
        {
            "poll": poll,
            "status": queries.poll_status(poll),
            "candidates": queries.ballot_candidates(poll),
            "delegate": delegate,
            "voted": bool(delegate and queries.has_voted(poll, delegate)),
            "count": count,
            "rec": queries.reconciliation(poll)
            if count and poll.method == PollMethod.PAPER
            else None,
            "open": poll.state == PollState.OPEN,
        },
    )


@login_required
@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_poll_for_user(request.user, pk)  # 404 out of reach (a delegate always reaches)
    kept = [int(k) for k in request.POST.getlist("kept") if k.isdigit()]
    marks = {
        key.removeprefix("mark-"): value
        for key, value in request.POST.items()
        if key.startswith("mark-") and value in ("agree", "disagree")
    }
    try:
        polls.cast_ballot(
            actor=request.user,
            poll_id=pk,
            kept=kept,
            marks=marks,
            answer=request.POST.get("answer") or None,
        )
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã nhận phiếu của bạn. Phiếu không gắn với tên bạn."))
    return redirect(_back(pk))


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return run(
        request,
        lambda: polls.close_poll(actor=request.user, poll_id=pk),
        _("Đã kết thúc kiểm phiếu; kết quả được công bố."),
        _back(pk),
    )


@login_required
@require_POST
def void(request: HttpRequest, pk: int) -> HttpResponse:
    return run(
        request,
        lambda: polls.void_poll(
            actor=request.user, poll_id=pk, reason=request.POST.get("reason", "")
        ),
        _("Đã hủy cuộc bỏ phiếu điện tử; bầu lại bằng phiếu giấy."),
        _back(pk),
    )


@login_required
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Keyboard-only entry: the ballot number is filled in, the officer types the numbers of the
    struck names ("3 7 12" or "3-5") and presses Enter; the next ballot follows."""
    poll = queries.get_poll_for_user(request.user, pk, Perm.ELECTIONS_COUNT)
    candidates = queries.ballot_candidates(poll)
    error, typed = "", {}
    if request.method == "POST":
        typed = request.POST.dict()
        try:
            number_raw = (request.POST.get("number") or "").strip()
            if not number_raw.isdigit():
                raise ValidationFailed(_("Nhập số thứ tự phiếu."), field="number")
            paper.record_paper_entry(
                actor=request.user,
                poll_id=pk,
                number=int(number_raw),
                struck=paper.parse_positions(request.POST.get("struck", ""), len(candidates)),
                unmarked=paper.parse_positions(request.POST.get("unmarked", ""), len(candidates)),
                issued=not request.POST.get("not_issued"),
                names_added=bool(request.POST.get("names_added")),
            )
        except (ValidationFailed, Conflict) as exc:
            error = exc.text()
        else:
            messages.success(request, _("Đã lưu phiếu số %(n)s.") % {"n": number_raw})
            return redirect("elections:entry", pk=pk)
    mine = queries.officer_entries(poll, request.user)
    return render(
        request,
        "elections/entry.html",
        {
            "poll": poll,
            "candidates": candidates,
            "next": typed.get("number") or queries.next_number(poll, request.user),
            "typed": typed,
            "error": error,
            "mine": mine[-10:][::-1],
            "entered": len(mine),
        },
        status=400 if error else 200,
    )


@login_required
@require_GET
def entry_log(request: HttpRequest, pk: int) -> HttpResponse:
    poll = queries.get_poll_for_user(request.user, pk, Perm.ELECTIONS_COUNT)
    return file_response(exports.entry_log_pdf(poll), "application/pdf", f"nhat-ky-nhap-{pk}.pdf")


def _closed_for_minutes(request: HttpRequest, pk: int) -> Poll:
    poll = queries.get_poll_for_user(request.user, pk)
    if poll.state != PollState.CLOSED:
        raise Conflict(_("Biên bản kiểm phiếu có sau khi ban kiểm phiếu kết thúc kiểm phiếu."))
    return poll


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _closed_for_minutes(request, pk)
    return file_response(
        exports.minutes_pdf(poll), "application/pdf", f"bien-ban-kiem-phieu-{pk}.pdf"
    )


@login_required
@require_GET
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _closed_for_minutes(request, pk)
    return file_response(exports.minutes_docx(poll), DOCX, f"bien-ban-kiem-phieu-{pk}.docx")


@login_required
@require_POST
def open_motion_poll(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = queries.get_motion_for_user(request.user, motion_id)
    try:
        poll = polls.open_poll(actor=request.user, motion_id=motion_id, method="electronic")
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
        return redirect("elections:congress", congress_id=motion.congress_id)
    return redirect("elections:poll", pk=poll.pk)
