"""Awards, proposals that go up the tree, early-badge circumstances, emulation campaigns.

An `Award` is itself a dated event (decided on a day by a body with a decision number); a
`Proposal`'s course is its `ProposalEvent`s (proposed, forwarded, approved, refused); a
`Project`'s progress is its `ProjectEvent`s; the status columns are caches of them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit


class AwardKind(models.Model):
    """Kinds of award: certificate of merit, letter of commendation, the party badge, and any
    the committees add (configurable)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    for_members = models.BooleanField(default=True)
    for_organisations = models.BooleanField(default=True)
    is_badge = models.BooleanField(default=False)  # Huy hiệu Đảng: carries the badge's years
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Award(models.Model):
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="awards")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    organisation = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="awards_received"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")  # for scope
    deciding_body = models.CharField(max_length=255)
    decision_number = models.CharField(max_length=60)
    decided_on = models.DateField()
    reason = models.TextField(blank=True, default="")
    badge_years = models.PositiveSmallIntegerField(null=True, blank=True)
    posthumous = models.BooleanField(default=False)
    early = models.BooleanField(default=False)  # a badge before the milestone (seriously ill)
    proposal = models.OneToOneField(
        "Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="award"
    )
    project = models.ForeignKey(
        "Project", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["kind", "decided_on"], name="commend_award_kind_day")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(member__isnull=False) & models.Q(organisation__isnull=True))
                | (models.Q(member__isnull=True) & models.Q(organisation__isnull=False)),
                name="commend_award_one_subject",
            ),
            models.CheckConstraint(
                condition=~models.Q(deciding_body="") & ~models.Q(decision_number=""),
                name="commend_award_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.decision_number}"

    @property
    def subject_name(self) -> str:
        if self.member is not None:
            return self.member.full_name
        return self.organisation.name if self.organisation else ""


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Đang xét")
    APPROVED = "approved", _("Đã quyết định khen thưởng")
    REFUSED = "refused", _("Không khen thưởng")


class Proposal(models.Model):
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")  # the subject's
    proposed_by = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    at_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    badge_years = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    proposed_on = models.DateField()

    class Meta:
        ordering = ["-proposed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} · {self.proposed_on}"

    @property
    def subject_name(self) -> str:
        if self.member is not None:
            return self.member.full_name
        return self.organisation.name if self.organisation else ""


class ProposalEventKind(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị")
    FORWARDED = "forwarded", _("Chuyển lên cấp trên")
    APPROVED = "approved", _("Quyết định khen thưởng")
    REFUSED = "refused", _("Không khen thưởng")


class ProposalEvent(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=ProposalEventKind.choices)
    at_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    effective_on = models.DateField()
    note = models.TextField(blank=True, default="")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.effective_on}"


class SeriousIllness(models.Model):
    """A member recorded as seriously ill, from a day: their badge may come early."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    since = models.DateField()
    until = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True, default="")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.member_id} {self.since}"


class Campaign(models.Model):
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="campaigns")
    title = models.CharField(max_length=255)
    starts_on = models.DateField()
    ends_on = models.DateField()
    criteria = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ProjectStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    COMPLETED = "completed", _("Hoàn thành")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành")
    COMMENDED = "commended", _("Được khen thưởng")


class Project(models.Model):
    """An emulation project (công trình, phần việc) registered by a unit or a member."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="projects")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=255)
    target = models.TextField(blank=True, default="")
    registered_on = models.DateField()
    status = models.CharField(
        max_length=14, choices=ProjectStatus.choices, default=ProjectStatus.REGISTERED
    )
    progress = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["unit__path", "pk"]

    def __str__(self) -> str:
        return self.title


class ProjectEventKind(models.TextChoices):
    REGISTERED = "registered", _("Đăng ký")
    PROGRESS = "progress", _("Cập nhật tiến độ")
    EVALUATED = "evaluated", _("Đánh giá kết quả")
    COMMENDED = "commended", _("Khen thưởng")


class ProjectEvent(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=ProjectEventKind.choices)
    effective_on = models.DateField()
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    completed = models.BooleanField(null=True, blank=True)
    note = models.TextField(blank=True, default="")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.effective_on}"
