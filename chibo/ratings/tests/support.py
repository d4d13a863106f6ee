"""Helpers of the ratings tests: a round over G1's members, assessments through the actions."""

from datetime import date
from typing import Any

from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.members.models import Member
from chibo.org.models import OrgUnit
from chibo.testing.personas import Personas, make_member, make_user

from ..actions.assessments import assess_rating
from ..actions.rounds import open_round
from ..models import Rating, RatingRound
from ..rules import LEVEL_RULES, Conditions, highest_level, period_end

OPENED = date(2025, 12, 1)
DAY = date(2025, 12, 10)
EXCELLENT_CONDITIONS = {"tasks_on_time": True, "exceeding_percent": 40, "shortcomings_fixed": True}
GOOD_CONDITIONS = {"tasks_on_time": True, "exceeding_percent": 0, "shortcomings_fixed": True}


def member_with_login(unit: OrgUnit, name: str, username: str) -> tuple[Member, Any]:
    user = make_user(username)
    Grant.objects.create(user=user, unit=unit, role=Role.MEMBER)
    member = make_member(unit, name, user=user)
    return member, user


def open_p1_round(p: Personas, year: int = 2025, kind: str = "member", **kw: Any) -> RatingRound:
    return open_round(actor=p.hq_admin, unit=p.tree.p1, year=year, kind=kind, on=OPENED, **kw)


def rating_of(rnd: RatingRound, member: Member) -> Rating:
    return Rating.objects.get(round=rnd, member=member)


def decide(
    p: Personas, rating: Rating, score: int, conditions: dict[str, Any], level: str = ""
) -> None:
    """Branch assessment by B1's secretary (or a secretary made for the rating's branch), then
    the committee's decision by P1's leader."""
    secretary = p.branch_officer if rating.unit == p.tree.b1 else _secretary(rating.unit)
    for actor, stage in ((secretary, "branch_assessment"), (p.leader, "committee_decision")):
        assess_rating(
            actor=actor,
            rating_id=rating.pk,
            stage=stage,
            on=DAY,
            score=score,
            conditions=conditions,
            level=level or _level(rating, score, conditions),
        )


def _level(rating: Rating, score: int, conditions: dict[str, Any]) -> str:
    rules = LEVEL_RULES.rule_on(period_end(rating.year, rating.quarter))
    return str(highest_level(rules, rating.kind, score, Conditions.from_dict(conditions)).level)


def _secretary(unit: OrgUnit) -> Any:
    name = f"secretary_{unit.code.lower()}"
    user = User.objects.filter(username=name).first()
    if user is None:
        user = make_user(name)
        Grant.objects.create(user=user, unit=unit, role=Role.BRANCH_SECRETARY)
    return user
