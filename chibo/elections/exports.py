"""Files of an election: the printed ballots (names in the approved order), the entry log of the
paper count (HD 04-HD/TW: printed and kept with the minutes), and the counting minutes (biên bản
kiểm phiếu) as DOCX and PDF. fpdf2 with the DejaVu fonts, python-docx."""

import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import queries
from .counting import INVALID_REASONS
from .models import Election, Poll, PollMethod

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "dejavu-fonts-ttf" / "ttf"


def _pdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(left=25, top=18, right=18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
    return pdf


def _line(pdf: Any, text: str, *, style: str = "", size: int = 11, align: str = "L") -> None:
    from fpdf.enums import XPos, YPos

    pdf.set_font("DejaVu", style, size)
    pdf.multi_cell(0, 6, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def ballot_pdf(election: Election, *, copies: int = 1) -> bytes:
    """The ballot: the congress, the body, the names in the approved order, and the form
    (strike out, or agree / disagree columns when the list has no surplus)."""
    candidates = queries.list_candidates(election)
    strike = len(candidates) > election.seats
    pdf = _pdf()
    for _copy in range(max(1, min(copies, 500))):
        pdf.add_page()
        _line(pdf, str(election.congress.title).upper(), style="B", align="C")
        _line(pdf, _("PHIẾU BẦU CỬ"), style="B", size=16, align="C")
        _line(pdf, str(election.title), style="B", align="C")
        _line(
            pdf,
            _("Số lượng cần bầu: %(seats)s người; danh sách: %(n)s người.")
            % {"seats": election.seats, "n": len(candidates)},
            style="I",
            align="C",
        )
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        if strike:
            pdf.cell(15, 8, _("STT"), border=1, align="C")
            pdf.cell(0, 8, _("Họ và tên"), border=1, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 11)
            for i, c in enumerate(candidates, start=1):
                pdf.cell(15, 7, str(i), border=1, align="C")
                pdf.cell(0, 7, c.full_name, border=1, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            _line(
                pdf,
                _(
                    "Gạch ngang cả họ và tên người không bầu. Để lại nhiều tên hơn số lượng "
                    "cần bầu, gạch hết tên hoặc ghi thêm tên thì phiếu không hợp lệ "
                    "(QĐ 190-QĐ/TW, Điều 15)."
                ),
                style="I",
                size=9,
            )
        else:
            pdf.cell(15, 8, _("STT"), border=1, align="C")
            pdf.cell(95, 8, _("Họ và tên"), border=1)
            pdf.cell(30, 8, _("Đồng ý"), border=1, align="C")
            pdf.cell(0, 8, _("Không đồng ý"), border=1, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 11)
            for i, c in enumerate(candidates, start=1):
                pdf.cell(15, 7, str(i), border=1, align="C")
                pdf.cell(95, 7, c.full_name, border=1)
                pdf.cell(30, 7, "", border=1)
                pdf.cell(0, 7, "", border=1, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            _line(
                pdf,
                _("Đánh dấu X vào một ô của mỗi dòng (QĐ 190-QĐ/TW, Điều 15)."),
                style="I",
                size=9,
            )
    return bytes(pdf.output())


def entry_log_pdf(poll: Poll) -> bytes:
    """Every entry of every officer, corrections included, in the order they were typed."""
    pdf = _pdf()
    pdf.add_page()
    _line(pdf, str(poll.congress.title).upper(), style="B", align="C")
    _line(pdf, _("NHẬT KÝ NHẬP PHIẾU"), style="B", size=14, align="C")
    _line(pdf, f"{queries.poll_title(poll)} — {_('vòng')} {poll.round}", align="C")
    pdf.ln(2)
    headers = [(_("Giờ"), 22), (_("Người nhập"), 40), (_("Phiếu"), 16), (_("Lần"), 12)]
    pdf.set_font("DejaVu", "B", 9)
    for text, width in headers:
        pdf.cell(width, 7, text, border=1)
    pdf.cell(0, 7, _("Nội dung"), border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    for e in queries.entry_log(poll):
        pdf.cell(22, 6, f"{timezone.localtime(e.entered_at):%H:%M:%S}", border=1)
        pdf.cell(40, 6, e.officer.username[:24], border=1)
        pdf.cell(16, 6, str(e.number), border=1)
        pdf.cell(12, 6, str(e.revision), border=1)
        pdf.cell(0, 6, describe_entry(e)[:90], border=1, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def describe_entry(entry: Any) -> str:
    parts = []
    if not entry.issued:
        parts.append(_("không do ban kiểm phiếu phát hành"))
    if entry.names_added:
        parts.append(_("ghi thêm tên"))
    parts.append(_("gạch: %(s)s") % {"s": ", ".join(map(str, entry.struck)) or "—"})
    if entry.unmarked:
        parts.append(_("không rõ: %(s)s") % {"s": ", ".join(map(str, entry.unmarked))})
    return "; ".join(parts)


def minutes_lines(poll: Poll) -> dict[str, Any]:
    """The content of the counting minutes, shared by the DOCX and the PDF."""
    result = poll.result or {}
    method = dict(PollMethod.choices).get(poll.method, poll.method)
    facts = [
        _("Hình thức: %(m)s; vòng %(r)s; số lượng cần bầu: %(s)s.")
        % {"m": method, "r": poll.round, "s": poll.seats},
        _("Số đại biểu được triệu tập: %(n)s; trừ: %(x)s; cơ sở tính kết quả: %(b)s.")
        % {
            "n": poll.convened,
            "x": ", ".join(f"{k} {v}" for k, v in (poll.excluded or {}).items() if v) or "0",
            "b": result.get("base"),
        },
        _("Có quyền bỏ phiếu có mặt: %(e)s; số người bỏ phiếu: %(p)s; số phiếu thu vào: %(c)s.")
        % {"e": poll.entitled, "p": poll.participated, "c": poll.ballots_counted},
    ]
    if poll.ballots_issued is not None:
        facts.append(_("Số phiếu phát ra: %(n)s.") % {"n": poll.ballots_issued})
    rows: list[list[str]] = []
    if "results" in result:
        facts.append(
            _("Phiếu hợp lệ: %(v)s; không hợp lệ: %(i)s.")
            % {"v": result["valid"], "i": result["invalid"]}
        )
        for reason, n in result.get("invalid_by_reason", {}).items():
            facts.append(f"  - {INVALID_REASONS.get(reason, reason)}: {n}")
        for i, r in enumerate(result["results"], start=1):
            mark = _("trúng cử") if r["elected"] else (_("bằng phiếu") if r["tied"] else "")
            rows.append(
                [str(i), r["name"], str(r["votes"]), f"{r['percent_of_base']:.2f}%", str(mark)]
            )
        from .counting import NEXT_STEPS

        facts.append(str(NEXT_STEPS.get(result["status"], "")))
    elif result:
        facts.append(
            _("Đồng ý: %(a)s; không đồng ý: %(d)s; không biểu quyết: %(x)s; %(p)s.")
            % {
                "a": result["agree"],
                "d": result["disagree"],
                "x": result["abstain"],
                "p": _("thông qua") if result.get("passed") else _("không thông qua"),
            }
        )
    facts.append(_("Căn cứ: %(s)s.") % {"s": result.get("source", "")})
    return {
        "heading": str(poll.congress.title).upper(),
        "title": _("BIÊN BẢN KIỂM PHIẾU"),
        "subject": queries.poll_title(poll),
        "closed": f"{timezone.localtime(poll.closed_at):%H giờ %M, ngày %d/%m/%Y}"
        if poll.closed_at
        else "",
        "facts": facts,
        "rows": rows,
        "header": [_("STT"), _("Họ và tên"), _("Số phiếu"), _("Tỷ lệ so với cơ sở"), _("Kết quả")],
        "sign": _("TRƯỞNG BAN KIỂM PHIẾU"),
    }


def minutes_pdf(poll: Poll) -> bytes:
    text = minutes_lines(poll)
    pdf = _pdf()
    pdf.add_page()
    _line(pdf, text["heading"], style="B", align="C")
    _line(pdf, text["title"], style="B", size=15, align="C")
    _line(pdf, text["subject"], style="B", align="C")
    _line(pdf, _("Kết thúc kiểm phiếu lúc %(t)s.") % {"t": text["closed"]}, style="I", align="C")
    pdf.ln(2)
    for fact in text["facts"]:
        _line(pdf, fact)
    if text["rows"]:
        pdf.ln(2)
        widths = [12, 70, 22, 38, 0]
        pdf.set_font("DejaVu", "B", 10)
        for h, w in zip(text["header"], widths, strict=True):
            pdf.cell(
                w,
                7,
                h,
                border=1,
                new_x="LMARGIN" if w == 0 else "RIGHT",
                new_y="NEXT" if w == 0 else "TOP",
            )
        pdf.set_font("DejaVu", "", 10)
        for row in text["rows"]:
            for v, w in zip(row, widths, strict=True):
                pdf.cell(
                    w,
                    7,
                    v,
                    border=1,
                    new_x="LMARGIN" if w == 0 else "RIGHT",
                    new_y="NEXT" if w == 0 else "TOP",
                )
    pdf.ln(10)
    _line(pdf, text["sign"], style="B", align="R")
    return bytes(pdf.output())


def minutes_docx(poll: Poll) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    text = minutes_lines(poll)
    doc = Document()
    for line, bold, size in (
        (text["heading"], True, 12),
        (text["title"], True, 15),
        (text["subject"], True, 12),
    ):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = bold
        from docx.shared import Pt

        run.font.size = Pt(size)
    p = doc.add_paragraph(_("Kết thúc kiểm phiếu lúc %(t)s.") % {"t": text["closed"]})
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for fact in text["facts"]:
        doc.add_paragraph(fact)
    if text["rows"]:
        table = doc.add_table(rows=1, cols=len(text["header"]))
        table.style = "Table Grid"
        for cell, h in zip(table.rows[0].cells, text["header"], strict=True):
            cell.text = str(h)
        for row in text["rows"]:
            cells = table.add_row().cells
            for cell, v in zip(cells, row, strict=True):
                cell.text = v
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run(text["sign"]).bold = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
