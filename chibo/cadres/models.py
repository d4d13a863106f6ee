"""Cadre work (công tác cán bộ): committee posts and their seats for a term, the people who held
them (dated, each with the decision), appointment proposals and their steps, rotations, and the
planning lists (quy hoạch) for the next term.

Out of scope by design: nothing here records or reviews a person's relationships, opinions or
private life. Posts, terms and the formal standards only.

State is a history of dated events (DESIGN.md rule 7): a post's incumbencies are the dated
history of who held it (start and end, each with its decision); `Post.filled` and
`Post.vacant_since` are caches that `actions.posts.refresh_post` rewrites from them and
`recompute_posts` rebuilds.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit


class PostKind(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING_MEMBER = "standing_member", _("Ủy viên Ban Thường vụ")
    COMMITTEE_MEMBER = "committee_member", _("Ủy viên Ban Chấp hành (cấp ủy viên)")
    INSPECTION_CHAIR = "inspection_chair", _("Chủ nhiệm Ủy ban Kiểm tra")
    INSPECTION_MEMBER = "inspection_member", _("Ủy viên Ủy ban Kiểm tra")


class Post(models.Model):
    """One post of a unit's committee for one term, with the seats decided for the term."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24, choices=PostKind.choices)
    term_start = models.PositiveSmallIntegerField()  # 2025 for the 2025-2030 term
    term_end = models.PositiveSmallIntegerField()
    # The day the term began (the congress), from which a never-filled seat counts as vacant.
    term_starts_on = models.DateField()
    seats = models.PositiveSmallIntegerField()
    seats_decision = models.CharField(max_length=80)  # the decision that fixed the seats
    seats_decided_by = models.CharField(max_length=255)
    # Caches of the incumbencies (rewritten by the actions, recomputable): holders today and the
    # day since which the post has had fewer holders than seats (None: not below).
    filled = models.PositiveSmallIntegerField(default=0)
    vacant_since = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "term_start", "kind"], name="cadres_one_post_per_term"
            )
        ]
        indexes = [
            models.Index(fields=["term_start", "vacant_since"], name="cadres_post_gap"),
            # The gaps list reads only the posts below their seats (about a tenth of them).
            models.Index(
                fields=["vacant_since", "unit"],
                condition=models.Q(vacant_since__isnull=False),
                name="cadres_post_open_gap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.term_start}-{self.term_end}"

    @property
    def missing(self) -> int:
        return max(self.seats - self.filled, 0)


class HowFilled(models.TextChoices):
    ELECTED = "elected", _("Bầu tại đại hội")
    ELECTED_BY_COMMITTEE = "elected_by_committee", _("Cấp ủy bầu bổ sung")
    APPOINTED = "appointed", _("Chỉ định")
    STRENGTHENED = "strengthened", _("Kiện toàn (chỉ định bổ sung)")


class EndReason(models.TextChoices):
    TERM_ENDED = "term_ended", _("Hết nhiệm kỳ")
    TRANSFER = "transfer", _("Chuyển công tác")
    ROTATION = "rotation", _("Luân chuyển")
    RETIREMENT = "retirement", _("Nghỉ hưu")
    DEATH = "death", _("Từ trần")
    MERGER = "merger", _("Sắp xếp, sáp nhập tổ chức")
    RESIGNATION = "resignation", _("Thôi giữ chức")
    DISMISSAL = "dismissal", _("Cách chức, miễn nhiệm")


class Incumbency(models.Model):
    """A person holding a post from `start_on` until `end_on` (exclusive; None: still holds it),
    with the decision that put them there and the one that ended it."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="incumbencies")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=24, choices=HowFilled.choices)
    start_on = models.DateField()
    end_on = models.DateField(null=True, blank=True)
    decision_number = models.CharField(max_length=80)
    deciding_body = models.CharField(max_length=255)
    decided_on = models.DateField()
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)
    end_decision = models.CharField(max_length=80, blank=True)
    # Whether a gap it closes is "kiện toàn" after restructuring (shown in the year's lists).
    proposal = models.ForeignKey(
        "AppointmentProposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["start_on", "pk"]
        indexes = [
            models.Index(fields=["member", "start_on"], name="cadres_incumbency_member"),
            models.Index(fields=["decided_on"], name="cadres_incumbency_decided"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.post_id} {self.start_on}"


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện quy trình")
    DECIDED = "decided", _("Đã có quyết định")
    WITHDRAWN = "withdrawn", _("Đã dừng")


class AppointmentProposal(models.Model):
    """A proposal to put `member` into `post` (an appointment, or "kiện toàn" of a vacant seat),
    carried through the steps the rules require, each dated with its document."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="proposals")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=24, choices=HowFilled.choices)
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    # The competent body decided without the person being on the planning list (recorded).
    outside_planning_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.post_id}"


class StepKind(models.TextChoices):
    PROPOSAL = "proposal", _("Đề xuất")
    CONSULTATION = "consultation", _("Lấy ý kiến")
    VOTE = "vote", _("Cấp ủy biểu quyết")
    DECISION = "decision", _("Quyết định")


class ProposalStep(models.Model):
    proposal = models.ForeignKey(
        AppointmentProposal, on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(max_length=16, choices=StepKind.choices)
    done_on = models.DateField()
    document_number = models.CharField(max_length=80)
    body = models.CharField(max_length=255)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_total = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["done_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "kind"], name="cadres_step_once")
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.kind}"


class Rotation(models.Model):
    """A rotation (luân chuyển): a cadre sent from one unit and post to another for a period,
    with a purpose; the due end carries the reminder."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")  # deciding unit
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    from_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    from_post = models.CharField(max_length=120)
    to_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    to_post = models.CharField(max_length=120)
    start_on = models.DateField()
    due_end_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    purpose = models.CharField(max_length=255)
    decision_number = models.CharField(max_length=80)
    deciding_body = models.CharField(max_length=255)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_end_on", "pk"]
        indexes = [models.Index(fields=["unit", "due_end_on"], name="cadres_rotation_due")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.start_on}→{self.due_end_on}"


class PlanningStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã phê duyệt")
    SUPERSEDED = "superseded", _("Đã thay bằng lần rà soát sau")


class PlanningList(models.Model):
    """The planning list (danh sách quy hoạch) of a unit's committee posts for a future term,
    one version per review; an approved version is never edited (the next review is a new
    version copied from it)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    term_start = models.PositiveSmallIntegerField()
    term_end = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=12, choices=PlanningStatus.choices, default=PlanningStatus.DRAFT
    )
    review_note = models.CharField(max_length=255, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    approval_decision = models.CharField(max_length=80, blank=True)
    approved_by_body = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["unit", "term_start", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "term_start", "version"], name="cadres_planning_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.term_start}-{self.term_end} v{self.version}"


class PlanningEntry(models.Model):
    """A person planned for a post. Taking someone off the list is recorded (`removed_on` and the
    reason), never a deletion: the list keeps who was planned and why they left it."""

    planning = models.ForeignKey(PlanningList, on_delete=models.CASCADE, related_name="entries")
    post_kind = models.CharField(max_length=24, choices=PostKind.choices)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    added_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    removal_reason = models.CharField(max_length=255, blank=True)
    # A conclusion recorded by the competent body (the system never infers one).
    conclusion = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["post_kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["planning", "post_kind", "member"], name="cadres_planned_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.planning_id} {self.post_kind} {self.member_id}"
