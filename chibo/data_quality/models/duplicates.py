"""Models of the data-quality duplicates: detection runs, candidate pairs and member merges.

A pair is only ever a suggestion: a person decides whether it is a duplicate and, if so, merges
the two records side by side (`chibo.data_quality.duplicates.actions`). Nothing is merged
automatically.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit

__all__ = ["DetectionRun", "DuplicatePair", "MemberMerge", "PairStatus", "RunStatus"]


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Đang chạy")
    FINISHED = "finished", _("Hoàn tất")
    FAILED = "failed", _("Lỗi")


class DetectionRun(models.Model):
    """One run of duplicate detection over a unit's subtree (Splink, DuckDB backend)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members_count = models.PositiveIntegerField(default=0)
    pairs_count = models.PositiveIntegerField(default=0)
    flagged_count = models.PositiveIntegerField(default=0)
    review_count = models.PositiveIntegerField(default=0)
    # Thresholds, blocking rules and the trained model's summary.
    params = models.JSONField(default=dict, blank=True)
    # Progress for the HTMX-polled bar: a stage label and a percentage.
    stage = models.CharField(max_length=60, blank=True, default="")
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.started_at:%Y-%m-%d %H:%M}"


class PairStatus(models.TextChoices):
    FLAGGED = "flagged", _("Gần như chắc chắn trùng")
    REVIEW = "review", _("Cần xem xét")
    CONFIRMED = "confirmed_duplicate", _("Đã xác nhận trùng")
    NOT_DUPLICATE = "not_duplicate", _("Không trùng")
    MERGED = "merged", _("Đã gộp")


# Pairs still waiting for a person's decision.
OPEN_PAIR_STATUSES = (PairStatus.FLAGGED, PairStatus.REVIEW, PairStatus.CONFIRMED)


class DuplicatePair(models.Model):
    """Two member records that may be the same person (left.pk < right.pk)."""

    left = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    match_probability = models.FloatField()
    # Why: {"source": "splink"|"import"|..., "weights": {comparison: match weight}, ...}
    reason = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=PairStatus.choices, db_index=True)
    run = models.ForeignKey(
        DetectionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="pairs"
    )
    found_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-match_probability", "id"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="dq_pair_unique"),
            models.CheckConstraint(
                condition=models.Q(left__lt=models.F("right")), name="dq_pair_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "-match_probability"])]

    def __str__(self) -> str:
        return f"{self.left_id}~{self.right_id} {self.match_probability:.3f}"


class MemberMerge(models.Model):
    """A merge of `absorbed` into `survivor`, with everything needed to undo it exactly.

    The absorbed record is kept (status "merged", `merged_into` the survivor) with its own event
    history; rows of other tables that pointed at it (raw import rows, source records) are
    repointed to the survivor and listed in `moved` so that undo can point them back.
    """

    pair = models.ForeignKey(
        DuplicatePair, null=True, blank=True, on_delete=models.SET_NULL, related_name="merges"
    )
    survivor = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    absorbed = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    # {field: "survivor" | "absorbed"}: whose value was kept for each differing field.
    choices = models.JSONField(default=dict, blank=True)
    survivor_before = models.JSONField(default=dict)
    absorbed_before = models.JSONField(default=dict)
    survivor_after = models.JSONField(default=dict)
    # {"app_label.model.field": [ids]} of rows repointed from absorbed to survivor.
    moved = models.JSONField(default=dict, blank=True)
    # The pair's status before the merge, given back on undo.
    pair_status_before = models.CharField(max_length=20, blank=True, default="")
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return f"{self.absorbed_id}→{self.survivor_id}"
