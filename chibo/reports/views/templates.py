"""Report templates: the list, a new template, its indicators, sections and rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.access.policy import can
from chibo.access.roles import Perm
from chibo.core.errors import ValidationFailed

from ..actions import templates as actions
from ..forms import IndicatorForm, RuleForm, SectionForm, TemplateForm
from ..queries import reports as queries
from .common import form_errors, run


@login_required
@require_http_methods(["GET", "POST"])
def template_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            t = actions.create_template(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationFailed as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã tạo mẫu báo cáo."))
            return redirect("reports:template", pk=t.pk)
    return render(
        request,
        "reports/templates.html",
        {
            "unit": unit,
            "form": form,
            "manage": can(request.user, Perm.REPORTS_MANAGE, unit),
            "templates": list(queries.visible_templates(request.user, unit=unit)),
        },
    )


@login_required
@require_GET
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = queries.get_template_for_user(request.user, pk)
    catalogue = [(i.code, str(i.label)) for i in queries.computed_catalogue()]
    return render(
        request,
        "reports/template.html",
        {
            "template": template,
            "manage": can(request.user, Perm.REPORTS_MANAGE, template.unit),
            "indicator_form": IndicatorForm(catalogue=catalogue),
            "section_form": SectionForm(),
            "rule_form": RuleForm(),
            "catalogue": queries.computed_catalogue(),
        },
    )


@login_required
@require_POST
def add_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    catalogue = [(i.code, str(i.label)) for i in queries.computed_catalogue()]
    form = IndicatorForm(request.POST, catalogue=catalogue)
    queries.get_template_for_user(request.user, pk)  # 404 out of reach, before the input
    back = reverse("reports:template", args=[pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back)
    return run(
        request,
        lambda: actions.add_indicator(actor=request.user, template_id=pk, **form.cleaned_data),
        _("Đã thêm chỉ tiêu."),
        back,
    )


@login_required
@require_POST
def add_section(request: HttpRequest, pk: int) -> HttpResponse:
    form = SectionForm(request.POST)
    queries.get_template_for_user(request.user, pk)  # 404 out of reach, before the input
    back = reverse("reports:template", args=[pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back)
    return run(
        request,
        lambda: actions.add_section(actor=request.user, template_id=pk, **form.cleaned_data),
        _("Đã thêm phần nội dung."),
        back,
    )


@login_required
@require_POST
def add_rule(request: HttpRequest, pk: int) -> HttpResponse:
    form = RuleForm(request.POST)
    queries.get_template_for_user(request.user, pk)  # 404 out of reach, before the input
    back = reverse("reports:template", args=[pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back)
    return run(
        request,
        lambda: actions.add_rule(actor=request.user, template_id=pk, **form.cleaned_data),
        _("Đã thêm quy tắc kiểm tra."),
        back,
    )
