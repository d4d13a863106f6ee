"""Reads of congresses, through access.policy.

The functions elections builds on (keep their signatures): `delegate_of`, `present_delegates`,
`current_session`, `convened_count`, `exclusions`, `projector_state`. They take a congress the
caller already read through `get_congress_for_user` (they do not check access again).
"""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import get_for_user, member_id_of, scope, unit_for_user
from chibo.access.roles import Perm

from ..models import (
    AgendaItem,
    CheckIn,
    Congress,
    CongressKind,
    CredentialsStatus,
    Delegate,
    DelegateKind,
    Exclusion,
    Session,
)

NOT_FOUND = _("Không tìm thấy đại hội.")


# --- congresses ---------------------------------------------------------------------------------


def visible_congresses(user: Any, *, unit_code: str | None = None) -> QuerySet[Congress]:
    congresses = scope(
        user, Congress.objects.select_related("unit"), via="unit", perm=Perm.CONGRESSES_VIEW
    )
    if unit_code:
        unit = unit_for_user(user, unit_code, Perm.CONGRESSES_VIEW)
        congresses = congresses.filter(unit__path__startswith=unit.path)
    return congresses.order_by("-starts_on", "pk")


def get_congress_for_user(user: Any, pk: int, perm: Perm = Perm.CONGRESSES_VIEW) -> Congress:
    """404 outside the user's reach, 403 in reach without `perm`."""
    return get_for_user(
        user, Congress.objects.select_related("unit"), pk, perm, not_found=NOT_FOUND
    )


# --- delegates ----------------------------------------------------------------------------------


def delegate_of(user: Any, congress: Congress) -> Delegate | None:
    """The user's own delegate record at the congress (the seat they hold now): None if they are
    not convened, were substituted, or their credentials were rejected."""
    member_id = member_id_of(user)
    if member_id is None:
        return None
    return (
        Delegate.objects.select_related("member")
        .filter(congress=congress, member_id=member_id, replaced_by__isnull=True)
        .exclude(credentials=CredentialsStatus.REJECTED)
        .first()
    )


def seated_delegates(congress: Congress) -> QuerySet[Delegate]:
    """Everyone holding a seat now: not substituted, credentials not rejected."""
    return Delegate.objects.filter(congress=congress, replaced_by__isnull=True).exclude(
        credentials=CredentialsStatus.REJECTED
    )


def current_session(congress: Congress, *, now: Any = None) -> Session | None:
    """The session of the current agenda item; else the last one begun; else the first."""
    if congress.current_item_id:
        item = AgendaItem.objects.filter(pk=congress.current_item_id).first()
        if item and item.session_id:
            return Session.objects.get(pk=item.session_id)
    now = now or timezone.now()
    sessions = Session.objects.filter(congress=congress)
    return sessions.filter(starts_at__lte=now).order_by("-starts_at").first() or sessions.first()


def present_delegates(congress: Congress, session: Session | None = None) -> QuerySet[Delegate]:
    """The seated delegates checked in to `session` (default: `current_session`)."""
    session = session or current_session(congress)
    if session is None:
        return Delegate.objects.none()
    return seated_delegates(congress).filter(check_ins__session=session).distinct()


def convened_count(congress: Congress) -> int:
    """The number convened that an election's base starts from (QĐ 190-QĐ/TW): the official
    delegates (a congress of delegates; an alternate who took a seat counts, the official they
    replaced does not) or the full members (a congress of all members)."""
    return seated_delegates(congress).filter(kind=DelegateKind.OFFICIAL).count()


def exclusions(congress: Congress) -> dict[str, int]:
    """Those convened whom the rules leave out of the base. For a congress of delegates only the
    officials absent for the whole congress with approval; for a congress of members also those
    on temporary transfer elsewhere, suspended, and exempt *and* absent (an exempt member who came
    to any session counts)."""
    officials = seated_delegates(congress).filter(kind=DelegateKind.OFFICIAL)
    counts = {
        "absent_with_approval": officials.filter(exclusion=Exclusion.ABSENT_WITH_APPROVAL).count(),
        "temporary_transfer": 0,
        "exempt_absent": 0,
        "suspended": 0,
    }
    if congress.kind == CongressKind.MEMBERS:
        counts["temporary_transfer"] = officials.filter(
            exclusion=Exclusion.TEMPORARY_TRANSFER
        ).count()
        counts["suspended"] = officials.filter(exclusion=Exclusion.SUSPENDED).count()
        counts["exempt_absent"] = (
            officials.filter(exclusion=Exclusion.EXEMPT).filter(check_ins__isnull=True).count()
        )
    return counts


def presence_by_session(congress: Congress) -> list[dict[str, Any]]:
    """Per session: the seated delegates checked in (all kinds) and the officials among them."""
    seated = seated_delegates(congress).values("pk")
    sessions = Session.objects.filter(congress=congress).annotate(
        present=Count("check_ins", filter=Q(check_ins__delegate__in=seated), distinct=True),
        officials_present=Count(
            "check_ins",
            filter=Q(
                check_ins__delegate__in=seated,
                check_ins__delegate__kind=DelegateKind.OFFICIAL,
            ),
            distinct=True,
        ),
    )
    return [
        {
            "id": s.pk,
            "number": s.number,
            "title": s.title,
            "kind": s.kind,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "present": s.present,
            "officials_present": s.officials_present,
        }
        for s in sessions
    ]


def projector_state(congress: Congress) -> dict[str, Any]:
    """What the projector shows besides votes (JSON-ready): the congress, the current session and
    agenda item, presence in that session against those convened, and the agenda."""
    session = current_session(congress)
    item = (
        AgendaItem.objects.filter(pk=congress.current_item_id).first()
        if congress.current_item_id
        else None
    )
    seated = seated_delegates(congress)
    present = present_delegates(congress, session) if session else Delegate.objects.none()
    agenda = list(AgendaItem.objects.filter(congress=congress).order_by("position", "pk"))
    return {
        "congress": {
            "id": congress.pk,
            "title": congress.title,
            "kind": congress.kind,
            "term": congress.term_label,
            "status": congress.status,
        },
        "session": (
            {"id": session.pk, "number": session.number, "title": session.title}
            if session
            else None
        ),
        "current_item": (
            {
                "id": item.pk,
                "position": item.position,
                "title": item.title,
                "presenter": item.presenter,
                "since": congress.current_item_since.isoformat()
                if congress.current_item_since
                else None,
            }
            if item
            else None
        ),
        "presence": {
            "session_id": session.pk if session else None,
            "present": present.count(),
            "officials_present": present.filter(kind=DelegateKind.OFFICIAL).count(),
            "seated": seated.count(),
            "convened": convened_count(congress),
        },
        "agenda": [
            {
                "id": a.pk,
                "position": a.position,
                "title": a.title,
                "current": a.pk == congress.current_item_id,
                "done": a.ended_at is not None,
            }
            for a in agenda
        ],
    }


def check_in_count(session: Session) -> int:
    return CheckIn.objects.filter(session=session).count()
