"""Printable delegate badges (PDF, fpdf2 with DejaVu): four A6 badges per A4 page, each with the
delegate's number, name, delegation and kind, and the QR code the gate scans, with its code
printed beneath for typing when a camera cannot read it."""

import io
from pathlib import Path

import qrcode
from django.conf import settings
from django.utils.translation import gettext as _

from .actions.common import format_token
from .models import Congress, DelegateBasis, DelegateKind
from .queries import pages

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "dejavu-fonts-ttf" / "ttf"
BADGE_W, BADGE_H = 95.0, 138.0


def _qr_png(token: str) -> io.BytesIO:
    image = qrcode.make(f"CBS-DB:{token}", border=1, box_size=10)
    out = io.BytesIO()
    image.save(out, format="PNG")
    out.seek(0)
    return out


def badges_pdf(congress: Congress, *, only: int | None = None) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    delegates = pages.badge_delegates(congress)
    if only is not None:
        delegates = [d for d in delegates if d.pk == only]
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_("Thẻ đại biểu") + f" · {congress.title}")
    if not delegates:
        pdf.add_page()
        pdf.set_font("DejaVu", "", 12)
        pdf.cell(0, 10, _("Chưa có đại biểu."))
        return bytes(pdf.output())
    margin_x = (pdf.w - 2 * BADGE_W) / 3
    margin_y = (pdf.h - 2 * BADGE_H) / 3
    for i, delegate in enumerate(delegates):
        if i % 4 == 0:
            pdf.add_page()
        col, row = i % 2, (i // 2) % 2
        x = margin_x + col * (BADGE_W + margin_x)
        y = margin_y + row * (BADGE_H + margin_y)
        pdf.set_draw_color(183, 28, 28)
        pdf.set_line_width(0.6)
        pdf.rect(x, y, BADGE_W, BADGE_H)
        pdf.set_fill_color(183, 28, 28)
        pdf.rect(x, y, BADGE_W, 22, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("DejaVu", "B", 9)
        pdf.set_xy(x + 3, y + 2)
        pdf.multi_cell(
            BADGE_W - 6, 4.5, congress.title.upper(), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT
        )
        pdf.set_font("DejaVu", "", 8)
        pdf.set_x(x + 3)
        pdf.cell(BADGE_W - 6, 4, _("Nhiệm kỳ %(term)s") % {"term": congress.term_label}, align="C")
        pdf.set_text_color(183, 28, 28)
        pdf.set_font("DejaVu", "B", 15)
        kind = (
            _("ĐẠI BIỂU CHÍNH THỨC")
            if delegate.kind == DelegateKind.OFFICIAL
            else _("ĐẠI BIỂU DỰ KHUYẾT")
            if delegate.kind == DelegateKind.ALTERNATE
            else _("ĐẢNG VIÊN DỰ BỊ")
        )
        if delegate.basis == DelegateBasis.MEMBER and delegate.kind == DelegateKind.OFFICIAL:
            kind = _("ĐẢNG VIÊN")
        pdf.set_xy(x, y + 25)
        pdf.cell(BADGE_W, 8, kind, align="C")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "B", 28)
        pdf.set_xy(x, y + 34)
        pdf.cell(BADGE_W, 12, f"{delegate.number:03d}", align="C")
        pdf.set_font("DejaVu", "B", 13)
        pdf.set_xy(x + 4, y + 48)
        pdf.multi_cell(
            BADGE_W - 8, 6, delegate.member.full_name, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT
        )
        if delegate.delegation:
            pdf.set_font("DejaVu", "", 9)
            pdf.set_x(x + 4)
            pdf.multi_cell(BADGE_W - 8, 4.5, delegate.delegation.name, align="C")
        size = 50.0
        pdf.image(_qr_png(delegate.badge_token), x=x + (BADGE_W - size) / 2, y=y + 72, w=size)
        pdf.set_font("DejaVu", "B", 11)
        pdf.set_xy(x, y + 124)
        pdf.cell(BADGE_W, 6, format_token(delegate.badge_token), align="C")
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(x, y + 130)
        pdf.cell(BADGE_W, 4, _("Xuất trình thẻ tại cửa để điểm danh"), align="C")
    return bytes(pdf.output())
