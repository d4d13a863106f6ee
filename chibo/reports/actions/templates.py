"""Report templates: indicators (computed, entered, formula), narrative sections, validation
rules. A template that a request already uses is frozen: its reports were built from it."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.core.text import nfc
from chibo.org.models import OrgUnit

from .. import formulas, indicators
from ..models import (
    Importance,
    IndicatorSource,
    NarrativeSection,
    Operator,
    ReportRequest,
    ReportTemplate,
    TemplateIndicator,
    ValidationRule,
)
from .common import template_for_write

MAX_INDICATORS = 60


def _text(value: str, field: str, message: Any, limit: int = 200) -> str:
    value = nfc((value or "").strip())
    if not value:
        raise ValidationFailed(message, field=field)
    if len(value) > limit:
        raise ValidationFailed(_("Dài quá %(n)s ký tự."), field=field, n=limit)
    return value


def _require_unused(template: ReportTemplate) -> None:
    if ReportRequest.objects.filter(template=template).exists():
        raise Conflict(
            _("Mẫu báo cáo đã được dùng để yêu cầu báo cáo, không sửa được; hãy tạo mẫu mới.")
        )


def create_template(
    *, actor: Any, unit: OrgUnit, name: str, description: str = ""
) -> ReportTemplate:
    require(actor, Perm.REPORTS_MANAGE, unit)
    name = _text(name, "name", _("Chưa nhập tên mẫu báo cáo."))
    with transaction.atomic():
        template = ReportTemplate.objects.create(
            unit=unit,
            name=name,
            description=nfc((description or "").strip())[:2000],
            created_by=actor,
        )
        record(
            actor=actor,
            action="reports.create_template",
            target=template,
            unit=unit,
            changes={"name": [None, name]},
        )
    return template


def add_indicator(
    *,
    actor: Any,
    template_id: int,
    code: str,
    label: str = "",
    source: str,
    computed_code: str = "",
    formula: str = "",
) -> TemplateIndicator:
    template = template_for_write(actor, template_id)
    _require_unused(template)
    if source not in IndicatorSource.values:
        raise ValidationFailed(_("Nguồn số liệu của chỉ tiêu không hợp lệ."), field="source")
    code = (code or "").strip().lower()
    if source == IndicatorSource.COMPUTED and not code:
        code = (computed_code or "").strip()
    if not formulas.CODE.match(code):
        raise ValidationFailed(
            _("Mã chỉ tiêu chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ."),
            field="code",
        )
    existing = set(template.indicators.values_list("code", flat=True))
    if code in existing:
        raise ValidationFailed(_("Mẫu đã có chỉ tiêu mã %(code)s."), field="code", code=code)
    if len(existing) >= MAX_INDICATORS:
        raise ValidationFailed(
            _("Một mẫu có tối đa %(n)s chỉ tiêu."), field="code", n=MAX_INDICATORS
        )
    known = indicators.registry()
    if source == IndicatorSource.COMPUTED:
        if computed_code not in known:
            raise ValidationFailed(
                _("Không có chỉ tiêu tính tự động mã %(code)s."),
                field="computed_code",
                code=computed_code,
            )
        label = label or str(known[computed_code].label)
        formula = ""
    elif source == IndicatorSource.FORMULA:
        formulas.check(formula, existing, field="formula")
        computed_code = ""
    else:
        computed_code, formula = "", ""
    label = _text(label, "label", _("Chưa nhập tên chỉ tiêu."))
    with transaction.atomic():
        indicator = TemplateIndicator.objects.create(
            template=template,
            position=len(existing) + 1,
            code=code,
            label=label,
            source=source,
            computed_code=computed_code,
            formula=(formula or "").strip(),
        )
        record(
            actor=actor,
            action="reports.add_indicator",
            target=template,
            unit=template.unit,
            changes={"indicator": [None, code], "source": [None, source]},
        )
    return indicator


def add_section(
    *, actor: Any, template_id: int, title: str, guidance: str = ""
) -> NarrativeSection:
    template = template_for_write(actor, template_id)
    _require_unused(template)
    title = _text(title, "title", _("Chưa nhập tên phần nội dung."))
    with transaction.atomic():
        section = NarrativeSection.objects.create(
            template=template,
            position=template.sections.count() + 1,
            title=title,
            guidance=nfc((guidance or "").strip())[:2000],
        )
        record(
            actor=actor,
            action="reports.add_section",
            target=template,
            unit=template.unit,
            changes={"section": [None, title]},
        )
    return section


def add_rule(
    *,
    actor: Any,
    template_id: int,
    name: str,
    left: str,
    operator: str,
    right: str,
    importance: str = Importance.MEDIUM,
    blocks_submission: bool = True,
) -> ValidationRule:
    """A rule on the figures, e.g. `admissions <= candidates_at_start`."""
    template = template_for_write(actor, template_id)
    _require_unused(template)
    name = _text(name, "name", _("Chưa nhập tên quy tắc kiểm tra."))
    if operator not in Operator.values:
        raise ValidationFailed(_("Phép so sánh không hợp lệ."), field="operator")
    if importance not in Importance.values:
        raise ValidationFailed(_("Mức độ quan trọng không hợp lệ."), field="importance")
    known = set(template.indicators.values_list("code", flat=True))
    formulas.check(left, known, field="left")
    formulas.check(right, known, field="right")
    with transaction.atomic():
        rule = ValidationRule.objects.create(
            template=template,
            name=name,
            left=left.strip(),
            operator=operator,
            right=right.strip(),
            importance=importance,
            blocks_submission=bool(blocks_submission),
        )
        record(
            actor=actor,
            action="reports.add_rule",
            target=template,
            unit=template.unit,
            changes={"rule": [None, f"{rule.left} {operator} {rule.right}"]},
        )
    return rule
