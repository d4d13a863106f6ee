"""Documents and meetings as the handbook shows them (read through the other modules)."""

import pytest

from chibo.documents.models import Receipt

from .support import client_for, member_with_login, plan_meeting, send_document

pytestmark = pytest.mark.django_db


def test_home_lists_unread_documents_and_next_meeting(personas, member):
    user, person = member
    document = send_document(personas.tree.b1, [person])
    meeting = plan_meeting(personas.tree.b1)
    html = client_for(user).get("/so-tay/").content.decode()
    assert document.number in html
    assert meeting.title in html
    assert f"/so-tay/lich-hop/{meeting.pk}/lich.ics" in html


def test_opening_a_document_records_the_read_once(personas, member):
    user, person = member
    document = send_document(personas.tree.b1, [person])
    client = client_for(user)
    response = client.get(f"/so-tay/van-ban/{document.pk}/")
    assert response.status_code == 200
    assert "Đã ghi nhận đọc" in response.content.decode()
    receipt = Receipt.objects.get(member=person, document=document)
    first = receipt.read_at
    assert first is not None
    client.get(f"/so-tay/van-ban/{document.pk}/")
    receipt.refresh_from_db()
    assert receipt.read_at == first
    # No longer in the home's "to read" box.
    assert "Bạn đã đọc hết văn bản" in client.get("/so-tay/").content.decode()


def test_document_not_sent_to_the_member_is_not_found(personas, member):
    user, _person = member
    _other_user, other = member_with_login(personas.tree.b1, username="khac", name="Người Khác")
    document = send_document(personas.tree.b1, [other])
    assert client_for(user).get(f"/so-tay/van-ban/{document.pk}/").status_code == 404


def test_search_is_diacritics_insensitive_and_bookmarks_filter(personas, member):
    user, person = member
    first = send_document(personas.tree.b1, [person])
    send_document(
        personas.tree.b1,
        [person],
        number="366-QĐ/TW",
        title="Quy định về kiểm điểm, đánh giá, xếp loại chất lượng",
        summary="",
    )
    client = client_for(user)
    html = client.get("/so-tay/van-ban/?q=sinh+hoat+chi+bo").content.decode()
    assert "50-CT/TW" in html and "366-QĐ/TW" not in html
    html = client.get("/so-tay/van-ban/?q=XẾP LOẠI").content.decode()
    assert "366-QĐ/TW" in html and "50-CT/TW" not in html
    toggled = client.post(f"/so-tay/van-ban/{first.pk}/luu/", headers={"HX-Request": "true"})
    assert toggled.status_code == 200 and 'aria-pressed="true"' in toggled.content.decode()
    saved = client.get("/so-tay/van-ban/?xem=da-luu").content.decode()
    assert "50-CT/TW" in saved and "366-QĐ/TW" not in saved


def test_meeting_page_ics_and_wrong_check_in_code(personas, member):
    user, _person = member
    meeting = plan_meeting(personas.tree.b1)
    client = client_for(user)
    assert client.get(f"/so-tay/lich-hop/{meeting.pk}/").status_code == 200
    ics = client.get(f"/so-tay/lich-hop/{meeting.pk}/lich.ics")
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content
    refused = client.post(f"/so-tay/lich-hop/{meeting.pk}/diem-danh/", {"t": "sai"}, follow=True)
    assert "Mã điểm danh không đúng" in refused.content.decode()


def test_meeting_of_another_branch_is_not_found(personas, member):
    user, _person = member
    meeting = plan_meeting(personas.tree.g2)
    assert client_for(user).get(f"/so-tay/lich-hop/{meeting.pk}/").status_code == 404


def test_api_home(personas, member):
    user, person = member
    send_document(personas.tree.b1, [person])
    plan_meeting(personas.tree.b1)
    data = client_for(user).get("/api/v1/handbook/home").json()
    assert data["member_name"] == person.full_name
    assert data["documents_to_read_count"] == 1
    assert data["meetings"][0]["ics_url"].endswith("lich.ics")
    record = client_for(user).get("/api/v1/handbook/record").json()
    assert record["citizen_id"] == person.citizen_id and record["birth_date"] == "09/03/1986"
