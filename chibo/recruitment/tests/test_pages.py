"""The pages and the API: forms keep what was typed and show the refusal beside its field, the
API answers 4xx with the rule in Vietnamese and English, lists are paginated, the tally prints."""

import pytest
from django.test import Client

from chibo.members.models import Member

from ..models import Step
from .support import DATES, bring_to, new_candidate

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_branch_vote_below_two_thirds_on_the_page_keeps_the_input(personas):
    candidate, _people, _n = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.OPINIONS
    )
    client = _client(personas.branch_officer)
    page = client.get(f"/recruitment/candidates/{candidate.pk}/")
    assert page.status_code == 200 and "Chi bộ xét, biểu quyết" in page.content.decode()
    response = client.post(
        f"/recruitment/candidates/{candidate.pk}/steps/",
        {"step": "branch_vote", "done_on": "01/06/2026", "votes_for": "5", "votes_of": "8"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "5/8" in body and "Điều 4 khoản 3" in body and "invalid-feedback" in body
    assert 'value="5"' in body and 'value="8"' in body and 'value="01/06/2026"' in body
    candidate.refresh_from_db()
    assert candidate.last_step == Step.OPINIONS


def test_api_step_out_of_order_and_bad_step(personas):
    candidate = new_candidate(personas.branch_officer, personas.tree.b1)
    client = _client(personas.branch_officer)
    response = client.post(
        f"/api/v1/candidates/{candidate.pk}/steps",
        {"step": "ceremony", "done_on": "2026-08-10"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "không đúng thứ tự" in body["detail"] and body["detail_en"] and body["field"] == "step"
    bad = client.get("/api/v1/candidates?step=nope")
    assert bad.status_code == 400


def test_api_unknown_certificate_refused(personas):
    candidate = new_candidate(personas.branch_officer, personas.tree.b1)
    response = _client(personas.branch_officer).post(
        f"/api/v1/candidates/{candidate.pk}/steps",
        {"step": "awareness_course", "done_on": "2026-01-12", "certificate_number": "GCN-X-1"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "certificate_number"


def test_api_progress_candidates_and_ceremony(personas):
    candidate, _people, _number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.DECISION
    )
    new_candidate(personas.branch_officer, personas.tree.b1, "Đỗ Văn Mới")
    client = _client(personas.branch_officer)
    listed = client.get("/api/v1/candidates?unit=B1&limit=1").json()
    assert listed["count"] == 2 and len(listed["items"]) == 1
    at_decision = client.get("/api/v1/candidates?unit=B1&step=decision").json()
    assert [i["full_name"] for i in at_decision["items"]] == ["Phạm Minh Ưu"]
    assert at_decision["items"][0]["next_step"] == "ceremony"
    response = client.post(
        f"/api/v1/candidates/{candidate.pk}/steps",
        {"step": "ceremony", "done_on": DATES[Step.CEREMONY].isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    member = Member.objects.get(pk=response.json()["member_id"])
    assert member.full_name == "Phạm Minh Ưu" and member.status == "probationary"
    _client(personas.hq_admin).post("/recruitment/unit/B1/target/", {"year": 2026, "target": 2})
    progress = client.get("/api/v1/units/B1/recruitment?year=2026").json()
    assert progress["target"] == 2 and progress["admitted"] == 1 and progress["percent"] == 50
    assert set(progress["by_step"]) == {"listed", *[s for s in Step.values if s != "ceremony"]}
    assert progress["by_step"]["listed"] == 1


def test_tally_prints_admitted_over_target(personas):
    bring_to(personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.CEREMONY)
    client = _client(personas.hq_admin)
    client.post("/recruitment/unit/G1/target/", {"year": 2026, "target": 1})
    body = client.get("/recruitment/unit/G1/tally/?year=2026").content.decode()
    assert "1/1, đạt 100%" in body and "Chi bộ 1" in body
    page = client.get("/recruitment/unit/G1/?year=2026").content.decode()
    assert "recruitment-funnel-data" in page


def test_new_candidate_form_keeps_input_and_shows_error(personas):
    client = _client(personas.branch_officer)
    response = client.post(
        "/recruitment/unit/B1/candidates/new/",
        {
            "full_name": "Lâm Văn Sai",
            "gender": "male",
            "birth_date": "01/01/2000",
            "general_education": "lớp chín",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and "9/12" in body and "Lâm Văn Sai" in body


def test_secretary_sees_late_and_next_step(personas):
    bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.GRASSROOTS_RESOLUTION
    )
    body = _client(personas.branch_officer).get("/recruitment/unit/B1/?late=1").content.decode()
    assert "Phạm Minh Ưu" in body and "Quyết định kết nạp" in body and "quá hạn" in body
    card = _client(personas.branch_officer).get("/recruitment/card/").content.decode()
    assert "Phạm Minh Ưu" in card and "24/08/2026" in card
