"""Helpers of the training tests: a finished course with its certificates."""

from datetime import date
from decimal import Decimal
from typing import Any

from chibo.org.models import OrgUnit

from .. import actions
from ..models import Certificate, Course


def finished_course(
    actor: Any,
    unit: OrgUnit,
    people: list[tuple[str, date, OrgUnit]],
    *,
    kind: str = "awareness",
    starts_on: date = date(2026, 1, 5),
    title: str = "Lớp bồi dưỡng nhận thức về Đảng khóa 1",
) -> tuple[Course, list[Certificate]]:
    """A course of two sessions at `unit`, everyone in `people` (name, birth, branch) present
    and graded 8, finished on its last day: one certificate each."""
    course = actions.create_course(
        actor=actor,
        unit=unit,
        kind=kind,
        title=title,
        mode="in_person",
        place="Hội trường",
        starts_on=starts_on,
        ends_on=starts_on.replace(day=starts_on.day + 4),
    )
    sessions = [
        actions.add_session(actor=actor, course=course, held_on=starts_on, topic="Chuyên đề 1"),
        actions.add_session(
            actor=actor,
            course=course,
            held_on=starts_on.replace(day=starts_on.day + 1),
            topic="Chuyên đề 2",
        ),
    ]
    enrolments = [
        actions.enrol_person(actor=actor, course=course, full_name=n, birth_date=b, unit=u)
        for n, b, u in people
    ]
    for session in sessions:
        actions.record_attendance(
            actor=actor, session=session, present_ids={e.pk for e in enrolments}
        )
    actions.record_grades(
        actor=actor, course=course, grades={e.pk: Decimal("8") for e in enrolments}
    )
    issued = actions.finish_course(
        actor=actor, course=course, finished_on=starts_on.replace(day=starts_on.day + 4)
    )
    return course, issued
