"""The member list page: live search partial, filters, pagination, scope, export, lookup."""

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from chibo.members.models import DatePrecision, MemberStatus
from chibo.members.views.listing import PAGE_SIZE

from .listing_support import add_member

CCCD = "079180012345"


@pytest.fixture
def browser(personas):
    def make(name: str) -> Client:
        client = Client()
        client.force_login(getattr(personas, name))
        return client

    return make


def html(response: Any) -> str:
    return response.content.decode()


def sheet_rows(response: Any) -> list[tuple[Any, ...]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(
        BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return [tuple(c for c in row) for row in book.active.iter_rows(values_only=True)]


def test_list_page_shows_members_in_vietnamese_order(personas, browser):
    b1 = personas.tree.b1
    for name in ("Trần Văn Bình", "Phạm Thị Ánh", "Nguyễn Thị An", "Lê An"):
        add_member(b1, name)
    page = html(browser("branch_officer").get("/members/"))
    positions = [page.index(n) for n in ("Lê An", "Nguyễn Thị An", "Phạm Thị Ánh", "Trần Văn Bình")]
    assert positions == sorted(positions)
    assert "4 đảng viên" in page


def test_row_links_to_profile_and_formats_dates_by_precision(personas, browser):
    b1 = personas.tree.b1
    full = add_member(b1, "Ngày Đủ", birth_date=date(1975, 4, 3), card_number="79000001")
    add_member(
        b1, "Chỉ Tháng", birth_date=date(1950, 8, 1), birth_date_precision=DatePrecision.MONTH
    )
    add_member(b1, "Chỉ Năm", birth_date=date(1930, 1, 1), birth_date_precision=DatePrecision.YEAR)
    page = html(browser("branch_officer").get("/members/"))
    assert f'href="/members/{full.pk}/"' in page
    assert "03/04/1975" in page and "08/1950" in page and ">1930<" in page
    assert "01/08/1950" not in page and "01/01/1930" not in page
    assert "79000001" in page


def test_live_search_returns_a_fragment(personas, browser):
    add_member(personas.tree.b1, "Nguyễn Thị Thu")
    add_member(personas.tree.b1, "Trần Văn Bình")
    response = browser("hq_admin").get("/members/", {"q": "nguyen thi thu"}, HTTP_HX_REQUEST="true")
    body = html(response)
    assert response.status_code == 200 and "<html" not in body
    assert "Nguyễn Thị Thu" in body and "Trần Văn Bình" not in body


def test_default_lists_members_in_the_party_and_status_all_lists_everyone(personas, browser):
    add_member(personas.tree.b1, "Còn Sống")
    add_member(personas.tree.b1, "Đã Mất", status=MemberStatus.DECEASED)
    client = browser("hq_admin")
    page = html(client.get("/members/"))
    assert "Còn Sống" in page and "Đã Mất" not in page
    page = html(client.get("/members/", {"status": "all"}))
    assert "Đã Mất" in page


def test_filters_and_bad_filter_values(personas, browser):
    add_member(personas.tree.b1, "Ở Chi Bộ Một")
    add_member(personas.tree.b2, "Ở Chi Bộ Hai")
    client = browser("hq_admin")
    page = html(client.get("/members/", {"unit": "B2"}))
    assert "Ở Chi Bộ Hai" in page and "Ở Chi Bộ Một" not in page
    assert client.get("/members/", {"gender": "robot"}).status_code == 400
    response = client.get("/members/", {"unit": "NOPE"})
    assert response.status_code == 404 and "Không tìm thấy đơn vị" in html(response)


def test_scope_outsider_sees_an_empty_list(personas, browser):
    add_member(personas.tree.b1, "Nguyễn Thị Thu")
    page = html(browser("outsider").get("/members/"))
    assert "Nguyễn Thị Thu" not in page and "Chưa có đảng viên nào" in page
    assert browser("outsider").get("/members/", {"unit": "B1"}).status_code == 404


def test_pagination_keeps_the_filters(personas, browser):
    for i in range(PAGE_SIZE + 3):
        add_member(personas.tree.b1, f"Nguyễn Văn Số{i:03d}")
    client = browser("hq_admin")
    page = html(client.get("/members/", {"q": "nguyen van"}))
    assert "Trang 1 / 2" in page and "?q=nguyen+van&amp;page=2" in page
    second = html(client.get("/members/", {"q": "nguyen van", "page": 2}))
    assert "Nguyễn Văn Số052" in second and "Nguyễn Văn Số000" not in second


def test_export_is_exactly_the_listed_rows_over_all_pages(personas, browser):
    for i in range(PAGE_SIZE + 5):
        add_member(personas.tree.b1, f"Lê Thị Trang{i:03d}", citizen_id=CCCD if i == 0 else "")
    add_member(personas.tree.b2, "Ở Chi Bộ Hai")
    add_member(personas.tree.b1, "Phạm Văn Mất", status=MemberStatus.DECEASED)
    rows = sheet_rows(browser("hq_admin").get("/members/export.xlsx", {"unit": "B1"}))
    header, data = rows[1], rows[2:]
    assert header[:4] == ("STT", "Họ và tên", "Giới tính", "Ngày sinh")
    assert "Số CCCD" in header
    assert len(data) == PAGE_SIZE + 5
    assert data[0][1] == "Lê Thị Trang000" and data[0][3] == "17/05/1980"
    assert data[0][header.index("Số CCCD")] == CCCD
    assert all(row[1] != "Ở Chi Bộ Hai" and row[1] != "Phạm Văn Mất" for row in data)


def test_branch_officer_never_sees_citizen_ids(personas, browser):
    add_member(personas.tree.b1, "Nguyễn Thị Thu", citizen_id=CCCD)
    client = browser("branch_officer")
    page = html(client.get("/members/"))
    assert CCCD not in page and "Tra cứu theo số CCCD" not in page
    rows = sheet_rows(client.get("/members/export.xlsx"))
    assert "Số CCCD" not in rows[1]
    assert all(CCCD not in [str(c) for c in row] for row in rows)
    assert client.post("/members/lookup/", {"citizen_id": CCCD}).status_code == 403


def test_lookup_is_post_only_and_finds_in_scope(personas, browser):
    member = add_member(personas.tree.b1, "Nguyễn Thị Thu", citizen_id=CCCD)
    client = browser("hq_admin")
    assert client.get("/members/lookup/", {"citizen_id": CCCD}).status_code == 405
    page = html(client.get("/members/"))
    assert 'method="post" action="/members/lookup/"' in page
    response = client.post("/members/lookup/", {"citizen_id": CCCD}, HTTP_HX_REQUEST="true")
    body = html(response)
    assert response.status_code == 200 and f'href="/members/{member.pk}/"' in body
    assert CCCD not in body  # the number is not echoed back
    empty = html(browser("outsider").post("/members/lookup/", {"citizen_id": CCCD}))
    assert "Nguyễn Thị Thu" not in empty and "Không có đảng viên nào" in empty


def test_lookup_bad_number_is_400_with_a_message(personas, browser):
    response = browser("hq_admin").post("/members/lookup/", {"citizen_id": "12345"})
    assert response.status_code == 400 and "12 chữ số" in html(response)


def test_menu_item_for_members_view_only(personas, browser):
    from chibo.access.roles import Role
    from chibo.testing.personas import make_user

    assert 'href="/members/"' in html(browser("branch_officer").get("/"))
    plain = make_user("plain", (personas.tree.b1, Role.MEMBER))
    client = Client()
    client.force_login(plain)
    assert 'href="/members/"' not in html(client.get("/"))
    assert client.get("/members/").status_code == 403


def test_list_count_is_capped_for_broad_searches(client, personas, monkeypatch):
    from chibo.members.views import listing
    from chibo.testing.personas import make_member

    for i in range(4):
        make_member(personas.tree.b1, f"Nguyễn Văn Số {i}")
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    client.force_login(personas.hq_admin)
    page = client.get("/members/", {"q": "nguyen"}).content.decode()
    assert "Hơn 3 đảng viên" in page
    monkeypatch.setattr(listing, "COUNT_CAP", 10)
    page = client.get("/members/", {"q": "nguyen"}).content.decode()
    assert "4 đảng viên" in page


def test_export_button_only_where_the_export_works(personas, browser, monkeypatch):
    """Issue 17: "Xuất Excel" was offered over 39,596 members and the export refused them."""
    from chibo.members import exports
    from chibo.testing.personas import make_member

    make_member(personas.tree.b1, "Phan Văn Xuất")
    make_member(personas.tree.b1, "Phan Thị Xuất")
    shown = html(browser("hq_admin").get("/members/", {"q": "xuat"}))
    assert "/members/export.xlsx" in shown
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 1)
    hidden = html(browser("hq_admin").get("/members/", {"q": "xuat"}))
    assert "/members/export.xlsx" not in hidden and 'id="export-too-many"' in hidden
