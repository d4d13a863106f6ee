"""The one place that decides access.

A grant covers its unit's subtree. Units are `treebeard` materialised-path nodes, so "inside the
subtree of X" is "path starts with X.path", which the path index answers.

- `scope(user, queryset)`: the rows of org-owned data the user may see (any grant reaches them).
- `require(user, perm, unit)`: raises `NotFound` outside scope (404), `Forbidden` without the
  permission (403). `can` is its boolean twin.
- `units_for(user, perm)`: the top units of the user's reach, nested grants folded away.
- `get_for_user(user, queryset, pk, perm)`: one org-owned row, 404 outside scope, 403 in scope
  without the permission; `unit_for_user(user, code, perm)` the same for a unit by its code.
- `member_of(user)`: the active member record linked to a login.
- Field rules (`Sensitive`, `may_read`, `reveal`, `mask`): who reads which sensitive field of a
  member's record (citizen ID, discipline, rating and dues records), and the log of each read.

Every module asks these questions here and nowhere else (DESIGN.md house rule 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import Forbidden, NotFound
from chibo.core.tree import ancestor_paths, related

from .roles import ROLE_PERMISSIONS, STAFF_ROLES, Perm, Role

if TYPE_CHECKING:
    from chibo.org.models import OrgUnit

_CACHE_ATTR = "_chibo_grants"
_MEMBER_ATTR = "_chibo_member"


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
    """Drop what is cached on the user object: the grants (after a grant changes or a unit
    moves) and the member record (after an admission or a status change)."""
    for attr in (_CACHE_ATTR, _MEMBER_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


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
    ancestors = {a for p in paths for a in ancestor_paths(p)}
    condition = reduce(or_, (Q(path__startswith=p) for p in paths))
    if ancestors:
        condition |= Q(path__in=sorted(ancestors))
    units = unit_model.objects.filter(condition).values("pk")
    # A reach of a few thousand units is passed as a list of ids, not a join: the planner then
    # sees how many rows each unit holds (one committee may own a third of them) and can start
    # from the rows' own indexes (a full-text GIN index, say) instead of walking every unit's rows.
    ids = list(units[: SMALL_REACH + 1].values_list("pk", flat=True))
    if not via:  # the rows are units themselves
        return queryset.filter(pk__in=ids if len(ids) <= SMALL_REACH else units)
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


def require(user: Any, perm: Perm, unit: OrgUnit, *, not_found: Any = None) -> None:
    if not in_scope(user, unit):
        raise NotFound(not_found or _("Không tìm thấy đơn vị."))
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


# --- the questions every module asks -------------------------------------------------------------


def reach_paths(user: Any, perm: Perm | None = None) -> list[str]:
    """The top paths of the user's reach (with `perm`: of the grants that carry it)."""
    return _paths(user, perm)


def in_scope_or_above(user: Any, unit: OrgUnit, perm: Perm | None = None) -> bool:
    """The unit is in the user's reach or above it: what a higher committee issues (a document,
    a campaign) concerns the units under it, so their staff see it too."""
    return any(related(unit.path, p) for p in _paths(user, perm))


def require_in_scope_or_above(
    user: Any, perm: Perm, unit: OrgUnit, *, not_found: Any = None
) -> None:
    """`require` for rows that higher units own: 404 unless the unit is on a line of the tree
    through the user's reach, 403 there without the permission."""
    if not in_scope_or_above(user, unit):
        raise NotFound(not_found or _("Không tìm thấy."))
    if not in_scope_or_above(user, unit, perm):
        raise Forbidden(_("Bạn không có quyền thực hiện việc này ở đơn vị này."))


def _unit_of(row: Any, via: str) -> Any:
    obj = row
    for part in via.split("__") if via else ():
        obj = getattr(obj, part)
    return obj


def get_for_user[M: Any](
    user: Any,
    queryset: QuerySet[M],
    pk: Any,
    perm: Perm,
    *,
    via: str = "unit",
    with_ancestors: bool = False,
    not_found: Any = None,
) -> M:
    """One org-owned row by primary key: 404 when absent or out of the user's scope, 403 in scope
    without `perm` (DESIGN.md house rule 3). `via` leads from the row to its `OrgUnit`;
    `with_ancestors` also admits rows owned by a unit above the user's reach."""
    message = not_found or _("Không tìm thấy.")
    try:
        row = queryset.filter(pk=pk).first()
    except (TypeError, ValueError, OverflowError):
        row = None
    if row is None:
        raise NotFound(message)
    unit = _unit_of(row, via)
    if unit is None:
        raise NotFound(message)
    check = require_in_scope_or_above if with_ancestors else require
    check(user, perm, unit, not_found=message)
    return row


def normalize_unit_code(code: str) -> str:
    """Unit codes are stored upper-case without surrounding spaces (org.actions)."""
    return (code or "").strip().upper()


def find_unit(code: str) -> OrgUnit | None:
    """The unit with this code, whatever the user: for actions that then `require` on it."""
    unit_model = apps.get_model("org", "OrgUnit")
    key = normalize_unit_code(code)
    if not key:
        return None
    return unit_model.objects.filter(code=key).first()


def unit_for_user(user: Any, code: str, perm: Perm = Perm.ORG_VIEW) -> OrgUnit:
    """The unit with this code: 404 when absent or out of reach, 403 in reach without `perm`."""
    unit = find_unit(code)
    if unit is None:
        raise NotFound(_("Không tìm thấy đơn vị."))
    require(user, perm, unit)
    return unit


def member_of(user: Any) -> Any:
    """The active (probationary or full) member record linked to this login, or None. Cached on
    the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, _MEMBER_ATTR):
        member_model = apps.get_model("members", "Member")
        member = (
            member_model.objects.active().filter(user_id=user.pk).select_related("unit").first()
        )
        setattr(user, _MEMBER_ATTR, member)
    return getattr(user, _MEMBER_ATTR)


def member_id_of(user: Any) -> int | None:
    member = member_of(user)
    return member.pk if member is not None else None


# --- field rules ---------------------------------------------------------------------------------


class Sensitive(StrEnum):
    """Kinds of sensitive data on or about a member's record (DESIGN.md house rule 4)."""

    CITIZEN_ID = "citizen_id"
    DISCIPLINE = "discipline"
    RATING = "rating"
    DUES = "dues"


# Who reads each kind beyond the member themselves: the role must carry this permission on the
# record's unit. Personal data under Law 91/2025/QH15: least privilege.
FIELD_RULES: dict[Sensitive, Perm] = {
    Sensitive.CITIZEN_ID: Perm.MEMBERS_VIEW_SENSITIVE,
    Sensitive.DISCIPLINE: Perm.DISCIPLINE_VIEW,
    Sensitive.RATING: Perm.RATINGS_VIEW,
    Sensitive.DUES: Perm.DUES_VIEW,
}

MASK = "•••"


def may_read(
    user: Any, field: Sensitive, *, unit: OrgUnit | None, owner_user_id: Any = None
) -> bool:
    """May `user` read `field` of a record held in `unit` whose member is linked to the login
    `owner_user_id`? The member themselves, and the roles whose permission the rule names."""
    if owner_user_id is not None and is_self(user, _Owner(owner_user_id)):
        return True
    return unit is not None and can(user, FIELD_RULES[field], unit)


@dataclass(frozen=True)
class _Owner:
    user_id: Any


def can_read_sensitive(user: Any, record: Any) -> bool:
    """Sensitive fields of a member record (citizen ID): the roles that need them, and the
    member themselves (DESIGN.md house rule 4)."""
    return may_read(
        user,
        Sensitive.CITIZEN_ID,
        unit=getattr(record, "unit", None),
        owner_user_id=getattr(record, "user_id", None),
    )


def mask(value: Any) -> str:
    """What a reader without the right sees in place of a sensitive value ("" stays "")."""
    return MASK if value not in (None, "") else ""


def reveal(
    user: Any,
    field: Sensitive,
    records: Any,
    *,
    reason: str,
    unit_of: Any = None,
    owner_of: Any = None,
) -> set[Any]:
    """The primary keys of `records` whose `field` the user may read; logs one `SensitiveRead`
    per record revealed to someone other than its member (the read log of Law 91/2025/QH15).

    `unit_of(record)` gives the record's unit (default: `record.unit`), `owner_of(record)` the
    login of the member it is about (default: `record.user_id`). Callers mask the rest with
    `mask`. The log is written here so that no caller can show a field without logging it.
    """
    unit_of = unit_of or (lambda r: getattr(r, "unit", None))
    owner_of = owner_of or (lambda r: getattr(r, "user_id", None))
    visible: set[Any] = set()
    logged: list[Any] = []
    for record in records:
        owner = owner_of(record)
        if owner is not None and is_self(user, _Owner(owner)):
            visible.add(record.pk)
            continue
        unit = unit_of(record)
        if unit is not None and can(user, FIELD_RULES[field], unit):
            visible.add(record.pk)
            logged.append((record, unit))
    if logged:
        read_model = apps.get_model("audit", "SensitiveRead")
        read_model.objects.bulk_create(
            read_model(
                actor=user if getattr(user, "pk", None) else None,
                actor_label=getattr(user, "username", "") or "system",
                target_type=record._meta.label_lower,
                target_id=str(record.pk),
                unit=unit,
                reason=f"{reason} ({field})"[:120],
            )
            for record, unit in logged
        )
    return visible


# --- grants that need a second person ------------------------------------------------------------

# Permissions that read members' records, whole or in part (the field rules' kinds included).
MEMBER_DATA_PERMS = frozenset(
    {
        Perm.MEMBERS_VIEW,
        Perm.MEMBERS_VIEW_SENSITIVE,
        Perm.DISCIPLINE_VIEW,
        Perm.RATINGS_VIEW,
        Perm.DUES_VIEW,
    }
)


def reads_member_data(role: Role) -> bool:
    return bool(ROLE_PERMISSIONS[role] & MEMBER_DATA_PERMS)


def needs_second_person(role: Role) -> bool:
    """A grant of this role takes effect only when a second person approves it (DESIGN.md,
    "Grants"): the roles that read member data, and the roles that manage access, since whoever
    holds those could approve their own accomplice's requests."""
    return reads_member_data(role) or Perm.ACCESS_MANAGE in ROLE_PERMISSIONS[role]


def may_grant_to(actor: Any, user: Any) -> bool:
    """Nobody grants a role to themselves, whatever the role."""
    return getattr(actor, "pk", None) is None or actor.pk != user.pk


def may_approve_grant(actor: Any, request: Any) -> bool:
    """A pending grant is approved by an access manager of its unit's subtree who is neither
    the person who asked for it nor the person who would hold it."""
    return (
        getattr(actor, "pk", None) is not None
        and actor.pk not in (request.user_id, request.requested_by_id)
        and can(actor, Perm.ACCESS_MANAGE, request.unit)
    )


def may_refuse_grant(actor: Any, request: Any) -> bool:
    """Any access manager of the unit refuses a pending grant (the requester withdraws it),
    except the person who would hold it."""
    return (
        getattr(actor, "pk", None) is not None
        and actor.pk != request.user_id
        and can(actor, Perm.ACCESS_MANAGE, request.unit)
    )


# --- member data in the audit log ----------------------------------------------------------------

# Audit targets that are a member or about one: their label (the member's name) and their
# changes are personal data, which the log shows only to readers of member records of the
# event's unit (DESIGN.md: "system_admin reads no member data"). Modules that audit records about
# members add their target types here.
PERSONAL_AUDIT_TARGETS = frozenset(
    {
        "members.member",
        "members.memberevent",
        "handbook.correctionrequest",
        "handbook.question",
        "handbook.answer",
    }
)

# Fields that hold a kind of sensitive data, wherever they appear in an audit entry. Actions write
# a placeholder in their place; the log shows them to nobody, whatever their rights: whoever may
# read the value reads it on the record, where `reveal` logs the read.
SENSITIVE_AUDIT_FIELDS: dict[str, Sensitive] = {"citizen_id": Sensitive.CITIZEN_ID}


@dataclass(frozen=True)
class AuditVisibility:
    """What a reader sees of one audit entry: `label` is the target's label, `personal` the
    values of its changes (the field names are always shown)."""

    label: bool
    personal: bool

    def shows(self, field: str) -> bool:
        return self.personal and field not in SENSITIVE_AUDIT_FIELDS


def audit_visibility(user: Any, target_type: str, unit: OrgUnit | None) -> AuditVisibility:
    """Which personal values of an audit entry about `target_type` in `unit` the user reads: the
    same field rules as the record (members.view on the unit), and never a sensitive field."""
    if target_type not in PERSONAL_AUDIT_TARGETS:
        return AuditVisibility(label=True, personal=True)
    readable = unit is not None and can(user, Perm.MEMBERS_VIEW, unit)
    return AuditVisibility(label=readable, personal=readable)


# --- background work -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SystemActor:
    """The server acting on its own (a task delivering e-mail): not a person, holds no grant, so
    `require` refuses it everywhere; an action meant for background work accepts it explicitly
    with `require_system`. Audit events name it "system"."""

    job: str
    pk: None = None
    username: str = "system"
    is_authenticated: bool = False
    is_active: bool = True


def is_system(actor: Any) -> bool:
    return isinstance(actor, SystemActor)


def require_system(actor: Any) -> None:
    """Only background work calls this action (no person may)."""
    if not is_system(actor):
        raise Forbidden(_("Chỉ hệ thống thực hiện việc này."))
