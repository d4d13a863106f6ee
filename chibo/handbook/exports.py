"""The member's own data as a PDF (fpdf2, DejaVu fonts as the meetings' minutes): the same
content as the JSON download (`queries.own_data.my_data`), laid out for reading."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.meetings.exports import FONT_DIR
from chibo.members.models import Member


def _text(value: Any) -> str:
    """A value as a person reads it: dates dd/mm/yyyy (local time), yes/no, dashes for blanks."""
    if value in (None, "", [], {}):
        return "—"
    if value is True:
        return _("có")
    if value is False:
        return _("không")
    if isinstance(value, dict) and set(value) == {"code", "name"}:
        return f"{value['name']} ({value['code']})"
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            moment = datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return moment.strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return value
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def _member_labels() -> dict[str, str]:
    """Vietnamese labels of the record's fields: the handbook's own, else the model's where it
    names the field in Vietnamese, else the field's name."""
    labels = {
        "full_name": _("Họ và tên"),
        "gender": _("Giới tính"),
        "birth_date": _("Ngày sinh"),
        "citizen_id": _("Số CCCD"),
        "phone": _("Điện thoại"),
        "card_number": _("Số thẻ đảng viên"),
        "admitted_on": _("Ngày vào Đảng"),
        "full_member_on": _("Ngày chính thức"),
        "unit": _("Chi bộ"),
        "status": _("Trạng thái"),
    }
    for field in Member._meta.concrete_fields:
        verbose = str(field.verbose_name)
        if field.name not in labels and verbose != field.name.replace("_", " "):
            labels[field.name] = verbose
    return labels


def _sections() -> list[tuple[str, str]]:
    return [
        ("events", _("Biến động của đảng viên")),
        ("attendance", _("Điểm danh sinh hoạt")),
        ("document_receipts", _("Văn bản đã nhận")),
        ("bookmarks", _("Văn bản đã lưu")),
        ("study", _("Học tập, bài kiểm tra")),
        ("questions", _("Câu hỏi, ý kiến đã gửi")),
        ("correction_requests", _("Đề nghị sửa hồ sơ")),
        ("notifications", _("Thông báo")),
        ("reads_by_others", _("Những lần người khác xem hồ sơ của tôi")),
    ]


def own_data_pdf(data: dict[str, Any]) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_margins(left=20, top=20, right=15)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, *, bold: bool = False, size: int = 10) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.multi_cell(width, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def pairs(values: dict[str, Any], labels: dict[str, str]) -> None:
        for key, value in values.items():
            line(f"{labels.get(key, key)}: {_text(value)}")

    line(_("Dữ liệu cá nhân của tôi"), bold=True, size=14)
    line(
        _("Xuất ngày %(day)s. Toàn bộ dữ liệu hệ thống lưu về đảng viên và tài khoản này.")
        % {"day": timezone.localtime().strftime("%d/%m/%Y %H:%M")}
    )
    pdf.ln(3)
    line(_("Hồ sơ đảng viên"), bold=True, size=12)
    pairs(data["member"], _member_labels())
    pdf.ln(3)
    line(_("Tài khoản"), bold=True, size=12)
    account = dict(data["account"])
    grants = account.pop("grants", [])
    pairs(account, {})
    for grant in grants:
        line(f"• {grant['role_label']} — {_text(grant['unit'])} ({_text(grant['since'])})")
    for key, title in _sections():
        pdf.ln(3)
        line(title, bold=True, size=12)
        rows = data.get(key) or []
        if not rows:
            line(_("Không có."))
        for row in rows:
            line("• " + " · ".join(f"{k}: {_text(v)}" for k, v in row.items()))
    return bytes(pdf.output())
