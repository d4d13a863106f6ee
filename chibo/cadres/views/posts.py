"""Pages of posts and holders: a unit's posts for a term, filling a post (appointment or
"kiện toàn"), the end of a holding, proposals and their steps, a post's history, and the member
record's section with a person's party posts."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.policy import has_perm_anywhere, member_of, units_for
from chibo.access.roles import Perm

from .. import actions, queries
from ..forms import AppointForm, EndForm, PostForm, ProposalForm, StepForm
from ..models import HowFilled, StepKind
from ..rules import posts_for
from .common import private, submit


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    top = units_for(request.user, Perm.CADRES_VIEW).first()
    if top is None:
        return redirect("cadres:mine")
    return redirect("cadres:unit", code=top.code)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """A member's own party posts (members see their own posts only)."""
    member = member_of(request.user)
    rows = queries.person_posts(request.user, member.pk)[1] if member else []
    return private(render(request, "cadres/mine.html", {"member": member, "rows": rows}))


def _unit_page(
    request: HttpRequest,
    code: str,
    *,
    failed: dict[str, Any] | None = None,
    term_start: int | None = None,
) -> HttpResponse:
    user = request.user
    unit = queries.get_unit(user, code)
    asked = term_start if term_start is not None else queries.parse_term(request.GET.get("term"))
    term = queries.term_of(unit, asked, timezone.localdate())
    views = queries.unit_posts(user, unit, term)
    manage = queries.may_manage(user, unit)
    failed = failed or {}
    kinds = posts_for(unit.kind)
    context: dict[str, Any] = {
        "unit": unit,
        "tab": "posts",
        "term": term,
        "views": views,
        "manage": manage,
        "kinds": kinds,
        "failed": failed,
        "fill_post": failed.get("post_id") or request.GET.get("fill"),
    }
    if manage:
        members = queries.member_choices(user, unit)
        today = timezone.localdate()
        context["post_form"] = failed.get("post_form") or PostForm(
            initial={
                "term_start": term.start if term else today.year,
                "term_end": term.end if term else today.year + 5,
            }
        )
        context["post_form"].fields["kind"].choices = [
            (k, v) for k, v in context["post_form"].fields["kind"].choices if k in kinds
        ]
        context["appoint_form"] = failed.get("appoint_form") or AppointForm(
            members=members,
            initial={"how": HowFilled.STRENGTHENED, "start_on": today, "decided_on": today},
        )
        context["proposal_form"] = failed.get("proposal_form") or ProposalForm(
            members=members, initial={"done_on": today}
        )
        context["end_form"] = failed.get("end_form") or EndForm(initial={"end_on": today})
        context["end_holding"] = failed.get("holding_id")
    return private(render(request, "cadres/unit.html", context))


@login_required
@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    return _unit_page(request, code)


@login_required
@require_POST
def define_post(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code, Perm.CADRES_MANAGE)
    form = PostForm(request.POST)
    return submit(
        request,
        form,
        lambda d: actions.define_post(actor=request.user, unit=unit, **d),
        success=_("Đã ghi số lượng chức vụ cho nhiệm kỳ."),
        back=lambda post: f"{reverse('cadres:unit', args=[unit.code])}?term={post.term_start}",
        again=lambda f: _unit_page(request, code, failed={"post_form": f}),
    )


@login_required
@require_POST
def appoint(request: HttpRequest, pk: int) -> HttpResponse:
    post = queries.get_post_for_user(request.user, pk, Perm.CADRES_MANAGE)
    members = queries.member_choices(request.user, post.unit)
    form = AppointForm(request.POST, members=members)
    back = f"{reverse('cadres:unit', args=[post.unit.code])}?term={post.term_start}"
    return submit(
        request,
        form,
        lambda d: actions.appoint_to_post(
            actor=request.user,
            post=post,
            member_id=d["member"],
            how=d["how"],
            start_on=d["start_on"],
            decision_number=d["decision_number"],
            deciding_body=d["deciding_body"],
            decided_on=d["decided_on"],
        ),
        success=_("Đã ghi nhận người giữ chức vụ."),
        back=back,
        again=lambda f: _again(request, post, {"appoint_form": f, "post_id": str(post.pk)}),
    )


def _again(request: HttpRequest, post: Any, failed: dict[str, Any]) -> HttpResponse:
    return _unit_page(request, post.unit.code, failed=failed, term_start=post.term_start)


@login_required
@require_POST
def end_holding(request: HttpRequest, pk: int) -> HttpResponse:
    holding = queries.get_holding_for_user(request.user, pk, Perm.CADRES_MANAGE)
    post = holding.post
    form = EndForm(request.POST)
    back = f"{reverse('cadres:unit', args=[post.unit.code])}?term={post.term_start}"
    return submit(
        request,
        form,
        lambda d: actions.end_incumbency(
            actor=request.user,
            incumbency_id=holding.pk,
            end_on=d["end_on"],
            reason=d["reason"],
            decision=d["decision"],
        ),
        success=_("Đã ghi nhận thôi giữ chức vụ."),
        back=back,
        again=lambda f: _again(request, post, {"end_form": f, "holding_id": holding.pk}),
    )


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    post = queries.get_post_for_user(request.user, pk, Perm.CADRES_MANAGE)
    members = queries.member_choices(request.user, post.unit)
    form = ProposalForm(request.POST, members=members)
    return submit(
        request,
        form,
        lambda d: actions.propose_appointment(
            actor=request.user,
            post_id=post.pk,
            member_id=d["member"],
            how=d["how"],
            done_on=d["done_on"],
            document_number=d["document_number"],
            body=d["body"],
            outside_planning_reason=d["outside_planning_reason"],
        ),
        success=_("Đã lập đề xuất."),
        back=lambda proposal: reverse("cadres:proposal", args=[proposal.pk]),
        again=lambda f: _again(request, post, {"proposal_form": f, "post_id": str(post.pk)}),
    )


def _proposal_page(request: HttpRequest, pk: int, form: forms.Form | None = None) -> HttpResponse:
    proposal = queries.get_proposal_for_user(request.user, pk)
    unit = proposal.post.unit
    queries.log_read(request.user, proposal, unit, "appointment proposal")
    steps = list(proposal.steps.all())
    done = {s.kind for s in steps}
    following = next((k for k in StepKind if k not in done), None)
    manage = queries.may_manage(request.user, unit)
    if manage and form is None and following is not None and proposal.status == "open":
        form = StepForm(initial={"kind": following, "done_on": timezone.localdate()})
    return private(
        render(
            request,
            "cadres/proposal.html",
            {
                "proposal": proposal,
                "unit": unit,
                "tab": "posts",
                "steps": steps,
                "all_steps": list(StepKind),
                "following": following,
                "manage": manage,
                "form": form if proposal.status == "open" else None,
            },
        )
    )


@login_required
@require_GET
def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _proposal_page(request, pk)


@login_required
@require_POST
def record_step(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = queries.get_proposal_for_user(request.user, pk, Perm.CADRES_MANAGE)
    form = StepForm(request.POST)
    return submit(
        request,
        form,
        lambda d: actions.record_step(actor=request.user, proposal_id=proposal.pk, **d),
        success=_("Đã ghi nhận bước của quy trình."),
        back=reverse("cadres:proposal", args=[proposal.pk]),
        again=lambda f: _proposal_page(request, pk, f),
    )


@login_required
@require_GET
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = queries.get_post_for_user(request.user, pk)
    rows = queries.post_history(request.user, post)
    return private(
        render(
            request,
            "cadres/post_history.html",
            {"post": post, "unit": post.unit, "tab": "posts", "rows": rows},
        )
    )


@login_required
@require_GET
def member_posts(request: HttpRequest, pk: int) -> HttpResponse:
    """The member record's section: the person's party posts (fragment for HTMX)."""
    member, rows = queries.person_posts(request.user, pk)
    return private(render(request, "cadres/_member_posts.html", {"member": member, "rows": rows}))


@login_required
@require_GET
def home_card(request: HttpRequest) -> HttpResponse:
    """ "Việc cần làm": open gaps in reach and rotations due to end."""
    context: dict[str, Any] = {"gaps": 0, "rotations": [], "rotations_count": 0}
    if has_perm_anywhere(request.user, Perm.CADRES_VIEW):
        top = units_for(request.user, Perm.CADRES_VIEW).first()
        if top is not None:
            gaps = queries.post_gaps(request.user, top)
            context["top"] = top
            context["gaps"] = gaps.count()
            context["oldest"] = list(gaps[:3])
        context["rotations_count"], context["rotations"] = queries.rotations_due(request.user)
    return private(render(request, "cadres/_home_card.html", context))
