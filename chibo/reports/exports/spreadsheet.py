"""The roll-up of a request as an XLSX workbook (through core.spreadsheets)."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from chibo.core.spreadsheets import XLSX_CONTENT_TYPE, append_row, workbook

from ..queries.rollup import Rollup


def rollup_bytes(result: Rollup) -> bytes:
    book = workbook()
    sheet = book.active
    sheet.title = _("Tổng hợp")[:31]
    state = result.completeness
    append_row(sheet, [result.request.title])
    append_row(
        sheet,
        [
            _("Kỳ"),
            f"{result.request.period_start:%d/%m/%Y} - {result.request.period_end:%d/%m/%Y}",
            _("Hạn nộp"),
            f"{result.request.deadline:%d/%m/%Y}",
        ],
    )
    append_row(
        sheet,
        [_("Phải nộp"), state.expected, _("Đã nộp"), state.submitted, _("Đúng hạn"), state.on_time],
    )
    append_row(sheet, [])
    append_row(sheet, [_("Mã"), _("Chỉ tiêu"), _("Số báo cáo"), _("Số hiện tại"), _("Chênh lệch")])
    for line in result.lines:
        gap = (
            line.live - line.reported
            if isinstance(line.reported, int | float) and isinstance(line.live, int | float)
            else None
        )
        append_row(sheet, [line.code, line.indicator.label, line.reported, line.live, gap])
    units = book.create_sheet(_("Theo đơn vị")[:31])
    append_row(units, [_("Đơn vị"), _("Mã đơn vị"), *(li.indicator.label for li in result.lines)])
    for report in result.units:
        append_row(
            units,
            [
                report.unit.name,
                report.unit.code,
                *(report.values.get(li.code) for li in result.lines),
            ],
        )
    missing = book.create_sheet(_("Chưa nộp, nộp muộn")[:31])
    append_row(missing, [_("Đơn vị"), _("Tình trạng")])
    for report in state.missing:
        append_row(missing, [report.unit.name, _("Chưa nộp")])
    for report in state.late:
        append_row(missing, [report.unit.name, _("Nộp muộn")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rollup_workbook(result: Rollup) -> HttpResponse:
    response = HttpResponse(rollup_bytes(result), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="tong-hop-bao-cao-{result.request.pk}.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
