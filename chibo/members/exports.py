"""The members module's workbooks: the member list (exactly the rows listed, every page, same
filters) and the "biến động" report of a subtree.

Written through `chibo.core.spreadsheets`, the one writer that escapes cells a spreadsheet would
read as a formula (a name like `=HYPERLINK(...)` stays text). The member list uses the write-only
workbook (rows streamed, not kept as cell objects) and is refused above `EXPORT_LIMIT` rows, so
memory stays bounded.
"""

from collections.abc import Iterable
from datetime import date
from io import BytesIO
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chibo.access.policy import Sensitive, reveal
from chibo.core.errors import ValidationFailed
from chibo.core.spreadsheets import XLSX_CONTENT_TYPE, append_row, workbook

from .models import DatePrecision, Member
from .queries import may_look_up_citizen_ids
from .rules import ETHNIC_GROUPS

if TYPE_CHECKING:
    from .queries.statistics import ChangeReport

__all__ = [
    "EXPORT_LIMIT",
    "NO_STORE",
    "XLSX_CONTENT_TYPE",
    "changes_workbook",
    "members_workbook",
]

EXPORT_LIMIT = 20_000
EXPORT_REASON = "member export"
# Every file of personal data: not stored by the browser nor by any proxy.
NO_STORE = "private, no-store"
_ETHNIC_NAMES = {g.code: g.name for g in ETHNIC_GROUPS}


def format_partial_date(value: date | None, precision: str = DatePrecision.DAY) -> str:
    """dd/mm/yyyy, or mm/yyyy / yyyy when the record knows only the month or the year."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.month:02d}/{value.year:04d}"
    return value.strftime("%d/%m/%Y")


def _row(member: Member, number: int, with_citizen_id: bool, revealed: set[Any]) -> list[Any]:
    row: list[Any] = [
        number,
        member.full_name,
        member.get_gender_display(),
        format_partial_date(member.birth_date, member.birth_date_precision),
        _ETHNIC_NAMES.get(member.ethnicity, member.ethnicity),
        member.unit.name,
        member.get_status_display(),
        member.card_number or "",
        format_partial_date(member.admitted_on),
        format_partial_date(member.full_member_on),
        member.get_theory_level_display() if member.theory_level else "",
    ]
    if with_citizen_id:
        # Per row: a user may hold members.view_sensitive on one subtree and not another.
        row.append(member.citizen_id if member.pk in revealed else "")
    return row


def members_workbook(user: Any, members: Iterable[Member], *, count: int, title: str) -> bytes:
    """The workbook as bytes. `members` is the listed queryset; `count` its size, checked first."""
    if count > EXPORT_LIMIT:
        raise ValidationFailed(
            gettext_lazy(
                "Danh sách có %(count)s đảng viên, vượt quá %(limit)s dòng cho một lần xuất; "
                "hãy lọc hẹp hơn."
            ),
            count=f"{count:,}".replace(",", "."),
            limit=f"{EXPORT_LIMIT:,}".replace(",", "."),
        )
    with_citizen_id = may_look_up_citizen_ids(user)
    rows = list(members)
    # The field rule decides row by row, and logs one read per citizen ID the file carries.
    revealed = (
        reveal(
            user,
            Sensitive.CITIZEN_ID,
            [m for m in rows if m.citizen_id],
            reason=EXPORT_REASON,
        )
        if with_citizen_id
        else set()
    )
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = workbook(write_only=True)
    sheet = book.create_sheet(title=_("Đảng viên"))
    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Giới tính"),
        _("Ngày sinh"),
        _("Dân tộc"),
        _("Chi bộ"),
        _("Trạng thái"),
        _("Số thẻ đảng viên"),
        _("Ngày vào Đảng"),
        _("Ngày chính thức"),
        _("Lý luận chính trị"),
    ]
    if with_citizen_id:
        headers.append(_("Số CCCD"))
    widths = [6, 30, 9, 12, 12, 30, 14, 16, 14, 14, 16, 14]
    for index, width in enumerate(widths[: len(headers)]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    title_cell = WriteOnlyCell(sheet, value=title)
    title_cell.font = Font(bold=True, size=13)
    append_row(sheet, [title_cell])
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    append_row(sheet, header_cells)
    for number, member in enumerate(rows, start=1):
        append_row(sheet, _row(member, number, with_citizen_id, revealed))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def changes_workbook(report: "ChangeReport") -> bytes:
    """Two sheets: the counts ("Tổng hợp") and the members behind them ("Danh sách")."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F2DCDB")
    book = workbook()
    summary = book.active
    assert summary is not None
    summary.title = _("Tổng hợp")
    append_row(summary, [_("BÁO CÁO BIẾN ĐỘNG ĐẢNG VIÊN")])
    summary["A1"].font = Font(bold=True, size=13)
    append_row(summary, [report.unit.name])
    append_row(
        summary,
        [
            _("Từ ngày %(start)s đến ngày %(end)s")
            % {"start": f"{report.start:%d/%m/%Y}", "end": f"{report.end:%d/%m/%Y}"}
        ],
    )
    append_row(summary, [])
    append_row(summary, [_("STT"), _("Nội dung biến động"), _("Số đảng viên")])
    for cell in summary[5]:
        cell.font, cell.fill = bold, header_fill
    for index, row in enumerate(report.rows, start=1):
        append_row(summary, [index, str(row.category.label), row.count])
    for column, width in zip("ABC", (6, 40, 14), strict=True):
        summary.column_dimensions[column].width = width

    listing = book.create_sheet(_("Danh sách"))
    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Biến động"),
        _("Ngày hiệu lực"),
        _("Số quyết định"),
        _("Chi bộ"),
        _("Chuyển từ/đến"),
    ]
    append_row(listing, headers)
    for cell in listing[1]:
        cell.font, cell.fill = bold, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    index = 0
    for row in report.rows:
        for entry in row.entries:
            index += 1
            append_row(
                listing,
                [
                    index,
                    entry.full_name,
                    entry.kind_label,
                    entry.effective_on,
                    entry.decision_number,
                    entry.unit_name,
                    entry.other_unit_name,
                ],
            )
            listing.cell(row=listing.max_row, column=4).number_format = "DD/MM/YYYY"
    for number, width in enumerate((6, 30, 30, 14, 18, 32, 32), start=1):
        listing.column_dimensions[get_column_letter(number)].width = width
    listing.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
