"""The pages and the API: forms keep what was typed and show the refusal beside its field, the
API answers 4xx in Vietnamese and English, and nothing is half-written."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from chibo.access.actions import create_token

from .. import actions
from ..models import Task, TaskStatus
from .support import g1_setup, issued_task

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _api(client, user, method, url, data=None):
    _t, raw = create_token(actor=user, owner=user, name="test")
    call = getattr(client, method)
    kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {raw}"}}
    if data is not None:
        kwargs.update(data=json.dumps(data), content_type="application/json")
    return call(url, **kwargs)


def _form(s, **overrides):
    data = {
        "title": "Tổ chức hội nghị",
        "scope": "Quán triệt nghị quyết",
        "owner": str(s.owner.pk),
        "due_on": (TODAY + timedelta(days=10)).strftime("%d/%m/%Y"),
        "accountable_unit": "B1",
        "deliverable": "Báo cáo",
        "approver": f"m{s.approver.pk}",
        "priority": "normal",
    }
    data.update(overrides)
    return data


def test_task_form_keeps_input_and_names_the_missing_clear(client, personas):
    s = g1_setup(personas)
    client.force_login(personas.hq_admin)
    url = f"/assignments/programme/{s.programme.pk}/new/"
    response = client.post(url, _form(s, deliverable="", title="Tên rất riêng 123"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tên rất riêng 123" in body  # what was typed stays
    assert 'data-error-for="deliverable"' in body and "rõ sản phẩm" in body
    assert not Task.objects.exists()
    response = client.post(url, _form(s, issue="on"))
    assert response.status_code == 302
    assert Task.objects.get().status == TaskStatus.ISSUED


def test_task_form_bad_date_kept(client, personas):
    s = g1_setup(personas)
    client.force_login(personas.hq_admin)
    response = client.post(
        f"/assignments/programme/{s.programme.pk}/new/", _form(s, due_on="31/02/2026")
    )
    assert response.status_code == 400
    assert 'value="31/02/2026"' in response.content.decode()


def test_submit_page_refusal_beside_the_field(client, personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    client.force_login(s.owner_user)
    page = client.get(f"/assignments/task/{task.pk}/")
    assert page.status_code == 200 and "submit-form" in page.content.decode()
    response = client.post(f"/assignments/task/{task.pk}/submit/", {"note": "Đã xong phần A"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Đã xong phần A" in body and 'data-error-for="link"' in body
    response = client.post(f"/assignments/task/{task.pk}/submit/", {"link": "https://vb.local/bc"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED


def test_non_owner_submitting_on_the_page_is_403(client, personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    client.force_login(s.approver_user)
    response = client.post(f"/assignments/task/{task.pk}/submit/", {"link": "https://x.vn"})
    assert response.status_code == 403


def test_api_flow_and_bad_input(client, personas):
    s = g1_setup(personas)
    year = s.programme.year
    base = {
        "unit": "G1",
        "year": year,
        "title": "Qua API",
        "scope": "Nội dung",
        "owner_id": s.owner.pk,
        "due_on": (TODAY + timedelta(days=5)).isoformat(),
        "accountable_unit": "B1",
        "deliverable": "Báo cáo",
        "approver_id": s.approver.pk,
    }
    missing = _api(client, personas.hq_admin, "post", "/api/v1/tasks", {**base, "owner_id": None})
    assert missing.status_code == 400
    assert "rõ người" in missing.json()["detail"] and missing.json()["detail_en"]
    assert not Task.objects.exists()
    created = _api(client, personas.hq_admin, "post", "/api/v1/tasks", base)
    assert created.status_code == 201, created.content
    task_id = created.json()["id"]
    assert created.json()["status"] == "issued"
    # Someone other than the owner submits: 403 with the reason in both languages.
    refused = _api(
        client,
        personas.hq_admin,
        "post",
        f"/api/v1/tasks/{task_id}/submit",
        {"link": "https://x.vn"},
    )
    assert refused.status_code == 403 and "chủ trì" in refused.json()["detail"]
    assert refused.json()["detail_en"] != refused.json()["detail"] or refused.json()["detail_en"]
    ok = _api(
        client, s.owner_user, "post", f"/api/v1/tasks/{task_id}/submit", {"link": "https://x.vn"}
    )
    assert ok.status_code == 200 and ok.json()["status"] == "submitted"
    # Someone other than the approver accepts: 403.
    refused = _api(client, personas.hq_admin, "post", f"/api/v1/tasks/{task_id}/accept", {})
    assert refused.status_code == 403
    returned = _api(
        client, s.approver_user, "post", f"/api/v1/tasks/{task_id}/return", {"reason": ""}
    )
    assert returned.status_code == 400
    accepted = _api(client, s.approver_user, "post", f"/api/v1/tasks/{task_id}/accept", {})
    assert accepted.status_code == 200 and accepted.json()["accepted_on"] == TODAY.isoformat()
    listed = _api(client, personas.leader, "get", "/api/v1/units/G1/tasks?status=accepted")
    assert listed.json()["count"] == 1
    bad = _api(client, personas.leader, "get", "/api/v1/units/G1/tasks?status=nonsense")
    assert bad.status_code == 400 and bad.json()["detail_en"]
    before = _api(
        client, personas.leader, "get", f"/api/v1/units/G1/tasks?due_before={TODAY.isoformat()}"
    )
    assert before.json()["count"] == 0
    board = _api(client, personas.leader, "get", f"/api/v1/units/P1/task-dashboard?year={year}")
    assert board.status_code == 200 and board.json()["due"] == 1
    assert len(board.json()["quarters"]) == 4
    far = _api(client, personas.leader, "get", "/api/v1/units/P1/task-dashboard?year=99999")
    assert far.status_code == 422


def test_api_extension_request_and_decision(client, personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    url = f"/api/v1/tasks/{task.pk}/extend"
    asked = _api(
        client,
        s.owner_user,
        "post",
        url,
        {"due_on": (task.due_on + timedelta(days=7)).isoformat(), "reason": "Ốm"},
    )
    assert asked.status_code == 200 and asked.json()["extension_pending"]
    by_owner = _api(client, s.owner_user, "post", url, {"grant": True})
    assert by_owner.status_code == 403
    granted = _api(client, s.approver_user, "post", url, {"grant": True})
    assert granted.status_code == 200
    assert granted.json()["due_on"] == (task.due_on + timedelta(days=7)).isoformat()


def test_unit_page_filters_and_programme_form(client, personas):
    s = g1_setup(personas)
    issued_task(personas, s, title="Đúng hạn A")
    late = issued_task(
        personas,
        s,
        title="Trễ hạn B",
        on=TODAY - timedelta(days=20),
        due_on=TODAY - timedelta(days=2),
    )
    client.force_login(personas.leader)
    body = client.get("/assignments/unit/G1/?status=overdue").content.decode()
    assert "Trễ hạn B" in body and "Đúng hạn A" not in body
    body = client.get("/assignments/unit/G1/?due_before=99/99/2026").content.decode()
    assert "Ngày không đúng dạng" in body
    response = client.post(
        "/assignments/unit/G1/",
        {
            "year": s.programme.year,
            "quarter": 0,
            "notice_days": 3,
            "repeat_days": 5,
            "title": "Trùng kỳ",
        },
    )
    assert response.status_code == 400 and "Trùng kỳ" in response.content.decode()
    board = client.get(f"/assignments/unit/P1/dashboard/?year={s.programme.year}")
    assert board.status_code == 200 and 'id="stat-overdue">1<' in board.content.decode()
    assert late.pk


def test_split_page(client, personas):
    s = g1_setup(personas)
    parent = issued_task(personas, s, accountable_unit="G1")
    client.force_login(personas.hq_admin)
    url = f"/assignments/task/{parent.pk}/split/"
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"pick_B1": "1", "owner_B1": str(s.owner.pk), "due_B1": "không phải ngày"}
    )
    assert bad.status_code == 400 and "không phải ngày" in bad.content.decode()
    ok = client.post(url, {"pick_B1": "1", "owner_B1": str(s.owner.pk), "due_B1": ""})
    assert ok.status_code == 302
    page = client.get(f"/assignments/task/{parent.pk}/").content.decode()
    assert 'id="rollup"' in page and 'id="rollup-accepted">0%' in page
    assert actions  # the module's actions made the child


def test_cards_and_my_tasks_box(client, personas):
    s = g1_setup(personas)
    issued_task(
        personas,
        s,
        title="Việc của tôi",
        on=TODAY - timedelta(days=9),
        due_on=TODAY - timedelta(days=1),
    )
    client.force_login(s.owner_user)
    box = client.get("/assignments/my-tasks-box/").content.decode()
    assert "Việc của tôi" in box and "Quá hạn" in box
    card = client.get("/assignments/home-card/").content.decode()
    assert "Việc của tôi" in card
    client.force_login(personas.leader)
    overdue = client.get("/assignments/overdue-card/").content.decode()
    assert "Việc của tôi" in overdue and "nhiệm vụ đang quá hạn" in overdue
    client.force_login(personas.outsider)
    assert "Việc của tôi" not in client.get("/assignments/overdue-card/").content.decode()
