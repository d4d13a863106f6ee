"""Models of the data-quality campaigns: "đúng, đủ, sạch, sống" over a subtree.

A campaign runs over a unit's subtree between two dates. Each member's four tests are computed by
the pure functions of `chibo.data_quality.criteria` and cached in `MemberCheck` (one row per member,
recomputable at any time: `manage.py check_members`); the dashboard aggregates those rows with one
GROUP BY on the unit path prefix. `CampaignDaily` keeps a day's counts per unit so the chart can
show progress per day (written by `manage.py snapshot_campaigns`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit

__all__ = ["Campaign", "CampaignDaily", "MemberCheck", "RecordConfirmation"]


class Campaign(models.Model):
    """A data-cleaning campaign over the subtree of `root_unit`, from `starts_on` to `ends_on`."""

    name = models.CharField(_("Tên đợt"), max_length=200)
    root_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("Ngày bắt đầu"))
    ends_on = models.DateField(_("Ngày kết thúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt làm sạch dữ liệu")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="dq_campaign_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RecordConfirmation(models.Model):
    """The branch confirmed that a member's record is current ("sống") during a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="confirmations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("xác nhận hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "member"], name="dq_confirmation_once_per_campaign"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.member_id}"


class MemberCheck(models.Model):
    """Cached result of the four tests for one member (a cache: `check_members` rebuilds it).

    `unit_path` copies the member's unit path so the dashboard groups by its prefix without a
    join; `confirmed_on` is the day of the member's latest confirmation, so "sống" for any
    campaign is a date comparison. `is_current` is "sống" for the running campaign covering the
    member when the check was computed. `reasons` maps each test to its failures
    (code, field, Vietnamese message, citation).
    """

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255)
    is_correct = models.BooleanField(default=False)
    is_complete = models.BooleanField(default=False)
    is_clean = models.BooleanField(default=False)
    is_current = models.BooleanField(default=False)
    confirmed_on = models.DateField(null=True, blank=True)
    reasons = models.JSONField(default=dict, blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kết quả kiểm tra hồ sơ")
        indexes = [
            # Subtree = path prefix (LIKE 'p%'): on PostgreSQL a btree serves LIKE only with the
            # pattern operator class unless the database collation is exactly "C" (C.UTF-8 is
            # not): 0.2 ms instead of a 180 ms scan of 1M rows (bench/RESULTS.md).
            models.Index(
                fields=["unit_path"],
                name="dq_membercheck_unit_path",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["unit"], name="dq_membercheck_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}"

    @property
    def passes_all(self) -> bool:
        return self.is_correct and self.is_complete and self.is_clean and self.is_current


class CampaignDaily(models.Model):
    """One day's counts for one unit of a campaign (the unit's whole subtree)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="daily")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    # Members counted, and how many pass each test ("clean" alone would shadow Model.clean()).
    total = models.PositiveIntegerField(default=0)
    correct_count = models.PositiveIntegerField(default=0)
    complete_count = models.PositiveIntegerField(default=0)
    clean_count = models.PositiveIntegerField(default=0)
    current_count = models.PositiveIntegerField(default=0)
    all_four_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu ngày của đợt")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "day"], name="dq_campaign_daily_once"
            )
        ]
        # The unique index serves one unit's days (the chart); this one a day's units (the
        # dashboard of a large subtree read from the snapshot).
        indexes = [models.Index(fields=["campaign", "day", "unit"], name="dq_campaign_daily_day")]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.unit_id} {self.day}"
