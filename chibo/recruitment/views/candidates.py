"""A candidate's page: the dated steps with their documents, the next step's form, the
deadline, and the small forms around them (provincial decision, withdrawal, awareness course)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import actions, queries, rules
from ..forms import AgeExceptionForm, EnrolForm, StepForm, WithdrawForm
from ..models import Candidate, Step
from .common import PRIVATE, attach


def _members(candidate: Candidate) -> list[tuple[int, str]]:
    return [(m.pk, m.full_name) for m in queries.full_members_of(candidate.unit)]


def _page(
    request: HttpRequest, candidate: Candidate, form: StepForm | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    next_step = queries.next_step(candidate)
    manage = queries.may_manage(request.user, candidate.unit)
    if form is None:
        initial: dict[str, Any] = {"step": next_step, "done_on": today.strftime("%d/%m/%Y")}
        if next_step in (Step.BRANCH_VOTE,):
            initial["votes_of"] = queries.full_members_of(candidate.unit).count()
        form = StepForm(initial=initial, members=_members(candidate))
    age_months = rules.age_in_months(candidate.birth_date, today)
    response = render(
        request,
        "recruitment/candidate.html",
        {
            "candidate": candidate,
            "unit": candidate.unit,
            "steps": queries.steps_of(candidate),
            "next_step": next_step,
            "next_label": queries.step_label(next_step) if next_step else "",
            "deadline": queries.deadline_of(candidate, today),
            "full_review_due": queries.full_review_due(candidate),
            "sponsors": list(candidate.sponsors.select_related("member")),
            "form": form,
            "manage": manage,
            "age_years": age_months // 12,
            "over_60_soon": age_months >= 59 * 12,
            "age_form": AgeExceptionForm(),
            "withdraw_form": WithdrawForm(),
            "certificates": queries.matching_certificates(candidate)
            if next_step == Step.AWARENESS_COURSE
            else [],
            "courses": queries.awareness_courses(request.user, candidate)
            if manage and next_step == Step.AWARENESS_COURSE
            else [],
            "eligibility_source": rules.ELIGIBILITY.rule_on(today).source,
            "votes_source": rules.VOTES.rule_on(today).source,
            "deadlines_source": rules.DEADLINES.rule_on(today).source,
        },
        status=status,
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def candidate_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, queries.get_candidate_for_user(request.user, pk))


def _sponsors(candidate: Candidate, data: dict[str, Any]) -> list[actions.SponsorIn]:
    out = []
    for n in ("1", "2"):
        member = queries.get_branch_member(candidate, data.get(f"sponsor{n}"))
        since = data.get(f"sponsor{n}_since")
        if member is not None:
            if since is None:
                raise ValidationFailed(
                    _("Ghi ngày bắt đầu cùng công tác của người giới thiệu."),
                    field=f"sponsor{n}_since",
                )
            out.append(actions.SponsorIn(member, since))
    return out


@login_required
@require_POST
def record_step(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = queries.get_candidate_for_user(request.user, pk, Perm.RECRUITMENT_MANAGE)
    form = StepForm(request.POST, request.FILES, members=_members(candidate))
    if not form.is_valid():
        return _page(request, candidate, form, status=400)
    d = form.cleaned_data
    try:
        actions.record_step(
            actor=request.user,
            candidate=candidate,
            step=d["step"],
            done_on=d["done_on"],
            document_number=d["document_number"],
            document=d["document"],
            note=d["note"],
            votes_for=d["votes_for"],
            votes_of=d["votes_of"],
            deciding_body=d["deciding_body"],
            received_on=d["received_on"],
            extended=d["extended"],
            accept_late=d["accept_late"],
            certificate_number=d["certificate_number"],
            helper=queries.get_branch_member(candidate, d["helper"]),
            sponsors=_sponsors(candidate, d) if d["step"] == Step.APPLICATION else None,
        )
    except (ValidationFailed, Conflict) as exc:
        attach(form, exc)
        return _page(request, candidate, form, status=400)
    messages.success(request, _("Đã ghi bước: %(s)s.") % {"s": Step(d["step"]).label})
    return redirect("recruitment:candidate", pk=candidate.pk)


@login_required
@require_POST
def age_exception(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = queries.get_candidate_for_user(request.user, pk, Perm.RECRUITMENT_MANAGE)
    form = AgeExceptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi số và ngày quyết định (dd/mm/yyyy)."))
    else:
        try:
            actions.record_age_exception(
                actor=request.user, candidate=candidate, **form.cleaned_data
            )
        except (ValidationFailed, Conflict) as exc:
            messages.error(request, exc.text())
        else:
            messages.success(request, _("Đã ghi quyết định của cấp ủy cấp tỉnh."))
    return redirect("recruitment:candidate", pk=candidate.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = queries.get_candidate_for_user(request.user, pk, Perm.RECRUITMENT_MANAGE)
    form = WithdrawForm(request.POST)
    try:
        actions.withdraw_candidate(
            actor=request.user,
            candidate=candidate,
            reason=form.data.get("reason", "") if form.is_valid() else "",
        )
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã dừng xét hồ sơ."))
    return redirect("recruitment:candidate", pk=candidate.pk)


@login_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = queries.get_candidate_for_user(request.user, pk, Perm.RECRUITMENT_MANAGE)
    form = EnrolForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn lớp học."))
        return redirect("recruitment:candidate", pk=candidate.pk)
    course = queries.get_course_to_enrol(request.user, candidate, form.cleaned_data["course"])
    try:
        actions.enrol_candidate(actor=request.user, candidate=candidate, course=course)
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã ghi danh vào lớp %(c)s.") % {"c": course.title})
    return redirect("recruitment:candidate", pk=candidate.pk)


@login_required
@require_GET
def step_document(request: HttpRequest, pk: int) -> FileResponse:
    row = queries.get_step_document(request.user, pk)
    response = FileResponse(
        row.document.open("rb"), as_attachment=True, filename=row.document_name or "van-ban"
    )
    response["Cache-Control"] = PRIVATE
    return response
