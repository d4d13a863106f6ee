"""Rating rounds, the ratings in them and their dated events.

A round (đợt đánh giá, xếp loại) is run by a committee for a year (quarter 0) or a quarter, for
members or for organisations of its subtree. Each subject gets one `Rating`, whose stage, score
and level are a cache of its `RatingEvent`s (self-assessment, the branch's assessment, the
committee's decision), folded by `state.derive`; `actions.recompute_ratings` rebuilds them.
A round's opening and closing are `RoundEvent`s.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit

from .rules import LEVEL_LABELS, Level


class SubjectKind(models.TextChoices):
    MEMBER = "member", _("Đảng viên")
    ORGANISATION = "organisation", _("Tổ chức đảng")


LEVEL_CHOICES = [(lvl.value, LEVEL_LABELS[lvl]) for lvl in Level]


class Stage(models.TextChoices):
    PENDING = "pending", _("Chưa tự đánh giá")
    SELF = "self_assessment", _("Đã tự đánh giá")
    BRANCH = "branch_assessment", _("Chi bộ đã đánh giá")
    DECIDED = "committee_decision", _("Cấp ủy đã quyết định")


# The stages an event may be (pending is only the state before any event).
EVENT_STAGES = (Stage.SELF, Stage.BRANCH, Stage.DECIDED)


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang đánh giá")
    CLOSED = "closed", _("Đã kết thúc")


class RatingRound(models.Model):
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="rating_rounds")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(default=0)  # 0: the whole year
    kind = models.CharField(max_length=16, choices=SubjectKind.choices)
    status = models.CharField(max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    # The cap on excellent for this round (percent of those rated good), from the dated rule.
    cap_percent = models.PositiveSmallIntegerField()
    cap_confirmed = models.BooleanField(default=False)
    cap_source = models.CharField(max_length=255)
    rule_source = models.CharField(max_length=255)
    criteria = models.JSONField(default=list)  # the template the round opened with
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    cap_decision_number = models.CharField(max_length=60, blank=True, default="")
    cap_decision_reason = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "kind"], name="ratings_round_once_per_period"
            )
        ]
        ordering = ["-year", "-quarter", "kind"]

    def __str__(self) -> str:
        period = f"{self.year}" if not self.quarter else f"Q{self.quarter}/{self.year}"
        return f"{self.unit.code} {self.kind} {period}"


class RoundEventKind(models.TextChoices):
    OPENED = "opened", _("Mở đợt đánh giá")
    CLOSED = "closed", _("Kết thúc đợt đánh giá")


class RoundEvent(models.Model):
    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=8, choices=RoundEventKind.choices)
    effective_on = models.DateField()
    details = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.effective_on}"


class Rating(models.Model):
    round = models.ForeignKey(RatingRound, on_delete=models.PROTECT, related_name="ratings")
    kind = models.CharField(max_length=16, choices=SubjectKind.choices)
    year = models.PositiveSmallIntegerField()  # copies of the round's, for history queries
    quarter = models.PositiveSmallIntegerField(default=0)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )
    organisation = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="ratings_received"
    )
    # The subject's unit when the round opened (the member's branch or cell; the organisation
    # itself): what access.policy scopes on.
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    # The grassroots organisation the cap on excellent is counted in.
    grassroots = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PENDING)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES, blank=True, default="")
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="ratings_member_once"),
            models.UniqueConstraint(
                fields=["round", "organisation"], name="ratings_organisation_once"
            ),
            models.CheckConstraint(
                condition=(models.Q(member__isnull=False) & models.Q(organisation__isnull=True))
                | (models.Q(member__isnull=True) & models.Q(organisation__isnull=False)),
                name="ratings_one_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "level", "quarter", "year"], name="ratings_level_year"),
            models.Index(fields=["member", "year"], name="ratings_member_year"),
            models.Index(fields=["round", "grassroots"], name="ratings_round_grassroots"),
        ]

    def __str__(self) -> str:
        who = self.member.full_name if self.member is not None else str(self.organisation)
        return f"{who} · {self.year}"

    @property
    def subject_name(self) -> str:
        return self.member.full_name if self.member_id else self.organisation.name  # type: ignore[union-attr]


class RatingEvent(models.Model):
    """One assessment of a rating: what was stated at a stage, by whom, on which day."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    effective_on = models.DateField()
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES)
    conditions = models.JSONField(default=dict, blank=True)
    points = models.JSONField(default=dict, blank=True)  # criterion code -> points
    comment = models.TextField(blank=True, default="")
    rule_source = models.CharField(max_length=255)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.stage} {self.effective_on}"
