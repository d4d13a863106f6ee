"""Reporting periods: a month, a quarter, six months, a year, or dates given (ad hoc). Pure."""

import calendar
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chibo.core.errors import ValidationFailed

from .models import PeriodKind

MONTHS_OF = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}
COUNT_OF = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}


def bounds(kind: str, year: int, number: int = 1) -> tuple[date, date]:
    """First and last day of the `number`-th period of `kind` in `year` (1-based)."""
    if kind not in MONTHS_OF:
        raise ValidationFailed(gettext_lazy("Kỳ báo cáo không hợp lệ."), field="period_kind")
    if not 1 <= number <= COUNT_OF[PeriodKind(kind)]:
        raise ValidationFailed(gettext_lazy("Số thứ tự kỳ báo cáo không hợp lệ."), field="number")
    months = MONTHS_OF[PeriodKind(kind)]
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    return (
        date(year, first_month, 1),
        date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def label(kind: str, start: date, end: date) -> str:
    if kind == PeriodKind.MONTH:
        return _("tháng %(m)02d/%(y)s") % {"m": start.month, "y": start.year}
    if kind == PeriodKind.QUARTER:
        return _("quý %(q)s/%(y)s") % {"q": (start.month - 1) // 3 + 1, "y": start.year}
    if kind == PeriodKind.HALF:
        half = _("6 tháng đầu năm") if start.month == 1 else _("6 tháng cuối năm")
        return f"{half} {start.year}"
    if kind == PeriodKind.YEAR:
        return _("năm %(y)s") % {"y": start.year}
    return _("từ %(a)s đến %(b)s") % {"a": f"{start:%d/%m/%Y}", "b": f"{end:%d/%m/%Y}"}
