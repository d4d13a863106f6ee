"""The member-list template: its columns, the headers found in real files, and the XLSX to fill.

`TEMPLATE_COLUMNS` is the one list of canonical field keys (import, normalisation, checks, export
all use it). Files from wards and companies rarely carry the template's exact headers: they write
"Họ tên", "Ho va ten", "Số CMND/CCCD", "SĐT", "Ngày sinh (dd/mm/yyyy)"… `HEADER_SYNONYMS` lists
those, compared after `header_key` (case, diacritics, punctuation and spacing ignored), so a file's
columns map themselves and a person only corrects what is left.
"""

import re
from collections.abc import Sequence
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chibo.core.spreadsheets import set_cell, workbook
from chibo.core.text import fold

TEMPLATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source_ref", "Mã hồ sơ"),
    ("full_name", "Họ và tên"),
    ("gender", "Giới tính"),
    ("birth_date", "Ngày sinh"),
    ("citizen_id", "Số CCCD"),
    ("phone", "Số điện thoại"),
    ("email", "Email"),
    ("ethnicity", "Dân tộc"),
    ("religion", "Tôn giáo"),
    ("home_town", "Quê quán"),
    ("permanent_address", "Nơi thường trú"),
    ("general_education", "Trình độ học vấn"),
    ("professional_qualification", "Trình độ chuyên môn"),
    ("theory_level", "Lý luận chính trị"),
    ("occupation", "Nghề nghiệp"),
    ("card_number", "Số thẻ đảng viên"),
    ("admitted_on", "Ngày vào Đảng"),
    ("full_member_on", "Ngày chính thức"),
    ("unit", "Chi bộ"),
)
TEMPLATE_KEYS: tuple[str, ...] = tuple(key for key, _header in TEMPLATE_COLUMNS)
HEADER_BY_KEY: dict[str, str] = dict(TEMPLATE_COLUMNS)

# What each column accepts, shown as a comment on the template's header cells.
_HINTS = {
    "source_ref": gettext_lazy("Mã bản ghi ở hệ thống nguồn; dùng để nhập lại không bị trùng."),
    "gender": gettext_lazy("Nam / Nữ"),
    "birth_date": gettext_lazy(
        "dd/mm/yyyy; được phép chỉ ghi năm (1975) hoặc tháng/năm (03/1975)."
    ),
    "citizen_id": gettext_lazy("12 chữ số (CMND 9 số cũ được giữ và đánh dấu)."),
    "phone": gettext_lazy("10 chữ số; số 11 số cũ được đổi theo quy định năm 2018."),
    "general_education": gettext_lazy("Lớp/hệ, ví dụ 12/12 hoặc 10/10."),
    "theory_level": gettext_lazy("Sơ cấp / Trung cấp / Cao cấp / Cử nhân."),
    "admitted_on": gettext_lazy("Ngày ký quyết định kết nạp, dd/mm/yyyy."),
    "full_member_on": gettext_lazy("Ngày được công nhận đảng viên chính thức, dd/mm/yyyy."),
    "unit": gettext_lazy("Mã hoặc tên chi bộ, thuộc đơn vị nhận dữ liệu."),
}

# Headers seen in real files, besides the template's own. Compared through `header_key`.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "source_ref": (
        "Mã hồ sơ",
        "Mã HS",
        "Mã hồ sơ đảng viên",
        "Mã đảng viên",
        "Mã ĐV",
        "Mã số hồ sơ",
        "ID",
        "Mã",
        "Số hồ sơ",
    ),
    "full_name": (
        "Họ và tên",
        "Họ tên",
        "Họ và tên khai sinh",
        "Họ tên khai sinh",
        "Họ và tên đảng viên",
        "Họ tên đảng viên",
        "Tên đảng viên",
        "Họ và tên đang dùng",
        "Full name",
        "Name",
    ),
    "gender": ("Giới tính", "Giới", "Nam/Nữ", "Nam nữ", "Phái", "Gender", "Sex"),
    "birth_date": (
        "Ngày sinh",
        "Ngày tháng năm sinh",
        "Ngày, tháng, năm sinh",
        "Sinh ngày",
        "Năm sinh",
        "Ngày sinh (dd/mm/yyyy)",
        "NS",
        "Date of birth",
    ),
    "citizen_id": (
        "Số CCCD",
        "CCCD",
        "Căn cước công dân",
        "Số căn cước",
        "Số căn cước công dân",
        "Số định danh",
        "Số định danh cá nhân",
        "CMND",
        "Số CMND",
        "CMND/CCCD",
        "Số CMND/CCCD",
        "Số CCCD/CMND",
        "CCCD/CMND",
    ),
    "phone": (
        "Số điện thoại",
        "Điện thoại",
        "SĐT",
        "SDT",
        "ĐT",
        "Di động",
        "Số di động",
        "Điện thoại di động",
        "Phone",
    ),
    "email": ("Email", "E-mail", "Thư điện tử", "Địa chỉ email"),
    "ethnicity": ("Dân tộc", "DT"),
    "religion": ("Tôn giáo", "TG"),
    "home_town": ("Quê quán", "Nguyên quán", "Quê"),
    "permanent_address": (
        "Nơi thường trú",
        "Địa chỉ thường trú",
        "Thường trú",
        "Hộ khẩu thường trú",
        "Địa chỉ",
        "Nơi ở",
        "Nơi ở hiện nay",
    ),
    "general_education": (
        "Trình độ học vấn",
        "Học vấn",
        "Giáo dục phổ thông",
        "Trình độ giáo dục phổ thông",
        "Văn hóa",
        "Trình độ văn hóa",
        "GDPT",
    ),
    "professional_qualification": (
        "Trình độ chuyên môn",
        "Chuyên môn",
        "Chuyên môn nghiệp vụ",
        "Trình độ chuyên môn nghiệp vụ",
        "Học hàm học vị",
        "Trình độ đào tạo",
    ),
    "theory_level": (
        "Lý luận chính trị",
        "Trình độ lý luận chính trị",
        "Trình độ LLCT",
        "LLCT",
        "Lý luận",
        "Chính trị",
    ),
    "occupation": ("Nghề nghiệp", "Nghề", "Công việc", "Công việc hiện nay"),
    "card_number": (
        "Số thẻ đảng viên",
        "Số thẻ Đảng",
        "Số thẻ",
        "Thẻ đảng viên",
        "Số thẻ ĐV",
        "Số TĐV",
    ),
    "admitted_on": (
        "Ngày vào Đảng",
        "Ngày vào đảng",
        "Ngày kết nạp",
        "Ngày kết nạp Đảng",
        "Ngày vào Đảng (dd/mm/yyyy)",
        "Vào Đảng",
    ),
    "full_member_on": (
        "Ngày chính thức",
        "Ngày vào Đảng chính thức",
        "Ngày công nhận chính thức",
        "Ngày chuyển chính thức",
        "Chính thức",
    ),
    "unit": (
        "Chi bộ",
        "Chi bộ sinh hoạt",
        "Tên chi bộ",
        "Mã chi bộ",
        "Đơn vị",
        "Chi bộ / đơn vị",
        "Nơi sinh hoạt",
    ),
}

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# A header often carries its format: "Ngày sinh (dd/mm/yyyy)", "Số CCCD (12 số)".
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^]]*\]")


def header_key(header: object) -> str:
    """Comparison key of a header: no case, marks, punctuation, spaces or parenthesised notes."""
    text = fold(_PARENTHESES.sub(" ", str(header or "")))
    return _NOT_ALNUM.sub("", text)


_KEY_BY_HEADER: dict[str, str] = {
    header_key(synonym): key for key, synonyms in HEADER_SYNONYMS.items() for synonym in synonyms
}
_KEY_BY_HEADER.update({header_key(header): key for key, header in TEMPLATE_COLUMNS})


def field_for_header(header: object) -> str | None:
    """The canonical key a header means, or None when it is not one we know."""
    key = header_key(header)
    if not key:
        return None
    found = _KEY_BY_HEADER.get(key)
    if found is None and key.endswith("ddmmyyyy"):
        found = _KEY_BY_HEADER.get(key.removesuffix("ddmmyyyy"))
    return found


def auto_map(headers: Sequence[object]) -> dict[str, int]:
    """{canonical key: column index} for the headers we recognise; the first column wins when
    two map to the same key (a person can change it in the mapping step)."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = field_for_header(header)
        if key is not None and key not in mapping:
            mapping[key] = index
    return mapping


def template_workbook() -> bytes:
    """The empty template: one header row with a hint on the columns that have a format."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    book = workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Danh sách đảng viên")
    bold = Font(bold=True)
    for column, (key, header) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = set_cell(sheet, 1, column, header)
        cell.font = bold
        hint = _HINTS.get(key)
        if hint:
            cell.comment = Comment(str(hint), "Chi Bộ Số")
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(12, len(header) + 4)
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = [
    "HEADER_BY_KEY",
    "HEADER_SYNONYMS",
    "TEMPLATE_COLUMNS",
    "TEMPLATE_KEYS",
    "auto_map",
    "field_for_header",
    "header_key",
    "template_workbook",
]
