"""Pages of study campaigns: list, create, a campaign (staff and member views), results per
unit, sessions, materials, and the member's quiz (mobile-first)."""

import re
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.access.policy import can, has_perm_anywhere, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed

from ..distribution import queries as distribution_queries
from ..distribution.actions import reader_url
from ..distribution.queries import unit_by_code
from ..distribution.rates import rate_chart
from ..files import open_stored
from . import actions, queries
from .forms import CampaignForm, MaterialForm, SessionForm
from .quiz import QuizTextError, parse_quiz_text

FORM_ERRORS = (ValidationFailed, Conflict)
MEMBERS_PER_PAGE = 50


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    staff = has_perm_anywhere(request.user, Perm.DOCUMENTS_VIEW)
    unit = None
    if staff and request.GET.get("unit"):
        unit = queries.unit_for_campaigns(request.user, request.GET["unit"])
    campaigns = list(queries.campaigns_for(request.user, unit)[:100]) if staff else []
    return render(
        request,
        "documents/study_list.html",
        {
            "campaigns": campaigns,
            "mine": queries.campaigns_for_member(request.user),
            "staff": staff,
            "unit": unit,
            "can_create": has_perm_anywhere(request.user, Perm.DOCUMENTS_MANAGE),
        },
    )


def _document_ids(user: Any, text: str) -> list[int]:
    """Documents named by id ("12") or by number ("57-NQ/TW") among those the user sees."""
    ids: list[int] = []
    for token in [t.strip() for t in re.split(r"[,;\n]+", text) if t.strip()]:
        if token.isdigit():
            ids.append(int(token))
            continue
        found = distribution_queries.document_by_number(user, token)
        if found is None:
            raise ValidationFailed(
                _("Không tìm thấy văn bản số %(n)s.") % {"n": token}, field="documents"
            )
        ids.append(found.pk)
    return ids


@login_required
@require_http_methods(["GET", "POST"])
def create_campaign(request: HttpRequest) -> HttpResponse:
    tops = list(units_for(request.user, Perm.DOCUMENTS_MANAGE))
    if not tops:
        raise Forbidden(_("Bạn không có quyền mở đợt học tập."))
    initial: dict[str, Any] = {
        "unit": request.GET.get("unit") or tops[0].code,
        "starts_on": timezone.localdate(),
    }
    if request.GET.get("document", "").isdigit():
        document = distribution_queries.document_for_rates(
            request.user, int(request.GET["document"])
        )
        initial["documents"] = document.number
        initial["title"] = _("Học tập, quán triệt %(n)s") % {"n": document.number}
    form = CampaignForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            quiz = None
            if data["with_quiz"]:
                try:
                    specs = parse_quiz_text(data["questions"])
                except QuizTextError as exc:
                    where = _(" (dòng %(n)s)") % {"n": exc.line} if exc.line else ""
                    raise ValidationFailed(_(str(exc)) + where, field="questions") from exc
                quiz = actions.QuizSpec(specs, data["pass_mark"] or 70, data["max_attempts"])
            unit = queries.unit_to_manage(request.user, data["unit"])
            campaign = actions.create_study_campaign(
                actor=request.user,
                unit=unit,
                title=data["title"],
                document_ids=_document_ids(request.user, data["documents"]),
                starts_on=data["starts_on"],
                deadline=data["deadline"],
                audience=data["audience"],
                description=data["description"],
                quiz=quiz,
            )
        except FORM_ERRORS as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(
                request,
                _("Đã mở đợt học tập cho %(n)s đảng viên.") % {"n": campaign.participant_count},
            )
            return redirect("documents:study_results", pk=campaign.pk)
    if form.errors:
        status = 400
    return render(request, "documents/study_form.html", {"form": form, "tops": tops}, status=status)


@login_required
@require_GET
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's page of a campaign (documents, materials, sessions, quiz); staff who follow
    the campaign without being called to it go to its results."""
    try:
        participant = queries.participant_for_member(request.user, pk)
    except NotFound:
        queries.get_campaign_for_staff(request.user, pk)
        return redirect("documents:study_results", pk=pk)
    study = participant.campaign
    quiz = queries.quiz_of(study)
    return render(
        request,
        "documents/study_member.html",
        {
            "campaign": study,
            "participant": participant,
            "quiz": quiz,
            "documents": [(d, reader_url(d.pk)) for d in queries.campaign_documents(study)],
            "materials": list(study.materials.all()),
            "sessions": queries.sessions_for_participant(participant),
            "attempts": queries.attempts_of(participant),
            "open_attempt": queries.open_attempt(participant),
            "left": queries.remaining_attempts(participant, quiz) if quiz else None,
            "expired": timezone.localdate() > study.deadline,
            "can_follow": queries.can_follow(request.user, study),
        },
    )


@login_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    study = queries.get_campaign_for_staff(request.user, pk)
    unit = queries.campaign_rates_unit(request.user, study, request.GET.get("unit"))
    rates = queries.campaign_rates(request.user, study, unit)
    behind = Paginator(queries.not_passed(request.user, study, unit), MEMBERS_PER_PAGE)
    manage = can(request.user, Perm.DOCUMENTS_MANAGE, study.unit)
    documents = queries.campaign_documents(study)
    return render(
        request,
        "documents/study_results.html",
        {
            "campaign": study,
            "unit": unit,
            "rates": rates,
            "chart": rate_chart(rates.rows, _("Tỷ lệ đạt (%)")),
            "page": behind.get_page(request.GET.get("page")),
            "quiz": queries.quiz_of(study),
            "documents": documents,
            "read_rates": [
                distribution_queries.read_rates(request.user, d, unit) for d in documents
            ],
            "materials": list(study.materials.all()),
            "sessions": list(
                study.sessions.select_related("unit").filter(unit__path__startswith=unit.path)[:100]
            ),
            "can_manage": manage,
            "can_add_session": can(request.user, Perm.MEETINGS_MANAGE, unit),
            "session_form": SessionForm(initial={"unit": unit.code}),
            "material_form": MaterialForm(),
            "parent": distribution_queries.parent_of(unit)
            if unit.path != study.unit.path
            else None,
        },
    )


@login_required
@require_POST
def add_session(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_campaign_for_staff(request.user, pk)  # out of scope: 404 before the input
    form = SessionForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_("Thông tin buổi học chưa hợp lệ (ngày dd/mm/yyyy, giờ HH:MM)."))
    data = form.cleaned_data
    held_at = timezone.make_aware(datetime.combine(data["held_on"], data["held_time"]))
    actions.add_study_session(
        actor=request.user,
        campaign_id=pk,
        unit=unit_by_code(data["unit"]),
        held_at=held_at,
        place=data["place"],
        meeting_id=data["meeting_id"],
    )
    messages.success(request, _("Đã ghi buổi học tập."))
    return redirect("documents:study_results", pk=pk)


@login_required
@require_POST
def add_material(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_campaign_for_staff(request.user, pk)  # out of scope: 404 before the input
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationFailed(_("Thông tin tài liệu chưa hợp lệ."))
    data = form.cleaned_data
    upload = data["file"]
    actions.add_study_material(
        actor=request.user,
        campaign_id=pk,
        title=data["title"],
        url=data["url"] or "",
        upload=upload,
        upload_name=upload.name if upload else "",
    )
    messages.success(request, _("Đã thêm tài liệu."))
    return redirect("documents:study_results", pk=pk)


@login_required
@require_GET
def material_file(request: HttpRequest, pk: int, material_id: int) -> FileResponse:
    material = queries.material_for_user(request.user, pk, material_id)
    response = FileResponse(
        open_stored(material.stored_name), as_attachment=True, filename=material.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    actions.confirm_studied(actor=request.user, campaign_id=pk)
    messages.success(request, _("Đã ghi nhận đồng chí hoàn thành học tập."))
    return redirect("documents:study_campaign", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the quiz's start page; POST starts (or resumes) an attempt."""
    participant = queries.participant_for_member(request.user, pk)
    if request.method == "POST":
        attempt = actions.start_quiz_attempt(actor=request.user, campaign_id=pk)
        return redirect("documents:study_attempt", pk=pk, attempt_id=attempt.pk)
    return redirect("documents:study_campaign", pk=participant.campaign_id)


def _answers(request: HttpRequest) -> dict[int, int | None]:
    answers: dict[int, int | None] = {}
    for key in request.POST:
        value = request.POST.get(key, "")
        if key.startswith("q") and key[1:].isdigit() and value.isdigit():
            answers[int(key[1:])] = int(value)
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def attempt(request: HttpRequest, pk: int, attempt_id: int) -> HttpResponse:
    """The attempt's questions in its own order (GET), its submission (POST), then the review."""
    current = queries.attempt_for_member(request.user, attempt_id)
    if current.participant.campaign_id != pk:
        raise NotFound(_("Không tìm thấy bài làm."))
    if request.method == "POST":
        current = actions.submit_quiz_attempt(
            actor=request.user, attempt_id=current.pk, answers=_answers(request)
        )
        return redirect("documents:study_attempt", pk=pk, attempt_id=current.pk)
    submitted = current.submitted_at is not None
    participant = current.participant
    quiz_row = queries.quiz_of(participant.campaign)
    return render(
        request,
        "documents/study_quiz.html",
        {
            "campaign": participant.campaign,
            "attempt": current,
            "questions": queries.attempt_questions(current, review=submitted),
            "submitted": submitted,
            "quiz": quiz_row,
            "left": queries.remaining_attempts(participant, quiz_row) if quiz_row else None,
            "passed": participant.passed_at is not None,
        },
    )
