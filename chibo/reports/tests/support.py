"""Helpers of the reports tests: a quarterly template and a request from G1 to its branches."""

from datetime import date
from typing import Any

from chibo.org.models import OrgUnit, UnitKind

from ..actions import requests, templates
from ..models import IndicatorSource, ReportRequest, ReportTemplate

PERIOD_YEAR = 2026
Q1_END = date(2026, 3, 31)


def quarterly_template(actor: Any, unit: OrgUnit, *, blocking: bool = True) -> ReportTemplate:
    t = templates.create_template(actor=actor, unit=unit, name="Báo cáo công tác xây dựng Đảng")
    templates.add_indicator(
        actor=actor,
        template_id=t.pk,
        code="members_total",
        source=IndicatorSource.COMPUTED,
        computed_code="members_total",
    )
    templates.add_indicator(
        actor=actor,
        template_id=t.pk,
        code="attendance_rate",
        source=IndicatorSource.COMPUTED,
        computed_code="attendance_rate",
    )
    templates.add_indicator(
        actor=actor,
        template_id=t.pk,
        code="candidates",
        label="Quần chúng ưu tú là đối tượng kết nạp đầu kỳ",
        source=IndicatorSource.ENTERED,
    )
    templates.add_indicator(
        actor=actor,
        template_id=t.pk,
        code="admitted",
        label="Kết nạp trong kỳ",
        source=IndicatorSource.ENTERED,
    )
    templates.add_indicator(
        actor=actor,
        template_id=t.pk,
        code="admitted_share",
        label="Tỷ lệ kết nạp trên đối tượng (%)",
        source=IndicatorSource.FORMULA,
        formula="admitted * 100 / candidates",
    )
    templates.add_section(actor=actor, template_id=t.pk, title="Kết quả nổi bật")
    templates.add_rule(
        actor=actor,
        template_id=t.pk,
        name="Kết nạp không vượt số đối tượng",
        left="admitted",
        operator="<=",
        right="candidates",
        importance="high",
        blocks_submission=blocking,
    )
    return t


def branch_request(
    actor: Any, unit: OrgUnit, template: ReportTemplate, *, deadline: date = date(2026, 4, 10)
) -> ReportRequest:
    return requests.create_request(
        actor=actor,
        unit=unit,
        template_id=template.pk,
        period_kind="quarter",
        year=PERIOD_YEAR,
        number=1,
        deadline=deadline,
        target_kind=UnitKind.BRANCH,
    )
