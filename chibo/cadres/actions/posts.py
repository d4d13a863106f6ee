"""Writes of posts and their holders: the seats of a term, appointments (election results,
appointments, "kiện toàn" of a vacant seat), the end of a holding, and the caches they keep."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import diff, record, snapshot
from chibo.core.errors import Conflict, ValidationFailed
from chibo.org.models import OrgUnit

from ..models import EndReason, HowFilled, Incumbency, Post, PostKind
from ..rules import DECISION_SOURCE, POSTS_SOURCE, SEATS_SOURCE, SINGLE_SEAT_POSTS, posts_for
from .common import clean_text, in_subtree, member_or_refuse, not_future, require_decision

POST_FIELDS = ["seats", "seats_decision", "seats_decided_by", "term_end", "term_starts_on"]
MAX_SEATS = 80


def define_post(
    *,
    actor: Any,
    unit: OrgUnit,
    kind: str,
    term_start: int,
    term_end: int,
    term_starts_on: date,
    seats: int,
    seats_decision: str,
    seats_decided_by: str,
) -> Post:
    """The post `kind` of `unit` for the term, with the seats the competent body decided; a
    later decision for the same term changes the seats (audited)."""
    require(actor, Perm.CADRES_MANAGE, unit)
    if kind not in PostKind.values or kind not in posts_for(unit.kind):
        raise ValidationFailed(
            _("Đơn vị loại này không có chức vụ đó (%(source)s)."),
            field="kind",
            source=POSTS_SOURCE,
        )
    if not term_start < term_end <= term_start + 10:
        raise ValidationFailed(_("Nhiệm kỳ không hợp lệ."), field="term_end")
    if term_starts_on.year != term_start:
        raise ValidationFailed(
            _("Ngày bắt đầu nhiệm kỳ phải thuộc năm %(year)s."),
            field="term_starts_on",
            year=term_start,
        )
    if not 1 <= seats <= MAX_SEATS:
        raise ValidationFailed(_("Số lượng phải từ 1 đến %(n)s."), field="seats", n=MAX_SEATS)
    if kind in SINGLE_SEAT_POSTS and seats != 1:
        raise ValidationFailed(
            _("Chức vụ này chỉ có một người (%(source)s)."), field="seats", source=POSTS_SOURCE
        )
    decision, body = require_decision(seats_decision, seats_decided_by, SEATS_SOURCE)
    with transaction.atomic():
        post = (
            Post.objects.select_for_update()
            .filter(unit=unit, term_start=term_start, kind=kind)
            .first()
        )
        if post is not None and post.seats > seats and post.filled > seats:
            raise Conflict(
                _("Đang có %(n)s người giữ chức vụ này, nhiều hơn số lượng mới."), n=post.filled
            )
        before = snapshot(post, POST_FIELDS) if post else {}
        if post is None:
            post = Post(unit=unit, kind=kind, term_start=term_start, created_by=actor)
        post.term_end, post.term_starts_on, post.seats = term_end, term_starts_on, seats
        post.seats_decision, post.seats_decided_by = decision, body
        post.save()
        refresh_post(post)
        record(
            actor=actor,
            action="cadres.define_post",
            target=post,
            unit=unit,
            changes=diff(before, snapshot(post, POST_FIELDS)),
        )
    return post


def _holders_on(rows: list[Incumbency], day: date) -> int:
    return sum(1 for r in rows if r.start_on <= day and (r.end_on is None or day < r.end_on))


def vacancy_of(post: Post, rows: list[Incumbency], today: date) -> tuple[int, date | None]:
    """(holders today, the day since which the post has had fewer holders than seats)."""
    filled = _holders_on(rows, today)
    if filled >= post.seats or today < post.term_starts_on:
        return filled, None
    points = {post.term_starts_on}
    points |= {r.start_on for r in rows} | {r.end_on for r in rows if r.end_on}
    for point in sorted((p for p in points if post.term_starts_on <= p <= today), reverse=True):
        if point == post.term_starts_on:
            return filled, point
        if _holders_on(rows, point - timedelta(days=1)) >= post.seats:
            return filled, point
    return filled, post.term_starts_on


def refresh_post(post: Post, today: date | None = None) -> None:
    """Rewrite the post's caches from its holdings (inside the caller's transaction)."""
    rows = list(post.incumbencies.all())
    post.filled, post.vacant_since = vacancy_of(post, rows, today or timezone.localdate())
    Post.objects.filter(pk=post.pk).update(filled=post.filled, vacant_since=post.vacant_since)


def _max_overlap(rows: list[Incumbency], start: date, end: date | None) -> tuple[int, date]:
    """The most holders on any day of [start, end) and the first such day."""
    days = {start} | {
        r.start_on for r in rows if r.start_on >= start and (end is None or r.start_on < end)
    }
    best, when = 0, start
    for day in sorted(days):
        n = _holders_on(rows, day)
        if n > best:
            best, when = n, day
    return best, when


def appoint_to_post(
    *,
    actor: Any,
    post: Post,
    member_id: int,
    how: str,
    start_on: date,
    decision_number: str,
    deciding_body: str,
    decided_on: date,
    proposal: Any = None,
    today: date | None = None,
) -> Incumbency:
    """`member` holds `post` from `start_on` by the decision given (a congress's result, the
    committee's election or an appointment); a "kiện toàn" closes a vacancy."""
    require(actor, Perm.CADRES_MANAGE, post.unit)
    today = today or timezone.localdate()
    number, body = require_decision(decision_number, deciding_body, DECISION_SOURCE)
    if how not in HowFilled.values:
        raise ValidationFailed(_("Hình thức không hợp lệ."), field="how")
    member = member_or_refuse(member_id)
    if member.status not in ("probationary", "full") or not in_subtree(member, post.unit):
        raise ValidationFailed(
            _(
                "Người giữ chức vụ phải là đảng viên đang sinh hoạt trong đảng bộ, chi bộ "
                "%(unit)s (%(source)s)."
            ),
            field="member",
            unit=post.unit.name,
            source=POSTS_SOURCE,
        )
    not_future(start_on, today, "start_on")
    not_future(decided_on, today, "decided_on")
    if decided_on > start_on:
        raise ValidationFailed(
            _("Ngày quyết định phải trước hoặc bằng ngày bắt đầu giữ chức."), field="decided_on"
        )
    if start_on < post.term_starts_on or start_on.year >= post.term_end:
        raise ValidationFailed(
            _("Ngày bắt đầu phải trong nhiệm kỳ %(start)s-%(end)s."),
            field="start_on",
            start=post.term_start,
            end=post.term_end,
        )
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("unit").get(pk=post.pk)
        rows = list(post.incumbencies.all())
        if any(
            r.member_id == member.pk and (r.end_on is None or r.end_on > start_on) for r in rows
        ):
            raise Conflict(_("Người này đang giữ chức vụ này."))
        most, when = _max_overlap(rows, start_on, None)
        if most >= post.seats:
            raise ValidationFailed(
                _(
                    "Ngày %(day)s chức vụ %(post)s đã đủ %(seats)s người theo %(decision)s "
                    "(%(body)s): cần ghi nhận người trước thôi giữ chức trước."
                ),
                field="start_on",
                day=f"{when:%d/%m/%Y}",
                post=post.get_kind_display(),
                seats=post.seats,
                decision=post.seats_decision,
                body=post.seats_decided_by,
            )
        holding = Incumbency.objects.create(
            post=post,
            member=member,
            how=how,
            start_on=start_on,
            decision_number=number,
            deciding_body=body,
            decided_on=decided_on,
            proposal=proposal,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        refresh_post(post, today)
        record(
            actor=actor,
            action="cadres.appoint_to_post",
            target=holding,
            unit=post.unit,
            changes={
                "post": post.kind,
                "member": member.pk,
                "how": how,
                "start_on": start_on,
                "decision_number": number,
                "deciding_body": body,
            },
        )
    return holding


def end_incumbency(
    *,
    actor: Any,
    incumbency_id: int,
    end_on: date,
    reason: str,
    decision: str = "",
    today: date | None = None,
) -> Incumbency:
    """The holder left the post on `end_on` (transfer, retirement, death, a merger...)."""
    holding = (
        Incumbency.objects.select_related("post__unit", "member").filter(pk=incumbency_id).first()
    )
    if holding is None:
        raise ValidationFailed(_("Không tìm thấy."), field="incumbency")
    require(actor, Perm.CADRES_MANAGE, holding.post.unit)
    today = today or timezone.localdate()
    if reason not in EndReason.values:
        raise ValidationFailed(_("Lý do không hợp lệ."), field="reason")
    if holding.end_on is not None:
        raise Conflict(_("Người này đã thôi giữ chức vụ."))
    not_future(end_on, today, "end_on")
    if end_on <= holding.start_on:
        raise ValidationFailed(
            _("Ngày thôi giữ chức phải sau ngày bắt đầu (%(day)s)."),
            field="end_on",
            day=f"{holding.start_on:%d/%m/%Y}",
        )
    with transaction.atomic():
        holding.end_on, holding.end_reason = end_on, reason
        holding.end_decision = clean_text(decision, "decision", 80)
        holding.save(update_fields=["end_on", "end_reason", "end_decision"])
        refresh_post(holding.post, today)
        record(
            actor=actor,
            action="cadres.end_incumbency",
            target=holding,
            unit=holding.post.unit,
            changes={"end_on": end_on, "end_reason": reason, "end_decision": holding.end_decision},
        )
    return holding


def recompute_posts(*, actor: Any, unit: OrgUnit, today: date | None = None) -> int:
    """Rebuild the caches of every post in `unit`'s subtree (a day has passed, a holding ending in
    the future came due); returns how many changed."""
    require(actor, Perm.CADRES_MANAGE, unit)
    today = today or timezone.localdate()
    changed = 0
    with transaction.atomic():
        for post in Post.objects.filter(unit__path__startswith=unit.path).prefetch_related(
            "incumbencies"
        ):
            filled, since = vacancy_of(post, list(post.incumbencies.all()), today)
            if (filled, since) != (post.filled, post.vacant_since):
                Post.objects.filter(pk=post.pk).update(filled=filled, vacant_since=since)
                changed += 1
        record(
            actor=actor,
            action="cadres.recompute_posts",
            target=unit,
            unit=unit,
            changes={"changed": changed},
        )
    return changed
