"""Every download of the meetings module carries `Cache-Control: private, no-store`: minutes
name members and what they said (foundations issue, finding 19)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chibo.testing.personas import make_member

from .. import actions
from .support import hold, member_with_login, plan_meeting

pytestmark = pytest.mark.django_db


def _private(response) -> None:
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_minutes_pdf_docx_calendar_and_documents_are_not_cached(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_member(personas.tree.b1, "Trần Thị Bình")
    _member, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    upcoming = plan_meeting(personas.branch_officer, personas.tree.b1)
    posted = actions.post_document(
        actor=personas.branch_officer,
        meeting_id=upcoming.pk,
        title="Dự thảo nghị quyết",
        file=SimpleUploadedFile("du-thao.txt", b"noi dung"),
    )
    meeting = hold(personas.branch_officer, plan_meeting(personas.branch_officer, personas.tree.b1))
    minutes = actions.save_minutes(
        actor=personas.branch_officer, meeting_id=meeting.pk, content="Kiểm điểm công tác tháng"
    )
    staff = Client()
    staff.force_login(personas.branch_officer)
    base = f"/meetings/{meeting.pk}/minutes/{minutes.version}"
    _private(staff.get(f"{base}/pdf/"))
    _private(staff.get(f"{base}/docx/"))
    member = Client()
    member.force_login(user)
    _private(member.get(f"/meetings/{upcoming.pk}/ics/"))
    _private(member.get(f"/meetings/{upcoming.pk}/documents/{posted.pk}/"))
