"""Writes of rotations (luân chuyển): from a unit and post to another, for a period, with a
purpose and the decision; the due end carries the reminder."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.org.models import OrgUnit

from ..models import Rotation
from ..rules import ROTATION_SOURCE
from .common import clean_text, in_subtree, member_or_refuse, require_decision


def record_rotation(
    *,
    actor: Any,
    unit: OrgUnit,
    member_id: int,
    from_unit: OrgUnit,
    from_post: str,
    to_unit: OrgUnit,
    to_post: str,
    start_on: date,
    due_end_on: date,
    purpose: str,
    decision_number: str,
    deciding_body: str,
) -> Rotation:
    """A rotation decided by `unit`'s committee; both ends lie in its subtree."""
    require(actor, Perm.CADRES_MANAGE, unit)
    for end, field in ((from_unit, "from_unit"), (to_unit, "to_unit")):
        if not end.path.startswith(unit.path):
            raise ValidationFailed(
                _("Đơn vị %(name)s không thuộc phạm vi quản lý của %(unit)s (%(source)s)."),
                field=field,
                name=end.name,
                unit=unit.name,
                source=ROTATION_SOURCE,
            )
    if from_unit.pk == to_unit.pk:
        raise ValidationFailed(_("Nơi đến phải khác nơi đi."), field="to_unit")
    if due_end_on <= start_on:
        raise ValidationFailed(
            _("Ngày kết thúc luân chuyển phải sau ngày bắt đầu %(day)s (%(source)s)."),
            field="due_end_on",
            day=f"{start_on:%d/%m/%Y}",
            source=ROTATION_SOURCE,
        )
    member = member_or_refuse(member_id)
    if not in_subtree(member, from_unit):
        raise ValidationFailed(
            _("Người này không sinh hoạt ở %(name)s."), field="member", name=from_unit.name
        )
    number, body = require_decision(decision_number, deciding_body, ROTATION_SOURCE)
    with transaction.atomic():
        rotation = Rotation.objects.create(
            unit=unit,
            member=member,
            from_unit=from_unit,
            from_post=clean_text(from_post, "from_post", 120, required=True),
            to_unit=to_unit,
            to_post=clean_text(to_post, "to_post", 120, required=True),
            start_on=start_on,
            due_end_on=due_end_on,
            purpose=clean_text(purpose, "purpose", 255, required=True),
            decision_number=number,
            deciding_body=body,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        record(
            actor=actor,
            action="cadres.record_rotation",
            target=rotation,
            unit=unit,
            changes={
                "member": member.pk,
                "from_unit": from_unit.code,
                "to_unit": to_unit.code,
                "start_on": start_on,
                "due_end_on": due_end_on,
                "decision_number": number,
            },
        )
    return rotation


def end_rotation(
    *, actor: Any, rotation_id: int, ended_on: date, today: date | None = None
) -> Rotation:
    rotation = Rotation.objects.select_related("unit").filter(pk=rotation_id).first()
    if rotation is None:
        raise ValidationFailed(_("Không tìm thấy."), field="rotation")
    require(actor, Perm.CADRES_MANAGE, rotation.unit)
    today = today or timezone.localdate()
    if rotation.ended_on is not None:
        raise Conflict(_("Đợt luân chuyển này đã kết thúc."))
    if ended_on <= rotation.start_on or ended_on > today:
        raise ValidationFailed(
            _("Ngày kết thúc phải sau ngày bắt đầu và không ở tương lai (%(source)s)."),
            field="ended_on",
            source=ROTATION_SOURCE,
        )
    with transaction.atomic():
        rotation.ended_on = ended_on
        rotation.save(update_fields=["ended_on"])
        record(
            actor=actor,
            action="cadres.end_rotation",
            target=rotation,
            unit=rotation.unit,
            changes={"ended_on": ended_on},
        )
    return rotation
