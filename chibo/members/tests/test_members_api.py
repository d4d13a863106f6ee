"""Members API: list with search and filters, profile with the field-level rule, events, lookup."""

from datetime import date

import pytest
from django.test import Client

from chibo.members.models import EventKind, MemberEvent, MemberStatus

from .listing_support import add_member

CCCD = "079180012345"


@pytest.fixture
def api(personas):
    def make(name: str) -> Client:
        client = Client()
        client.force_login(getattr(personas, name))
        return client

    return make


def test_list_is_paginated_scoped_and_in_vietnamese_order(personas, api):
    b1 = personas.tree.b1
    for name in ("Trần Văn Bình", "Phạm Thị Ánh", "Nguyễn Thị An", "Lê An"):
        add_member(b1, name)
    add_member(personas.tree.g2, "Võ Thị Sáu")
    body = api("hq_admin").get("/api/v1/members", {"unit": "B1", "limit": 2}).json()
    assert body["count"] == 4
    assert [m["full_name"] for m in body["items"]] == ["Lê An", "Nguyễn Thị An"]
    item = body["items"][0]
    assert {"id", "full_name", "gender", "birth_date", "unit_code", "status"} <= set(item)
    assert item["unit_code"] == "B1" and item["birth_date"] == "1980-05-17"
    assert "citizen_id" not in item
    body = api("hq_admin").get("/api/v1/members", {"unit": "B1", "limit": 2, "offset": 2}).json()
    assert [m["full_name"] for m in body["items"]] == ["Phạm Thị Ánh", "Trần Văn Bình"]
    outsider = api("outsider").get("/api/v1/members").json()
    assert [m["full_name"] for m in outsider["items"]] == ["Võ Thị Sáu"]


def test_search_without_diacritics_and_filters(personas, api):
    add_member(personas.tree.b1, "Nguyễn Thị Thu")
    add_member(personas.tree.b1, "Nguyễn Văn Nam", gender="male")
    add_member(personas.tree.b1, "Nguyễn Thị Mất", status=MemberStatus.DECEASED)
    client = api("branch_officer")
    body = client.get("/api/v1/members", {"q": "nguyen thi thu"}).json()
    assert [m["full_name"] for m in body["items"]] == ["Nguyễn Thị Thu"]
    body = client.get("/api/v1/members", {"q": "nguyen", "gender": "male"}).json()
    assert [m["full_name"] for m in body["items"]] == ["Nguyễn Văn Nam"]
    assert client.get("/api/v1/members", {"status": "active"}).json()["count"] == 2
    assert client.get("/api/v1/members").json()["count"] == 3


def test_bad_input_is_4xx_in_both_languages(personas, api):
    client = api("hq_admin")
    for params, status in (
        ({"status": "sleeping"}, 400),
        ({"q": "a"}, 400),
        ({"unit": "NOPE"}, 404),
        ({"limit": 0}, 422),
    ):
        response = client.get("/api/v1/members", params)
        assert response.status_code == status, params
        assert response.json()["detail"] and response.json()["detail_en"]
    assert api("branch_officer").get("/api/v1/members", {"unit": "G2"}).status_code == 404


def test_detail_hides_citizen_id_from_branch_officer(personas, api):
    member = add_member(personas.tree.b1, "Nguyễn Thị Thu", citizen_id=CCCD)
    full = api("hq_admin").get(f"/api/v1/members/{member.pk}").json()
    assert full["citizen_id"] == CCCD and full["unit_code"] == "B1"
    response = api("branch_officer").get(f"/api/v1/members/{member.pk}")
    assert response.status_code == 200
    assert "citizen_id" not in response.json() and CCCD not in response.content.decode()
    assert response.json()["birth_date"] == "1980-05-17"


def test_detail_and_events_out_of_scope_are_404(personas, api):
    member = add_member(personas.tree.b1, "Nguyễn Thị Thu")
    for url in (f"/api/v1/members/{member.pk}", f"/api/v1/members/{member.pk}/events"):
        response = api("outsider").get(url)
        assert response.status_code == 404 and response.json()["detail_en"]


def test_events_are_paginated_oldest_first(personas, api):
    member = add_member(personas.tree.b1, "Nguyễn Thị Thu")
    for kind, day in (
        (EventKind.FULL_MEMBERSHIP, date(2021, 3, 1)),
        (EventKind.ADMISSION, date(2020, 3, 1)),
    ):
        MemberEvent.objects.create(member=member, kind=kind, effective_on=day)
    body = api("branch_officer").get(f"/api/v1/members/{member.pk}/events", {"limit": 1}).json()
    assert body["count"] == 2
    assert body["items"][0]["kind"] == "admission" and body["items"][0]["cancelled"] is False


def test_lookup_by_post(personas, api):
    member = add_member(personas.tree.b1, "Nguyễn Thị Thu", citizen_id=CCCD)
    url = "/api/v1/members/lookup"
    found = api("hq_admin").post(url, {"citizen_id": CCCD}, content_type="application/json")
    assert found.status_code == 200
    assert [m["id"] for m in found.json()["items"]] == [member.pk]
    assert "citizen_id" not in found.json()["items"][0]
    none = api("outsider").post(url, {"citizen_id": CCCD}, content_type="application/json")
    assert none.json() == {"items": [], "count": 0}
    refused = api("branch_officer").post(url, {"citizen_id": CCCD}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["detail_en"]
    bad = api("hq_admin").post(url, {"citizen_id": "123"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "citizen_id"
    assert api("hq_admin").get(url).status_code == 405
