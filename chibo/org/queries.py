"""Reads of the organisation tree, always through `access.policy.scope`."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require, scope, unit_for_user, units_for
from chibo.access.roles import Perm
from chibo.core.errors import ValidationFailed
from chibo.core.text import fold

from . import hooks
from .models import OrgUnit, UnitEvent, UnitStatus

SEARCH_MIN_LENGTH = 2


def visible_units(user: Any) -> QuerySet[OrgUnit]:
    return scope(user, OrgUnit.objects.all(), via="", perm=Perm.ORG_VIEW)


def get_unit_for_user(user: Any, code: str, perm: Perm = Perm.ORG_VIEW) -> OrgUnit:
    """404 when absent or out of the user's reach, 403 in reach without `perm`."""
    return unit_for_user(user, code, perm)


def top_units(user: Any) -> QuerySet[OrgUnit]:
    return units_for(user, Perm.ORG_VIEW)


def children_of(user: Any, unit: OrgUnit, *, include_ended: bool = False) -> QuerySet[OrgUnit]:
    require(user, Perm.ORG_VIEW, unit)
    children = OrgUnit.objects.get_children(unit)
    if not include_ended:
        children = children.filter(status=UnitStatus.ACTIVE)
    return children.order_by("sort_name", "code")


def search_units(user: Any, q: str, *, include_ended: bool = False) -> QuerySet[OrgUnit]:
    key = fold(q)
    if len(key) < SEARCH_MIN_LENGTH:
        raise ValidationFailed(_("Nhập ít nhất 2 ký tự để tìm."), field="q")
    units = visible_units(user).filter(search_name__contains=key)
    if not include_ended:
        units = units.filter(status=UnitStatus.ACTIVE)
    return units.order_by("depth", "sort_name")


def with_parent_names(units: list[OrgUnit]) -> list[OrgUnit]:
    """Set `parent_name` on each unit, in one query: search results need their context
    ("Chi bộ Khu phố 1" exists in every ward)."""
    parent_of = {u.pk: u.ancestor_paths()[-1] for u in units if u.depth > 1}
    names = dict(
        OrgUnit.objects.filter(path__in=set(parent_of.values())).values_list("path", "name")
    )
    for unit in units:
        unit.parent_name = names.get(parent_of.get(unit.pk, ""))
    return units


def ancestors_in_reach(user: Any, unit: OrgUnit) -> list[OrgUnit]:
    """The breadcrumb from the user's top unit down to `unit`."""
    tops = [t.path for t in units_for(user, Perm.ORG_VIEW)]
    ancestors = [*OrgUnit.objects.get_ancestors(unit), unit]
    return [a for a in ancestors if any(a.path.startswith(t) for t in tops)]


def history_of(user: Any, unit: OrgUnit) -> QuerySet[UnitEvent]:
    require(user, Perm.ORG_VIEW, unit)
    return unit.events.select_related("recorded_by").order_by("-effective_on", "-id")


def parent_of(user: Any, unit: OrgUnit) -> OrgUnit | None:
    require(user, Perm.ORG_VIEW, unit)
    return OrgUnit.objects.get_parent(unit)


def live_member_count(user: Any, unit: OrgUnit) -> int:
    """Live count of active members in the subtree, from the modules that own members (the tree
    shows the cached `OrgUnit.member_count`). Through `hooks`: org may not import members."""
    require(user, Perm.ORG_VIEW, unit)
    return sum(contents.count_active_in_subtree(unit) for contents in hooks.registered())
