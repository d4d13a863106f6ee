"""The pages and the API over HTTP: check-in at the gate, the tablet, badges, bad input answered
with the reason (Vietnamese, and English in the API)."""

import pytest
from django.test import Client

from chibo.access import actions as access_actions
from chibo.testing.personas import add_congress_personas

from ..actions import documents
from ..actions.common import format_token
from ..models import CheckIn, DocumentRead
from .support import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, settings):
    settings.CHIBO_REQUIRE_STAFF_MFA = False
    add_congress_personas(personas)
    return build_world(personas)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_gate_checks_in_by_script_and_refuses_a_second_time(world):
    client = _client(world.organizer)
    url = f"/congresses/{world.congress.pk}/gate/check-in/"
    headers = {"X-Requested-With": "fetch"}
    token = format_token(world.officials[1].badge_token)
    first = client.post(url, {"token": token, "method": "badge"}, headers=headers)
    assert first.status_code == 201
    assert "đã điểm danh" in first.content.decode()
    again = client.post(url, {"token": token, "method": "badge"}, headers=headers)
    assert again.status_code == 409
    assert "đã điểm danh phiên này lúc" in again.content.decode()
    forged = client.post(url, {"token": "ZZZZ-ZZZZ-ZZZZ"}, headers=headers)
    assert forged.status_code == 400
    assert "Mã thẻ đại biểu không đúng" in forged.content.decode()
    assert CheckIn.objects.count() == 1
    presence = client.get(f"/congresses/{world.congress.pk}/gate/presence/")
    assert '<span class="display-5 fw-bold text-party" id="present-count">1</span>' in (
        presence.content.decode()
    )


def test_gate_without_script_redirects_with_the_message(world):
    client = _client(world.organizer)
    response = client.post(
        f"/congresses/{world.congress.pk}/gate/check-in/", {"token": "nope"}, follow=True
    )
    assert "Mã thẻ đại biểu không đúng" in response.content.decode()


def test_api_check_in_and_detail(world):
    _token, raw = access_actions.create_token(
        actor=world.organizer, owner=world.organizer, name="t"
    )
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    url = f"/api/v1/congresses/{world.congress.pk}/check-in"
    token = world.officials[2].badge_token
    ok = client.post(url, {"token": token}, content_type="application/json")
    assert ok.status_code == 201, ok.content
    assert ok.json()["present"] == 1
    twice = client.post(url, {"token": token}, content_type="application/json")
    assert twice.status_code == 409
    body = twice.json()
    assert "đã điểm danh phiên này" in body["detail"] and body["detail_en"]
    forged = client.post(url, {"token": "XXXX"}, content_type="application/json")
    assert forged.status_code == 400
    assert forged.json()["detail"].startswith("Mã thẻ đại biểu không đúng")
    detail = client.get(f"/api/v1/congresses/{world.congress.pk}").json()
    assert detail["convened"] == 4
    assert detail["sessions"][0]["present"] == 1
    assert detail["sessions"][0]["officials_present"] == 1
    listed = client.get("/api/v1/congresses?unit=G1").json()
    assert [c["id"] for c in listed["items"]] == [world.congress.pk]


def test_tablet_reads_a_document_and_refuses_a_classified_one(world):
    c = world.congress
    doc = documents.post_document(
        actor=world.organizer, congress_id=c.pk, title="Dự thảo nghị quyết", body="Điều 1. Nội dung"
    )
    secret = documents.post_document(
        actor=world.organizer, congress_id=c.pk, title="Nhân sự", body="x", is_classified=True
    )
    client = _client(world.p.delegate)
    home = client.get(f"/congresses/{c.pk}/tablet/").content.decode()
    assert "Dự thảo nghị quyết" in home
    assert f"/tablet/documents/{secret.pk}/" not in home  # listed, never linked
    assert "Tài liệu mật: nhận bản giấy" in home
    page = client.get(f"/congresses/{c.pk}/tablet/documents/{doc.pk}/")
    assert page.status_code == 200
    assert "Điều 1. Nội dung" in page.content.decode()
    assert DocumentRead.objects.filter(document=doc, delegate=world.mine).exists()
    refused = client.get(f"/congresses/{c.pk}/tablet/documents/{secret.pk}/")
    assert refused.status_code == 403
    assert "Tài liệu mật chỉ phát bản giấy" in refused.content.decode()
    # A staff member is not a delegate: the tablet is not theirs.
    assert _client(world.organizer).get(f"/congresses/{c.pk}/tablet/").status_code == 403


def test_tablet_request_form_keeps_what_was_typed(world):
    client = _client(world.p.delegate)
    url = f"/congresses/{world.congress.pk}/tablet/requests/"
    assert client.post(url, {"kind": "speak", "text": "Về cán bộ"}).status_code == 302
    again = client.post(url, {"kind": "speak", "text": "Lần thứ hai của tôi"})
    assert again.status_code == 400
    text = again.content.decode()
    assert "Lần thứ hai của tôi" in text and "đã đăng ký phát biểu" in text


def test_new_congress_form_shows_the_error_beside_the_field(world):
    client = _client(world.organizer)
    response = client.post(
        "/congresses/new/",
        {
            "unit": "G1",
            "kind": "delegates",
            "title": "Đại hội thử",
            "term_start": 2025,
            "term_end": 2030,
            "starts_on": "01/06/2031",
            "ends_on": "02/06/2031",
            "cutoff_on": "01/05/2031",
            "planned_delegates": 10,
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "đã có đại hội nhiệm kỳ bắt đầu năm 2025" in text
    assert 'value="Đại hội thử"' in text


def test_badges_pdf_and_service_worker(world):
    client = _client(world.organizer)
    pdf = client.get(f"/congresses/{world.congress.pk}/badges.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "private, no-store"
    sw = Client().get("/congresses/tablet-sw.js")
    assert sw["Content-Type"].startswith("application/javascript")
    assert "tablet" in sw.content.decode()


def test_delegate_substitution_twice_is_refused_on_the_page(world):
    client = _client(world.organizer)
    url = f"/congresses/{world.congress.pk}/delegates/substitute/"
    data = {
        "official": world.officials[1].pk,
        "alternate": world.alternates[0].pk,
        "reason": "Ốm",
    }
    assert client.post(url, data).status_code == 302
    data["official"] = world.officials[2].pk
    again = client.post(url, data)
    assert again.status_code == 400
    assert "đã thay cho đại biểu số" in again.content.decode()
