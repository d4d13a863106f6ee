"""A course's page and its forms: sessions, teachers, materials, learners, attendance, grades,
the final quiz, finishing; the material files and the certificates' PDFs."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import actions, queries
from ..certificates import certificate_pdf
from ..forms import EnrolForm, FinishForm, MaterialForm, QuizForm, SessionForm, TeacherForm
from ..models import Course
from .pages import PRIVATE


def _back(course: Course) -> HttpResponse:
    return redirect("training:course", pk=course.pk)


def _errors(form: Any) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}".lstrip(": ")
        for f, e in form.errors.items()
    )


@login_required
@require_GET
def course_page(request: HttpRequest, pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk)
    sessions, rows = queries.course_sheet(course)
    manage = queries.may_manage(request.user, course)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "course": course,
        "unit": course.unit,
        "sessions": sessions,
        "rows": rows,
        "manage": manage and course.finished_on is None,
        "teachers": list(course.teachers.all()),
        "materials": list(course.materials.select_related("document")),
        "today": today,
    }
    if context["manage"]:
        context["candidates"] = queries.members_to_enrol(course)
        context["documents"] = queries.registry_documents(request.user, course.unit)
        context["campaigns"] = queries.quiz_campaigns(request.user, course.unit)
    response = render(request, "training/course.html", context)
    response["Cache-Control"] = PRIVATE
    return response


def _run(request: HttpRequest, course: Course, work: Any, success: str) -> HttpResponse:
    try:
        work()
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, success)
    return _back(course)


@login_required
@require_POST
def add_session(request: HttpRequest, pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk, Perm.TRAINING_MANAGE)
    form = SessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(course)
    return _run(
        request,
        course,
        lambda: actions.add_session(actor=request.user, course=course, **form.cleaned_data),
        _("Đã thêm buổi học."),
    )


@login_required
@require_POST
def add_teacher(request: HttpRequest, pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk, Perm.TRAINING_MANAGE)
    form = TeacherForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(course)
    return _run(
        request,
        course,
        lambda: actions.add_teacher(actor=request.user, course=course, **form.cleaned_data),
        _("Đã thêm giảng viên."),
    )


@login_required
@require_POST
def add_material(request: HttpRequest, pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk, Perm.TRAINING_MANAGE)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(course)
    d = form.cleaned_data
    document = queries.get_document(request.user, d["document"]) if d["document"] else None
    return _run(
        request,
        course,
        lambda: actions.add_material(
            actor=request.user, course=course, title=d["title"], document=document, file=d["file"]
        ),
        _("Đã thêm tài liệu."),
    )


@login_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk, Perm.TRAINING_MANAGE)
    form = EnrolForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(course)
    d = form.cleaned_data
    if d["member"]:
        member = queries.member_to_enrol(request.user, course, d["member"])
        return _run(
            request,
            course,
            lambda: actions.enrol_member(actor=request.user, course=course, member=member),
            _("Đã ghi danh."),
        )
    return _run(
        request,
        course,
        lambda: actions.enrol_person(
            actor=request.user,
            course=course,
            full_name=d["full_name"],
            birth_date=d["birth_date"],
            unit=course.unit,
        ),
        _("Đã ghi danh."),
    )


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk, Perm.TRAINING_MANAGE)
    session = queries.get_session(course, session_pk)
    present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
    return _run(
        request,
        course,
        lambda: actions.record_attendance(actor=request.user, session=session, present_ids=present),
        _("Đã ghi điểm danh buổi %(d)s.") % {"d": session.held_on.strftime("%d/%m/%Y")},
    )


@login_required
@require_POST
def grades(request: HttpRequest, pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk, Perm.TRAINING_MANAGE)

    def work() -> None:
        values: dict[int, Decimal | None] = {}
        for key, text in request.POST.items():
            if key.startswith("grade-") and key[6:].isdigit():
                values[int(key[6:])] = actions.parse_grade(str(text))
        actions.record_grades(actor=request.user, course=course, grades=values)

    return _run(request, course, work, _("Đã ghi điểm."))


@login_required
@require_POST
def link_quiz(request: HttpRequest, pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk, Perm.TRAINING_MANAGE)
    form = QuizForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(course)
    campaign = queries.get_campaign(request.user, course.unit, form.cleaned_data["campaign"])
    return _run(
        request,
        course,
        lambda: actions.link_quiz(actor=request.user, course=course, campaign=campaign),
        _("Đã chọn bài kiểm tra cuối khóa."),
    )


@login_required
@require_POST
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    course = queries.get_course_for_user(request.user, pk, Perm.TRAINING_MANAGE)
    form = FinishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(course)
    issued: list[Any] = []

    def work() -> None:
        issued.extend(
            actions.finish_course(
                actor=request.user, course=course, finished_on=form.cleaned_data["finished_on"]
            )
        )

    try:
        work()
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã bế giảng; cấp %(n)s giấy chứng nhận.") % {"n": len(issued)})
    return _back(course)


@login_required
@require_GET
def material_file(request: HttpRequest, pk: int) -> FileResponse:
    material = queries.get_material(request.user, pk)
    response = FileResponse(
        material.file.open("rb"), as_attachment=True, filename=material.original_name or "tai-lieu"
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def certificate_file(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = queries.get_certificate_for_user(request.user, pk)
    url = request.build_absolute_uri(reverse("training:verify_number", args=[certificate.number]))
    response = HttpResponse(certificate_pdf(certificate, url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
    response["Cache-Control"] = PRIVATE
    return response
