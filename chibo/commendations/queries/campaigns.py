"""Emulation campaigns, their projects and counts per campaign and per unit."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import get_for_user, scope, scope_with_ancestors
from chibo.access.roles import Perm
from chibo.org.models import OrgUnit

from ..models import Campaign, Project, ProjectStatus

DONE = (ProjectStatus.COMPLETED, ProjectStatus.COMMENDED)


def campaigns_for(user: Any, unit: OrgUnit | None = None) -> QuerySet[Campaign]:
    """Campaigns of the user's reach and of the committees above it (a ward's campaign concerns
    every branch under it); with `unit`, those of the unit, above it and below it."""
    rows = scope_with_ancestors(
        user, Campaign.objects.select_related("unit"), via="unit", perm=Perm.COMMENDATIONS_VIEW
    )
    if unit is not None:
        rows = rows.filter(
            Q(unit__path__startswith=unit.path)
            | Q(unit__path__in=unit.ancestor_paths(include_self=True))
        )
    return rows.annotate(
        registered=Count("projects", distinct=True),
        completed=Count("projects", filter=Q(projects__status__in=DONE), distinct=True),
        commended=Count(
            "projects", filter=Q(projects__status=ProjectStatus.COMMENDED), distinct=True
        ),
    ).order_by("-starts_on", "pk")


def get_campaign_for_user(user: Any, pk: Any) -> Campaign:
    return get_for_user(
        user,
        Campaign.objects.select_related("unit"),
        pk,
        Perm.COMMENDATIONS_VIEW,
        with_ancestors=True,
        not_found=_("Không tìm thấy phong trào thi đua."),
    )


def projects_of(user: Any, campaign: Campaign) -> QuerySet[Project]:
    rows = Project.objects.filter(campaign=campaign).select_related("unit", "member")
    return scope(user, rows, via="unit", perm=Perm.COMMENDATIONS_VIEW)


def get_project_for_user(user: Any, pk: Any) -> Project:
    return get_for_user(
        user,
        Project.objects.select_related("campaign__unit", "unit", "member"),
        pk,
        Perm.COMMENDATIONS_VIEW,
        not_found=_("Không tìm thấy công trình, phần việc."),
    )


def counts_per_unit(user: Any, campaign: Campaign) -> list[dict[str, Any]]:
    """Registered, completed and commended projects per registering unit (in the user's reach)."""
    rows = (
        projects_of(user, campaign)
        .order_by()
        .values("unit__code", "unit__name")
        .annotate(
            registered=Count("pk"),
            completed=Count("pk", filter=Q(status__in=DONE)),
            commended=Count("pk", filter=Q(status=ProjectStatus.COMMENDED)),
        )
    )
    return sorted((dict(r) for r in rows), key=lambda r: (-r["registered"], r["unit__name"]))
