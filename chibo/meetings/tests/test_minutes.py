"""Minutes: draft, signatures, locking, new versions; PDF and DOCX in the party format."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.testing.personas import make_member

from .. import actions
from ..exports import minutes_docx, minutes_pdf
from .support import hold, member_with_login, plan_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(personas):
    binh = make_member(personas.tree.b1, "Trần Thị Bình")
    make_member(personas.tree.b1, "Phạm Văn Cường")
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1)
    actions.record_attendance(
        actor=personas.branch_officer, meeting_id=meeting.pk, member_id=binh.pk, status="present"
    )
    return hold(personas.branch_officer, meeting)


def _write(actor, meeting):
    return actions.save_minutes(
        actor=actor,
        meeting_id=meeting.pk,
        content="Đánh giá kết quả tháng",
        opinions="Đồng chí Bình: đề nghị bổ sung",
        conclusions="Thống nhất nghị quyết tháng",
        votes=[{"title": "Nghị quyết tháng", "votes_for": 1, "votes_against": 0, "abstain": 0}],
    )


def test_save_minutes_allowed_forbidden_out_of_scope(personas, held):
    minutes = _write(personas.branch_officer, held)
    assert (minutes.version, minutes.expected_count, minutes.present_count) == (1, 2, 1)
    assert minutes.unexcused_count == 1
    _m, user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    with pytest.raises(Forbidden):
        _write(user, held)
    with pytest.raises(NotFound):
        _write(personas.outsider, held)


def test_votes_beyond_those_present_refused(personas, held):
    with pytest.raises(ValidationFailed):
        actions.save_minutes(
            actor=personas.branch_officer,
            meeting_id=held.pk,
            votes=[{"title": "NQ", "votes_for": 5, "votes_against": 0, "abstain": 0}],
        )


def test_minutes_only_after_the_meeting(personas):
    meeting = plan_meeting(personas.branch_officer, personas.tree.b1)
    with pytest.raises(Conflict):
        _write(personas.branch_officer, meeting)


def test_signed_minutes_are_locked_and_revised_as_a_new_version(personas, held):
    _write(personas.branch_officer, held)
    actions.sign_minutes(actor=personas.branch_officer, meeting_id=held.pk, as_role="secretary")
    with pytest.raises(Conflict) as exc:
        actions.save_minutes(actor=personas.branch_officer, meeting_id=held.pk, content="Sửa")
    assert "đã ký" in exc.value.text()
    with pytest.raises(Conflict):
        actions.sign_minutes(actor=personas.branch_officer, meeting_id=held.pk, as_role="secretary")
    with pytest.raises(ValidationFailed):
        actions.revise_minutes(actor=personas.branch_officer, meeting_id=held.pk, reason=" ")
    v2 = actions.revise_minutes(
        actor=personas.branch_officer, meeting_id=held.pk, reason="Bổ sung ý kiến"
    )
    assert v2.version == 2 and not v2.is_locked and v2.content == "Đánh giá kết quả tháng"
    actions.save_minutes(actor=personas.branch_officer, meeting_id=held.pk, content="Bản sửa")
    v1 = held.minutes.get(version=1)
    assert v1.content == "Đánh giá kết quả tháng" and v1.is_locked
    assert AuditEvent.objects.filter(action="meetings.revise_minutes").count() == 1


def test_only_the_chair_signs_as_chair(personas, held):
    chair, _chair_user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    held.chair = chair
    held.save(update_fields=["chair"])
    _write(personas.branch_officer, held)
    with pytest.raises(Forbidden):
        actions.sign_minutes(actor=personas.branch_officer, meeting_id=held.pk, as_role="chair")
    with pytest.raises(ValidationFailed):
        actions.sign_minutes(actor=personas.branch_officer, meeting_id=held.pk, as_role="boss")


def test_pdf_and_docx_in_party_format(personas, held):
    minutes = _write(personas.branch_officer, held)
    actions.sign_minutes(actor=personas.branch_officer, meeting_id=held.pk, as_role="secretary")
    minutes.refresh_from_db()
    pdf = minutes_pdf(held, minutes)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for needle in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ 1", "ĐẢNG BỘ CÔNG TY A", "BIÊN BẢN"):
        assert needle in text
    assert "Thống nhất nghị quyết tháng" in text
    doc = Document(io.BytesIO(minutes_docx(held, minutes)))
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cells and "CHI BỘ 1" in cells
    body = " ".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN" in body and "Nghị quyết tháng" in body
