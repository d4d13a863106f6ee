"""A unit's courses and needs, a new course, the public verification page, the member record's
section of certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from chibo.access.policy import can, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from chibo.org import queries as org_queries

from .. import actions, queries, rules
from ..forms import CourseForm, VerifyForm
from ..models import CourseKind

PRIVATE = "private, no-store"


def attach(form: object, exc: DomainError) -> None:
    fields = getattr(form, "fields", {})
    form.add_error(exc.field if exc.field in fields else None, exc.text())  # type: ignore[attr-defined]


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    top = units_for(request.user, Perm.TRAINING_VIEW).first()
    if top is None:
        raise Forbidden(_("Bạn không theo dõi công tác bồi dưỡng ở đơn vị nào."))
    return redirect("training:unit", code=top.code)


@login_required
@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    today = timezone.localdate()
    courses = list(queries.courses_for(request.user, unit)[:200])
    needs = queries.needs_of(request.user, unit, today)
    kinds = dict(CourseKind.choices)
    response = render(
        request,
        "training/unit.html",
        {
            "unit": unit,
            "running": [c for c in courses if c.finished_on is None],
            "finished": [c for c in courses if c.finished_on is not None],
            "needs": needs,
            "manage": can(request.user, Perm.TRAINING_MANAGE, unit),
            "breadcrumb": org_queries.ancestors_in_reach(request.user, unit),
            "completion_source": rules.COMPLETION.rule_on(today).source,
            "chart": {
                "labels": [str(kinds.get(n.course_kind, n.course_kind)) for n in needs],
                "values": [n.count for n in needs],
                "late": [n.late for n in needs],
                "label": _("Số người còn cần học"),
                "late_label": _("Trong đó quá hạn"),
            },
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
def course_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code, Perm.TRAINING_MANAGE)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = actions.create_course(actor=request.user, unit=unit, **form.cleaned_data)
        except (ValidationFailed, Conflict) as exc:
            attach(form, exc)
        else:
            messages.success(request, _("Đã mở lớp."))
            return redirect("training:course", pk=course.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/course_form.html", {"unit": unit, "form": form}, status=status)


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Public: the form; with ?number= it goes to that number's page."""
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("training:verify_number", number=form.cleaned_data["number"].strip())
    return render(request, "training/verify.html", {"form": form, "found": None})


@require_GET
def verify_number(request: HttpRequest, number: str) -> HttpResponse:
    """Public: whether the number was issued, with the name, course and date only."""
    try:
        found = queries.verify_certificate(number)
    except NotFound:
        return render(
            request,
            "training/verify.html",
            {"form": VerifyForm(initial={"number": number[:80]}), "found": None, "missing": True},
            status=404,
        )
    return render(request, "training/verify.html", {"form": VerifyForm(), "found": found})


@login_required
@require_GET
def member_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    member, rows = queries.member_certificates(request.user, pk)
    response = render(
        request, "training/_member_certificates.html", {"member": member, "rows": rows}
    )
    response["Cache-Control"] = PRIVATE
    return response
