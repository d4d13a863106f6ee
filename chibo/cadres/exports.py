"""The lists a conference needs (planned cadres per post with their counts, rotations and
appointments of the year), as a page, an XLSX workbook (core.spreadsheets) and a DOCX in the
party's document format (Hướng dẫn 36-HD/VPTW: the issuing body and "ĐẢNG CỘNG SẢN VIỆT NAM" at
the head, place and date, the title in capitals, Times New Roman 13-14 pt)."""

import io
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from chibo.core.spreadsheets import XLSX_CONTENT_TYPE, append_row, workbook
from chibo.org.models import OrgUnit

from . import queries
from .models import PostKind

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BANDS = (("under_40", "Dưới 40"), ("40_50", "40-50"), ("over_50", "Trên 50"))


def conference_lists(user: Any, unit: OrgUnit, year: int) -> dict[str, Any]:
    """The year's lists: the planning list in force (per post, with counts), rotations and
    appointments in the year. Reads through the queries (policy and the read log)."""
    planning = queries.current_planning(user, unit, None)
    view = queries.planning_view(user, planning) if planning else None
    counts = queries.planning_counts(view) if view else []
    return {
        "year": year,
        "view": view,
        "counts": counts,
        "bands": BANDS,
        "rotations": list(queries.rotations_in_year(user, unit, year)[:2000]),
        "appointments": list(queries.appointments_in_year(user, unit, year)[:2000]),
        "post_labels": dict(PostKind.choices),
    }


def _d(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _planned_rows(data: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    view = data["view"]
    if view is None:
        return rows
    for kind, people in view.by_post:
        for p in people:
            m = p.entry.member
            rows.append(
                [
                    str(data["post_labels"][kind]),
                    m.full_name,
                    _d(m.birth_date),
                    m.get_gender_display(),
                    p.age_at_start if p.age_at_start is not None else "",
                    m.get_theory_level_display(),
                    m.general_education,
                    _("Đã đưa ra") if p.entry.removed_on else "",
                    "; ".join(f"{c.label}: {c.detail}" for c in p.failed),
                ]
            )
    return rows


def lists_xlsx(user: Any, unit: OrgUnit, year: int) -> HttpResponse:
    data = conference_lists(user, unit, year)
    book = workbook()
    sheet = book.active
    sheet.title = "Quy hoach"
    append_row(
        sheet,
        [
            _("Chức vụ"),
            _("Họ và tên"),
            _("Ngày sinh"),
            _("Giới tính"),
            _("Tuổi đầu nhiệm kỳ"),
            _("Lý luận chính trị"),
            _("Học vấn"),
            _("Tình trạng"),
            _("Chưa đạt tiêu chuẩn"),
        ],
    )
    for row in _planned_rows(data):
        append_row(sheet, row)
    counts = book.create_sheet("So luong")
    append_row(
        counts, [_("Chức vụ"), _("Tổng"), *[b for _k, b in BANDS], _("Nữ"), _("Dân tộc thiểu số")]
    )
    for c in data["counts"]:
        append_row(
            counts,
            [
                str(data["post_labels"][c.post_kind]),
                c.total,
                *[c.age_bands.get(k, 0) for k, _b in BANDS],
                c.women,
                c.minority,
            ],
        )
    rot = book.create_sheet("Luan chuyen")
    append_row(
        rot,
        [
            _("Họ và tên"),
            _("Từ đơn vị"),
            _("Chức vụ"),
            _("Đến đơn vị"),
            _("Chức vụ"),
            _("Từ ngày"),
            _("Đến ngày"),
            _("Mục đích"),
            _("Quyết định"),
        ],
    )
    for r in data["rotations"]:
        append_row(
            rot,
            [
                r.member.full_name,
                r.from_unit.name,
                r.from_post,
                r.to_unit.name,
                r.to_post,
                _d(r.start_on),
                _d(r.due_end_on),
                r.purpose,
                r.decision_number,
            ],
        )
    app = book.create_sheet("Bo nhiem")
    append_row(
        app,
        [
            _("Họ và tên"),
            _("Đơn vị"),
            _("Chức vụ"),
            _("Hình thức"),
            _("Từ ngày"),
            _("Quyết định"),
            _("Cơ quan quyết định"),
        ],
    )
    for a in data["appointments"]:
        append_row(
            app,
            [
                a.member.full_name,
                a.post.unit.name,
                a.post.get_kind_display(),
                a.get_how_display(),
                _d(a.start_on),
                a.decision_number,
                a.deciding_body,
            ],
        )
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="danh-sach-can-bo-{year}.xlsx"'
    return response


def lists_docx(user: Any, unit: OrgUnit, year: int) -> HttpResponse:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    data = conference_lists(user, unit, year)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.paragraphs[0].text = ""
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parent = OrgUnit.objects.get_parent(unit)
    p.add_run((parent.name if parent else "").upper() + "\n").font.size = Pt(13)
    r = p.add_run(unit.name.upper() + "\n*")
    r.bold = True
    q = right.paragraphs[0]
    q.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = q.add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    r.bold = True
    r.underline = True
    today = date.today()
    place = right.add_paragraph()
    place.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = place.add_run(f"ngày {today.day:02d} tháng {today.month:02d} năm {today.year}")
    run.italic = True
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(12)
    t = title.add_run(_("DANH SÁCH") + "\n")
    t.bold = True
    t.font.size = Pt(14)
    view = data["view"]
    sub = _("Cán bộ quy hoạch nhiệm kỳ %(start)s-%(end)s, luân chuyển và bổ nhiệm năm %(year)s") % {
        "start": view.planning.term_start if view else "",
        "end": view.planning.term_end if view else "",
        "year": year,
    }
    s = title.add_run(sub)
    s.bold = True

    def table(headers: list[str], rows: list[list[Any]]) -> None:
        grid = doc.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, headers, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(11)
        for values in rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(str(value)).font.size = Pt(11)

    doc.add_paragraph().add_run(_("I. Cán bộ quy hoạch theo chức vụ")).bold = True
    planned = [[i + 1, *row[:7], row[8]] for i, row in enumerate(_planned_rows(data))]
    table(
        [
            "TT",
            _("Chức vụ"),
            _("Họ và tên"),
            _("Ngày sinh"),
            _("Giới tính"),
            _("Tuổi"),
            _("LLCT"),
            _("Học vấn"),
            _("Chưa đạt"),
        ],
        planned,
    )
    doc.add_paragraph().add_run(_("Số lượng theo độ tuổi, giới tính, dân tộc")).bold = True
    table(
        [_("Chức vụ"), _("Tổng"), *[b for _k, b in BANDS], _("Nữ"), _("DTTS")],
        [
            [
                str(data["post_labels"][c.post_kind]),
                c.total,
                *[c.age_bands.get(k, 0) for k, _b in BANDS],
                c.women,
                c.minority,
            ]
            for c in data["counts"]
        ],
    )
    doc.add_paragraph().add_run(_("II. Luân chuyển cán bộ trong năm")).bold = True
    table(
        ["TT", _("Họ và tên"), _("Từ"), _("Đến"), _("Thời gian"), _("Mục đích")],
        [
            [
                i + 1,
                r.member.full_name,
                f"{r.from_post}, {r.from_unit.name}",
                f"{r.to_post}, {r.to_unit.name}",
                f"{_d(r.start_on)} - {_d(r.due_end_on)}",
                r.purpose,
            ]
            for i, r in enumerate(data["rotations"])
        ],
    )
    doc.add_paragraph().add_run(_("III. Bổ nhiệm, chỉ định, kiện toàn trong năm")).bold = True
    table(
        ["TT", _("Họ và tên"), _("Chức vụ"), _("Đơn vị"), _("Hình thức"), _("Quyết định")],
        [
            [
                i + 1,
                a.member.full_name,
                a.post.get_kind_display(),
                a.post.unit.name,
                a.get_how_display(),
                f"{a.decision_number} ({_d(a.decided_on)})",
            ]
            for i, a in enumerate(data["appointments"])
        ],
    )
    sign = doc.add_paragraph()
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sign.paragraph_format.space_before = Pt(18)
    sign.add_run("T/M BAN THƯỜNG VỤ\n").bold = True
    out = io.BytesIO()
    doc.save(out)
    response = HttpResponse(out.getvalue(), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="danh-sach-can-bo-{year}.docx"'
    return response
