"""Training pages and API: public verification (404 for a number never issued), the PDF, the
member record's section, a course run through the pages."""

from datetime import date

import pytest
from django.test import Client

from chibo.testing.personas import make_member

from ..models import Certificate
from .support import finished_course

pytestmark = pytest.mark.django_db


def test_public_verification(personas):
    _c, issued = finished_course(
        personas.hq_admin, personas.tree.p1, [("Lý Thị Chứng", date(2001, 2, 3), personas.tree.b1)]
    )
    anonymous = Client()
    ok = anonymous.get(f"/training/verify/{issued[0].number}/")
    body = ok.content.decode()
    assert ok.status_code == 200 and "Lý Thị Chứng" in body and "03/02/2001" not in body
    assert "Chi bộ 1" not in body
    missing = anonymous.get("/training/verify/GCN-P1-2026-0999/")
    assert missing.status_code == 404 and "Không có giấy chứng nhận" in missing.content.decode()
    assert anonymous.get("/training/verify/?number=gcn-p1-2026-0001").status_code == 302
    api = anonymous.get(f"/api/v1/certificates/{issued[0].number}/verify").json()
    assert api == {
        "number": issued[0].number,
        "valid": True,
        "full_name": "Lý Thị Chứng",
        "course_title": "Lớp bồi dưỡng nhận thức về Đảng khóa 1",
        "issued_on": "2026-01-09",
    }
    gone = anonymous.get("/api/v1/certificates/GCN-P1-2026-0999/verify")
    assert gone.status_code == 404 and set(gone.json()) >= {"detail", "detail_en"}


def test_pdf_and_member_section(personas):
    member = make_member(personas.tree.b1, "Vũ Văn Chứng")
    from .. import actions

    c = actions.create_course(
        actor=personas.hq_admin,
        unit=personas.tree.p1,
        kind="theory_elementary",
        title="Sơ cấp lý luận chính trị khóa 1",
        mode="in_person",
        place="Trung tâm",
        starts_on=date(2026, 2, 2),
        ends_on=date(2026, 2, 6),
    )
    s = actions.add_session(
        actor=personas.hq_admin, course=c, held_on=date(2026, 2, 2), topic="Bài 1"
    )
    e = actions.enrol_member(actor=personas.hq_admin, course=c, member=member)
    client = Client()
    client.force_login(personas.hq_admin)
    client.post(f"/training/courses/{c.pk}/sessions/{s.pk}/attendance/", {"present": [e.pk]})
    client.post(f"/training/courses/{c.pk}/grades/", {f"grade-{e.pk}": "7,5"})
    bad = client.post(f"/training/courses/{c.pk}/grades/", {f"grade-{e.pk}": "11"}, follow=True)
    assert "từ 0 đến 10" in bad.content.decode()
    client.post(f"/training/courses/{c.pk}/finish/", {"finished_on": "06/02/2026"})
    certificate = Certificate.objects.get()
    member.refresh_from_db()
    assert member.theory_level == "elementary"
    pdf = client.get(f"/training/certificates/{certificate.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "private, no-store"
    section = client.get(f"/training/members/{member.pk}/certificates/").content.decode()
    assert certificate.number in section
    page = client.get("/training/unit/P1/").content.decode()
    assert "Sơ cấp lý luận chính trị khóa 1" in page and "training-needs-data" in page


def test_course_form_keeps_input(personas):
    client = Client()
    client.force_login(personas.hq_admin)
    response = client.post(
        "/training/unit/P1/courses/new/",
        {
            "kind": "thematic",
            "title": "Chuyên đề năm 2026",
            "mode": "online",
            "starts_on": "02/03/2026",
            "ends_on": "06/03/2026",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Chuyên đề năm 2026" in body and "đường dẫn" in body
