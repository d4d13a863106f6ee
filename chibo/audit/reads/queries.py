"""Reads of the sensitive-read log (`SensitiveRead`) for the data-protection officer's report.

Who sees it: roles with audit.view, over the units of their reach (`policy.scope`); a unit filter
outside that reach is 404, in reach without audit.view 403. The member whose record was read is
named only to readers who hold members.view on the read's unit (the audit log's visibility rule,
`policy.audit_visibility`), masked for the others; the citizen ID is never shown, nor any value
read: the log holds none.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.models import Grant
from chibo.access.policy import MASK, audit_visibility, scope, unit_for_user
from chibo.access.roles import ROLE_LABELS, Perm, Role
from chibo.core.errors import ValidationFailed

from ..models import SensitiveRead
from ..queries import require_audit_reader

# Every read in the log is of personal data: its target is named under the rule of member records.
PERSONAL_TARGET = "members.member"
# The longest list the spreadsheet export writes (a period of a province's reads fits).
EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class ReadFilters:
    unit_code: str = ""
    start: date | None = None
    end: date | None = None
    reader: str = ""


def reads_for(user: Any, filters: ReadFilters) -> QuerySet[SensitiveRead]:
    """The logged reads in the user's audit reach, filtered, newest first."""
    require_audit_reader(user)
    if filters.start and filters.end and filters.start > filters.end:
        raise ValidationFailed(_("Ngày bắt đầu phải trước ngày kết thúc."), field="from")
    reads = scope(user, SensitiveRead.objects.all(), perm=Perm.AUDIT_VIEW)
    if filters.unit_code:
        unit = unit_for_user(user, filters.unit_code, Perm.AUDIT_VIEW)
        reads = reads.filter(unit__path__startswith=unit.path)
    if filters.start:
        reads = reads.filter(occurred_at__date__gte=filters.start)
    if filters.end:
        reads = reads.filter(occurred_at__date__lte=filters.end)
    if filters.reader:
        reads = reads.filter(actor_label__iexact=filters.reader.strip())
    return reads.select_related("unit").order_by("-occurred_at", "-id")


def role_label(role: str) -> str:
    try:
        return str(ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def _grants_of(reader_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    """Each reader's grants today, as (unit path, role)."""
    grants: dict[int, list[tuple[str, str]]] = {}
    rows = Grant.objects.filter(user_id__in=reader_ids).order_by("pk")
    for user_id, path, role in rows.values_list("user_id", "unit__path", "role"):
        grants.setdefault(user_id, []).append((path, role))
    return grants


def _roles_over(grants: list[tuple[str, str]], unit: Any) -> list[str]:
    labels: list[str] = []
    for path, role in grants:
        if unit is None or unit.path.startswith(path):
            label = role_label(role)
            if label not in labels:
                labels.append(label)
    return labels


def reader_roles(reader_ids: set[int], unit: Any) -> dict[int, list[str]]:
    """The roles each reader holds today over `unit` (on it or above it): how they read it.
    The log does not keep the role of the moment; a revoked grant no longer shows."""
    if not reader_ids:
        return {}
    return {user_id: _roles_over(g, unit) for user_id, g in _grants_of(reader_ids).items()}


@dataclass(frozen=True)
class ReadEntry:
    id: int
    occurred_at: datetime
    reader: str
    reader_roles: list[str]
    target_type: str
    target_id: str
    target_label: str
    unit: Any
    reason: str


def _labels(reads: list[SensitiveRead]) -> dict[tuple[str, str], str]:
    """The names of the records read, by (target type, id), from each target's own model."""
    wanted: dict[str, set[str]] = {}
    for read in reads:
        wanted.setdefault(read.target_type, set()).add(read.target_id)
    labels: dict[tuple[str, str], str] = {}
    for target_type, ids in wanted.items():
        try:
            model = apps.get_model(target_type)
        except (LookupError, ValueError):
            continue
        keys = [int(i) for i in ids if i.isdigit()]
        for pk, obj in model._default_manager.in_bulk(keys).items():
            labels[(target_type, str(pk))] = str(obj)[:255]
    return labels


def entries(user: Any, reads: Iterable[SensitiveRead]) -> list[ReadEntry]:
    """The reads as `user` may see them: the record's name masked unless they hold members.view
    on the read's unit."""
    rows = list(reads)
    labels = _labels(rows)
    grants = _grants_of({r.actor_id for r in rows if r.actor_id})
    shown = []
    for read in rows:
        seen = audit_visibility(user, PERSONAL_TARGET, read.unit)
        label = labels.get((read.target_type, read.target_id), "")
        shown.append(
            ReadEntry(
                id=read.pk,
                occurred_at=read.occurred_at,
                reader=read.actor_label,
                reader_roles=_roles_over(grants.get(read.actor_id or 0, []), read.unit),
                target_type=read.target_type,
                target_id=read.target_id,
                target_label=(label if seen.label else MASK) if label else "",
                unit=read.unit,
                reason=read.reason,
            )
        )
    return shown
