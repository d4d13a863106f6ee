"""Courses through the actions: bad input, attendance and grades, numbered certificates,
the theory level raised through the member actions, verification by number, rules pinned."""

from datetime import date
from decimal import Decimal

import pytest

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.members.models import MemberStatus
from chibo.testing.personas import make_member

from .. import actions, queries, rules
from ..models import Certificate, Course
from .support import finished_course

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 2)


def _course(personas, **over):
    fields = {
        "unit": personas.tree.p1,
        "kind": "theory_elementary",
        "title": "Sơ cấp lý luận chính trị khóa 3",
        "mode": "in_person",
        "place": "Trung tâm chính trị",
        "starts_on": date(2026, 3, 2),
        "ends_on": date(2026, 3, 27),
    }
    fields.update(over)
    return actions.create_course(actor=personas.hq_admin, **fields)


def test_rules_pinned():
    levels = rules.THEORY_LEVELS.rule_on(ON)
    assert levels.levels["theory_elementary"] == "elementary"
    assert "QĐ 57-QĐ/TW" in levels.source and levels.valid_from == date(2022, 2, 8)
    assert rules.theory_level_of("awareness", ON) is None
    assert rules.NEW_MEMBER_COURSE.rule_on(date(2025, 6, 30)).valid_to == date(2025, 7, 1)
    new = rules.NEW_MEMBER_COURSE.rule_on(date(2025, 7, 1))
    assert "QĐ 294-QĐ/TW" in new.source and new.within_months == 12
    completion = rules.COMPLETION.rule_on(ON)
    assert completion.min_attendance == 80 and completion.pass_grade == Decimal(5)
    assert "[chưa xác nhận]" in completion.source
    assert rules.AWARENESS_VALIDITY.rule_on(ON).months == 60
    assert rules.completes(present=4, sessions=5, grade=Decimal(5), quiz_passed=None, on=ON)
    assert not rules.completes(present=3, sessions=5, grade=Decimal(9), quiz_passed=None, on=ON)
    assert not rules.completes(
        present=5, sessions=5, grade=Decimal("4.99"), quiz_passed=None, on=ON
    )
    assert not rules.completes(present=5, sessions=5, grade=Decimal(9), quiz_passed=False, on=ON)
    assert rules.certificate_number("P1", 2026, 7) == "GCN-P1-2026-0007"


def test_course_input_checked(personas):
    with pytest.raises(ValidationFailed):
        _course(personas, ends_on=date(2026, 3, 1))
    with pytest.raises(ValidationFailed) as exc:
        _course(personas, mode="online", place="")
    assert exc.value.field == "video_url"
    with pytest.raises(ValidationFailed):
        _course(personas, mode="online", video_url="javascript:alert(1)")
    with pytest.raises(ValidationFailed):
        _course(personas, place="")
    online = _course(personas, mode="online", place="", video_url="https://meet.example.vn/x")
    assert online.mode == "online"
    with pytest.raises(Forbidden):
        _course_as(personas.branch_officer, personas.tree.b1)
    with pytest.raises(NotFound):
        _course_as(personas.outsider, personas.tree.p1)
    assert Course.objects.count() == 1


def _course_as(actor, unit):
    return actions.create_course(
        actor=actor,
        unit=unit,
        kind="thematic",
        title="Chuyên đề",
        mode="in_person",
        place="Hội trường",
        starts_on=ON,
        ends_on=ON,
    )


def test_session_outside_the_course_refused(personas):
    course = _course(personas)
    with pytest.raises(ValidationFailed):
        actions.add_session(
            actor=personas.hq_admin, course=course, held_on=date(2026, 4, 1), topic="Bài 1"
        )


def test_finish_issues_numbered_certificates_and_raises_the_theory_level(personas):
    course = _course(personas)
    s1 = actions.add_session(actor=personas.hq_admin, course=course, held_on=ON, topic="Bài 1")
    s2 = actions.add_session(
        actor=personas.hq_admin, course=course, held_on=date(2026, 3, 3), topic="Bài 2"
    )
    actions.add_teacher(actor=personas.hq_admin, course=course, full_name="TS. Lê Giảng")
    good = make_member(personas.tree.b1, "Ngô Văn Học")
    absent = make_member(personas.tree.b2, "Mai Thị Vắng")
    low = make_member(personas.tree.b1, "Trịnh Văn Thấp")
    rows = {
        m.pk: actions.enrol_member(actor=personas.hq_admin, course=course, member=m)
        for m in (good, absent, low)
    }
    with pytest.raises(Conflict):
        actions.enrol_member(actor=personas.hq_admin, course=course, member=good)
    everyone = {e.pk for e in rows.values()}
    actions.record_attendance(actor=personas.hq_admin, session=s1, present_ids=everyone)
    actions.record_attendance(
        actor=personas.hq_admin, session=s2, present_ids=everyone - {rows[absent.pk].pk}
    )
    with pytest.raises(ValidationFailed):
        actions.record_grades(actor=personas.hq_admin, course=course, grades={999999: Decimal(5)})
    actions.record_grades(
        actor=personas.hq_admin,
        course=course,
        grades={
            rows[good.pk].pk: Decimal(8),
            rows[absent.pk].pk: Decimal(9),
            rows[low.pk].pk: Decimal(4),
        },
    )
    issued = actions.finish_course(
        actor=personas.hq_admin, course=course, finished_on=date(2026, 3, 27)
    )
    assert [c.full_name for c in issued] == ["Ngô Văn Học"]
    assert issued[0].number == "GCN-P1-2026-0001"
    good.refresh_from_db()
    low.refresh_from_db()
    assert good.theory_level == "elementary" and low.theory_level == ""
    assert AuditEvent.objects.filter(
        action="members.update_member", target_id=str(good.pk)
    ).exists()
    with pytest.raises(Conflict):
        actions.finish_course(actor=personas.hq_admin, course=course, finished_on=date(2026, 3, 27))
    # the next course of the same unit and year continues the sequence
    _c, more = finished_course(
        personas.hq_admin,
        personas.tree.p1,
        [("Quần Chúng Một", date(2000, 1, 1), personas.tree.b1)],
        starts_on=date(2026, 5, 4),
    )
    assert more[0].number == "GCN-P1-2026-0002"
    sheet_sessions, sheet = queries.course_sheet(course)
    assert len(sheet_sessions) == 2 and {r.percent for r in sheet} == {100, 50}


def test_finish_refused_without_sessions_or_in_the_future(personas):
    course = _course(personas)
    with pytest.raises(Conflict):
        actions.finish_course(actor=personas.hq_admin, course=course, finished_on=ON)
    with pytest.raises(ValidationFailed):
        actions.finish_course(actor=personas.hq_admin, course=course, finished_on=date(2099, 1, 1))


def test_verify_by_number_shows_only_name_course_date(personas):
    _course_row, issued = finished_course(
        personas.hq_admin, personas.tree.p1, [("Lý Thị Chứng", date(2001, 2, 3), personas.tree.b1)]
    )
    found = queries.verify_certificate(issued[0].number.lower())
    assert found.full_name == "Lý Thị Chứng" and found.issued_on == date(2026, 1, 9)
    assert not hasattr(found, "birth_date")
    with pytest.raises(NotFound):
        queries.verify_certificate("GCN-P1-2026-9999")
    with pytest.raises(NotFound):
        queries.verify_certificate("")


def test_member_certificates_section_access(personas):
    member = make_member(personas.tree.b1, "Cao Văn Mới", MemberStatus.PROBATIONARY)
    course = _course(personas, kind="new_member", title="Bồi dưỡng đảng viên mới")
    actions.enrol_member(actor=personas.hq_admin, course=course, member=member)
    _m, rows = queries.member_certificates(personas.branch_officer, member.pk)
    assert rows == []
    with pytest.raises(NotFound):
        queries.member_certificates(personas.outsider, member.pk)
    needs = {
        n.key: n for n in queries.needs_of(personas.leader, personas.tree.p1, date(2026, 12, 4))
    }
    assert "Cao Văn Mới" in [i.full_name for i in needs["training.new_members"].items]
    assert Certificate.objects.count() == 0
