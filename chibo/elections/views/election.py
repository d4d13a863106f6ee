"""An election: its candidate list, floor nominations, approval, ballots and polls."""

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
from ..actions import lists, polls
from ..rules import ELECTION_RULES, max_candidates
from .common import file_response, number, run


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = queries.get_election_for_user(request.user, pk)
    rules = ELECTION_RULES.rule_on(election.congress.starts_on)
    return render(
        request,
        "elections/election.html",
        {
            "election": election,
            "candidates": queries.list_candidates(election),
            "most": max_candidates(election.seats, rules),
            "rules": rules,
            "polls": election.polls.order_by("pk"),
            "manage": queries.may(request.user, Perm.ELECTIONS_MANAGE, election.congress),
        },
    )


def _back(pk: int) -> str:
    return reverse("elections:election", args=[pk])


@login_required
@require_POST
def add_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    return run(
        request,
        lambda: lists.add_candidate(
            actor=request.user, election_id=pk, full_name=request.POST.get("full_name", "")
        ),
        _("Đã thêm vào danh sách."),
        _back(pk),
    )


@login_required
@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    return run(
        request,
        lambda: lists.nominate_from_floor(
            actor=request.user,
            election_id=pk,
            full_name=request.POST.get("full_name", ""),
            approvals=number(request, "approvals"),
        ),
        _("Đã đưa người được đề cử vào danh sách."),
        _back(pk),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, candidate_id: int) -> HttpResponse:
    queries.get_election_for_user(request.user, pk, Perm.ELECTIONS_MANAGE)
    return run(
        request,
        lambda: lists.withdraw_candidate(actor=request.user, candidate_id=candidate_id),
        _("Đã rút tên khỏi danh sách."),
        _back(pk),
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return run(
        request,
        lambda: lists.approve_list(actor=request.user, election_id=pk),
        _("Danh sách bầu cử đã được thông qua."),
        _back(pk),
    )


@login_required
@require_POST
def open_poll(request: HttpRequest, pk: int) -> HttpResponse:
    issued = (request.POST.get("ballots_issued") or "").strip()
    try:
        poll = polls.open_poll(
            actor=request.user,
            election_id=pk,
            method=request.POST.get("method", ""),
            ballots_issued=number(request, "ballots_issued") if issued else None,
        )
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
        return redirect(_back(pk))
    return redirect("elections:poll", pk=poll.pk)


@login_required
@require_GET
def ballot_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    election = queries.get_election_for_user(request.user, pk, Perm.ELECTIONS_MANAGE)
    raw = request.GET.get("copies", "1")
    copies = max(1, min(int(raw), 500)) if raw.isdigit() and len(raw) < 4 else 1
    return file_response(
        exports.ballot_pdf(election, copies=copies), "application/pdf", f"phieu-bau-{pk}.pdf"
    )
