"""Helpers of the registry tests: small real PDF and DOCX files, registered documents."""

import io
import zipfile
from datetime import date
from typing import Any

from chibo.documents.models import Document, DocumentFile, DocumentKind
from chibo.documents.registry import actions
from chibo.org.models import OrgUnit


def pdf_bytes(text: str = "Nghi quyet ve chuyen doi so") -> bytes:
    """A one-page PDF (core font, so ASCII text) whose text pypdf can extract."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def docx_bytes(text: str = "Hướng dẫn sinh hoạt chi bộ") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx(expanded_mb: int = 12) -> bytes:
    """A DOCX-shaped ZIP whose document.xml expands ~1000 times its compressed size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (expanded_mb * 1024 * 1024))
    return buffer.getvalue()


def upload(name: str, content: bytes) -> actions.Upload:
    return actions.Upload(name=name, stream=io.BytesIO(content), size=len(content))


def register(
    actor: Any,
    unit: OrgUnit,
    number: str = "57-NQ/TW",
    *,
    kind: str = DocumentKind.RESOLUTION,
    title: str = "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    issued_on: date = date(2024, 12, 22),
    **fields: Any,
) -> Document:
    return actions.register_document(
        actor=actor,
        unit=unit,
        kind=kind,
        number=number,
        issued_on=issued_on,
        title=title,
        **fields,
    )


def matrix_setup(ctx: Any) -> None:
    """Documents for the access matrix: one at the city committee, one at G1 with a PDF."""
    p = ctx.p
    register(p.hq_admin, p.tree.hcm, "50-CT/TW", kind=DocumentKind.DIRECTIVE, title="Chỉ thị")
    register(
        p.hq_admin,
        p.tree.g1,
        "12-KH/ĐU",
        kind=DocumentKind.PLAN,
        title="Kế hoạch học tập nghị quyết",
        issued_on=date(2025, 9, 1),
        uploads=[upload("ke-hoach.pdf", pdf_bytes("Ke hoach hoc tap"))],
    )


def g1_document_id() -> int:
    return Document.objects.get(number="12-KH/ĐU").pk


def hcm_document_id() -> int:
    return Document.objects.get(number="50-CT/TW").pk


def g1_file_id() -> int:
    return DocumentFile.objects.get(document__number="12-KH/ĐU").pk
