"""Writes to the organisation tree: create, rename, move, merge, dissolve. Each is dated."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import forget, normalize_unit_code, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.core.text import fold, nfc, sort_text
from chibo.core.tree import ancestor_paths

from . import hooks
from .models import AdminCodeScheme, OrgUnit, UnitEvent, UnitEventKind, UnitKind, UnitStatus
from .rules import may_hold, rule_on


def _clean_name(name: str) -> str:
    cleaned = " ".join(nfc(name).split())
    if not cleaned:
        raise ValidationFailed(_("Tên đơn vị không được để trống."), field="name")
    if len(cleaned) > 255:
        raise ValidationFailed(_("Tên đơn vị dài quá 255 ký tự."), field="name")
    return cleaned


def _clean_code(code: str) -> str:
    cleaned = normalize_unit_code(code)
    if not cleaned or len(cleaned) > 40 or not all(c.isalnum() or c in "-_." for c in cleaned):
        raise ValidationFailed(
            _("Mã đơn vị chỉ gồm chữ, số và dấu - _ . (tối đa 40 ký tự)."), field="code"
        )
    return cleaned


def _check_kind(parent: OrgUnit | None, kind: str, on: date) -> None:
    if kind not in UnitKind.values:
        raise ValidationFailed(_("Loại tổ chức không hợp lệ."), field="kind")
    if not may_hold(parent.kind if parent else None, kind, on):
        raise ValidationFailed(
            _("%(child)s không thể trực thuộc %(parent)s (theo %(source)s)."),
            field="kind",
            child=UnitKind(kind).label,
            parent=UnitKind(parent.kind).label if parent else _("gốc cây"),
            source=rule_on(on).source,
        )


def _require_active(unit: OrgUnit) -> None:
    if not unit.is_active:
        raise Conflict(_("Đơn vị %(name)s không còn hoạt động."), name=unit.name)


def _event(unit: OrgUnit, kind: str, on: date, decision: str, actor: Any, **details: Any) -> None:
    UnitEvent.objects.create(
        unit=unit,
        kind=kind,
        effective_on=on,
        decision_number=decision.strip(),
        details=details,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )


def create_root_unit(*, code: str, name: str, kind: str, founded_on: date | None = None) -> OrgUnit:
    """Bootstrap the top of a tree from the command line (no user acts; audited as 'system')."""
    code, name = _clean_code(code), _clean_name(name)
    _check_kind(None, kind, founded_on or date.today())
    with transaction.atomic():
        if OrgUnit.objects.filter(code=code).exists():
            raise Conflict(_("Mã đơn vị %(code)s đã tồn tại."), field="code", code=code)
        unit = OrgUnit.objects.add_root(
            {
                "code": code,
                "name": name,
                "search_name": fold(name),
                "sort_name": sort_text(name),
                "kind": kind,
                "founded_on": founded_on,
            }
        )
        _event(unit, UnitEventKind.CREATED, founded_on or date.today(), "", None)
        record(
            actor=None,
            action="org.create_root_unit",
            target=unit,
            unit=unit,
            changes={"code": [None, code], "name": [None, name]},
        )
    return unit


def create_unit(
    *,
    actor: Any,
    parent: OrgUnit,
    code: str,
    name: str,
    kind: str,
    founded_on: date,
    decision_number: str = "",
    admin_code: str = "",
    admin_code_scheme: str = "",
) -> OrgUnit:
    require(actor, Perm.ORG_MANAGE, parent)
    code, name = _clean_code(code), _clean_name(name)
    _require_active(parent)
    _check_kind(parent, kind, founded_on)
    if admin_code and admin_code_scheme not in AdminCodeScheme.values:
        raise ValidationFailed(
            _("Mã đơn vị hành chính phải ghi rõ là mã trước hay sau 01/7/2025."),
            field="admin_code_scheme",
        )
    try:
        with transaction.atomic():
            parent.refresh_from_db()
            unit = OrgUnit.objects.add_child(
                parent,
                {
                    "code": code,
                    "name": name,
                    "search_name": fold(name),
                    "sort_name": sort_text(name),
                    "kind": kind,
                    "founded_on": founded_on,
                    "admin_code": admin_code,
                    "admin_code_scheme": admin_code_scheme if admin_code else "",
                },
            )
            _event(
                unit, UnitEventKind.CREATED, founded_on, decision_number, actor, parent=parent.code
            )
            record(
                actor=actor,
                action="org.create_unit",
                target=unit,
                unit=unit,
                changes={
                    "code": [None, code],
                    "name": [None, name],
                    "kind": [None, kind],
                    "parent": [None, parent.code],
                },
            )
    except IntegrityError as exc:
        raise Conflict(_("Mã đơn vị %(code)s đã tồn tại."), field="code", code=code) from exc
    return unit


def rename_unit(
    *, actor: Any, unit: OrgUnit, name: str, effective_on: date, decision_number: str = ""
) -> OrgUnit:
    require(actor, Perm.ORG_MANAGE, unit)
    name = _clean_name(name)
    _require_active(unit)
    if name == unit.name:
        raise ValidationFailed(_("Tên mới trùng với tên hiện tại."), field="name")
    with transaction.atomic():
        old = unit.name
        unit.name, unit.search_name, unit.sort_name = name, fold(name), sort_text(name)
        unit.save(update_fields=["name", "search_name", "sort_name"])
        _event(unit, UnitEventKind.RENAMED, effective_on, decision_number, actor, old=old, new=name)
        record(
            actor=actor,
            action="org.rename_unit",
            target=unit,
            unit=unit,
            changes={"name": [old, name]},
        )
    return unit


def move_unit(
    *, actor: Any, unit: OrgUnit, new_parent: OrgUnit, effective_on: date, decision_number: str = ""
) -> OrgUnit:
    require(actor, Perm.ORG_MANAGE, unit)
    require(actor, Perm.ORG_MANAGE, new_parent)
    _require_active(unit)
    _require_active(new_parent)
    if unit.is_root():
        raise ValidationFailed(_("Không thể chuyển đơn vị gốc."))
    if new_parent.path.startswith(unit.path):
        raise ValidationFailed(
            _("Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."),
            field="new_parent",
        )
    old_parent = OrgUnit.objects.get_parent(unit)
    if old_parent is not None and old_parent.pk == new_parent.pk:
        raise ValidationFailed(_("Đơn vị đã trực thuộc đơn vị này."), field="new_parent")
    _check_kind(new_parent, unit.kind, effective_on)
    with transaction.atomic():
        unit.refresh_from_db()
        count = unit.member_count
        _shift_member_counts(unit, -count)
        OrgUnit.objects.move(unit, new_parent, pos="last-child")
        unit.refresh_from_db()
        _shift_member_counts(unit, count)
        _event(
            unit,
            UnitEventKind.MOVED,
            effective_on,
            decision_number,
            actor,
            old_parent=old_parent.code if old_parent else None,
            new_parent=new_parent.code,
        )
        record(
            actor=actor,
            action="org.move_unit",
            target=unit,
            unit=unit,
            changes={"parent": [old_parent.code if old_parent else None, new_parent.code]},
        )
    forget(actor)
    return unit


def _shift_member_counts(unit: OrgUnit, delta: int, *, include_self: bool = False) -> None:
    """Add `delta` to the cached counts of the unit's ancestors (and the unit, if asked)."""
    if not delta:
        return
    paths = unit.ancestor_paths(include_self=include_self)
    OrgUnit.objects.filter(path__in=paths).update(
        member_count=Greatest(F("member_count") + delta, 0)
    )


def count_member_change(unit: OrgUnit, delta: int) -> None:
    """Keep the subtree member-count cache in step when a member joins (+1) or leaves (-1)
    `unit`. Cache maintenance for the members module; the counts stay recomputable."""
    _shift_member_counts(unit, delta, include_self=True)


def count_member_changes(deltas: dict[str, int]) -> None:
    """`count_member_change` for many units at once (bulk imports): `deltas` maps a unit's path
    to the members it gained (or lost). Each unit and ancestor gets the sum of its subtree's
    deltas, with one UPDATE per distinct sum instead of one per unit."""
    totals: dict[str, int] = {}
    for path, delta in deltas.items():
        for prefix in ancestor_paths(path, include_self=True):
            totals[prefix] = totals.get(prefix, 0) + delta
    by_sum: dict[int, list[str]] = {}
    for path, total in totals.items():
        if total:
            by_sum.setdefault(total, []).append(path)
    for total, paths in by_sum.items():
        OrgUnit.objects.filter(path__in=paths).update(
            member_count=Greatest(F("member_count") + total, 0)
        )


def merge_units(
    *,
    actor: Any,
    merged: OrgUnit,
    survivor: OrgUnit,
    effective_on: date,
    decision_number: str = "",
) -> OrgUnit:
    """Merge `merged` into `survivor`: children and members move, the merged unit keeps its
    history, is marked merged and points to the survivor."""
    require(actor, Perm.ORG_MANAGE, merged)
    require(actor, Perm.ORG_MANAGE, survivor)
    _require_active(merged)
    _require_active(survivor)
    if merged.pk == survivor.pk:
        raise ValidationFailed(_("Không thể sáp nhập một đơn vị vào chính nó."), field="survivor")
    if survivor.path.startswith(merged.path) or merged.path.startswith(survivor.path):
        raise ValidationFailed(
            _("Không thể sáp nhập giữa đơn vị cấp trên và cấp dưới của nó."), field="survivor"
        )
    children = list(OrgUnit.objects.get_children(merged).filter(status=UnitStatus.ACTIVE))
    for child in children:
        _check_kind(survivor, child.kind, effective_on)
    with transaction.atomic():
        moved_children = []
        for child in children:
            child.refresh_from_db()
            OrgUnit.objects.move(child, survivor, pos="last-child")
            moved_children.append(child.code)
        merged.refresh_from_db()
        survivor.refresh_from_db()
        moved_members = {
            contents.label: contents.move_all(
                actor=actor,
                source=merged,
                target=survivor,
                effective_on=effective_on,
                decision_number=decision_number,
            )
            for contents in hooks.registered()
        }
        # Everything under `merged` now sits under `survivor`: carry the cached count across.
        count = merged.member_count
        _shift_member_counts(merged, -count)
        survivor.refresh_from_db()
        survivor.member_count += count
        survivor.save(update_fields=["member_count"])
        _shift_member_counts(survivor, count)
        merged.refresh_from_db()
        merged.status = UnitStatus.MERGED
        merged.merged_into = survivor
        merged.ended_on = effective_on
        merged.member_count = 0
        merged.save(update_fields=["status", "merged_into", "ended_on", "member_count"])
        _event(
            merged,
            UnitEventKind.MERGED,
            effective_on,
            decision_number,
            actor,
            survivor=survivor.code,
            children=moved_children,
            moved=moved_members,
        )
        _event(
            survivor,
            UnitEventKind.ABSORBED,
            effective_on,
            decision_number,
            actor,
            merged=merged.code,
            children=moved_children,
            moved=moved_members,
        )
        record(
            actor=actor,
            action="org.merge_units",
            target=merged,
            unit=survivor,
            changes={
                "status": [UnitStatus.ACTIVE, UnitStatus.MERGED],
                "merged_into": [None, survivor.code],
            },
        )
    forget(actor)
    return survivor


def dissolve_unit(
    *, actor: Any, unit: OrgUnit, effective_on: date, decision_number: str = "", reason: str = ""
) -> OrgUnit:
    require(actor, Perm.ORG_MANAGE, unit)
    _require_active(unit)
    if unit.is_root():
        raise ValidationFailed(_("Không thể giải thể đơn vị gốc."))
    if OrgUnit.objects.get_children(unit).filter(status=UnitStatus.ACTIVE).exists():
        raise Conflict(
            _("Đơn vị còn tổ chức trực thuộc đang hoạt động: hãy chuyển hoặc sáp nhập trước.")
        )
    for contents in hooks.registered():
        if contents.count_active(unit):
            raise Conflict(
                _("Đơn vị còn %(what)s: hãy chuyển sinh hoạt trước khi giải thể."),
                what=contents.label,
            )
    with transaction.atomic():
        unit.status = UnitStatus.DISSOLVED
        unit.ended_on = effective_on
        unit.save(update_fields=["status", "ended_on"])
        _event(
            unit,
            UnitEventKind.DISSOLVED,
            effective_on,
            decision_number,
            actor,
            reason=reason.strip(),
        )
        record(
            actor=actor,
            action="org.dissolve_unit",
            target=unit,
            unit=unit,
            changes={"status": [UnitStatus.ACTIVE, UnitStatus.DISSOLVED]},
        )
    return unit
