"""Motions: voted by show of hands (the counts are entered) or electronically (a poll)."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.congresses import queries as congresses
from chibo.core.errors import Conflict, NotFound, ValidationFailed

from .. import queries
from ..models import Motion, Poll, PollMethod, PollState
from ..rules import MOTION
from .polls import _finish


def create_motion(*, actor: Any, congress_id: int, title: str) -> Motion:
    congress = congresses.get_congress_for_user(actor, congress_id, Perm.ELECTIONS_MANAGE)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationFailed(_("Nhập nội dung biểu quyết."), field="title")
    with transaction.atomic():
        motion = Motion.objects.create(congress=congress, unit=congress.unit, title=title)
        record(
            actor=actor,
            action="elections.create_motion",
            target=motion,
            unit=congress.unit,
            changes={"title": [None, title]},
        )
    return motion


def record_show_of_hands(
    *, actor: Any, motion_id: int, agree: int, disagree: int, abstain: int
) -> Poll:
    """The counts the presidium read out; checked against the delegates present."""
    with transaction.atomic():
        motion = Motion.objects.select_related("congress", "unit").filter(pk=motion_id).first()
        if motion is None:
            raise NotFound(queries.MOTION_NOT_FOUND)
        require(actor, Perm.ELECTIONS_MANAGE, motion.unit, not_found=queries.MOTION_NOT_FOUND)
        if Poll.objects.filter(motion=motion).exclude(state=PollState.VOIDED).exists():
            raise Conflict(_("Nội dung này đã được biểu quyết hoặc đang biểu quyết."))
        if min(agree, disagree, abstain) < 0:
            raise ValidationFailed(_("Số phiếu không được âm."), field="agree")
        poll = Poll.objects.create(
            congress=motion.congress,
            unit=motion.unit,
            session=congresses.current_session(motion.congress),
            motion=motion,
            method=PollMethod.SHOW_OF_HANDS,
            form=MOTION,
            opened_at=timezone.now(),
            opened_by=actor,
        )
        entitled = queries.entitled_delegates(poll).count()
        total = agree + disagree + abstain
        if total > entitled:
            raise ValidationFailed(
                _(
                    "Tổng số biểu quyết (%(total)s) vượt số đại biểu có quyền biểu quyết "
                    "có mặt (%(entitled)s)."
                ),
                field="agree",
                total=total,
                entitled=entitled,
            )
        answers = ["agree"] * agree + ["disagree"] * disagree + ["abstain"] * abstain
        _finish(
            poll,
            actor,
            ballots=[],
            answers=answers,
            entitled=entitled,
            participated=total,
            counted=total,
        )
    return poll
