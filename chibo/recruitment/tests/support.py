"""Helpers of the recruitment tests: a candidate brought to a given step of the pipeline."""

from datetime import date
from typing import Any

from chibo.members.models import Member
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member
from chibo.training.tests.support import finished_course

from .. import actions
from ..models import STEP_ORDER, Candidate, Step

BIRTH = date(1998, 5, 20)
# The dates of each step (all in 2026, before the test day): the decision within 60 working
# days of the branch vote, the ceremony within 30 of receiving the decision.
DATES = {
    Step.AWARENESS_COURSE: date(2026, 1, 12),
    Step.SYMPATHISER: date(2026, 1, 15),
    Step.APPLICATION: date(2026, 3, 2),
    Step.VERIFICATION: date(2026, 4, 1),
    Step.OPINIONS: date(2026, 5, 4),
    Step.BRANCH_VOTE: date(2026, 6, 1),
    Step.GRASSROOTS_RESOLUTION: date(2026, 6, 15),
    Step.DECISION: date(2026, 7, 20),
    Step.CEREMONY: date(2026, 8, 10),
}


def branch_people(unit: OrgUnit) -> list[Member]:
    """Three full members of the branch (a helper and two sponsors)."""
    return [
        make_member(unit, name) for name in ("Nguyễn Văn Giúp", "Trần Thị Giới", "Lê Văn Thiệu")
    ]


def new_candidate(actor: Any, unit: OrgUnit, name: str = "Phạm Minh Ưu", **extra: Any) -> Candidate:
    fields: dict[str, Any] = {
        "gender": "male",
        "birth_date": BIRTH,
        "general_education": "12/12",
        "occupation": "Kỹ sư",
    }
    fields.update(extra)
    return actions.create_candidate(actor=actor, unit=unit, full_name=name, **fields)


def step_fields(
    step: str, candidate: Candidate, people: list[Member], certificate: str
) -> dict[str, Any]:
    if step == Step.AWARENESS_COURSE:
        return {"certificate_number": certificate}
    if step == Step.SYMPATHISER:
        return {"helper": people[0]}
    if step == Step.APPLICATION:
        return {
            "sponsors": [
                actions.SponsorIn(people[1], date(2024, 1, 1)),
                actions.SponsorIn(people[2], date(2024, 6, 1)),
            ]
        }
    if step == Step.BRANCH_VOTE:
        return {"votes_for": 4, "votes_of": 4}
    if step == Step.GRASSROOTS_RESOLUTION:
        return {"votes_for": 5, "votes_of": 7}
    if step == Step.DECISION:
        return {
            "document_number": "125-QĐ/ĐU",
            "deciding_body": "Đảng ủy Phường Sài Gòn",
            "received_on": date(2026, 7, 22),
        }
    return {}


def bring_to(
    actor: Any,
    training_actor: Any,
    unit: OrgUnit,
    upto: str | None,
    *,
    name: str = "Phạm Minh Ưu",
    people: list[Member] | None = None,
    **extra: Any,
) -> tuple[Candidate, list[Member], str]:
    """A candidate of `unit` with every step up to `upto` (included) done on DATES; returns the
    candidate, the branch's three full members and the awareness certificate's number."""
    people = people if people is not None else branch_people(unit)
    candidate = new_candidate(actor, unit, name, **extra)
    _course, issued = finished_course(
        training_actor,
        OrgUnit.objects.get_parent(unit),
        [(name, candidate.birth_date, unit)],
        title=f"Lớp nhận thức về Đảng {name}",
    )
    number = issued[0].number
    if upto is None:
        return candidate, people, number
    for step in STEP_ORDER[: STEP_ORDER.index(upto) + 1]:
        actions.record_step(
            actor=actor,
            candidate=candidate,
            step=step,
            done_on=DATES[Step(step)],
            **step_fields(step, candidate, people, number),
        )
    candidate.refresh_from_db()
    return candidate, people, number
