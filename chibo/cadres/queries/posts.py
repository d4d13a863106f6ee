"""Reads of posts and their holders: a unit's posts for a term, a post's history, a person's
posts (the member record's section)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    can,
    find_unit,
    get_for_user,
    in_scope,
    is_self,
    require,
    scope_with_ancestors,
)
from chibo.access.roles import Perm
from chibo.core.errors import NotFound, ValidationFailed
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import AppointmentProposal, Incumbency, Post, ProposalStatus
from ..rules import IncumbentWarning, incumbent_warnings, posts_for, rules_on
from .common import Term, log_read


@dataclass
class PostView:
    post: Post
    holders: list[Incumbency]
    past: list[Incumbency]
    warnings: dict[int, list[IncumbentWarning]] = field(default_factory=dict)
    proposals: list[AppointmentProposal] = field(default_factory=list)


def consecutive_terms(rows: list[Incumbency], *, before: int) -> int:
    """Terms held back to back up to the term starting `before` (rows of one post kind at one
    unit, any terms)."""
    spans = sorted(
        {(r.post.term_start, r.post.term_end) for r in rows if r.post.term_start < before}
    )
    count, expect = 0, before
    for start, end in reversed(spans):
        if end != expect:
            break
        count, expect = count + 1, start
    return count


def unit_posts(
    user: Any, unit: OrgUnit, term: Term | None, *, today: date | None = None
) -> list[PostView]:
    """The unit's posts for the term with today's holders, the earlier holders of the term, the
    warnings ahead (retirement age, a secretary's term limit) and the open proposals."""
    require(user, Perm.CADRES_VIEW, unit)
    log_read(user, unit, unit, "posts")
    if term is None:
        return []
    today = today or timezone.localdate()
    rule = rules_on(today)
    posts = list(Post.objects.filter(unit=unit, term_start=term.start).select_related("unit"))
    order = {k: i for i, k in enumerate(posts_for(unit.kind))}
    posts.sort(key=lambda p: order.get(p.kind, 99))
    rows = list(
        Incumbency.objects.filter(post__in=posts)
        .select_related("member", "post")
        .order_by("start_on", "pk")
    )
    held_before = list(
        Incumbency.objects.filter(
            post__unit=unit, post__kind="secretary", member_id__in={r.member_id for r in rows}
        ).select_related("post")
    )
    proposals = list(
        AppointmentProposal.objects.filter(post__in=posts, status=ProposalStatus.OPEN)
        .select_related("member")
        .prefetch_related("steps")
    )
    views = []
    for post in posts:
        mine = [r for r in rows if r.post_id == post.pk]
        holders = [
            r for r in mine if r.start_on <= today and (r.end_on is None or r.end_on > today)
        ]
        view = PostView(post, holders, [r for r in mine if r not in holders])
        view.proposals = [p for p in proposals if p.post_id == post.pk]
        for r in holders:
            earlier = consecutive_terms(
                [h for h in held_before if h.member_id == r.member_id], before=post.term_start
            )
            view.warnings[r.pk] = incumbent_warnings(
                birth_date=r.member.birth_date,
                gender=r.member.gender,
                post_kind=post.kind,
                consecutive_terms=earlier,
                term_end=date(post.term_end, post.term_starts_on.month, post.term_starts_on.day),
                today=today,
                rule=rule,
            )
        views.append(view)
    return views


def get_post_for_user(user: Any, pk: Any, perm: Perm = Perm.CADRES_VIEW) -> Post:
    return get_for_user(
        user,
        Post.objects.select_related("unit"),
        pk,
        perm,
        not_found=_("Không tìm thấy chức vụ."),
    )


def post_history(user: Any, post: Post) -> QuerySet[Incumbency]:
    """Every holder of the post's kind at its unit, across terms (history per post)."""
    require(user, Perm.CADRES_VIEW, post.unit)
    log_read(user, post, post.unit, "post history")
    return (
        Incumbency.objects.filter(post__unit=post.unit, post__kind=post.kind)
        .select_related("member", "post")
        .order_by("-start_on", "-pk")
    )


def get_proposal_for_user(user: Any, pk: Any, perm: Perm = Perm.CADRES_VIEW) -> AppointmentProposal:
    return get_for_user(
        user,
        AppointmentProposal.objects.select_related("post__unit", "member"),
        pk,
        perm,
        via="post__unit",
        not_found=_("Không tìm thấy đề xuất."),
    )


def person_posts(user: Any, member_pk: Any) -> tuple[Member, list[Incumbency]]:
    """A person's party posts (history per person): the member themselves sees all of theirs;
    cadres.view over the member's unit sees the posts held in units in reach or above it. 404
    for anyone else who cannot see the record, 403 for a reader of the record without
    cadres.view."""
    try:
        member = Member.objects.select_related("unit").filter(pk=int(member_pk)).first()
    except (TypeError, ValueError, OverflowError):
        member = None
    if member is None:
        raise NotFound(_("Không tìm thấy đảng viên."))
    rows = Incumbency.objects.filter(member=member).select_related("post__unit")
    if is_self(user, member):
        return member, list(rows.order_by("-start_on"))
    require(user, Perm.CADRES_VIEW, member.unit, not_found=_("Không tìm thấy đảng viên."))
    log_read(user, member, member.unit, "party posts of a member")
    visible = scope_with_ancestors(user, rows, via="post__unit", perm=Perm.CADRES_VIEW)
    return member, list(visible.order_by("-start_on"))


def may_manage(user: Any, unit: OrgUnit) -> bool:
    return can(user, Perm.CADRES_MANAGE, unit)


def may_decide(user: Any, unit: OrgUnit) -> bool:
    return can(user, Perm.CADRES_DECIDE, unit)


MEMBER_CHOICES_LIMIT = 2000


def member_choices(user: Any, unit: OrgUnit) -> list[tuple[int, str]]:
    """Active members of the unit's subtree for a form's select (name · branch), for those who
    manage cadres there."""
    require(user, Perm.CADRES_VIEW, unit)
    rows = (
        Member.objects.active()
        .filter(unit__path__startswith=unit.path)
        .select_related("unit")
        .order_by("sort_name", "pk")[:MEMBER_CHOICES_LIMIT]
    )
    return [(m.pk, f"{m.full_name} · {m.unit.name}") for m in rows]


def get_holding_for_user(user: Any, pk: Any, perm: Perm = Perm.CADRES_VIEW) -> Incumbency:
    return get_for_user(
        user,
        Incumbency.objects.select_related("post__unit", "member"),
        pk,
        perm,
        via="post__unit",
        not_found=_("Không tìm thấy."),
    )


def unit_named(user: Any, code: str, field_name: str) -> OrgUnit:
    """A unit typed in a form by its code, among those the user sees cadre records of; an unknown
    code is a typo of the form (400), not a page out of reach."""
    unit = find_unit(code)
    if unit is None or not in_scope(user, unit):
        raise ValidationFailed(_("Không tìm thấy đơn vị %(code)s."), field=field_name, code=code)
    return unit


def remind_days(today: date) -> int:
    return rules_on(today).rotation_remind_days


def post_of(unit: OrgUnit, kind: str, term_start: int | None, on: date) -> Post:
    """The unit's post of `kind` for the term given, or the term in force on `on` (the caller
    has checked the user's access to the unit)."""
    rows = Post.objects.select_related("unit").filter(unit=unit, kind=kind)
    if term_start is not None:
        post = rows.filter(term_start=term_start).first()
    else:
        post = (
            rows.filter(term_start__lte=on.year, term_end__gt=on.year)
            .order_by("-term_start")
            .first()
        )
    if post is None:
        raise ValidationFailed(
            _("Đơn vị chưa có chức vụ này cho nhiệm kỳ (ghi số lượng trước)."), field="post"
        )
    return post
