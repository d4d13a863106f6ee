"""The cadres API: posts, gaps (paginated), planning, appointments, and their refusals (4xx with
Vietnamese and English, never 500; nothing half-written). Pages: forms keep what was typed."""

from datetime import date

import pytest
from django.test import Client

from chibo.audit.models import SensitiveRead
from chibo.testing.personas import make_member

from .. import actions
from ..models import Incumbency
from .support import TERM_ON, hold, post

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _setup(personas):
    staff = personas.hq_admin
    sec = post(staff, personas.tree.g1)
    dep = post(staff, personas.tree.g1, kind="deputy_secretary", seats=2)
    b1 = post(staff, personas.tree.b1)
    a = make_member(personas.tree.b1, "Cao Văn Một")
    b = make_member(personas.tree.b1, "Cao Văn Hai")
    hold(staff, sec, a.pk)
    hold(staff, dep, b.pk)
    return sec, dep, b1, a, b


def test_posts_of_a_unit(personas):
    _setup(personas)
    body = _client(personas.leader).get("/api/v1/units/G1/posts?term=2025-2030").json()
    assert body["term"] == "2025-2030"
    by_post = {p["post"]: p for p in body["posts"]}
    assert by_post["secretary"]["incumbents"][0]["full_name"] == "Cao Văn Một"
    assert by_post["secretary"]["incumbents"][0]["decision_number"] == "01-NQ/ĐH"
    assert (by_post["deputy_secretary"]["seats"], by_post["deputy_secretary"]["filled"]) == (2, 1)
    assert SensitiveRead.objects.filter(reason="cadres: posts").count() == 1
    assert _client(personas.leader).get("/api/v1/units/G1/posts?term=1990").json()["posts"] == []
    bad = _client(personas.leader).get("/api/v1/units/G1/posts?term=abc")
    assert bad.status_code == 400 and bad.json()["detail_en"]


def test_post_gaps_paginated(personas):
    _setup(personas)
    client = _client(personas.hq_admin)
    body = client.get("/api/v1/units/HCM/post-gaps?limit=1").json()
    assert body["count"] == 2  # G1's second deputy seat and B1's secretary
    assert len(body["items"]) == 1
    item = body["items"][0]
    assert set(item) >= {"unit_code", "post", "vacant_since"}
    assert item["vacant_since"] == TERM_ON.isoformat()
    second = client.get("/api/v1/units/HCM/post-gaps?limit=1&offset=1").json()["items"][0]
    assert (second["unit_code"], second["post"]) != (item["unit_code"], item["post"])
    assert client.get("/api/v1/units/HCM/post-gaps?limit=1000").status_code == 422
    assert _client(personas.outsider).get("/api/v1/units/G1/post-gaps").status_code == 404
    assert _client(personas.branch_officer).get("/api/v1/units/B1/post-gaps").status_code == 403


def test_appointment_fills_the_gap(personas):
    _setup(personas)
    c = make_member(personas.tree.b2, "Cao Văn Ba")
    payload = {
        "unit_code": "g1",
        "post": "deputy_secretary",
        "member_id": c.pk,
        "how": "strengthened",
        "start_on": "2026-02-01",
        "decided_on": "2026-01-28",
        "decision_number": "30-QĐ/ĐU",
        "deciding_body": "Ban Thường vụ Đảng ủy",
    }
    client = _client(personas.hq_admin)
    r = client.post("/api/v1/appointments", payload, content_type="application/json")
    assert r.status_code == 201, r.content
    assert (r.json()["post_filled"], r.json()["post_vacant_since"]) == (2, None)
    gaps = client.get("/api/v1/units/G1/post-gaps").json()
    assert [(g["unit_code"], g["post"]) for g in gaps["items"]] == [("B1", "secretary")]


@pytest.mark.parametrize(
    ("change", "field_text"),
    [
        ({"decision_number": ""}, "Thiếu số quyết định"),
        ({"deciding_body": ""}, "Thiếu cơ quan ra quyết định"),
        ({"post": "secretary"}, "đã đủ 1 người"),
    ],
)
def test_appointment_bad_input(personas, change, field_text):
    _setup(personas)
    c = make_member(personas.tree.b2, "Cao Văn Bốn")
    payload = {
        "unit_code": "G1",
        "post": "deputy_secretary",
        "member_id": c.pk,
        "start_on": "2026-02-01",
        "decided_on": "2026-01-28",
        "decision_number": "30-QĐ/ĐU",
        "deciding_body": "Ban Thường vụ",
        **change,
    }
    before = Incumbency.objects.count()
    r = _client(personas.hq_admin).post(
        "/api/v1/appointments", payload, content_type="application/json"
    )
    assert r.status_code == 400
    assert field_text in r.json()["detail"] and r.json()["detail_en"]
    assert Incumbency.objects.count() == before


def test_appointment_refused_to_leader_and_outsider(personas):
    payload = {
        "unit_code": "G1",
        "post": "secretary",
        "member_id": 1,
        "start_on": "2026-02-01",
        "decided_on": "2026-01-28",
        "decision_number": "1",
        "deciding_body": "x",
    }
    assert (
        _client(personas.leader)
        .post("/api/v1/appointments", payload, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        _client(personas.outsider)
        .post("/api/v1/appointments", payload, content_type="application/json")
        .status_code
        == 404
    )


def test_planning_api_shows_checks(personas):
    staff = personas.hq_admin
    planning = actions.create_planning_list(
        actor=staff, unit=personas.tree.g1, term_start=2030, term_end=2035
    )
    old = make_member(personas.tree.b1, "Cao Văn Già", gender="male", birth_date=date(1969, 1, 1))
    actions.plan_person(
        actor=staff, planning_id=planning.pk, post_kind="committee_member", member_id=old.pk
    )
    body = _client(personas.leader).get("/api/v1/units/G1/planning?term=2030").json()
    assert body["flagged"] == 1 and body["version"] == 1
    entry = body["entries"][0]
    age = next(c for c in entry["checks"] if c["code"] == "age")
    assert age["status"] == "not_met" and "QĐ 50-QĐ/TW" in age["source"]
    assert _client(personas.leader).get("/api/v1/units/B1/planning").status_code == 404


def test_page_form_keeps_input_and_shows_the_reason(personas):
    _sec, dep, _b1, _a, _b = _setup(personas)
    c = make_member(personas.tree.b2, "Cao Văn Năm")
    r = _client(personas.hq_admin).post(
        f"/cadres/posts/{dep.pk}/appoint/",
        {
            "member": c.pk,
            "how": "strengthened",
            "start_on": "01/02/2026",
            "decided_on": "28/01/2026",
            "decision_number": "",
            "deciding_body": "Ban Thường vụ",
        },
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "Thiếu số quyết định" in html and 'value="Ban Thường vụ"' in html
    assert r["Cache-Control"] == "private, no-store"
    assert not Incumbency.objects.filter(member=c).exists()


def test_pages_render(personas):
    _setup(personas)
    client = _client(personas.hq_admin)
    for url in (
        "/cadres/unit/G1/",
        "/cadres/unit/HCM/gaps/",
        "/cadres/unit/G1/planning/",
        "/cadres/unit/G1/rotations/",
        "/cadres/unit/G1/lists/",
        "/cadres/card/",
    ):
        assert client.get(url).status_code == 200, url
    xlsx = client.get("/cadres/unit/G1/lists.xlsx")
    assert xlsx.status_code == 200 and xlsx["Cache-Control"] == "private, no-store"
