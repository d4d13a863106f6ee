"""The read report as a spreadsheet (through `chibo.core.spreadsheets`, the one XLSX writer)."""

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.core.spreadsheets import append_row, workbook

from .queries import ReadEntry


def reads_xlsx(entries: Iterable[ReadEntry]) -> bytes:
    book = workbook(write_only=True)
    sheet = book.create_sheet(_("Lượt xem hồ sơ"))
    append_row(
        sheet,
        [
            _("Thời điểm"),
            _("Người xem"),
            _("Vai trò"),
            _("Hồ sơ được xem"),
            _("Loại hồ sơ"),
            _("Đơn vị"),
            _("Lý do"),
        ],
    )
    for e in entries:
        append_row(
            sheet,
            [
                timezone.localtime(e.occurred_at).strftime("%d/%m/%Y %H:%M"),
                e.reader,
                ", ".join(e.reader_roles),
                e.target_label,
                e.target_type,
                f"{e.unit.name} ({e.unit.code})" if e.unit is not None else "",
                e.reason,
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
