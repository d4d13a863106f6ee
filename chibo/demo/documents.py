"""Demo data of the documents registry: real public party documents of 2010-2026 by their real
numbers, dates and titles (checked against press reports where possible), with summaries written
for the demo, and small generated PDFs so that text extraction and search have something.

The PDFs are NOT the documents' texts: each says it is a short summary made for the demo. Two
ward-level documents (a study plan and a classified notice) are invented for the demo and say so.
Registered through `documents.actions.register_document` by the city committee's demo account.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from chibo.access.models import User
from chibo.documents.models import Document, DocumentKind
from chibo.documents.registry.actions import Upload, register_document
from chibo.org.models import OrgUnit

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "dejavu-fonts-ttf" / "ttf"
DEMO_NOTE = "Tóm tắt viết cho bản demo Chi Bộ Số, không phải toàn văn của văn bản."


@dataclass(frozen=True)
class DemoDocument:
    number: str
    kind: str
    issued_on: date
    title: str
    summary: str
    in_force_from: date | None = None
    replaces: tuple[str, ...] = ()
    # "city": the city committee's book; "ward": the demo ward's (invented for the demo).
    book: str = "city"
    classified: bool = False
    file_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


R, D, Q, C, H, K, T = (
    DocumentKind.RESOLUTION,
    DocumentKind.DIRECTIVE,
    DocumentKind.REGULATION,
    DocumentKind.DECISION,
    DocumentKind.GUIDANCE,
    DocumentKind.PLAN,
    DocumentKind.ANNOUNCEMENT,
)

# Oldest first: a document's replacements are registered after it.
DOCUMENTS: tuple[DemoDocument, ...] = (
    DemoDocument(
        "342-QĐ/TW",
        Q,
        date(2010, 12, 28),
        "Quy định về chế độ đảng phí",
        "Mức đóng đảng phí của từng nhóm đảng viên và việc trích, nộp đảng phí giữa các cấp. "
        + DEMO_NOTE,
    ),
    DemoDocument(
        "24-QĐ/TW",
        Q,
        date(2021, 7, 30),
        "Quy định thi hành Điều lệ Đảng",
        "Hướng dẫn thi hành các điều của Điều lệ Đảng nhiệm kỳ khóa XIII. " + DEMO_NOTE,
    ),
    DemoDocument(
        "124-QĐ/TW",
        Q,
        date(2023, 10, 4),
        "Quy định về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, "
        "cá nhân trong hệ thống chính trị",
        "Kiểm điểm tự phê bình và phê bình, bốn mức xếp loại chất lượng hằng năm. " + DEMO_NOTE,
    ),
    DemoDocument(
        "57-NQ/TW",
        R,
        date(2024, 12, 22),
        "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
        "Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số là đột phá quan trọng hàng đầu; "
        "mỗi tổ chức đảng đưa chuyển đổi số vào nội dung lãnh đạo thường xuyên. " + DEMO_NOTE,
        file_name="nghi-quyet-57-NQ-TW.pdf",
    ),
    DemoDocument(
        "232-QĐ/TW",
        Q,
        date(2025, 1, 20),
        "Quy định về thi hành Điều lệ Đảng",
        "Quy định thi hành Điều lệ Đảng thay Quy định 24-QĐ/TW; có hiệu lực từ ngày ký. "
        + DEMO_NOTE,
        in_force_from=date(2025, 1, 20),
        replaces=("24-QĐ/TW",),
    ),
    DemoDocument(
        "59-NQ/TW",
        R,
        date(2025, 1, 24),
        "Về hội nhập quốc tế trong tình hình mới",
        "Hội nhập quốc tế toàn diện, sâu rộng là nhiệm vụ chiến lược của cả hệ thống chính trị. "
        + DEMO_NOTE,
    ),
    DemoDocument(
        "45-CT/TW",
        D,
        date(2025, 4, 14),
        "Về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        "Chuẩn bị văn kiện, nhân sự và tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030. "
        + DEMO_NOTE,
    ),
    DemoDocument(
        "66-NQ/TW",
        R,
        date(2025, 4, 30),
        "Về đổi mới công tác xây dựng và thi hành pháp luật đáp ứng yêu cầu phát triển đất nước "
        "trong kỷ nguyên mới",
        "Thể chế là đột phá của đột phá; pháp luật được xây dựng và thi hành kịp thời, khả thi. "
        + DEMO_NOTE,
    ),
    DemoDocument(
        "68-NQ/TW",
        R,
        date(2025, 5, 4),
        "Về phát triển kinh tế tư nhân",
        "Kinh tế tư nhân là một động lực quan trọng nhất của nền kinh tế quốc gia. " + DEMO_NOTE,
    ),
    DemoDocument(
        "294-QĐ/TW",
        Q,
        date(2025, 5, 26),
        "Quy định về thi hành Điều lệ Đảng",
        "Hệ thống tổ chức của Đảng không còn cấp huyện; kết nạp, chuyển sinh hoạt, tuổi đảng, "
        "sinh hoạt định kỳ của đảng bộ cơ sở và chi bộ. Có hiệu lực từ ngày 01/7/2025, "
        "thay Quy định 232-QĐ/TW. " + DEMO_NOTE,
        in_force_from=date(2025, 7, 1),
        replaces=("232-QĐ/TW",),
        file_name="quy-dinh-294-QD-TW.pdf",
    ),
    DemoDocument(
        "296-QĐ/TW",
        Q,
        date(2025, 5, 30),
        "Quy định về công tác kiểm tra, giám sát và kỷ luật của Đảng",
        "Nhiệm vụ kiểm tra, giám sát của cấp ủy, ủy ban kiểm tra; thi hành kỷ luật trong Đảng. "
        + DEMO_NOTE,
    ),
    DemoDocument(
        "50-CT/TW",
        D,
        date(2025, 7, 23),
        "Về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ trong giai đoạn mới",
        "Sinh hoạt chi bộ là cuộc họp quan trọng nhất; chi bộ sinh hoạt thường kỳ mỗi tháng một "
        "lần, sinh hoạt chuyên đề ít nhất mỗi quý một lần; tài liệu gửi trước lên Sổ tay đảng "
        "viên. " + DEMO_NOTE,
        file_name="chi-thi-50-CT-TW.pdf",
    ),
    DemoDocument(
        "366-QĐ/TW",
        Q,
        date(2025, 8, 30),
        "Quy định về việc kiểm điểm và đánh giá, xếp loại chất lượng đối với tập thể, cá nhân "
        "trong hệ thống chính trị",
        "Đánh giá theo nhiệm kỳ, hằng năm, hằng quý hoặc khi cần; chấm điểm theo thang 100 "
        "điểm và bốn mức xếp loại; thay Quy định 124-QĐ/TW. " + DEMO_NOTE,
        replaces=("124-QĐ/TW",),
        file_name="quy-dinh-366-QD-TW.pdf",
    ),
    DemoDocument(
        "42-HD/BTCTW",
        H,
        date(2025, 10, 28),
        "Hướng dẫn một số vấn đề về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ",
        "Nội dung sinh hoạt cụ thể cho từng loại hình chi bộ (thôn, tổ dân phố; cơ quan; doanh "
        "nghiệp; trường học…), chuẩn bị, trình tự và biên bản buổi sinh hoạt. " + DEMO_NOTE,
        file_name="huong-dan-42-HD-BTCTW.pdf",
    ),
    DemoDocument(
        "01-QĐ/TW",
        Q,
        date(2026, 2, 3),
        "Quy định về chế độ đảng phí",
        "Mức đóng đảng phí theo tiền lương làm căn cứ đóng bảo hiểm xã hội, lương hưu; nộp qua "
        "Cổng dịch vụ công quốc gia hoặc nộp tiền mặt cho chi bộ; thay Quy định 342-QĐ/TW. "
        + DEMO_NOTE,
        replaces=("342-QĐ/TW",),
    ),
    # Invented for the demo: the ward committee's own documents.
    DemoDocument(
        "01-KH/ĐU",
        K,
        date(2025, 11, 10),
        "Kế hoạch học tập, quán triệt Chỉ thị 50-CT/TW và Hướng dẫn 42-HD/BTCTW",
        "Văn bản mẫu của bản demo (không có thật): các chi bộ tổ chức quán triệt trong kỳ sinh "
        "hoạt tháng 12, đảng viên đọc tài liệu trên Sổ tay đảng viên và làm bài kiểm tra.",
        book="ward",
        file_name="ke-hoach-quan-triet-CT50.pdf",
    ),
    DemoDocument(
        "05-TB/ĐU",
        T,
        date(2025, 12, 2),
        "Thông báo kết luận của Ban Thường vụ Đảng ủy về công tác cán bộ",
        "Văn bản mẫu của bản demo (không có thật), đánh dấu mật: không phát hành lên Sổ tay "
        "đảng viên.",
        book="ward",
        classified=True,
    ),
)


def demo_pdf(document: DemoDocument, issuer_line: str) -> bytes:
    """A one-page PDF with the document's heading and the demo summary (Unicode font)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(f"{document.number} {document.title}")
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(95, 6, issuer_line)
    pdf.cell(0, 6, "ĐẢNG CỘNG SẢN VIỆT NAM", new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(95, 6, f"Số {document.number}")
    pdf.cell(0, 6, f"ngày {document.issued_on:%d/%m/%Y}", new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.ln(8)
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, document.title, align="C")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, document.summary)
    pdf.ln(4)
    pdf.multi_cell(0, 6, f"({DEMO_NOTE})")
    return bytes(pdf.output())


_ISSUER_LINES = {
    "TW": "BAN CHẤP HÀNH TRUNG ƯƠNG",
    "BTCTW": "BAN TỔ CHỨC TRUNG ƯƠNG",
    "ĐU": "ĐẢNG ỦY PHƯỜNG",
}


def seed_documents(
    *,
    city: OrgUnit,
    ward: OrgUnit,
    actor: User,
    today: date | None = None,
    say: Callable[[str], None] = lambda _m: None,
) -> list[Document]:
    """Register the demo documents in the city's and the ward's books; return them."""
    today = today or date.today()
    with_pdfs = (FONT_DIR / "DejaVuSans.ttf").exists()
    registered: dict[str, Document] = {}
    for item in DOCUMENTS:
        if item.issued_on > today:
            continue
        issuer = item.number.rsplit("/", 1)[-1]
        uploads = []
        if item.file_name and with_pdfs:
            content = demo_pdf(item, _ISSUER_LINES.get(issuer, issuer))
            uploads.append(Upload(item.file_name, io.BytesIO(content), len(content)))
        registered[item.number] = register_document(
            actor=actor,
            unit=city if item.book == "city" else ward,
            kind=item.kind,
            number=item.number,
            issued_on=item.issued_on,
            title=item.title,
            summary=item.summary,
            in_force_from=item.in_force_from,
            classified=item.classified,
            replaces=[registered[n].pk for n in item.replaces if n in registered],
            uploads=uploads,
            today=today,
        )
    say(f"Văn bản: {len(registered)}")
    return list(registered.values())
