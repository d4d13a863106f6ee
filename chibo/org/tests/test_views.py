"""HTML pages of the org tree: tree, HTMX partials, search, unit detail and the manage forms."""

from typing import Any

import pytest
from django.test import Client

from chibo.org.models import OrgUnit, UnitStatus

DAY = "15/01/2026"


@pytest.fixture
def browser(personas):
    def make(name: str) -> Client:
        client = Client()
        client.force_login(getattr(personas, name))
        return client

    return make


def html(response: Any) -> str:
    return response.content.decode()


def test_tree_page_shows_the_callers_top_units(browser):
    page = html(browser("branch_officer").get("/org/"))
    assert "Chi bộ 1" in page and "Đảng bộ Thành phố Hồ Chí Minh" not in page
    page = html(browser("hq_admin").get("/org/"))
    assert "Đảng bộ Thành phố Hồ Chí Minh" in page and 'hx-get="/org/HCM/children/"' in page


def test_children_partial_for_htmx(browser):
    response = browser("hq_admin").get("/org/G1/children/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = html(response)
    assert "Chi bộ 1" in body and "Chi bộ 2" in body
    assert "<html" not in body  # a fragment, not a page


def test_children_partial_out_of_reach_is_404(browser):
    response = browser("outsider").get("/org/G1/children/", headers={"HX-Request": "true"})
    assert response.status_code == 404 and "<html" not in html(response)


def test_search_page_and_partial(browser):
    client = browser("hq_admin")
    page = client.get("/org/search/", {"q": "phuong sai gon"})
    assert page.status_code == 200 and "<html" in html(page)
    assert "Đảng bộ Phường Sài Gòn" in html(page)
    partial = client.get("/org/search/", {"q": "phuong sai gon"}, headers={"HX-Request": "true"})
    body = html(partial)
    assert partial.status_code == 200 and "<html" not in body
    assert "Đảng bộ Phường Sài Gòn" in body and "Bến Thành" not in body


def test_search_is_scoped_and_explains_short_queries(browser):
    body = html(browser("outsider").get("/org/search/", {"q": "phuong"}, HTTP_HX_REQUEST="true"))
    assert "Bến Thành" in body and "Sài Gòn" not in body
    body = html(browser("outsider").get("/org/search/", {"q": "p"}, HTTP_HX_REQUEST="true"))
    assert "Nhập ít nhất 2 ký tự" in body


def test_unit_detail(browser):
    page = html(browser("hq_admin").get("/org/G1/"))
    assert "Đảng bộ Công ty A" in page and "Chi bộ 1" in page
    assert "Đảng bộ Phường Sài Gòn" in page  # parent and breadcrumb
    assert 'action="/org/G1/rename/"' in page  # hq_admin may manage


def test_unit_detail_hides_manage_forms_without_permission(browser):
    page = html(browser("branch_officer").get("/org/B1/"))
    assert "Chi bộ 1" in page and 'action="/org/B1/rename/"' not in page


# --- manage forms: allowed → 302 + change; invalid → 400, Vietnamese message, no change ---------


def test_create_child(browser):
    response = browser("hq_admin").post(
        "/org/G1/create/",
        {"code": "B3", "name": "Chi bộ 3", "kind": "branch", "founded_on": DAY},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/org/B3/"
    assert OrgUnit.objects.get(code="B3").name == "Chi bộ 3"


def test_create_child_invalid(browser):
    response = browser("hq_admin").post(
        "/org/P1/create/",
        {"code": "B3", "name": "Chi bộ 3", "kind": "branch", "founded_on": DAY},
    )
    assert response.status_code == 400
    assert "không thể trực thuộc" in html(response)
    assert not OrgUnit.objects.filter(code="B3").exists()


def test_create_child_missing_date(browser):
    response = browser("hq_admin").post(
        "/org/G1/create/", {"code": "B3", "name": "Chi bộ 3", "kind": "branch"}
    )
    assert response.status_code == 400
    assert "Trường này là bắt buộc" in html(response)
    assert not OrgUnit.objects.filter(code="B3").exists()


def test_rename(browser):
    response = browser("hq_admin").post(
        "/org/B1/rename/", {"name": "Chi bộ Một", "effective_on": DAY}
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="B1").name == "Chi bộ Một"


def test_rename_to_same_name_is_400(browser):
    response = browser("hq_admin").post(
        "/org/B1/rename/", {"name": "Chi bộ 1", "effective_on": DAY}
    )
    assert response.status_code == 400
    assert "Tên mới trùng với tên hiện tại" in html(response)


def test_move(browser):
    response = browser("hq_admin").post("/org/G1/move/", {"new_parent": "P2", "effective_on": DAY})
    assert response.status_code == 302
    g1, p2 = OrgUnit.objects.get(code="G1"), OrgUnit.objects.get(code="P2")
    assert OrgUnit.objects.get_parent(g1).pk == p2.pk


def test_move_into_own_subtree_is_400(browser):
    before = dict(OrgUnit.objects.values_list("code", "path"))
    response = browser("hq_admin").post("/org/P1/move/", {"new_parent": "B1", "effective_on": DAY})
    assert response.status_code == 400
    assert "Không thể chuyển một đơn vị vào chính nó" in html(response)
    assert dict(OrgUnit.objects.values_list("code", "path")) == before


def test_move_to_unknown_unit_is_400_in_the_form(browser):
    response = browser("hq_admin").post("/org/B1/move/", {"new_parent": "XX", "effective_on": DAY})
    assert response.status_code == 400
    assert "Không tìm thấy đơn vị" in html(response)


def test_merge(browser):
    response = browser("hq_admin").post("/org/B1/merge/", {"survivor": "B2", "effective_on": DAY})
    assert response.status_code == 302 and response.headers["Location"] == "/org/B2/"
    b1 = OrgUnit.objects.get(code="B1")
    assert b1.status == UnitStatus.MERGED and b1.merged_into.code == "B2"


def test_merge_bad_date_is_400(browser):
    response = browser("hq_admin").post(
        "/org/B1/merge/", {"survivor": "B2", "effective_on": "31/02/2026"}
    )
    assert response.status_code == 400
    assert "Nhập một ngày hợp lệ" in html(response)
    assert OrgUnit.objects.get(code="B1").status == UnitStatus.ACTIVE


def test_dissolve(browser):
    response = browser("hq_admin").post("/org/B2/dissolve/", {"effective_on": DAY, "reason": "x"})
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="B2").status == UnitStatus.DISSOLVED


def test_dissolve_with_active_children_is_400_in_the_form(browser):
    response = browser("hq_admin").post("/org/G1/dissolve/", {"effective_on": DAY})
    assert response.status_code == 400
    assert "còn tổ chức trực thuộc" in html(response)
    assert OrgUnit.objects.get(code="G1").status == UnitStatus.ACTIVE


def test_search_results_name_the_parent_unit(client, personas):
    client.force_login(personas.hq_admin)
    response = client.get("/org/search/", {"q": "chi bo 1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "thuộc Đảng bộ Công ty A" in response.content.decode()


def test_children_sort_numbers_by_value(personas):
    from datetime import date

    from chibo.org import actions, queries
    from chibo.org.models import UnitKind

    for n in (10, 2):
        actions.create_unit(
            actor=personas.hq_admin,
            parent=personas.tree.g1,
            code=f"K{n}",
            name=f"Chi bộ Khu phố {n}",
            kind=UnitKind.BRANCH,
            founded_on=date(2026, 1, 1),
        )
    names = [u.name for u in queries.children_of(personas.hq_admin, personas.tree.g1)]
    assert names == ["Chi bộ 1", "Chi bộ 2", "Chi bộ Khu phố 2", "Chi bộ Khu phố 10"]
