"""Writes about duplicate members: flag a pair, decide it, merge two records, undo a merge."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import ValidationFailed
from chibo.members.models import Member

from ..models.duplicates import DuplicatePair, PairStatus
from . import FLAG_THRESHOLD, REVIEW_THRESHOLD


def status_for(probability: float) -> PairStatus:
    return PairStatus.FLAGGED if probability >= FLAG_THRESHOLD else PairStatus.REVIEW


def _ordered(left: Member, right: Member) -> tuple[Member, Member]:
    if left.pk == right.pk:
        raise ValidationFailed(_("Không thể ghép một hồ sơ với chính nó."))
    return (left, right) if left.pk < right.pk else (right, left)


def flag_duplicate_pair(
    *,
    actor: Any,
    left: Member,
    right: Member,
    probability: float,
    reason: dict[str, Any],
) -> DuplicatePair:
    """Record that two members may be the same person (the importer calls it with probability 1
    for a shared card number or citizen ID). An existing open pair keeps the higher probability;
    a pair a person already decided stays decided."""
    require(actor, Perm.DATA_QUALITY_MANAGE, left.unit)
    require(actor, Perm.DATA_QUALITY_MANAGE, right.unit)
    if not 0.0 <= probability <= 1.0:
        raise ValidationFailed(_("Xác suất phải từ 0 đến 1."), field="probability")
    if probability < REVIEW_THRESHOLD:
        raise ValidationFailed(_("Xác suất quá thấp để ghi nhận nghi trùng."), field="probability")
    left, right = _ordered(left, right)
    with transaction.atomic():
        pair, created = DuplicatePair.objects.select_for_update().get_or_create(
            left=left,
            right=right,
            defaults={
                "match_probability": probability,
                "reason": reason,
                "status": status_for(probability),
            },
        )
        if not created:
            if pair.status not in (PairStatus.FLAGGED, PairStatus.REVIEW):
                return pair
            if probability > pair.match_probability:
                pair.match_probability = probability
                pair.status = status_for(probability)
            pair.reason = {**pair.reason, **reason}
            pair.save(update_fields=["match_probability", "status", "reason"])
        record(
            actor=actor,
            action="data_quality.flag_duplicate_pair",
            target=pair,
            unit=left.unit,
            changes={
                "left": left.pk,
                "right": right.pk,
                "match_probability": probability,
                "status": pair.status,
            },
        )
    return pair
