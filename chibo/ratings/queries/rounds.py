"""Rounds and the ratings in them, as the user may see them (access.policy, field rule RATING)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    Sensitive,
    can,
    get_for_user,
    in_scope,
    is_self,
    member_of,
    reaches,
    reveal,
    scope,
    scope_with_ancestors,
    unit_for_user,
)
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.org.models import OrgUnit

from ..models import Rating, RatingRound, RoundStatus, Stage, SubjectKind
from ..rules import LEVEL_ORDER, LEVEL_RULES, period_end

NOT_FOUND_ROUND = _("Không tìm thấy đợt đánh giá.")
NOT_FOUND_RATING = _("Không tìm thấy phiếu đánh giá.")


def get_unit(user: Any, code: str, perm: Perm = Perm.RATINGS_VIEW) -> OrgUnit:
    return unit_for_user(user, code, perm)


def rounds_for(user: Any, unit: OrgUnit) -> QuerySet[RatingRound]:
    """Rounds run by the unit, by units under it, and by committees above it (whose round
    covers its members)."""
    rows = scope_with_ancestors(
        user, RatingRound.objects.select_related("unit"), via="unit", perm=Perm.RATINGS_VIEW
    )
    return rows.filter(
        Q(unit__path__startswith=unit.path) | Q(unit__path__in=unit.ancestor_paths())
    ).order_by("-year", "-quarter", "kind", "unit__path")


def get_round_for_user(user: Any, pk: Any, perm: Perm = Perm.RATINGS_VIEW) -> RatingRound:
    return get_for_user(
        user,
        RatingRound.objects.select_related("unit"),
        pk,
        perm,
        with_ancestors=True,
        not_found=NOT_FOUND_ROUND,
    )


def ratings_in_round(user: Any, rnd: RatingRound) -> QuerySet[Rating]:
    """The round's ratings inside the user's reach (a branch secretary sees their branch)."""
    rows = Rating.objects.filter(round=rnd).select_related("member", "organisation", "unit")
    return scope(user, rows, via="unit", perm=Perm.RATINGS_VIEW).order_by(
        "unit__path", "member__sort_name", "organisation__sort_name"
    )


def revealed(user: Any, ratings: list[Rating], *, reason: str) -> set[int]:
    """The pks of member ratings whose results the user may read (each read by another person
    logged, Sensitive.RATING); organisations' ratings are not personal data."""
    members = [r for r in ratings if r.kind == SubjectKind.MEMBER]
    shown = reveal(
        user,
        Sensitive.RATING,
        members,
        reason=reason,
        unit_of=lambda r: r.unit,
        owner_of=lambda r: r.member.user_id,
    )
    return shown | {r.pk for r in ratings if r.kind == SubjectKind.ORGANISATION}


def get_rating_for_user(user: Any, pk: Any) -> Rating:
    """One rating: the member's own, or one in reach with ratings.view_records (the read is
    logged). 404 outside reach, 403 in reach without the right."""
    rows = Rating.objects.select_related("round__unit", "unit", "member", "organisation")
    rating = rows.filter(pk=pk).first() if str(pk).isdigit() else None
    if rating is None:
        raise NotFound(NOT_FOUND_RATING)
    if rating.member_id and is_self(user, rating.member):
        return rating
    rating = get_for_user(user, rows, pk, Perm.RATINGS_VIEW, not_found=NOT_FOUND_RATING)
    revealed(user, [rating], reason="rating detail")
    return rating


@dataclass(frozen=True)
class RoundSummary:
    total: int
    by_stage: dict[str, int]
    by_level: dict[str, int]


def summary(ratings: QuerySet[Rating]) -> RoundSummary:
    stages = dict(
        ratings.order_by().values_list("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    levels = dict(
        ratings.filter(stage=Stage.DECIDED)
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    return RoundSummary(
        total=sum(stages.values()),
        by_stage={s.value: stages.get(s.value, 0) for s in Stage},
        by_level={lvl.value: levels.get(lvl.value, 0) for lvl in LEVEL_ORDER},
    )


def level_rules_of(rnd: RatingRound) -> Any:
    return LEVEL_RULES.rule_on(period_end(rnd.year, rnd.quarter))


def may_decide(user: Any, rnd: RatingRound) -> bool:
    return can(user, Perm.RATINGS_DECIDE, rnd.unit)


def may_manage(user: Any, rnd: RatingRound) -> bool:
    return can(user, Perm.RATINGS_MANAGE, rnd.unit)


def my_self_assessments(user: Any) -> QuerySet[Rating]:
    """The user's own ratings in open rounds still waiting for their self-assessment."""
    member = member_of(user)
    if member is None:
        return Rating.objects.none()
    return Rating.objects.filter(
        member=member, round__status=RoundStatus.OPEN, stage=Stage.PENDING
    ).select_related("round__unit")


def awaiting_branch(user: Any) -> QuerySet[Rating]:
    """Open-round ratings of members of the branches whose committee the user sits on, not yet
    assessed by the branch."""
    units = [r.unit_id for r in reaches(user) if Perm.RATINGS_MANAGE in r.perms]
    if not units:
        return Rating.objects.none()
    branch_paths = OrgUnit.objects.filter(pk__in=units, kind__in=("branch", "grassroots_branch"))
    q = Q()
    for path in branch_paths.values_list("path", flat=True):
        q |= Q(unit__path__startswith=path)
    if not q:
        return Rating.objects.none()
    return (
        Rating.objects.filter(q, round__status=RoundStatus.OPEN, kind=SubjectKind.MEMBER)
        .filter(stage__in=(Stage.PENDING, Stage.SELF))
        .select_related("round__unit", "member", "unit")
    )


def awaiting_decision(user: Any) -> QuerySet[RatingRound]:
    """Open rounds the user's committee decides, with how many ratings wait for a decision."""
    rows = scope(
        user, RatingRound.objects.filter(status=RoundStatus.OPEN), perm=Perm.RATINGS_DECIDE
    )
    return rows.annotate(
        waiting=Count("ratings", filter=Q(ratings__stage=Stage.BRANCH))
    ).select_related("unit")


def rating_id_in_round(
    user: Any, round_id: int, *, rating_id: int | None = None, member_id: int | None = None
) -> int:
    """The id of a rating of the round (by its id or its member's), for an assessment: 404 when
    absent or neither in the user's reach nor the user's own. The action authorises the step."""
    rows = Rating.objects.filter(round_id=round_id).select_related("unit", "member")
    if rating_id is not None:
        rows = rows.filter(pk=rating_id)
    elif member_id is not None:
        rows = rows.filter(member_id=member_id)
    else:
        raise NotFound(NOT_FOUND_RATING)
    rating = rows.first()
    if rating is None:
        raise NotFound(NOT_FOUND_RATING)
    own = rating.member_id is not None and is_self(user, rating.member)
    if not own and not in_scope(user, rating.unit):
        raise NotFound(NOT_FOUND_RATING)
    return rating.pk
