"""The member list as an Excel workbook: exactly the rows listed (every page, same filters).

Built with openpyxl's write-only workbook (rows are streamed into it, not kept as cell objects)
and refused above `EXPORT_LIMIT` rows, so memory stays bounded.
"""

from collections.abc import Iterable
from datetime import date
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from chibo.core.errors import ValidationFailed

from .models import DatePrecision, Member
from .queries import may_look_up_citizen_ids, may_see_citizen_id
from .rules import ETHNIC_GROUPS

EXPORT_LIMIT = 20_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def _row(member: Member, number: int, with_citizen_id: bool, user: Any) -> list[Any]:
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
        row.append(member.citizen_id if may_see_citizen_id(user, member) else "")
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
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Đảng viên"))
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
    sheet.append([title_cell])
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for number, member in enumerate(members, start=1):
        sheet.append(_row(member, number, with_citizen_id, user))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
