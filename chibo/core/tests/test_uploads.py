"""The one upload guard (issue 10, finding 17): size, uncompressed size, ratio, entry count."""

import io
import os
import zipfile

import pytest

from chibo.core.uploads import (
    DOCX_LIMITS,
    SPREADSHEET_LIMITS,
    UploadLimits,
    UploadRefused,
    check_archive,
    check_upload,
)

MB = 1024 * 1024


def shared_strings_bomb(expanded_mb: int = 34) -> bytes:
    """A small XLSX whose shared strings expand to `expanded_mb` MB (the finding's file: 84 KB
    expanding to 34 MB)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Họ và tên", "Chi bộ"])
    book.active.append(["Lê Thị Lan", "B1"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    item = "<si><t>" + "A" * 1000 + "</t></si>"
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + item * (expanded_mb * MB // len(item))
        + "</sst>"
    ).encode()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != "xl/sharedStrings.xml":
                target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_shared_strings_bomb_is_refused():
    bomb = shared_strings_bomb()
    assert len(bomb) < 200 * 1024
    with pytest.raises(UploadRefused) as refused:
        check_archive(bomb, SPREADSHEET_LIMITS, name="ds.xlsx")
    assert "bung ra quá lớn" in refused.value.text()
    assert "expands" in refused.value.bilingual()["detail_en"]


def test_ordinary_files_pass_and_the_stream_is_left_at_its_start():
    from openpyxl import Workbook

    book = Workbook()
    for n in range(2000):
        book.active.append([f"Người {n}", "Nữ", "04/05/1980", f"0912{n:06d}", "B1"])
    data = io.BytesIO()
    book.save(data)
    data.seek(10)
    check_upload(data, SPREADSHEET_LIMITS, name="ds.xlsx")
    assert data.tell() == 0
    check_archive(b"not a zip at all", SPREADSHEET_LIMITS)  # other formats: not this check's


def test_each_limit():
    limits = UploadLimits(max_bytes=MB, max_uncompressed=4 * MB, max_entries=3, ratio_floor=1024)
    with pytest.raises(UploadRefused, match="quá lớn"):
        check_upload(io.BytesIO(b"x" * (MB + 1)), limits)
    with pytest.raises(UploadRefused, match="bung ra"):
        check_archive(_zip({f"{n}.xml": b"<a/>" for n in range(4)}), limits)
    random_5mb = os.urandom(5 * MB)  # incompressible: ratio 1, but too large
    with pytest.raises(UploadRefused, match="bung ra"):
        check_archive(_zip({"big.bin": random_5mb}), limits)
    with pytest.raises(UploadRefused, match="bung ra"):
        check_archive(_zip({"zeros.xml": b"\0" * (2 * MB)}), limits)  # ratio ~1000
    with pytest.raises(UploadRefused, match="hỏng"):
        check_archive(b"PK\x03\x04broken", limits)
    check_archive(_zip({"small.xml": b"\0" * 1000}), limits)  # tiny entries may compress well


def test_docx_limits_refuse_the_documents_bomb():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (12 * MB)})
    with pytest.raises(UploadRefused, match="bung ra"):
        check_archive(bomb, DOCX_LIMITS, name="bom.docx")
