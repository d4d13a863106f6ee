"""A unit's report as a party document, DOCX (python-docx) and PDF (fpdf2).

Layout and sizes follow Hướng dẫn 36-HD/VPTW (03/4/2018) về thể thức và kỹ thuật trình bày văn
bản của Đảng (rules.DOCUMENT_FORMATS): on the left the superior body (capitals, 14) and the issuing
body (capitals, 14, bold) over a star, then "Số …-BC/…" (14); on the right "ĐẢNG CỘNG SẢN VIỆT NAM"
(15, bold, underlined) and the place and date (14, italic); the kind "BÁO CÁO" (capitals, 16,
bold) and its summary (14, bold) centred; the body in 14; Times New Roman on A4. The PDF uses
DejaVu Serif (the project's bundled font, as Times New Roman is not ours to ship).
"""

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.core.tree import ancestor_paths
from chibo.org.models import OrgUnit, UnitKind

from ..models import Report
from ..rules import DOCUMENT_FORMATS, DocumentFormat

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "dejavu-fonts-ttf" / "ttf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The issuing body's abbreviation in the number "Số …-BC/ĐU" (36-HD/VPTW, mục "số và ký hiệu").
SYMBOL_OF_KIND = {
    UnitKind.BRANCH: "CB",
    UnitKind.GRASSROOTS_BRANCH: "CB",
    UnitKind.GRASSROOTS_COMMITTEE: "ĐU",
    UnitKind.UPPER_GRASSROOTS: "ĐU",
    UnitKind.PROVINCIAL_COMMITTEE: "TU",
}


@dataclass
class Layout:
    rule: DocumentFormat
    superior: str
    issuer: str
    number: str
    place_date: str
    title: str
    figures: list[tuple[str, str]]
    sections: list[tuple[str, str]]
    recipients: str
    signer: str


def _figure(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def _locality(unit: OrgUnit) -> str:
    paths = ancestor_paths(unit.path, include_self=True)
    province = (
        OrgUnit.objects.filter(kind=UnitKind.PROVINCIAL_COMMITTEE, path__in=paths)
        .values_list("name", flat=True)
        .first()
    )
    return (province or "").removeprefix("Đảng bộ ").strip()


def _summary(title: str) -> str:
    rest = title[len("Báo cáo ") :] if title.lower().startswith("báo cáo ") else title
    return rest[:1].upper() + rest[1:]


def layout(report: Report) -> Layout:
    day = timezone.localdate(report.first_sent_at) if report.first_sent_at else timezone.localdate()
    rule = DOCUMENT_FORMATS.rule_on(day)
    unit = report.unit
    above = ancestor_paths(unit.path)
    parent = OrgUnit.objects.filter(path=above[-1]).first() if above else None
    template = report.request.template
    place = _locality(unit)
    date_line = _("ngày %(d)02d tháng %(m)02d năm %(y)s") % {
        "d": day.day,
        "m": day.month,
        "y": day.year,
    }
    items = list(template.indicators.all())
    figures = [(i.label, _figure(report.values.get(i.code))) for i in items]
    sections = [(s.title, report.narrative.get(str(s.pk), "")) for s in template.sections.all()]
    return Layout(
        rule=rule,
        superior=(parent.name if parent else "").upper(),
        issuer=unit.name.upper(),
        number=_("Số       -%(kind)s/%(unit)s")
        % {"kind": rule.number_symbol, "unit": SYMBOL_OF_KIND.get(UnitKind(unit.kind), "ĐU")},
        place_date=f"{place}, {date_line}" if place else date_line[0].upper() + date_line[1:],
        # The kind line already says "BÁO CÁO": the summary under it does not repeat it.
        title=_summary(report.request.title),
        figures=figures,
        sections=sections,
        recipients=_("- %(to)s,\n- Lưu văn phòng.") % {"to": report.request.unit.name},
        signer=_("T/M %(body)s") % {"body": unit.name.upper()}
        if unit.kind != UnitKind.BRANCH
        else _("T/M CHI BỘ"),
    )


def report_docx_bytes(report: Report) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm, Pt

    text = layout(report)
    rule = text.rule
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    section.top_margin, section.bottom_margin = Mm(rule.margin_top_mm), Mm(rule.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(rule.margin_left_mm), Mm(rule.margin_right_mm)
    normal = doc.styles["Normal"]
    normal.font.name = rule.font
    normal.font.size = Pt(rule.body_pt)
    normal.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", rule.font
    )
    normal.paragraph_format.space_after = Pt(0)

    def para(
        cell_or_doc,
        content: str,
        size: int,
        *,
        bold=False,
        italic=False,
        underline=False,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    ):
        p = cell_or_doc.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(space_after)
        run = p.add_run(content)
        run.font.size = Pt(size)
        run.font.name = rule.font
        run.bold, run.italic, run.underline = bold, italic, underline
        return p

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.autofit = False
    left, right = header.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9.0)
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    left.paragraphs[0].text = ""
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = first.add_run(text.superior)
    r.font.size = Pt(rule.body_name_pt)
    para(left, text.issuer, rule.body_name_pt, bold=True)
    para(left, "*", rule.body_name_pt)
    para(left, text.number, rule.number_pt)
    top = right.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = top.add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    r.font.size, r.bold, r.underline = Pt(rule.party_title_pt), True, True
    para(right, "", rule.place_date_pt)
    para(right, text.place_date, rule.place_date_pt, italic=True)

    para(doc, "", rule.body_pt)
    para(doc, _("BÁO CÁO"), rule.kind_pt, bold=True)
    para(doc, text.title, rule.title_pt, bold=True)
    para(doc, "-----", rule.body_pt, space_after=12)

    body = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, _("I. SỐ LIỆU"), rule.body_pt, bold=True, align=body, space_after=6)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0].cells
    for cell, label in zip(head, (_("TT"), _("Chỉ tiêu"), _("Số liệu")), strict=True):
        cell.paragraphs[0].text = ""
        run = cell.paragraphs[0].add_run(label)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for n, (label, value) in enumerate(text.figures, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(n), label, value
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table.autofit = False
    for column, width in zip(table.columns, (Cm(1.2), Cm(11.3), Cm(3.0)), strict=True):
        column.width = width  # LibreOffice reads the grid, Word the cells: set both
        for cell in column.cells:
            cell.width = width
    para(doc, "", rule.body_pt)
    numerals = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    for i, (title, content) in enumerate(text.sections):
        para(
            doc,
            f"{numerals[i] if i < len(numerals) else i + 2}. {title.upper()}",
            rule.body_pt,
            bold=True,
            align=body,
            space_after=6,
        )
        for line in (content or "—").splitlines() or ["—"]:
            p = para(doc, line, rule.body_pt, align=body, space_after=6)
            p.paragraph_format.first_line_indent = Cm(1)
    para(doc, "", rule.body_pt)
    sign = doc.add_table(rows=1, cols=2)
    recv, who = sign.rows[0].cells
    recv.width, who.width = Cm(7.5), Cm(9.0)
    recv.paragraphs[0].text = ""
    rr = recv.paragraphs[0].add_run(_("Nơi nhận:"))
    rr.italic, rr.underline, rr.bold = True, True, True
    rr.font.size = Pt(12)
    for line in text.recipients.splitlines():
        para(recv, line, 12, align=WD_ALIGN_PARAGRAPH.LEFT)
    who.paragraphs[0].text = ""
    who.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    rs = who.paragraphs[0].add_run(text.signer)
    rs.bold = True
    rs.font.size = Pt(rule.body_pt)
    para(who, _("BÍ THƯ"), rule.body_pt, bold=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def report_pdf_bytes(report: Report) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    text = layout(report)
    rule = text.rule
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(rule.margin_left_mm, rule.margin_top_mm, rule.margin_right_mm)
    pdf.set_auto_page_break(True, rule.margin_bottom_mm)
    pdf.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("Serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("Serif", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
    pdf.add_font("Serif", "BI", str(FONT_DIR / "DejaVuSerif-BoldItalic.ttf"))
    pdf.add_page()
    width = pdf.w - rule.margin_left_mm - rule.margin_right_mm
    left_w = width * 0.45
    right_w = width - left_w
    x0, y0 = pdf.l_margin, pdf.get_y()
    # DejaVu runs wider than Times New Roman: the header sizes step down by one point so the
    # two header columns keep their lines as the guidance draws them.
    pdf.set_font("Serif", "", rule.body_name_pt - 2)
    pdf.multi_cell(left_w, 6, text.superior, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "B", rule.body_name_pt - 2)
    pdf.multi_cell(left_w, 6, text.issuer, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", rule.number_pt - 2)
    pdf.cell(left_w, 6, "*", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(left_w, 6, text.number, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    left_end = pdf.get_y()
    pdf.set_xy(x0 + left_w, y0)
    pdf.set_font("Serif", "BU", rule.party_title_pt - 2)
    pdf.cell(right_w, 7, "ĐẢNG CỘNG SẢN VIỆT NAM", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_x(x0 + left_w)
    pdf.ln(3)
    pdf.set_x(x0 + left_w)
    pdf.set_font("Serif", "I", rule.place_date_pt - 2)
    pdf.multi_cell(right_w, 6, text.place_date, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(left_end, pdf.get_y()) + 6)
    pdf.set_font("Serif", "B", rule.kind_pt)
    pdf.cell(0, 9, _("BÁO CÁO"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "B", rule.title_pt - 1)
    pdf.multi_cell(0, 7, text.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", rule.body_pt - 1)
    pdf.cell(0, 6, "-----", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("Serif", "B", rule.body_pt - 1)
    pdf.cell(0, 7, _("I. SỐ LIỆU"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 11)
    with pdf.table(
        col_widths=(10, 110, 30), text_align=("CENTER", "LEFT", "RIGHT"), line_height=6
    ) as table:
        row = table.row()
        for label in (_("TT"), _("Chỉ tiêu"), _("Số liệu")):
            row.cell(label)
        for n, (label, value) in enumerate(text.figures, start=1):
            row = table.row()
            row.cell(str(n))
            row.cell(label)
            row.cell(value)
    pdf.ln(4)
    numerals = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    for i, (title, content) in enumerate(text.sections):
        pdf.set_font("Serif", "B", rule.body_pt - 1)
        pdf.multi_cell(
            0,
            7,
            f"{numerals[i] if i < len(numerals) else i + 2}. {title.upper()}",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_font("Serif", "", rule.body_pt - 1)
        pdf.multi_cell(
            0,
            7,
            "      " + (content or "—").replace("\n", "\n      "),
            align="J",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.ln(2)
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_font("Serif", "BIU", 10)
    pdf.cell(left_w, 5, _("Nơi nhận:"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 10)
    pdf.multi_cell(left_w, 5, text.recipients, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(x0 + left_w, y)
    pdf.set_font("Serif", "B", rule.body_pt - 1)
    pdf.multi_cell(right_w, 6, text.signer + "\n" + _("BÍ THƯ"), align="C")
    return bytes(pdf.output())


def _download(content: bytes, kind: str, report: Report, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{report.pk}.{suffix}"'
    response["Cache-Control"] = "private, no-store"
    return response


def report_docx(report: Report) -> HttpResponse:
    return _download(report_docx_bytes(report), DOCX_TYPE, report, "docx")


def report_pdf(report: Report) -> HttpResponse:
    return _download(report_pdf_bytes(report), "application/pdf", report, "pdf")
