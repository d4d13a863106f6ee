"""Awards and proposals, as the user may see them."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    can,
    get_for_user,
    in_scope,
    is_self,
    reach_paths,
    require,
    scope,
    unit_for_user,
)
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import Award, AwardKind, Proposal, ProposalStatus


def get_unit(user: Any, code: str, perm: Perm = Perm.COMMENDATIONS_VIEW) -> OrgUnit:
    return unit_for_user(user, code, perm)


def award_kinds() -> QuerySet[AwardKind]:
    return AwardKind.objects.filter(active=True)


def awards_in(user: Any, unit: OrgUnit) -> QuerySet[Award]:
    rows = Award.objects.filter(unit__path__startswith=unit.path).select_related(
        "kind", "member", "organisation", "unit"
    )
    return scope(user, rows, via="unit", perm=Perm.COMMENDATIONS_VIEW)


def proposals_at(user: Any, unit: OrgUnit) -> QuerySet[Proposal]:
    """Proposals waiting at the unit or below it, and those its units sent up."""
    rows = Proposal.objects.select_related(
        "kind", "member", "organisation", "at_unit", "proposed_by"
    ).filter(Q(at_unit__path__startswith=unit.path) | Q(proposed_by__path__startswith=unit.path))
    paths = reach_paths(user, Perm.COMMENDATIONS_VIEW)
    if not paths:
        return rows.none()
    reach = Q()
    for p in paths:
        reach |= Q(at_unit__path__startswith=p) | Q(proposed_by__path__startswith=p)
    return rows.filter(reach).order_by("status", "-proposed_on", "-pk")


def get_proposal_for_user(user: Any, pk: Any) -> Proposal:
    """A proposal: visible where it sits and to the unit that proposed it."""
    rows = Proposal.objects.select_related(
        "kind", "member", "organisation", "at_unit", "proposed_by", "unit"
    )
    proposal = rows.filter(pk=pk).first() if str(pk).isdigit() else None
    if proposal is None:
        raise NotFound(_("Không tìm thấy đề nghị khen thưởng."))
    if can(user, Perm.COMMENDATIONS_VIEW, proposal.proposed_by):
        return proposal
    if in_scope(user, proposal.proposed_by) and not in_scope(user, proposal.at_unit):
        require(user, Perm.COMMENDATIONS_VIEW, proposal.proposed_by)  # 403: in reach, no right
    return get_for_user(
        user,
        rows,
        pk,
        Perm.COMMENDATIONS_VIEW,
        via="at_unit",
        not_found=_("Không tìm thấy đề nghị khen thưởng."),
    )


def may_decide_at(user: Any, proposal: Proposal) -> bool:
    return proposal.status == ProposalStatus.PENDING and can(
        user, Perm.COMMENDATIONS_DECIDE, proposal.at_unit
    )


def may_forward(user: Any, proposal: Proposal) -> bool:
    return (
        proposal.status == ProposalStatus.PENDING
        and proposal.at_unit.depth > 1
        and can(user, Perm.COMMENDATIONS_MANAGE, proposal.at_unit)
    )


def awards_of_member(user: Any, member: Member) -> QuerySet[Award]:
    """A member's awards, for their record: the member, and who reads awards over their unit."""
    if not (is_self(user, member) or can(user, Perm.COMMENDATIONS_VIEW, member.unit)):
        raise NotFound(_("Không tìm thấy."))
    return Award.objects.filter(member=member).select_related("kind")


def pending_for(user: Any) -> QuerySet[Proposal]:
    """Proposals waiting at a unit where the user decides or forwards (the home card)."""
    rows = Proposal.objects.filter(status=ProposalStatus.PENDING).select_related(
        "kind", "member", "organisation", "at_unit"
    )
    decide = scope(user, rows, via="at_unit", perm=Perm.COMMENDATIONS_DECIDE)
    manage = scope(user, rows, via="at_unit", perm=Perm.COMMENDATIONS_MANAGE)
    return (decide | manage).distinct().order_by("proposed_on")


PICK_LIMIT = 500


def member_choices(user: Any, unit: OrgUnit) -> list[tuple[int, str]]:
    """Active members of the subtree the user reads, for the forms' pickers (at most 500)."""
    rows = (
        scope(
            user,
            Member.objects.active().filter(unit__path__startswith=unit.path),
            perm=Perm.MEMBERS_VIEW,
        )
        .select_related("unit")
        .order_by("sort_name")[:PICK_LIMIT]
    )
    return [(m.pk, f"{m.full_name} · {m.unit.name}") for m in rows]


def member_in_reach(user: Any, pk: int | None, unit: OrgUnit) -> Member | None:
    if pk is None:
        return None
    member = (
        scope(
            user,
            Member.objects.filter(pk=pk, unit__path__startswith=unit.path),
            perm=Perm.MEMBERS_VIEW,
        )
        .select_related("unit")
        .first()
    )
    if member is None:
        raise NotFound(_("Không tìm thấy đảng viên."))
    return member


def organisation_choices(user: Any, unit: OrgUnit) -> list[tuple[str, str]]:
    rows = scope(
        user,
        OrgUnit.objects.filter(path__startswith=unit.path),
        via="",
        perm=Perm.COMMENDATIONS_VIEW,
    ).order_by("path")[:PICK_LIMIT]
    return [(u.code, u.name) for u in rows]


def organisation_in_reach(user: Any, code: str, unit: OrgUnit) -> OrgUnit | None:
    if not code:
        return None
    found = scope(
        user,
        OrgUnit.objects.filter(code=code, path__startswith=unit.path),
        via="",
        perm=Perm.COMMENDATIONS_VIEW,
    ).first()
    if found is None:
        raise NotFound(_("Không tìm thấy đơn vị."))
    return found
