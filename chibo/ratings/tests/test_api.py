"""The ratings API: counts per level with the cap check, streaks (paginated), assessments."""

import pytest
from django.test import Client

from chibo.testing.personas import make_member

from .support import (
    EXCELLENT_CONDITIONS,
    GOOD_CONDITIONS,
    decide,
    member_with_login,
    open_p1_round,
    rating_of,
)

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def rated(personas):
    an, an_user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    binh = make_member(personas.tree.b1, "Trần Thị Bình")
    for year in (2024, 2025):
        rnd = open_p1_round(personas, year=year)
        decide(personas, rating_of(rnd, an), 95, EXCELLENT_CONDITIONS, level="excellent")
        decide(personas, rating_of(rnd, binh), 80, GOOD_CONDITIONS, level="good")
    return personas, an, an_user, binh, rnd


def test_counts_per_level_and_cap_check(rated):
    p, *_ = rated
    body = _client(p.leader).get("/api/v1/units/P1/ratings?year=2025&kind=member").json()
    assert body["levels"] == {"excellent": 1, "good": 1, "satisfactory": 0, "unsatisfactory": 0}
    assert body["cap"] == [
        {
            "unit_code": "G1",
            "unit_name": "Đảng bộ Công ty A",
            "excellent": 1,
            "good": 1,
            "percent": 20,
            "limit": 0,
            "within": False,
            "confirmed": False,
        }
    ]
    assert _client(p.outsider).get("/api/v1/units/P1/ratings?year=2025").status_code == 404
    assert _client(p.leader).get("/api/v1/units/P1/ratings?kind=other").status_code == 422


def test_streaks_paginated(rated):
    p, an, *_ = rated
    url = "/api/v1/units/P1/streaks?level=excellent&years=2&until=2025"
    body = _client(p.leader).get(url).json()
    assert body["count"] == 1
    assert body["items"][0]["subject"]["id"] == an.pk and body["items"][0]["years"] == [2024, 2025]
    page = (
        _client(p.leader)
        .get("/api/v1/units/P1/streaks?level=good&years=1&until=2025&limit=1&offset=1")
        .json()
    )
    assert page["count"] == 1 and page["items"] == []


def test_assessment_bad_input_answers_bilingual_4xx(personas):
    an, an_user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    rnd = open_p1_round(personas)
    url = f"/api/v1/ratings/{rnd.pk}/assessments"
    rating = rating_of(rnd, an)
    body = {
        "rating": rating.pk,
        "stage": "self_assessment",
        "score": 120,
        "conditions": GOOD_CONDITIONS,
    }
    response = _client(an_user).post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "366-QĐ/TW" in response.json()["detail"] and response.json()["detail_en"]
    body["score"] = 80
    ok = _client(an_user).post(url, body, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["rating_level"] == "good"
    body.update(stage="branch_assessment")
    assert (
        _client(personas.outsider).post(url, body, content_type="application/json").status_code
        == 404
    )
    assert (
        _client(personas.hq_admin).post(url, body, content_type="application/json").status_code
        == 403
    )
    assert (
        _client(personas.branch_officer)
        .post(url, body, content_type="application/json")
        .status_code
        == 201
    )
