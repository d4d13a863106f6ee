"""The one place that decides access.

A grant covers its unit's subtree. Units are `treebeard` materialised-path nodes, so "inside the
subtree of X" is "path starts with X.path", which the path index answers.

- `scope(user, queryset)`: the rows of org-owned data the user may see (any grant reaches them).
- `require(user, perm, unit)`: raises `NotFound` outside scope (404), `Forbidden` without the
  permission (403). `can` is its boolean twin.
- `units_for(user, perm)`: the top units of the user's reach, nested grants folded away.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import Forbidden, NotFound

from .roles import ROLE_PERMISSIONS, STAFF_ROLES, Perm, Role

if TYPE_CHECKING:
    from chibo.org.models import OrgUnit

_CACHE_ATTR = "_chibo_grants"


@dataclass(frozen=True)
class Reach:
    unit_id: int
    path: str
    role: Role

    @property
    def perms(self) -> frozenset[Perm]:
        return ROLE_PERMISSIONS[self.role]


def reaches(user: Any) -> tuple[Reach, ...]:
    """The user's grants with the current paths of their units, cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        grant_model = apps.get_model("access", "Grant")
        rows = grant_model.objects.filter(user_id=user.pk).values_list(
            "unit_id", "unit__path", "role"
        )
        cached = tuple(Reach(unit_id=u, path=p, role=Role(r)) for u, p, r in rows)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user: Any) -> None:
    """Drop the cached grants (after a grant changes or a unit moves)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _top_paths(paths: set[str]) -> list[str]:
    ordered = sorted(paths)
    tops: list[str] = []
    for path in ordered:
        if not any(path.startswith(top) for top in tops):
            tops.append(path)
    return tops


def _paths(user: Any, perm: Perm | None) -> list[str]:
    return _top_paths({r.path for r in reaches(user) if perm is None or perm in r.perms})


def scope[M: Any](
    user: Any, queryset: QuerySet[M], *, via: str = "unit", perm: Perm | None = None
) -> QuerySet[M]:
    """Filter `queryset` to rows under the user's reach.

    `via` is the lookup from the row to its `OrgUnit` ("" when the rows are units themselves).
    With `perm`, only grants whose role carries it count.
    """
    paths = _paths(user, perm)
    if not paths:
        return queryset.none()
    if _covers_everything(queryset, via, paths):
        return queryset
    field = f"{via}__path__startswith" if via else "path__startswith"
    return queryset.filter(reduce(or_, (Q(**{field: p}) for p in paths)))


# Reaches up to this many units are resolved to a list of ids by `scope_with_ancestors`.
SMALL_REACH = 5_000


def scope_with_ancestors[M: Any](
    user: Any, queryset: QuerySet[M], *, via: str = "unit", perm: Perm | None = None
) -> QuerySet[M]:
    """Like `scope`, plus rows that belong to an ancestor of a unit in reach: what a higher
    committee issues or registers (party documents) is visible down its whole tree."""
    paths = _paths(user, perm)
    if not paths:
        return queryset.none()
    if _covers_everything(queryset, via, paths):
        return queryset
    unit_model = apps.get_model("org", "OrgUnit")
    step = unit_model.steplen
    ancestors = {p[:i] for p in paths for i in range(step, len(p), step)}
    condition = reduce(or_, (Q(path__startswith=p) for p in paths))
    if ancestors:
        condition |= Q(path__in=sorted(ancestors))
    units = unit_model.objects.filter(condition).values("pk")
    # A reach of a few thousand units is passed as a list of ids, not a join: the planner then
    # sees how many rows each unit holds (one committee may own a third of them) and can start
    # from the rows' own indexes (a full-text GIN index, say) instead of walking every unit's rows.
    ids = list(units[: SMALL_REACH + 1].values_list("pk", flat=True))
    if len(ids) <= SMALL_REACH:
        return queryset.filter(**{f"{via}_id__in" if "__" not in via else f"{via}__in": ids})
    return queryset.filter(**{f"{via}__in": units})


def _covers_everything(queryset: QuerySet[Any], via: str, paths: list[str]) -> bool:
    """A grant on the only root reaches every row that belongs to a unit: skip the join, which
    on a national member table costs more than the query it guards (bench/RESULTS.md)."""
    unit_model = apps.get_model("org", "OrgUnit")
    root_paths = [p for p in paths if len(p) == unit_model.steplen]
    if not root_paths:
        return False
    if via:
        relation = queryset.model._meta.get_field(via.split("__")[0])
        if "__" in via or relation.null:
            return False  # rows without a unit are not "under" any grant
    return list(unit_model.objects.filter(depth=1).values_list("path", flat=True)[:2]) == [
        root_paths[0]
    ]


def in_scope(user: Any, unit: OrgUnit) -> bool:
    return any(unit.path.startswith(r.path) for r in reaches(user))


def can(user: Any, perm: Perm, unit: OrgUnit) -> bool:
    return any(unit.path.startswith(r.path) and perm in r.perms for r in reaches(user))


def require(user: Any, perm: Perm, unit: OrgUnit) -> None:
    if not in_scope(user, unit):
        raise NotFound(_("Không tìm thấy đơn vị."))
    if not can(user, perm, unit):
        raise Forbidden(_("Bạn không có quyền thực hiện việc này ở đơn vị này."))


def has_perm_anywhere(user: Any, perm: Perm) -> bool:
    return any(perm in r.perms for r in reaches(user))


def units_for(user: Any, perm: Perm | None = None) -> QuerySet[OrgUnit]:
    """The top units of the user's reach (a grant inside another grant's subtree is folded)."""
    unit_model = apps.get_model("org", "OrgUnit")
    paths = _paths(user, perm)
    return unit_model.objects.filter(path__in=paths).order_by("path")


def roles_of(user: Any) -> frozenset[Role]:
    return frozenset(r.role for r in reaches(user))


def requires_mfa(user: Any) -> bool:
    """Staff roles reach other people's data and must use a second factor."""
    return bool(roles_of(user) & STAFF_ROLES)


def may_manage_token(actor: Any, owner: Any) -> bool:
    """A user manages their own tokens; access managers manage tokens of users in their reach."""
    if actor.pk == owner.pk:
        return True
    managed = _paths(actor, Perm.ACCESS_MANAGE)
    return any(r.path.startswith(m) for r in reaches(owner) for m in managed)


def is_self(user: Any, record: Any) -> bool:
    """The record is the user's own (a member record linked to their login): a member reads
    their own record whatever their grants say."""
    user_id = getattr(record, "user_id", None)
    return (
        user_id is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user_id == user.pk
    )


def can_read_sensitive(user: Any, record: Any) -> bool:
    """Sensitive fields of a member record (citizen ID): the roles that need them, and the
    member themselves (DESIGN.md house rule 4)."""
    return is_self(user, record) or can(user, Perm.MEMBERS_VIEW_SENSITIVE, record.unit)
