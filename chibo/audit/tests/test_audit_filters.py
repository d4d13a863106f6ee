"""The audit log in Vietnamese: labels instead of internal codes, local dates, filters by period,
person, unit and kind (issue 17)."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from chibo.audit.templatetags.audit_values import local_value
from chibo.meetings.tests.support import plan_meeting


def test_local_value_shows_dates_the_local_way():
    assert local_value("2026-12-04") == "04/12/2026"
    assert local_value("2026-12-04T11:30:00+00:00") == "04/12/2026 18:30"  # Asia/Ho_Chi_Minh
    assert local_value("Chi bộ 1") == "Chi bộ 1"
    assert local_value(12) == 12


def test_filters_by_kind_person_unit_and_period(personas):
    plan_meeting(personas.hq_admin, personas.tree.b1)
    client = Client()
    client.force_login(personas.hq_admin)
    page = client.get("/audit/", {"kind": "meetings"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tạo cuộc họp" in html and "meetings.create" not in html  # a label, not the code
    assert all(e.action.startswith("meetings.") for e in page.context["entries"])
    assert page.context["entries"]
    nobody = client.get("/audit/", {"actor": "không-ai-cả"})
    assert nobody.context["entries"] == []
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    assert client.get("/audit/", {"since": tomorrow}).context["entries"] == []
    b2 = client.get("/audit/", {"unit": "B2", "kind": "meetings"})
    assert b2.context["entries"] == []
    assert "kind=meetings" in b2.context["query_string"]
    # A unit out of the reader's reach: 404, naming nothing.
    outsider = Client()
    outsider.force_login(personas.outsider)
    assert outsider.get("/audit/", {"unit": "B1"}).status_code == 404
