"""The org API: reads scoped to the caller, writes through actions, errors in two languages."""

from typing import Any

import pytest
from django.test import Client

from chibo.access import actions as access_actions
from chibo.org.models import OrgUnit, UnitEvent
from chibo.testing.personas import make_member

D = "2026-01-15"


def bearer(user: Any) -> dict[str, str]:
    _token, raw = access_actions.create_token(actor=user, owner=user, name="api-test")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def as_user(personas):
    """A client calling the API as one of the personas, with a bearer token."""

    def make(name: str) -> Any:
        headers = bearer(getattr(personas, name))

        class Api:
            def get(self, url: str, **params: Any) -> Any:
                return Client().get(url, params, headers=headers)

            def post(self, url: str, payload: Any) -> Any:
                return Client().post(url, payload, content_type="application/json", headers=headers)

        return Api()

    return make


def codes(response: Any) -> list[str]:
    return [u["code"] for u in response.json()["items"]]


def tree_paths() -> dict[str, str]:
    return dict(OrgUnit.objects.values_list("code", "path"))


# --- reads -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "tops"),
    [("hq_admin", ["HCM"]), ("branch_officer", ["B1"]), ("outsider", ["P2"])],
)
def test_top_units_are_the_callers_reach(as_user, persona, tops):
    response = as_user(persona).get("/api/v1/units")
    assert response.status_code == 200
    assert codes(response) == tops
    assert response.json()["count"] == 1


def test_unit_shape(as_user):
    item = as_user("hq_admin").get("/api/v1/units").json()["items"][0]
    assert {"code", "name", "kind", "status", "member_count"} <= item.keys()
    assert item == item | {"code": "HCM", "kind": "provincial_committee", "status": "active"}


def test_unit_detail_and_children(as_user):
    api = as_user("hq_admin")
    detail = api.get("/api/v1/units/g1").json()
    assert detail["code"] == "G1" and detail["parent"] == "P1"
    assert detail["path"] == ["HCM", "P1", "G1"] and detail["live_member_count"] == 0
    assert detail["has_children"] is True and detail["merged_into"] is None
    assert codes(api.get("/api/v1/units/G1/children")) == ["B1", "B2"]


def test_breadcrumb_stops_at_the_callers_reach(as_user):
    detail = as_user("branch_officer").get("/api/v1/units/B1").json()
    assert detail["path"] == ["B1"]


def test_pagination(as_user):
    api = as_user("hq_admin")
    first = api.get("/api/v1/units/G1/children", limit=1, offset=0).json()
    second = api.get("/api/v1/units/G1/children", limit=1, offset=1).json()
    assert first["count"] == second["count"] == 2
    assert [u["code"] for u in first["items"] + second["items"]] == ["B1", "B2"]
    assert api.get("/api/v1/units", limit=0).status_code == 422
    assert api.get("/api/v1/units", limit=1000).status_code == 422


def test_search_ignores_diacritics(as_user):
    response = as_user("hq_admin").get("/api/v1/units/search", q="phuong sai gon")
    assert response.status_code == 200
    assert [u["name"] for u in response.json()["items"]] == ["Đảng bộ Phường Sài Gòn"]
    assert codes(as_user("hq_admin").get("/api/v1/units/search", q="PHƯỜNG SÀI GÒN")) == ["P1"]


def test_search_is_scoped(as_user):
    assert codes(as_user("outsider").get("/api/v1/units/search", q="phuong")) == ["P2"]
    assert codes(as_user("branch_officer").get("/api/v1/units/search", q="chi bo")) == ["B1"]


def test_search_too_short_is_400(as_user):
    response = as_user("hq_admin").get("/api/v1/units/search", q="a")
    assert response.status_code == 400
    assert response.json()["detail"] and response.json()["detail_en"]


# --- writes ------------------------------------------------------------------------------------


def test_create_child(as_user):
    response = as_user("hq_admin").post(
        "/api/v1/units/G1/children",
        {"code": "b3", "name": "Chi bộ 3", "kind": "branch", "founded_on": D},
    )
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "B3" and response.json()["parent"] == "G1"
    assert OrgUnit.objects.get(code="B3").get_depth() == 4


@pytest.mark.parametrize(
    "payload",
    [
        "{not json",
        {"code": "B3", "name": "Chi bộ 3", "kind": "branch"},  # no founded_on
        {"code": "B3", "name": "Chi bộ 3", "kind": "branch", "founded_on": "15/01/2026x"},
        {"code": "", "name": "Chi bộ 3", "kind": "branch", "founded_on": D},
    ],
    ids=["malformed-json", "missing-field", "bad-date", "empty-code"],
)
def test_create_child_bad_payload_is_422_in_two_languages(as_user, payload):
    before = tree_paths()
    response = as_user("hq_admin").post("/api/v1/units/G1/children", payload)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] in {
        "Dữ liệu gửi lên không hợp lệ.",
        "Nội dung gửi lên không phải JSON hợp lệ.",
    }
    assert body["detail_en"]
    assert tree_paths() == before


def test_create_child_of_forbidden_kind_is_400_with_reason(as_user):
    response = as_user("hq_admin").post(
        "/api/v1/units/P1/children",
        {"code": "B9", "name": "Chi bộ 9", "kind": "branch", "founded_on": D},
    )
    assert response.status_code == 400
    body = response.json()
    assert "QĐ 294-QĐ/TW" in body["detail"] and body["field"] == "kind"
    assert not OrgUnit.objects.filter(code="B9").exists()


def test_create_child_duplicate_code_is_409(as_user):
    response = as_user("hq_admin").post(
        "/api/v1/units/G1/children",
        {"code": "B2", "name": "Chi bộ 2 bis", "kind": "branch", "founded_on": D},
    )
    assert response.status_code == 409 and "B2" in response.json()["detail"]


def test_rename(as_user):
    response = as_user("hq_admin").post(
        "/api/v1/units/B1/rename", {"name": "Chi bộ Một", "effective_on": D}
    )
    assert response.status_code == 200 and response.json()["name"] == "Chi bộ Một"
    assert OrgUnit.objects.get(code="B1").search_name == "chi bo mot"


def test_rename_missing_name_is_422(as_user):
    response = as_user("hq_admin").post("/api/v1/units/B1/rename", {"effective_on": D})
    assert response.status_code == 422 and response.json()["detail_en"]
    assert OrgUnit.objects.get(code="B1").name == "Chi bộ 1"


def test_move(as_user):
    api = as_user("hq_admin")
    response = api.post("/api/v1/units/G1/move", {"new_parent": "P2", "effective_on": D})
    assert response.status_code == 200, response.content
    assert response.json()["parent"] == "P2"
    assert OrgUnit.objects.get(code="B1").path.startswith(OrgUnit.objects.get(code="P2").path)


def test_move_into_own_subtree_is_400_and_changes_nothing(as_user):
    before, events = tree_paths(), UnitEvent.objects.count()
    response = as_user("hq_admin").post(
        "/api/v1/units/P1/move", {"new_parent": "B1", "effective_on": D}
    )
    assert response.status_code == 400
    assert response.json()["field"] == "new_parent" and response.json()["detail_en"]
    assert tree_paths() == before and UnitEvent.objects.count() == events


def test_move_to_a_forbidden_kind_is_400_and_changes_nothing(as_user):
    before = tree_paths()
    # A branch may only sit under a grassroots committee; G2 is a grassroots branch.
    response = as_user("hq_admin").post(
        "/api/v1/units/B1/move", {"new_parent": "G2", "effective_on": D}
    )
    assert response.status_code == 400 and response.json()["field"] == "kind"
    assert tree_paths() == before


def test_move_to_a_target_out_of_reach_is_404(as_user, personas):
    # outsider manages P2 but cannot reach P1 to take G2 there... nor move G2 out of its reach.
    before = tree_paths()
    response = as_user("outsider").post(
        "/api/v1/units/G2/move", {"new_parent": "P1", "effective_on": D}
    )
    assert response.status_code == 404
    assert tree_paths() == before


def test_merge(as_user):
    response = as_user("hq_admin").post(
        "/api/v1/units/B1/merge", {"survivor": "B2", "effective_on": D}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "merged" and response.json()["merged_into"] == "B2"


def test_merge_refused_changes_nothing(as_user):
    before = tree_paths()
    statuses = dict(OrgUnit.objects.values_list("code", "status"))
    api = as_user("hq_admin")
    # Into its own descendant: refused.
    response = api.post("/api/v1/units/G1/merge", {"survivor": "B1", "effective_on": D})
    assert response.status_code == 400 and response.json()["detail_en"]
    # G1's branches cannot sit under P2's grassroots branch G2: refused before anything moves.
    response = api.post("/api/v1/units/G1/merge", {"survivor": "G2", "effective_on": D})
    assert response.status_code == 400 and response.json()["field"] == "kind"
    assert tree_paths() == before
    assert dict(OrgUnit.objects.values_list("code", "status")) == statuses


def test_merge_missing_survivor_is_422(as_user):
    response = as_user("hq_admin").post("/api/v1/units/B1/merge", {"effective_on": D})
    assert response.status_code == 422


def test_dissolve(as_user):
    response = as_user("hq_admin").post(
        "/api/v1/units/B2/dissolve", {"effective_on": D, "reason": "Hết nhiệm vụ"}
    )
    assert response.status_code == 200 and response.json()["status"] == "dissolved"


def test_dissolve_with_active_children_is_409(as_user):
    response = as_user("hq_admin").post("/api/v1/units/G1/dissolve", {"effective_on": D})
    assert response.status_code == 409 and response.json()["detail_en"]
    assert OrgUnit.objects.get(code="G1").status == "active"


def test_write_on_a_merged_unit_is_409(as_user):
    api = as_user("hq_admin")
    api.post("/api/v1/units/B1/merge", {"survivor": "B2", "effective_on": D})
    response = api.post("/api/v1/units/B1/rename", {"name": "Khác", "effective_on": D})
    assert response.status_code == 409


# --- bearer tokens -----------------------------------------------------------------------------


def test_valid_token(personas):
    response = Client().get("/api/v1/units", headers=bearer(personas.hq_admin))
    assert response.status_code == 200


def test_revoked_token_is_401(personas):
    token, raw = access_actions.create_token(
        actor=personas.hq_admin, owner=personas.hq_admin, name="t"
    )
    access_actions.revoke_token(actor=personas.hq_admin, token=token)
    response = Client().get("/api/v1/units", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401
    assert response.json()["detail"] and response.json()["detail_en"]


@pytest.mark.parametrize("header", ["Bearer cbs_garbage", "Bearer ", "Token abc", "cbs_x"])
def test_garbage_token_is_401(db, header):
    assert Client().get("/api/v1/units", headers={"Authorization": header}).status_code == 401


def test_token_of_an_inactive_user_is_401(personas):
    headers = bearer(personas.branch_officer)
    personas.branch_officer.is_active = False
    personas.branch_officer.save()
    assert Client().get("/api/v1/units", headers=headers).status_code == 401


def test_token_acts_with_its_users_grants(personas):
    headers = bearer(personas.outsider)
    assert Client().get("/api/v1/units/B1", headers=headers).status_code == 404
    assert Client().get("/api/v1/units/P2", headers=headers).status_code == 200
    response = Client().post(
        "/api/v1/units/B1/rename",
        {"name": "Chiếm quyền", "effective_on": D},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404
    assert OrgUnit.objects.get(code="B1").name == "Chi bộ 1"


def test_token_records_last_use(personas):
    token, raw = access_actions.create_token(
        actor=personas.hq_admin, owner=personas.hq_admin, name="t"
    )
    Client().get("/api/v1/units", headers={"Authorization": f"Bearer {raw}"})
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_live_member_count_comes_from_the_members_module(as_user, personas):
    make_member(personas.tree.b1, "Nguyễn Thị An")
    make_member(personas.tree.b2, "Trần Văn Bình")
    assert as_user("hq_admin").get("/api/v1/units/G1").json()["live_member_count"] == 2
    assert as_user("branch_officer").get("/api/v1/units/B1").json()["live_member_count"] == 1
