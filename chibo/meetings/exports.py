"""Files made from meetings: the calendar entry (.ics) for a member's phone, and the minutes
as PDF (fpdf2) and DOCX (python-docx), laid out as party documents are
(Hướng dẫn 36-HD/VPTW on the format of party documents): the party organisation's name on the
left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right with the place and date, the title "BIÊN BẢN",
the body, and the signatures of the secretary (left) and the chair (right)."""

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from chibo.core.tree import ancestor_paths
from chibo.org.models import OrgUnit, UnitKind

from .models import Meeting, MeetingStatus, Minutes

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "dejavu-fonts-ttf" / "ttf"


@dataclass(frozen=True)
class Layout:
    """The text of the minutes, shared by both formats."""

    org_lines: list[str]
    place_date: str
    title: str
    subtitle: str
    sections: list[tuple[str, str]]
    votes: list[str]
    closing: str
    signatures: list[tuple[str, str, str]]  # role, name, signed line
    version_note: str


def _at(value: datetime | None) -> str:
    return f"{timezone.localtime(value):%H giờ %M, ngày %d/%m/%Y}" if value else "…"


def _signed(by: object, at: datetime | None) -> str:
    if not at:
        return _("(chưa ký)")
    name = getattr(by, "get_full_name", lambda: "")() or getattr(by, "username", "")
    return _("Đã ký điện tử: %(name)s, %(at)s") % {
        "name": name,
        "at": f"{timezone.localtime(at):%H:%M %d/%m/%Y}",
    }


def _locality(unit: OrgUnit) -> str:
    """The place name of the date line (HD 36-HD/VPTW: "địa danh, ngày … tháng … năm …"): the
    province or city of the unit, from its provincial committee's name."""
    ancestors = ancestor_paths(unit.path, include_self=True)
    province = (
        OrgUnit.objects.filter(kind=UnitKind.PROVINCIAL_COMMITTEE, path__in=ancestors)
        .values_list("name", flat=True)
        .first()
    )
    if not province:
        return ""
    return province.removeprefix("Đảng bộ ").strip()


def layout(meeting: Meeting, minutes: Minutes) -> Layout:
    unit = meeting.unit
    parent = OrgUnit.objects.get_parent(unit)
    org_lines = [parent.name.upper()] if parent else []
    org_lines += [unit.name.upper(), "*"]
    day = timezone.localtime(minutes.started_at or meeting.starts_at)
    locality = _locality(unit)
    votes = [
        _("%(title)s: tán thành %(f)s, không tán thành %(a)s, không biểu quyết %(s)s.")
        % {"title": v["title"], "f": v["votes_for"], "a": v["votes_against"], "s": v["abstain"]}
        for v in minutes.votes
    ]
    attendance = _(
        "Tổng số đảng viên phải dự: %(e)s; có mặt: %(p)s; vắng có lý do: %(x)s; "
        "vắng không lý do: %(u)s."
    ) % {
        "e": minutes.expected_count,
        "p": minutes.present_count,
        "x": minutes.excused_count,
        "u": minutes.unexcused_count,
    }
    return Layout(
        org_lines=org_lines,
        place_date=(f"{locality}, " if locality else "")
        + _("ngày %(d)s tháng %(m)s năm %(y)s")
        % {"d": f"{day:%d}", "m": f"{day:%m}", "y": day.year},
        title=_("BIÊN BẢN"),
        subtitle=meeting.title.upper(),
        sections=[
            (
                _("Thời gian"),
                _("Bắt đầu lúc %(s)s; kết thúc lúc %(e)s.")
                % {"s": _at(minutes.started_at), "e": _at(minutes.ended_at)},
            ),
            (_("Địa điểm"), minutes.place or "…"),
            (_("Chủ trì"), minutes.chair_name or "…"),
            (_("Thư ký"), minutes.secretary_name or "…"),
            (_("Thành phần"), attendance),
            (_("Nội dung"), minutes.content or "…"),
            (_("Ý kiến phát biểu"), minutes.opinions or "…"),
            (_("Kết luận"), minutes.conclusions or "…"),
        ],
        votes=votes,
        closing=_("Biên bản kết thúc lúc %(e)s, đã thông qua trước chi bộ.")
        % {"e": _at(minutes.ended_at)},
        signatures=[
            (
                _("THƯ KÝ"),
                minutes.secretary_name,
                _signed(minutes.secretary_signed_by, minutes.secretary_signed_at),
            ),
            (
                _("CHỦ TRÌ"),
                minutes.chair_name,
                _signed(minutes.chair_signed_by, minutes.chair_signed_at),
            ),
        ],
        version_note=_("Phiên bản %(v)s%(r)s")
        % {
            "v": minutes.version,
            "r": f" — {minutes.revision_reason}" if minutes.revision_reason else "",
        },
    )


def minutes_pdf(meeting: Meeting, minutes: Minutes) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    text = layout(meeting, minutes)
    pdf = FPDF(format="A4")
    pdf.set_margins(left=30, top=20, right=15)  # HD 36: left 30-35 mm, right 15-20 mm
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    half = width / 2
    top = pdf.get_y()
    pdf.set_font("DejaVu", "", 11)
    for i, line in enumerate(text.org_lines):
        pdf.set_font("DejaVu", "B" if i == len(text.org_lines) - 2 else "", 11)
        pdf.multi_cell(half - 4, 6, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + half, top)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(half, 6, "ĐẢNG CỘNG SẢN VIỆT NAM", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    y = pdf.get_y()
    pdf.line(pdf.l_margin + half + 15, y, pdf.l_margin + width - 15, y)
    pdf.set_xy(pdf.l_margin + half, y + 2)
    pdf.set_font("DejaVu", "I", 11)
    pdf.multi_cell(half, 6, text.place_date, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(left_bottom, pdf.get_y()) + 8)
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(width, 8, text.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(width, 7, text.subtitle, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    for label, body in text.sections:
        # "- Label: text" on one flowing line, as the minutes are written by hand.
        pdf.set_font("DejaVu", "B", 12)
        pdf.write(6.5, f"- {label}: ")
        pdf.set_font("DejaVu", "", 12)
        pdf.write(6.5, body)
        pdf.ln(8)
    if text.votes:
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(width, 7, _("Biểu quyết:"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "", 12)
        for vote in text.votes:
            pdf.multi_cell(width, 7, f"- {vote}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font("DejaVu", "I", 12)
    pdf.multi_cell(width, 7, text.closing, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    if pdf.get_y() > pdf.h - 70:  # the signatures stay together
        pdf.add_page()
    y = pdf.get_y()
    for i, (role, name, signed) in enumerate(text.signatures):
        x = pdf.l_margin + i * half
        pdf.set_xy(x, y)
        pdf.set_font("DejaVu", "B", 12)
        pdf.cell(half, 7, role, align="C")
        pdf.set_xy(x, y + 8)
        pdf.set_font("DejaVu", "I", 10)
        pdf.multi_cell(half, 5, signed, align="C")
        pdf.set_xy(x, y + 30)
        pdf.set_font("DejaVu", "B", 12)
        pdf.cell(half, 7, name, align="C")
    pdf.set_xy(pdf.l_margin, y + 45)
    pdf.set_font("DejaVu", "I", 9)
    pdf.cell(width, 5, text.version_note, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def minutes_docx(meeting: Meeting, minutes: Minutes) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    text = layout(meeting, minutes)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def para(cell_or_doc, body: str, *, bold=False, italic=False, center=False, size=None):
        p = cell_or_doc.add_paragraph()
        run = p.add_run(body)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    for i, line in enumerate(text.org_lines):
        para(left, line, bold=i == len(text.org_lines) - 2, center=True, size=12)
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, center=True, size=13).runs[0].underline = True
    para(right, text.place_date, italic=True, center=True, size=13)
    para(doc, text.title, bold=True, center=True, size=15)
    para(doc, text.subtitle, bold=True, center=True)
    for label, body in text.sections:
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(body)
    if text.votes:
        para(doc, _("Biểu quyết:"), bold=True)
        for vote in text.votes:
            para(doc, f"- {vote}")
    para(doc, text.closing, italic=True)
    signs = doc.add_table(rows=3, cols=2)
    for i, (role, name, signed) in enumerate(text.signatures):
        cells = [signs.rows[r].cells[i] for r in range(3)]
        cells[0].paragraphs[0].text = ""
        para(cells[0], role, bold=True, center=True)
        para(cells[1], signed, italic=True, center=True, size=10)
        para(cells[2], name, bold=True, center=True)
    para(doc, text.version_note, italic=True, size=9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def meeting_ics(meeting: Meeting) -> bytes:
    """A meeting as an iCalendar event, for the member to add to their phone's calendar."""
    cal = Calendar()
    cal.add("prodid", "-//Chi Bo So//meetings//VI")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    host = getattr(settings, "CHIBO_ICS_DOMAIN", "chibo.local")
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    description = [meeting.unit.name]
    if meeting.topic:
        description.append(meeting.topic)
    if meeting.video_url:
        description.append(meeting.video_url)
        event.add("url", meeting.video_url)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
