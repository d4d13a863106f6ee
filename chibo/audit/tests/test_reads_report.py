"""The data-protection officer's report of the read log: who read whose record, when, why;
filtered by unit, period and reader; out-of-scope reads hidden (404 on an out-of-scope unit);
the member's name masked for a reader without members.view; never a citizen ID."""

import io
import json
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.test import Client
from openpyxl import load_workbook

from chibo.access.policy import MASK
from chibo.access.roles import Role
from chibo.audit.recorder import record_read
from chibo.testing.personas import make_member, make_user

pytestmark = pytest.mark.django_db

B1_NAME = "Phan Thị Bích Ngọc"
G2_NAME = "Đỗ Văn Gờ Hai"
CITIZEN_ID = "079123456700"


def _read_at(when: datetime, **kwargs):
    with mock.patch("django.utils.timezone.now", return_value=when):
        return record_read(**kwargs)


@pytest.fixture
def reads(personas):
    b1 = make_member(personas.tree.b1, B1_NAME)
    b1.citizen_id = CITIZEN_ID
    b1.save(update_fields=["citizen_id"])
    g2 = make_member(personas.tree.g2, G2_NAME)
    _read_at(
        datetime(2026, 3, 10, 3, tzinfo=UTC),
        actor=personas.hq_admin,
        target=b1,
        unit=b1.unit,
        reason="profile page",
    )
    _read_at(
        datetime(2026, 4, 20, 3, tzinfo=UTC),
        actor=personas.inspector,
        target=b1,
        unit=b1.unit,
        reason="citizen-id lookup (citizen_id)",
    )
    _read_at(
        datetime(2026, 4, 21, 3, tzinfo=UTC),
        actor=personas.outsider,
        target=g2,
        unit=g2.unit,
        reason="profile page",
    )
    return b1, g2


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user, query: str = "") -> dict:
    response = _client(user).get(f"/api/v1/audit/reads{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_reader_sees_only_reads_of_their_reach(personas, reads):
    data = _api(personas.inspector)  # P1: B1's reads, not G2's
    assert data["count"] == 2
    assert {i["target_label"] for i in data["items"]} == {B1_NAME}
    assert G2_NAME not in json.dumps(data, ensure_ascii=False)
    assert CITIZEN_ID not in json.dumps(data)
    everything = _api(personas.hq_admin)
    assert everything["count"] == 3


def test_filters_by_unit_period_and_reader(personas, reads):
    assert _api(personas.hq_admin, "?unit=G2")["count"] == 1
    assert _api(personas.hq_admin, "?unit=b1")["count"] == 2
    april = _api(personas.hq_admin, "?from=2026-04-01&to=2026-04-30")
    assert april["count"] == 2
    march_b1 = _api(personas.hq_admin, "?unit=B1&from=2026-03-01&to=2026-03-31")
    assert [i["reader"] for i in march_b1["items"]] == [personas.hq_admin.username]
    by_reader = _api(personas.hq_admin, f"?reader={personas.inspector.username}")
    assert by_reader["count"] == 1
    assert by_reader["items"][0]["reader_roles"] == ["Ủy ban kiểm tra"]
    paged = _api(personas.hq_admin, "?limit=1&offset=1")
    assert paged["count"] == 3 and len(paged["items"]) == 1


def test_out_of_scope_unit_is_not_found(personas, reads):
    client = _client(personas.inspector)
    assert client.get("/api/v1/audit/reads?unit=G2").status_code == 404
    assert client.get("/audit/reads/?unit=G2").status_code == 404
    assert client.get("/audit/reads/xlsx/?unit=G2").status_code == 404


def test_refused_without_audit_view(personas, reads):
    for user in (personas.branch_officer, personas.member):
        assert _client(user).get("/api/v1/audit/reads").status_code == 403
        assert _client(user).get("/audit/reads/").status_code == 403


def test_names_masked_without_members_view(personas, reads):
    quantri = make_user("quantri", (personas.tree.hcm, Role.SYSTEM_ADMIN))
    data = _api(quantri)
    assert data["count"] == 3
    assert {i["target_label"] for i in data["items"]} == {MASK}
    html = _client(quantri).get("/audit/reads/").content.decode()
    assert B1_NAME not in html and G2_NAME not in html


def test_page_uses_local_dates_and_filters(personas, reads):
    client = _client(personas.hq_admin)
    response = client.get("/audit/reads/?unit=B1&from=01/04/2026&to=30/04/2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "20/04/2026" in html and B1_NAME in html
    assert "10/03/2026" not in html and G2_NAME not in html
    assert CITIZEN_ID not in html
    bad = client.get("/audit/reads/?from=31/02/2026")
    assert bad.status_code == 400


def test_xlsx_export(personas, reads):
    response = _client(personas.inspector).get("/audit/reads/xlsx/?from=01/04/2026")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Thời điểm"
    assert len(rows) == 2
    assert rows[1][1] == personas.inspector.username and rows[1][3] == B1_NAME
    assert rows[1][0].startswith("20/04/2026")
