"""Members' side of organisation restructuring (registered in `chibo.org.hooks`)."""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from chibo.org.models import OrgUnit

from .actions import move_members_on_merge
from .models import ACTIVE_STATUSES, Member


class MemberContents:
    label = str(_("đảng viên"))

    def count_active(self, unit: OrgUnit) -> int:
        return Member.objects.filter(unit=unit, status__in=ACTIVE_STATUSES).count()

    def count_active_in_subtree(self, unit: OrgUnit) -> int:
        return Member.objects.filter(
            unit__path__startswith=unit.path, status__in=ACTIVE_STATUSES
        ).count()

    def move_all(
        self,
        *,
        actor: Any,
        source: OrgUnit,
        target: OrgUnit,
        effective_on: date,
        decision_number: str = "",
    ) -> int:
        """Every member of the merged unit (active or not) follows it to the survivor, so the
        record stays with the organisation that now keeps it: a dated event each."""
        return move_members_on_merge(
            actor=actor,
            merged=source,
            survivor=target,
            effective_on=effective_on,
            decision_number=decision_number,
        )
