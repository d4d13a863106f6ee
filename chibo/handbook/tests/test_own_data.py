"""A member downloads everything held about them (JSON and PDF), logged; nothing of others."""

import io
import json

import pytest
from pypdf import PdfReader

from chibo.audit.models import SensitiveRead
from chibo.audit.recorder import record_read
from chibo.handbook.actions import ask_question
from chibo.handbook.queries.own_data import EXPORT_REASON
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind

from .support import CCCD, client_for, member_with_login

pytestmark = pytest.mark.django_db


def _other_member_read(personas, person):
    """hq_admin reads the member's profile; the member reads it; someone else's record too."""
    _other_user, other = member_with_login(personas.tree.b1, username="khac", name="Trần Văn Khác")
    other.citizen_id = "079190099999"
    other.phone = "0911000999"
    other.save(update_fields=["citizen_id", "phone"])
    record_read(actor=personas.hq_admin, target=person, unit=person.unit, reason="profile page")
    record_read(actor=personas.hq_admin, target=other, unit=other.unit, reason="profile page")
    return other


def test_json_holds_the_record_its_reads_and_nothing_of_others(personas, member):
    user, person = member
    other = _other_member_read(personas, person)
    ask_question(actor=user, subject="Lịch học nghị quyết", body="Khi nào chi bộ học?")
    notify(recipients=[user], kind=NoticeKind.GENERAL, title="Họp chi bộ tháng 12", email=False)
    response = client_for(user).get("/so-tay/ho-so/du-lieu.json")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    body = response.content.decode()
    data = json.loads(body)
    assert data["member"]["full_name"] == person.full_name
    assert data["member"]["citizen_id"] == CCCD  # a member reads their own record
    assert data["member"]["unit"]["code"] == person.unit.code
    assert data["account"]["username"] == user.username
    assert data["account"]["grants"][0]["role"] == "member"
    assert [q["subject"] for q in data["questions"]] == ["Lịch học nghị quyết"]
    assert [n["title"] for n in data["notifications"]] == ["Họp chi bộ tháng 12"]
    reads = data["reads_by_others"]
    assert [(r["reader"], r["reason"]) for r in reads] == [
        (personas.hq_admin.username, "profile page")
    ]
    assert reads[0]["roles"]  # the reader's role over the record's unit
    assert other.full_name not in body
    assert other.citizen_id not in body
    assert other.phone not in body
    # The download is logged, as a read of the record by its member.
    assert SensitiveRead.objects.filter(
        actor=user, target_id=str(person.pk), reason=EXPORT_REASON
    ).exists()
    # ... and the member's own reads are not "reads by others".
    again = json.loads(client_for(user).get("/so-tay/ho-so/du-lieu.json").content)
    assert len(again["reads_by_others"]) == 1


def test_pdf_opens_and_names_the_member(personas, member):
    user, person = member
    _other_member_read(personas, person)
    response = client_for(user).get("/so-tay/ho-so/du-lieu.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert person.full_name in text
    assert "Trần Văn Khác" not in text
    assert SensitiveRead.objects.filter(actor=user, reason=EXPORT_REASON).count() == 1


def test_login_without_member_record_gets_the_handbook_page(personas):
    client = client_for(personas.branch_officer)
    for url in ("/so-tay/ho-so/du-lieu.json", "/so-tay/ho-so/du-lieu.pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert "hồ sơ đảng viên" in response.content.decode()


def test_record_page_links_the_downloads(member):
    user, _person = member
    html = client_for(user).get("/so-tay/ho-so/").content.decode()
    assert "/so-tay/ho-so/du-lieu.pdf" in html
    assert "/so-tay/ho-so/du-lieu.json" in html


def test_anonymous_goes_to_login(client):
    response = client.get("/so-tay/ho-so/du-lieu.json")
    assert response.status_code == 302


def test_service_worker_never_keeps_the_downloads(client):
    script = client.get("/so-tay/sw.js").content.decode()
    line = next(x for x in script.splitlines() if x.startswith("const NOT_CACHED"))
    line = line.replace("\\u002D", "-")  # escapejs writes hyphens as JS escapes
    assert "/so-tay/ho-so/du-lieu.json" in line and "/so-tay/ho-so/du-lieu.pdf" in line
    assert "/so-tay/sw.js" in line
