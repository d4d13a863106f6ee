"""The certificate as a PDF (fpdf2, DejaVu fonts), laid out as party certificates are: the
issuing organisation on the left and "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, the title, the
holder's name and birth date, the course and its dates, number, place and date, and a QR code of
the public verification page."""

import io
from pathlib import Path

import qrcode
from django.conf import settings

from chibo.core.tree import ancestor_paths
from chibo.org.models import OrgUnit, UnitKind

from .models import Certificate

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "dejavu-fonts-ttf" / "ttf"


def _province(unit: OrgUnit) -> str:
    name = (
        OrgUnit.objects.filter(
            kind=UnitKind.PROVINCIAL_COMMITTEE,
            path__in=ancestor_paths(unit.path, include_self=True),
        )
        .values_list("name", flat=True)
        .first()
    )
    return (name or "").removeprefix("Đảng bộ ").strip()


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    course = certificate.course
    issuer = certificate.issuing_unit
    pdf = FPDF(orientation="L", unit="mm", format="A5")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
    pdf.add_page()
    pdf.set_draw_color(183, 28, 28)
    pdf.set_line_width(0.8)
    pdf.rect(6, 6, 198, 136)
    pdf.set_xy(10, 12)
    pdf.set_font("DejaVu", "B", 10)
    pdf.multi_cell(90, 5, issuer.name.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 9)
    pdf.set_x(10)
    pdf.cell(90, 5, f"Số: {certificate.number}", align="C")
    pdf.set_xy(110, 12)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(90, 5, "ĐẢNG CỘNG SẢN VIỆT NAM", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(110, 18)
    pdf.set_font("DejaVu", "I", 9)
    place = _province(issuer)
    d = certificate.issued_on
    pdf.cell(
        90,
        5,
        f"{place + ', ' if place else ''}ngày {d.day:02d} tháng {d.month:02d} năm {d.year}",
        align="C",
    )
    pdf.set_xy(10, 38)
    pdf.set_font("DejaVu", "B", 20)
    pdf.set_text_color(183, 28, 28)
    pdf.cell(190, 10, "GIẤY CHỨNG NHẬN", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 11)
    pdf.set_x(10)
    pdf.cell(190, 7, f"{issuer.name} chứng nhận", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "B", 15)
    pdf.set_x(10)
    pdf.cell(190, 10, certificate.full_name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 11)
    birth = certificate.enrolment.birth_date
    if birth:
        pdf.set_x(10)
        pdf.cell(
            190, 6, f"Sinh ngày {birth:%d/%m/%Y}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    end = course.finished_on or course.ends_on
    pdf.set_x(20)
    pdf.multi_cell(
        170,
        6,
        f"Đã hoàn thành chương trình {course.get_kind_display().lower()}: {course.title}, "
        f"từ ngày {course.starts_on:%d/%m/%Y} đến ngày {end:%d/%m/%Y}.",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_xy(120, 108)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(80, 5, "T/M " + issuer.name.upper()[:60], align="C")
    qr = qrcode.make(verify_url, box_size=4, border=1)
    buffer = io.BytesIO()
    qr.save(buffer, format="PNG")
    buffer.seek(0)
    pdf.image(buffer, x=14, y=100, w=30, h=30)
    pdf.set_xy(46, 122)
    pdf.set_font("DejaVu", "I", 7)
    pdf.cell(70, 4, "Kiểm tra giấy chứng nhận theo số tại mã QR")
    return bytes(pdf.output())
