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
    early = client.post(f"/so-tay/lich-hop/{meeting.pk}/diem-danh/", {"t": "sai"}, follow=True)
    assert "Cuộc họp chưa mở điểm danh" in early.content.decode()  # no code issued yet
    from datetime import timedelta

    from django.utils import timezone

    from chibo.meetings import actions as meeting_actions
    from chibo.meetings.models import Meeting

    soon = timezone.now() + timedelta(minutes=30)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=soon, ends_at=soon + timedelta(hours=2))
    meeting_actions.issue_check_in_token(actor=personas.hq_admin, meeting_id=meeting.pk)
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


def test_api_library_lists_every_document_sent_with_bookmarks_and_search(personas, member):
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
    client.get(f"/so-tay/van-ban/{first.pk}/")  # read it
    client.post(f"/so-tay/van-ban/{first.pk}/luu/")  # bookmark it
    every = client.get("/api/v1/handbook/documents").json()
    assert every["count"] == 2 and {d["read"] for d in every["items"]} == {True, False}
    unread = client.get("/api/v1/handbook/documents?unread=true").json()
    assert [d["number"] for d in unread["items"]] == ["366-QĐ/TW"]
    marked = client.get("/api/v1/handbook/documents?bookmarked=true").json()
    assert [d["id"] for d in marked["items"]] == [first.pk] and marked["items"][0]["bookmarked"]
    found = client.get("/api/v1/handbook/documents", {"q": "XEP LOAI"}).json()
    assert [d["number"] for d in found["items"]] == ["366-QĐ/TW"]
    paged = client.get("/api/v1/handbook/documents?limit=1&offset=1").json()
    assert paged["count"] == 2 and len(paged["items"]) == 1
    assert client.get("/api/v1/handbook/documents?limit=0").status_code in (400, 422)


def test_a_login_without_member_record_sees_no_member_tabs(personas):
    page = client_for(personas.hq_admin).get("/so-tay/").content.decode()
    assert "/so-tay/ho-so/" not in page and "/so-tay/van-ban/" not in page
    assert "Trang công việc" in page  # the way back to the staff pages


def test_home_shows_the_open_study_campaign_and_its_quiz(personas, member):
    from datetime import date, timedelta

    from chibo.documents.study import actions as study_actions
    from chibo.documents.study.quiz import QuestionSpec
    from chibo.documents.tests.distribution_support import make_document

    user, _person = member
    campaign = study_actions.create_study_campaign(
        actor=personas.hq_admin,
        unit=personas.tree.b1,
        title="Quán triệt Nghị quyết 57",
        document_ids=[make_document(personas.tree.hcm).pk],
        starts_on=date.today(),
        deadline=date.today() + timedelta(days=10),
        quiz=study_actions.QuizSpec(
            questions=[QuestionSpec("Câu 1?", [("Đúng", True), ("Sai", False)])],
            pass_mark=100,
            max_attempts=2,
        ),
    )
    page = client_for(user).get("/so-tay/").content.decode()
    assert "Quán triệt Nghị quyết 57" in page
    assert f"/documents/study/{campaign.pk}/quiz/" in page
