"""The meetings API: lists, detail, writes and their refusals (bad input answers 4xx, never 500)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from chibo.testing.personas import make_member

from .. import actions
from ..models import CheckInToken
from .support import hold, member_with_login, plan_meeting

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_list_and_detail(personas):
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1)
    plan_meeting(personas.hq_admin, personas.tree.b2)
    body = _client(personas.branch_officer).get("/api/v1/meetings?unit=B1").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert {k: item[k] for k in ("id", "kind", "unit_code", "status")} == {
        "id": meeting.pk,
        "kind": "regular",
        "unit_code": "B1",
        "status": "planned",
    }
    assert "starts_at" in item and item["attendance_rate"] is None
    all_ = _client(personas.hq_admin).get("/api/v1/meetings?unit=G1").json()
    assert all_["count"] == 2
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert _client(personas.hq_admin).get(f"/api/v1/meetings?from={day}").json()["count"] == 0
    detail = _client(personas.branch_officer).get(f"/api/v1/meetings/{meeting.pk}").json()
    assert next(a["title"] for a in detail["agenda"]) == "Kiểm điểm công tác tháng"
    assert _client(personas.outsider).get(f"/api/v1/meetings/{meeting.pk}").status_code == 404


def test_create_in_the_past_refused(personas):
    past = (timezone.now() - timedelta(days=1)).isoformat()
    response = _client(personas.branch_officer).post(
        "/api/v1/meetings",
        {"unit": "B1", "kind": "regular", "starts_at": past, "ends_at": past, "place": "X"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "đã qua" in response.json()["detail"] and response.json()["detail_en"]


def test_check_in_refusals(personas):
    _member, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    _other, foreign = member_with_login(personas.tree.b2, "Phạm Văn Cường", "cuong")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    code = actions.issue_check_in_token(actor=personas.branch_officer, meeting_id=meeting.pk)
    url = f"/api/v1/meetings/{meeting.pk}/check-in"
    response = _client(foreign).post(url, {"token": code.token}, content_type="application/json")
    # Another ward's or branch's meeting: 404 as for GET, and the answer names nothing.
    assert response.status_code == 404 and "Chi bộ 1" not in response.content.decode()
    assert _client(foreign).get(f"/api/v1/meetings/{meeting.pk}").status_code == 404
    CheckInToken.objects.filter(pk=code.pk).update(expires_at=timezone.now())
    response = _client(user).post(url, {"token": code.token}, content_type="application/json")
    assert response.status_code == 400 and "hết hạn" in response.json()["detail"]
    response = _client(user).post(url, {"token": ""}, content_type="application/json")
    assert response.status_code == 422


def test_attendance_for_a_stranger_refused(personas):
    stranger = make_member(personas.tree.b2, "Người Ngoài")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    response = _client(personas.branch_officer).post(
        f"/api/v1/meetings/{meeting.pk}/attendance",
        {"member_id": stranger.pk, "status": "present"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "không sinh hoạt" in response.json()["detail"]


def test_minutes_edit_after_signing_refused(personas):
    meeting = hold(personas.branch_officer, plan_meeting(personas.branch_officer, personas.tree.b1))
    client = _client(personas.branch_officer)
    url = f"/api/v1/meetings/{meeting.pk}/minutes"
    payload = {"content": "Nội dung", "conclusions": "Kết luận"}
    assert client.post(url, payload, content_type="application/json").status_code == 200
    signed = client.post(url + "/sign", {"as_role": "chair"}, content_type="application/json")
    assert signed.status_code == 200 and signed.json()["is_locked"]
    again = client.post(url, {"content": "Sửa"}, content_type="application/json")
    assert again.status_code == 409 and "đã ký" in again.json()["detail"]


def test_warnings_endpoint(personas):
    body = _client(personas.hq_admin).get("/api/v1/units/G1/meeting-warnings?year=2026").json()
    assert body["unit_code"] == "G1" and body["count"] == len(body["items"])
    assert _client(personas.outsider).get("/api/v1/units/G1/meeting-warnings").status_code == 404
