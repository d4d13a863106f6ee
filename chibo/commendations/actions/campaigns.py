"""Emulation campaigns and the projects units and members register in them."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import is_self, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import Campaign, Project, ProjectEvent, ProjectEventKind, ProjectStatus


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def create_campaign(
    *,
    actor: Any,
    unit: OrgUnit,
    title: str,
    starts_on: date,
    ends_on: date,
    criteria: str,
) -> Campaign:
    require(actor, Perm.COMMENDATIONS_MANAGE, unit)
    if not title.strip():
        raise ValidationFailed(_("Ghi tên phong trào thi đua."), field="title")
    if ends_on < starts_on:
        raise ValidationFailed(_("Ngày kết thúc phải sau ngày bắt đầu."), field="ends_on")
    if not criteria.strip():
        raise ValidationFailed(_("Ghi tiêu chí thi đua."), field="criteria")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            unit=unit,
            title=title.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            criteria=criteria.strip(),
            created_by=_user(actor),
        )
        record(
            actor=actor,
            action="commendations.create_campaign",
            target=campaign,
            unit=unit,
            changes={"title": campaign.title, "starts_on": starts_on, "ends_on": ends_on},
        )
    return campaign


def register_project(
    *,
    actor: Any,
    campaign: Campaign,
    unit: OrgUnit,
    title: str,
    on: date,
    target: str = "",
    member: Member | None = None,
) -> Project:
    """A unit of the campaign's subtree (or a member, for themselves) registers a project."""
    own = member is not None and is_self(actor, member)
    if not own:
        require(actor, Perm.COMMENDATIONS_MANAGE, unit)
    if not unit.path.startswith(campaign.unit.path):
        raise ValidationFailed(_("Đơn vị không thuộc phạm vi phong trào."), field="unit")
    if member is not None and member.unit_id != unit.pk:
        raise ValidationFailed(_("Đảng viên không sinh hoạt ở đơn vị này."), field="member")
    if not campaign.starts_on <= on <= campaign.ends_on:
        raise Conflict(_("Ngoài thời gian của phong trào thi đua."))
    if not title.strip():
        raise ValidationFailed(_("Ghi tên công trình, phần việc."), field="title")
    with transaction.atomic():
        project = Project.objects.create(
            campaign=campaign,
            unit=unit,
            member=member,
            title=title.strip(),
            target=target.strip(),
            registered_on=on,
        )
        ProjectEvent.objects.create(
            project=project,
            kind=ProjectEventKind.REGISTERED,
            effective_on=on,
            recorded_by=_user(actor),
        )
        record(
            actor=actor,
            action="commendations.register_project",
            target=project,
            unit=unit,
            changes={"campaign": campaign.pk, "title": project.title},
        )
    return project


def _project_for_write(project_id: int) -> Project:
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("campaign", "unit")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise NotFound(_("Không tìm thấy công trình, phần việc."))
    return project


def update_progress(
    *, actor: Any, project_id: int, percent: int, on: date, note: str = ""
) -> Project:
    with transaction.atomic():
        project = _project_for_write(project_id)
        require(actor, Perm.COMMENDATIONS_MANAGE, project.unit)
        if project.status not in (ProjectStatus.REGISTERED, ProjectStatus.IN_PROGRESS):
            raise Conflict(_("Công trình đã được đánh giá."))
        if not 0 <= percent <= 100:
            raise ValidationFailed(_("Tiến độ từ 0 đến 100%."), field="percent")
        before = project.progress
        project.progress = percent
        project.status = ProjectStatus.IN_PROGRESS
        project.save(update_fields=["progress", "status"])
        ProjectEvent.objects.create(
            project=project,
            kind=ProjectEventKind.PROGRESS,
            effective_on=on,
            percent=percent,
            note=note.strip(),
            recorded_by=_user(actor),
        )
        record(
            actor=actor,
            action="commendations.update_progress",
            target=project,
            unit=project.unit,
            changes={"progress": [before, percent]},
        )
    return project


def evaluate_project(
    *, actor: Any, project_id: int, completed: bool, on: date, note: str = ""
) -> Project:
    """The campaign's committee evaluates a project: completed or not."""
    with transaction.atomic():
        project = _project_for_write(project_id)
        require(actor, Perm.COMMENDATIONS_MANAGE, project.campaign.unit)
        if project.status not in (ProjectStatus.REGISTERED, ProjectStatus.IN_PROGRESS):
            raise Conflict(_("Công trình đã được đánh giá."))
        before = project.status
        project.status = ProjectStatus.COMPLETED if completed else ProjectStatus.NOT_COMPLETED
        if completed:
            project.progress = 100
        project.save(update_fields=["status", "progress"])
        ProjectEvent.objects.create(
            project=project,
            kind=ProjectEventKind.EVALUATED,
            effective_on=on,
            completed=completed,
            note=note.strip(),
            recorded_by=_user(actor),
        )
        record(
            actor=actor,
            action="commendations.evaluate_project",
            target=project,
            unit=project.unit,
            changes={"status": [before, project.status]},
        )
    return project
