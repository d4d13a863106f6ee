"""The handbook pages: home, my record (sensitive read logged), a login without a record."""

from datetime import date

import pytest
from django.test import Client

from chibo.audit.models import SensitiveRead
from chibo.members.models import DatePrecision
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind

from .support import CCCD, client_for, member_with_login

pytestmark = pytest.mark.django_db


def test_home_shows_greeting_notices_and_the_tasks_box(member):
    user, person = member
    notify(recipients=[user], kind=NoticeKind.GENERAL, title="Họp chi bộ tháng 12", email=False)
    response = client_for(user).get("/so-tay/")
    assert response.status_code == 200
    html = response.content.decode()
    assert person.full_name in html
    assert "Họp chi bộ tháng 12" in html
    # The assignments module's "my tasks" box, loaded on its own (HTMX).
    assert 'id="my-tasks-box"' in html and "/assignments/" in html
    assert 'rel="manifest"' in html
    # The handbook does not load Bootstrap nor the icon font: a small page on a phone.
    assert "bootstrap" not in html


def test_login_without_member_record_gets_a_clear_page(personas):
    client = client_for(personas.branch_officer)
    home = client.get("/so-tay/")
    assert home.status_code == 200
    assert "chưa được gắn với hồ sơ đảng viên" in home.content.decode() or (
        "chưa gắn với hồ sơ đảng viên" in home.content.decode()
    )
    record = client.get("/so-tay/ho-so/")
    assert record.status_code == 404
    assert "chưa gắn với hồ sơ đảng viên" in record.content.decode()


def test_my_record_shows_own_citizen_id_and_logs_the_read(member):
    user, person = member
    before = SensitiveRead.objects.count()
    response = client_for(user).get("/so-tay/ho-so/")
    assert response.status_code == 200
    html = response.content.decode()
    assert CCCD in html
    assert "09/03/1986" in html
    assert "19/05/2010" in html and "19/05/2011" in html
    assert SensitiveRead.objects.count() == before + 1
    read = SensitiveRead.objects.latest("pk")
    assert read.target_id == str(person.pk) and read.reason == "handbook own record"


def test_birth_date_precision_is_honoured(member):
    user, person = member
    person.birth_date = date(1986, 3, 1)
    person.birth_date_precision = DatePrecision.MONTH
    person.save()
    html = client_for(user).get("/so-tay/ho-so/").content.decode()
    assert "03/1986" in html and "01/03/1986" not in html


def test_pwa_manifest_service_worker_offline(member):
    client = Client()
    manifest = client.get("/so-tay/manifest.webmanifest")
    assert manifest.status_code == 200
    data = manifest.json()
    assert data["start_url"] == "/so-tay/" and data["scope"] == "/so-tay/"
    assert {"192x192", "512x512"} <= {i["sizes"] for i in data["icons"]}
    sw = client.get("/so-tay/sw.js")
    assert sw.status_code == 200
    assert sw["Content-Type"].startswith("application/javascript")
    assert sw["Service-Worker-Allowed"] == "/so-tay/"
    assert b'addEventListener("push"' in sw.content
    assert client.get("/so-tay/offline/").status_code == 200


def test_home_shows_the_committee_work_to_a_secretary_member(personas):
    from chibo.handbook import actions

    from .support import link_member

    link_member(personas.branch_officer, personas.tree.b1, "Nguyễn Văn Tâm")
    asker, _m = member_with_login(personas.tree.b1, username="hoi", name="Lê Văn Hỏi")
    actions.ask_question(actor=asker, subject="Hỏi", body="Nội dung")
    actions.request_correction(actor=asker, field="phone", proposed_value="0909000111")
    html = client_for(personas.branch_officer).get("/so-tay/").content.decode()
    assert html.count("Việc của chi ủy") == 1  # in the page, not also in its <title>
    assert "<title>Sổ tay đảng viên · Chi Bộ Số</title>" in html
    assert "/so-tay/yeu-cau/" in html and "/so-tay/y-kien/hop-thu/" in html
    plain = client_for(asker).get("/so-tay/").content.decode()
    assert "Việc của chi ủy" not in plain
