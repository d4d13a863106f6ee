"""The header's one search box: units, members (within the user's scope; no sensitive field is
searched or shown), documents by number or words, meetings, plus every `SearchProvider` a module
registered. Each provider reads through its module's queries, so `access.policy` applies."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from chibo.access import policy
from chibo.access.roles import Perm
from chibo.core import shell
from chibo.core.errors import DomainError
from chibo.core.text import fold
from chibo.documents.registry.queries import documents_for
from chibo.meetings.queries import meetings_for
from chibo.members.queries.search import members_for
from chibo.org import queries as org_queries

MIN_QUERY = 2
MAX_QUERY = 100
PER_KIND = 5
MEETING_WINDOW_DAYS = 400  # meetings searched: a year back and forward
MEETING_SCAN = 2000


@dataclass(frozen=True)
class ResultGroup:
    kind: str
    label: str | Promise
    hits: list[shell.SearchHit]


def _unit_detail(unit: Any) -> str:
    parent = getattr(unit, "parent_name", None)
    return f"{parent} · {unit.code}" if parent else unit.code


def search_units(user: Any, q: str, limit: int) -> list[shell.SearchHit]:
    units = org_queries.with_parent_names(list(org_queries.search_units(user, q)[:limit]))
    return [
        shell.SearchHit(u.name, reverse("org:unit", args=[u.code]), _unit_detail(u)) for u in units
    ]


def search_members(user: Any, q: str, limit: int) -> list[shell.SearchHit]:
    members = list(members_for(user, q=q)[:limit])
    units = org_queries.with_parent_names([m.unit for m in members])
    hits = []
    for member, unit in zip(members, units, strict=True):
        where = f"{unit.name} · {unit.parent_name}" if unit.parent_name else unit.name
        born = f"{member.birth_date:%Y} · " if member.birth_date else ""
        hits.append(
            shell.SearchHit(
                member.full_name, reverse("members:profile", args=[member.pk]), born + where
            )
        )
    return hits


def search_documents(user: Any, q: str, limit: int) -> list[shell.SearchHit]:
    return [
        shell.SearchHit(
            f"{d.number} · {d.title}" if d.number else d.title,
            reverse("documents:detail", args=[d.pk]),
            f"{d.issued_on:%d/%m/%Y} · {d.owner_unit.name}" if d.issued_on else d.owner_unit.name,
        )
        for d in documents_for(user, q=q)[:limit]
    ]


def search_meetings(user: Any, q: str, limit: int) -> list[shell.SearchHit]:
    """Titles folded in Python over the meetings of a year back and forward (meeting titles are
    not indexed for search; a branch has a few dozen a year)."""
    words = fold(q).split()
    today = timezone.localdate()
    rows = meetings_for(
        user,
        start=today - timedelta(days=MEETING_WINDOW_DAYS),
        end=today + timedelta(days=MEETING_WINDOW_DAYS),
    ).only("pk", "title", "starts_at", "unit__name", "unit__code")
    hits = []
    for m in rows.order_by("-starts_at")[:MEETING_SCAN]:
        key = fold(f"{m.title} {m.unit.name}")
        if all(w in key for w in words):
            starts = timezone.localtime(m.starts_at)
            hits.append(
                shell.SearchHit(
                    m.title,
                    reverse("meetings:detail", args=[m.pk]),
                    f"{starts:%d/%m/%Y %H:%M} · {m.unit.name}",
                )
            )
            if len(hits) >= limit:
                break
    return hits


BUILT_IN = [
    shell.SearchProvider("unit", _("Đơn vị"), search_units, perm=Perm.ORG_VIEW, order=10),
    shell.SearchProvider(
        "member", _("Đảng viên"), search_members, perm=Perm.MEMBERS_VIEW, order=20
    ),
    shell.SearchProvider(
        "document", _("Văn bản"), search_documents, perm=Perm.DOCUMENTS_VIEW, order=30
    ),
    shell.SearchProvider(
        "meeting", _("Cuộc họp"), search_meetings, perm=Perm.MEETINGS_VIEW, order=40
    ),
]


def clean_query(q: str) -> str:
    return " ".join(q.split())[:MAX_QUERY]


def search_everything(user: Any, q: str, *, limit: int = PER_KIND) -> list[ResultGroup]:
    """Results grouped by kind, in the providers' order; a provider that refuses the query (too
    short for it, a filter it does not accept) is left out rather than failing the search."""
    q = clean_query(q)
    if len(fold(q)) < MIN_QUERY:
        return []
    groups = []
    for provider in shell.search_providers():
        if provider.perm is not None and not policy.has_perm_anywhere(user, Perm(provider.perm)):
            continue
        try:
            hits = list(provider.search(user, q, limit))
        except DomainError:
            continue
        if hits:
            groups.append(ResultGroup(provider.kind, provider.label, hits[:limit]))
    return groups
