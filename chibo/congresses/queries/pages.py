"""What the congress pages show: the overview, the delegates and their allocation, the gate, a
delegate's tablet, badges, the home card. Every function takes the user or a congress the user
already read through `get_congress_for_user`."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from chibo.access.policy import (
    can,
    has_perm_anywhere,
    member_id_of,
    scope,
    unit_for_user,
    units_for,
)
from chibo.access.roles import Perm
from chibo.members.models import Member

from ..models import (
    AgendaItem,
    Allocation,
    CheckIn,
    CommitteeKind,
    CommitteeMember,
    Congress,
    CongressDocument,
    CongressStatus,
    CredentialsStatus,
    Delegate,
    DelegateBasis,
    DelegateKind,
    DocumentRead,
    FloorRequest,
    RequestKind,
    RequestStatus,
    Session,
)
from .base import (
    convened_count,
    current_session,
    exclusions,
    presence_by_session,
    seated_delegates,
)

MEMBER_CHOICES_LIMIT = 3000


def may_manage(user: Any, congress: Congress) -> bool:
    return can(user, Perm.CONGRESSES_MANAGE, congress.unit)


def may_create_anywhere(user: Any) -> bool:
    return has_perm_anywhere(user, Perm.CONGRESSES_MANAGE)


def unit_to_convene(user: Any, code: str) -> Any:
    """The unit a new congress is for: 404 outside the reach, 403 without congresses.manage."""
    return unit_for_user(user, code, Perm.CONGRESSES_MANAGE)


def units_to_convene(user: Any) -> list[Any]:
    return list(units_for(user, Perm.CONGRESSES_MANAGE)[:50])


def sessions_of(congress: Congress) -> list[Session]:
    return list(Session.objects.filter(congress=congress).order_by("starts_at", "number"))


def agenda_of(congress: Congress) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(congress=congress)
        .select_related("session")
        .order_by("position", "pk")
    )


@dataclass
class Overview:
    congress: Congress
    sessions: list[dict[str, Any]]
    current_session: Session | None
    committees: list[tuple[str, str, list[CommitteeMember]]]
    agenda: list[AgendaItem]
    documents: list[Any]
    requests: list[FloorRequest]
    speakers: list[FloorRequest]
    counts: dict[str, int]
    convened: int
    excluded: dict[str, int]
    base: int
    manage: bool


def overview(user: Any, congress: Congress) -> Overview:
    committee_rows = list(
        CommitteeMember.objects.filter(congress=congress)
        .select_related("delegate__member")
        .order_by("committee", "position", "pk")
    )
    committees = [
        (kind.value, str(kind.label), [r for r in committee_rows if r.committee == kind])
        for kind in CommitteeKind
    ]
    documents = list(
        CongressDocument.objects.filter(congress=congress)
        .annotate(read_count=Count("reads"))
        .order_by("position", "pk")
    )
    requests = list(
        FloorRequest.objects.filter(congress=congress)
        .select_related("delegate__member", "agenda_item")
        .order_by("submitted_at", "pk")
    )
    speakers = sorted(
        (r for r in requests if r.status == RequestStatus.QUEUED),
        key=lambda r: r.speaker_position or 0,
    )
    seated = seated_delegates(congress)
    counts = {
        "official": seated.filter(kind=DelegateKind.OFFICIAL).count(),
        "alternate": seated.filter(kind=DelegateKind.ALTERNATE).count(),
        "non_voting": seated.filter(kind=DelegateKind.NON_VOTING).count(),
        "pending": seated.filter(credentials=CredentialsStatus.PENDING).count(),
    }
    convened = convened_count(congress)
    excluded = exclusions(congress)
    return Overview(
        congress=congress,
        sessions=presence_by_session(congress),
        current_session=current_session(congress),
        committees=committees,
        agenda=agenda_of(congress),
        documents=documents,
        requests=[r for r in requests if r.status == RequestStatus.SUBMITTED],
        speakers=speakers,
        counts=counts,
        convened=convened,
        excluded=excluded,
        base=convened - sum(excluded.values()),
        manage=may_manage(user, congress),
    )


def delegate_choices(congress: Congress, *, kinds: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    rows = seated_delegates(congress).select_related("member").order_by("number")
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return [(d.pk, f"{d.number}. {d.member.full_name}") for d in rows]


def alternate_choices(congress: Congress) -> list[tuple[int, str]]:
    rows = (
        Delegate.objects.filter(
            congress=congress, kind=DelegateKind.ALTERNATE, replaced_by__isnull=True
        )
        .exclude(credentials=CredentialsStatus.REJECTED)
        .select_related("member")
        .order_by("number")
    )
    return [(d.pk, f"{d.number}. {d.member.full_name}") for d in rows]


def member_choices(congress: Congress) -> list[tuple[int, str]]:
    """Members of the congress's unit not yet delegates (the form's list; the action checks)."""
    taken = Delegate.objects.filter(congress=congress).values("member_id")
    rows = (
        Member.objects.active()
        .filter(unit__path__startswith=congress.unit.path)
        .exclude(pk__in=taken)
        .select_related("unit")
        .order_by("sort_name", "pk")[:MEMBER_CHOICES_LIMIT]
    )
    return [(m.pk, f"{m.full_name} — {m.unit.name}") for m in rows]


@dataclass
class AllocationRow:
    allocation: Allocation
    officials: int
    alternates: int


def delegates_page(user: Any, congress: Congress) -> dict[str, Any]:
    delegates = list(
        Delegate.objects.filter(congress=congress)
        .select_related("member", "delegation", "replaced_by")
        .annotate(sessions_present=Count("check_ins"))
        .order_by("number")
    )
    allocations = list(
        Allocation.objects.filter(congress=congress).select_related("unit").order_by("unit__path")
    )
    rows = []
    for a in allocations:
        mine = [
            d
            for d in delegates
            if d.delegation_id == a.unit_id
            and d.basis == DelegateBasis.ELECTED
            and not d.is_replaced
            and d.credentials != CredentialsStatus.REJECTED
        ]
        rows.append(
            AllocationRow(
                allocation=a,
                officials=sum(1 for d in mine if d.kind == DelegateKind.OFFICIAL),
                alternates=sum(1 for d in mine if d.kind == DelegateKind.ALTERNATE),
            )
        )
    return {
        "delegates": delegates,
        "allocations": rows,
        "manage": may_manage(user, congress),
    }


def gate_state(congress: Congress) -> dict[str, Any]:
    session = current_session(congress)
    seated = seated_delegates(congress)
    present = seated.filter(check_ins__session=session).distinct().count() if session else 0
    recent = (
        list(
            CheckIn.objects.filter(session=session)
            .select_related("delegate__member")
            .order_by("-checked_in_at", "-pk")[:8]
        )
        if session
        else []
    )
    return {
        "session": session,
        "present": present,
        "seated": seated.count(),
        "convened": convened_count(congress),
        "recent": recent,
    }


@dataclass
class TabletDocument:
    document: CongressDocument
    read_at: Any
    readable: bool


def tablet_documents(congress: Congress, delegate: Delegate) -> list[TabletDocument]:
    reads = dict(
        DocumentRead.objects.filter(delegate=delegate).values_list("document_id", "first_read_at")
    )
    out = []
    for d in CongressDocument.objects.filter(congress=congress).order_by("position", "pk"):
        if d.officials_only and delegate.kind != DelegateKind.OFFICIAL:
            continue
        out.append(TabletDocument(d, reads.get(d.pk), not d.is_classified))
    return out


def tablet_document(congress: Congress, document_id: int) -> CongressDocument | None:
    return CongressDocument.objects.filter(pk=document_id, congress=congress).first()


def my_requests(delegate: Delegate) -> list[FloorRequest]:
    return list(
        FloorRequest.objects.filter(delegate=delegate)
        .select_related("agenda_item")
        .order_by("-submitted_at", "-pk")[:20]
    )


def speakers_list(congress: Congress) -> list[FloorRequest]:
    return list(
        FloorRequest.objects.filter(
            congress=congress, kind=RequestKind.SPEAK, status=RequestStatus.QUEUED
        )
        .select_related("delegate__member")
        .order_by("speaker_position", "pk")
    )


def badge_delegates(congress: Congress) -> list[Delegate]:
    return list(
        seated_delegates(congress).select_related("member", "delegation").order_by("number")
    )


def my_congresses(user: Any) -> QuerySet[Congress]:
    """Congresses not yet closed where the user holds a seat (their tablet pages)."""
    member_id = member_id_of(user)
    if member_id is None:
        return Congress.objects.none()
    congresses = scope(user, Congress.objects.all(), via="unit", perm=Perm.CONGRESSES_ATTEND)
    return (
        congresses.exclude(status=CongressStatus.CLOSED)
        .filter(
            Q(delegates__member_id=member_id)
            & Q(delegates__replaced_by__isnull=True)
            & ~Q(delegates__credentials=CredentialsStatus.REJECTED)
        )
        .select_related("unit")
        .distinct()
        .order_by("starts_on", "pk")
    )


def upcoming_for_staff(user: Any, *, limit: int = 5) -> tuple[int, list[Congress]]:
    """Congresses in the user's reach, not closed: the home card of organisers."""
    rows = (
        scope(
            user, Congress.objects.select_related("unit"), via="unit", perm=Perm.CONGRESSES_MANAGE
        )
        .exclude(status=CongressStatus.CLOSED)
        .filter(ends_on__gte=timezone.localdate())
        .order_by("starts_on", "pk")
    )
    return rows.count(), list(rows[:limit])
