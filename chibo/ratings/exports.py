"""Files of a rating round: the results as XLSX (core.spreadsheets) and the summary report as
DOCX in the party's document format (Hướng dẫn 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" at the top
right, size 15, bold, underlined; the issuing body in capitals at the top left over the superior
body, with "Số …-BC/…" below; the place and date in italics; Times New Roman; A4)."""

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from chibo.access.policy import mask
from chibo.core.spreadsheets import append_row, workbook
from chibo.core.tree import ancestor_paths
from chibo.org.models import OrgUnit, UnitKind

from .models import RatingRound, Stage, SubjectKind
from .queries import rounds
from .queries.cap import cap_rows
from .rules import LEVEL_LABELS, LEVEL_ORDER

# The abbreviation of the issuing body in a document's number (HD 36-HD/VPTW, Điều 8).
ISSUER_CODES = {
    UnitKind.CENTRAL: "TW",
    UnitKind.PROVINCIAL_COMMITTEE: "TU",
    UnitKind.UPPER_GRASSROOTS: "ĐU",
    UnitKind.GRASSROOTS_COMMITTEE: "ĐU",
    UnitKind.GRASSROOTS_BRANCH: "CB",
    UnitKind.BRANCH: "CB",
}


def _level(code: str) -> str:
    return str(LEVEL_LABELS[code]) if code else ""  # type: ignore[index]


def _period(rnd: RatingRound) -> str:
    if rnd.quarter:
        return _("quý %(q)s năm %(y)s") % {"q": rnd.quarter, "y": rnd.year}
    return _("năm %(y)s") % {"y": rnd.year}


def round_xlsx(user: Any, rnd: RatingRound) -> bytes:
    """Every rating of the round in the user's reach with its three assessments; member results
    the user may not read are masked (and each read is logged by `reveal`)."""
    rows = list(rounds.ratings_in_round(user, rnd).prefetch_related("events"))
    shown = rounds.revealed(user, rows, reason="rating round xlsx")
    book = workbook()
    sheet = book.active
    sheet.title = _("Kết quả")
    append_row(
        sheet,
        [
            _("STT"),
            _("Đảng viên") if rnd.kind == SubjectKind.MEMBER else _("Tổ chức đảng"),
            _("Đơn vị"),
            _("Tổ chức cơ sở đảng"),
            _("Tự đánh giá: điểm"),
            _("Tự đánh giá: mức"),
            _("Chi bộ: điểm"),
            _("Chi bộ: mức"),
            _("Quyết định: điểm"),
            _("Quyết định: mức"),
            _("Ngày quyết định"),
        ],
    )
    for i, r in enumerate(rows, start=1):
        last: dict[str, Any] = {}
        for e in r.events.all():
            last[e.stage] = e
        cells: list[Any] = []
        for stage in (Stage.SELF, Stage.BRANCH, Stage.DECIDED):
            ev = last.get(stage)
            score = float(ev.score) if ev and ev.score is not None else ""
            level = _level(ev.level) if ev else ""
            if r.pk not in shown:
                score, level = mask(score), mask(level)
            cells += [score, level]
        decided = r.decided_on.strftime("%d/%m/%Y") if r.decided_on else ""
        append_row(
            sheet,
            [
                i,
                r.subject_name,
                r.unit.name,
                r.grassroots.name if r.grassroots else "",
                *cells,
                decided,
            ],
        )
    cap_sheet = book.create_sheet(_("Tỷ lệ xuất sắc"))
    append_row(
        cap_sheet,
        [_("Tổ chức cơ sở đảng"), _("Xuất sắc"), _("Tốt"), _("Tối đa"), _("Vượt")],
    )
    for c in cap_rows(rnd):
        append_row(
            cap_sheet,
            [c.grassroots.name if c.grassroots else "—", c.excellent, c.good, c.limit, c.over],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Report:
    superior: str
    issuer: str
    number: str
    place_date: str
    title: str
    subtitle: str
    paragraphs: list[str]
    table: list[list[str]]
    cap_table: list[list[str]]
    signer_title: str


def _place(unit: OrgUnit) -> str:
    paths = ancestor_paths(unit.path, include_self=True)
    name = (
        OrgUnit.objects.filter(kind=UnitKind.PROVINCIAL_COMMITTEE, path__in=paths)
        .values_list("name", flat=True)
        .first()
    )
    if not name:
        return unit.name
    for prefix, place in (
        ("Đảng bộ Thành phố ", "Thành phố "),
        ("Đảng bộ thành phố ", "Thành phố "),
        ("Đảng bộ Tỉnh ", ""),
        ("Đảng bộ tỉnh ", ""),
    ):
        if name.startswith(prefix):
            return place + name.removeprefix(prefix)
    return name


def report(user: Any, rnd: RatingRound, *, on: date) -> Report:
    """The text of the summary report (counts only: no member's result is named)."""
    rows = rounds.ratings_in_round(user, rnd)
    summary = rounds.summary(rows)
    parent = OrgUnit.objects.get_parent(rnd.unit)
    decided = sum(summary.by_level.values())
    table = [[_("Mức xếp loại"), _("Số lượng"), _("Tỷ lệ")]]
    for lvl in LEVEL_ORDER:
        n = summary.by_level[lvl.value]
        share = f"{100 * n / decided:.1f}%".replace(".", ",") if decided else "—"
        table.append([str(LEVEL_LABELS[lvl]), f"{n:,}".replace(",", "."), share])
    cap = cap_rows(rnd)
    cap_table = [[_("Tổ chức cơ sở đảng"), _("Xuất sắc"), _("Tốt"), _("Tối đa"), _("Ghi chú")]]
    for c in cap:
        if not c.breaks:
            continue  # the report names only the organisations over the cap
        cap_table.append(
            [
                c.grassroots.name if c.grassroots else "—",
                str(c.excellent),
                str(c.good),
                str(c.limit),
                _("Vượt %(n)s") % {"n": c.over} if c.breaks else "",
            ]
        )
    who = _("đảng viên") if rnd.kind == SubjectKind.MEMBER else _("tổ chức đảng")
    paragraphs = [
        _(
            "Thực hiện %(source)s, %(unit)s đã tổ chức kiểm điểm, đánh giá, xếp loại chất "
            "lượng %(who)s %(period)s. Kết quả như sau:"
        )
        % {"source": rnd.rule_source, "unit": rnd.unit.name, "who": who, "period": _period(rnd)},
        _("Tổng số được đánh giá: %(total)s; đã có quyết định xếp loại: %(decided)s.")
        % {
            "total": f"{summary.total:,}".replace(",", "."),
            "decided": f"{decided:,}".replace(",", "."),
        },
    ]
    if rnd.kind == SubjectKind.MEMBER:
        breaking = [c for c in cap if c.breaks]
        paragraphs.append(
            _(
                "Tỷ lệ hoàn thành xuất sắc nhiệm vụ không quá %(p)s%% số hoàn thành tốt nhiệm vụ, "
                "tính theo tổ chức cơ sở đảng (%(src)s%(u)s): %(n)s tổ chức vượt tỷ lệ."
            )
            % {
                "p": rnd.cap_percent,
                "src": rnd.cap_source,
                "u": "" if rnd.cap_confirmed else _("; tỷ lệ chưa được xác nhận"),
                "n": len(breaking),
            }
        )
        if rnd.cap_decision_number:
            paragraphs.append(
                _(
                    "Cấp ủy quyết định kết thúc đợt khi vượt tỷ lệ: quyết định số %(n)s, "
                    "lý do: %(r)s."
                )
                % {"n": rnd.cap_decision_number, "r": rnd.cap_decision_reason}
            )
    code = ISSUER_CODES.get(rnd.unit.kind, "ĐU")  # type: ignore[call-overload]
    return Report(
        superior=(parent.name.upper() if parent else ""),
        issuer=rnd.unit.name.upper(),
        number=f"Số      -BC/{code}",
        place_date=_("%(place)s, ngày %(d)s tháng %(m)s năm %(y)s")
        % {"place": _place(rnd.unit), "d": f"{on.day:02d}", "m": f"{on.month:02d}", "y": on.year},
        title=_("BÁO CÁO"),
        subtitle=_("Kết quả đánh giá, xếp loại chất lượng %(who)s %(period)s")
        % {"who": who, "period": _period(rnd)},
        paragraphs=paragraphs,
        table=table,
        cap_table=cap_table if len(cap_table) > 1 else [],
        signer_title=_("T/M BAN THƯỜNG VỤ")
        if rnd.unit.kind != UnitKind.GRASSROOTS_BRANCH
        else _("T/M CHI ỦY"),
    )


def round_docx(user: Any, rnd: RatingRound, *, on: date) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    text = report(user, rnd, on=on)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.font.size = Pt(14)

    def para(
        where: Any,
        body: str,
        *,
        bold: bool = False,
        italic: bool = False,
        center: bool = False,
        size: float | None = None,
        underline: bool = False,
    ) -> Any:
        p = where.add_paragraph()
        run = p.add_run(body)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.name = "Times New Roman"
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        return p

    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    left.paragraphs[0].text = ""
    if text.superior:
        para(left, text.superior, center=True, size=14)
    para(left, text.issuer, bold=True, center=True, size=14)
    para(left, "*", center=True, size=14)
    para(left, text.number, center=True, size=14)
    right.paragraphs[0].text = ""
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, center=True, size=15, underline=True)
    para(right, "")
    para(right, text.place_date, italic=True, center=True, size=14)
    para(doc, "")
    para(doc, text.title, bold=True, center=True, size=16)
    para(doc, text.subtitle, bold=True, center=True, size=14)
    para(doc, "-----", center=True)
    for body in text.paragraphs:
        p = doc.add_paragraph(body)
        p.paragraph_format.first_line_indent = Mm(10)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for rows_ in (text.table, text.cap_table):
        if not rows_:
            continue
        table = doc.add_table(rows=len(rows_), cols=len(rows_[0]))
        table.style = "Table Grid"
        for i, row in enumerate(rows_):
            for j, value in enumerate(row):
                cell = table.rows[i].cells[j]
                cell.paragraphs[0].text = ""
                run = cell.paragraphs[0].add_run(value)
                run.bold = i == 0
                run.font.size = Pt(13)
        para(doc, "")
    signs = doc.add_table(rows=1, cols=2)
    recv, sign = signs.rows[0].cells
    recv.paragraphs[0].text = ""
    para(recv, _("Nơi nhận:"), bold=True, italic=False, size=12, underline=True)
    para(recv, _("- Cấp ủy cấp trên,"), size=12)
    para(recv, _("- Lưu văn phòng cấp ủy."), size=12)
    sign.paragraphs[0].text = ""
    para(sign, text.signer_title, bold=True, center=True, size=14)
    para(sign, _("BÍ THƯ"), center=True, size=14)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
