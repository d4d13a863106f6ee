"""The party's document format for a unit's report (dated rules, house rule 6).

Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng "về thể thức và kỹ thuật
trình bày văn bản của Đảng" (replacing HD 11-HD/VPTW of 2004): Times New Roman, A4; "ĐẢNG CỘNG
SẢN VIỆT NAM" top right, size 15, bold, with a line under it; the superior body (cơ quan cấp trên)
in capitals size 14, upright, and the issuing body below it in capitals size 14 bold; "Số …-BC/…"
size 14; place and date size 14, italic; the kind of document (BÁO CÁO) in capitals size 15-16,
bold; the body size 14-15; margins top 20-25 mm, bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
"""

from dataclasses import dataclass
from datetime import date

from chibo.core.rules import RuleBook


@dataclass(frozen=True)
class DocumentFormat:
    source: str
    valid_from: date
    valid_to: date | None
    font: str
    party_title_pt: int  # "ĐẢNG CỘNG SẢN VIỆT NAM", bold, underlined
    body_name_pt: int  # superior and issuing body, capitals (issuing body bold)
    number_pt: int  # "Số …-BC/…"
    place_date_pt: int  # italic
    kind_pt: int  # "BÁO CÁO", capitals, bold (15-16: we use 16)
    title_pt: int  # the summary line under the kind, bold
    body_pt: int  # 14-15: we use 14
    margin_top_mm: int
    margin_bottom_mm: int
    margin_left_mm: int
    margin_right_mm: int
    number_symbol: str  # the document kind's abbreviation in "Số 12-BC/ĐU"


DOCUMENT_FORMATS = RuleBook(
    "party document format",
    [
        DocumentFormat(
            source="Hướng dẫn 36-HD/VPTW (03/4/2018) về thể thức và kỹ thuật trình bày văn bản "
            "của Đảng, mục II và Phụ lục",
            valid_from=date(2018, 4, 3),
            valid_to=None,
            font="Times New Roman",
            party_title_pt=15,
            body_name_pt=14,
            number_pt=14,
            place_date_pt=14,
            kind_pt=16,
            title_pt=14,
            body_pt=14,
            margin_top_mm=20,
            margin_bottom_mm=20,
            margin_left_mm=30,
            margin_right_mm=15,
            number_symbol="BC",
        )
    ],
)
