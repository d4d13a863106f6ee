from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from chibo.core.tree import STEPLEN, ancestor_paths


class UnitKind(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Đảng bộ tỉnh, thành phố")
    UPPER_GRASSROOTS = "upper_grassroots", _("Đảng bộ xã, phường, đặc khu")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    GRASSROOTS_BRANCH = "grassroots_branch", _("Chi bộ cơ sở")
    BRANCH = "branch", _("Chi bộ trực thuộc")
    PARTY_CELL = "party_cell", _("Tổ đảng")


class UnitStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    MERGED = "merged", _("Đã sáp nhập")
    DISSOLVED = "dissolved", _("Đã giải thể")


class AdminCodeScheme(models.TextChoices):
    """Administrative codes were renumbered on 1 July 2025 and new ward codes reuse old ones."""

    PRE_2025 = "pre_2025", _("Mã trước 01/7/2025")
    POST_2025 = "post_2025", _("Mã từ 01/7/2025")


class OrgUnit(MP_Node):
    """A party organisation: any node of the tree. Subtree = units whose path starts with ours."""

    steplen = STEPLEN

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=255)
    # Unaccented lower-case name for diacritics-insensitive search (trigram index on PostgreSQL).
    search_name = models.CharField(max_length=255, db_index=True, editable=False)
    # Folded name with zero-padded numbers, for lists ordered as people expect ("Khu phố 2" < "10").
    sort_name = models.CharField(max_length=320, default="", db_default="", editable=False)
    kind = models.CharField(max_length=32, choices=UnitKind.choices)
    status = models.CharField(max_length=16, choices=UnitStatus.choices, default=UnitStatus.ACTIVE)
    founded_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="absorbed"
    )
    admin_code = models.CharField(max_length=10, blank=True)
    admin_code_scheme = models.CharField(max_length=10, choices=AdminCodeScheme.choices, blank=True)
    # Cache of active members in the subtree, kept by the members module; recomputable.
    member_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tổ chức đảng")
        # treebeard selects children by `depth = d AND path BETWEEN …`; without this index the
        # root's children are a scan of the whole table (bench/RESULTS.md).
        indexes = [models.Index(fields=["depth", "path"], name="org_orgunit_depth_path")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(admin_code__gt="") | ~models.Q(admin_code_scheme=""),
                name="orgunit_admin_code_has_scheme",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == UnitStatus.ACTIVE

    def ancestor_paths(self, *, include_self: bool = False) -> list[str]:
        """The paths of this unit's ancestors, root first (no query)."""
        return ancestor_paths(self.path, include_self=include_self, steplen=self.steplen)


class UnitEventKind(models.TextChoices):
    CREATED = "created", _("Thành lập")
    RENAMED = "renamed", _("Đổi tên")
    MOVED = "moved", _("Chuyển trực thuộc")
    MERGED = "merged", _("Sáp nhập vào đơn vị khác")
    ABSORBED = "absorbed", _("Tiếp nhận đơn vị sáp nhập")
    DISSOLVED = "dissolved", _("Giải thể")


class UnitEvent(models.Model):
    """Dated history of a unit: the decision, its date and what changed."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=16, choices=UnitEventKind.choices)
    effective_on = models.DateField()
    decision_number = models.CharField(max_length=60, blank=True)
    details = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.effective_on} {self.kind}"
