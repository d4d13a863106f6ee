from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.org.models import AdminCodeScheme, OrgUnit


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("Dự bị")
    FULL = "full", _("Chính thức")
    DECEASED = "deceased", _("Từ trần")
    REMOVED = "removed", _("Xóa tên")
    EXPELLED = "expelled", _("Khai trừ")
    WITHDRAWN = "withdrawn", _("Ra khỏi Đảng")
    # A duplicate record merged into another (chibo.data_quality merges); kept for history/undo.
    MERGED = "merged", _("Đã gộp vào hồ sơ khác")


# Members who are in the party today; the others stay on record but are not counted.
ACTIVE_STATUSES = (MemberStatus.PROBATIONARY, MemberStatus.FULL)


class DatePrecision(models.TextChoices):
    """Old records often know only the year, or the month and year, of a date."""

    DAY = "day", _("Ngày/tháng/năm")
    MONTH = "month", _("Tháng/năm")
    YEAR = "year", _("Năm")


class TheoryLevel(models.TextChoices):
    NONE = "", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp")
    BACHELOR = "bachelor", _("Cử nhân")


# Residence codes carry their scheme like unit codes do: 2,179 new ward codes reuse old ones.
AdminScheme = AdminCodeScheme


def _text(max_length: int, label: str | Any) -> models.CharField[str, str]:
    return models.CharField(
        _(label) if isinstance(label, str) else label,
        max_length=max_length,
        blank=True,
        default="",
        db_default="",
    )


class MemberQuerySet(models.QuerySet["Member"]):
    def active(self) -> "MemberQuerySet":
        """Probationary and full members: those a branch counts."""
        return self.filter(status__in=ACTIVE_STATUSES)


class Member(models.Model):
    """A party member's record (lý lịch, form 2-HSĐV: the fields the work needs).

    `status`, `unit`, `temporary_unit`, `is_exempt` and `full_member_on` are caches of the state
    derived from the member's dated events (`MemberEvent`, DESIGN.md rule 7); they are rewritten
    only by `chibo.members.actions` and can be recomputed (`recompute_member_states`).
    """

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(max_length=120)
    other_names = _text(120, "Tên gọi khác")
    search_name = models.CharField(max_length=120, db_index=True, editable=False)
    # Vietnamese collation of the name, given name first (see chibo.core.text.name_sort_text).
    sort_name = models.CharField(max_length=400, default="", db_default="", editable=False)
    gender = models.CharField(max_length=8, choices=Gender.choices)
    birth_date = models.DateField(null=True, blank=True)
    birth_date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        db_default=DatePrecision.DAY,
    )
    place_of_birth = _text(255, "Nơi sinh")
    home_town = _text(255, "Quê quán")
    permanent_address = _text(255, "Nơi thường trú")
    permanent_admin_code = _text(10, "Mã đơn vị hành chính thường trú")
    permanent_admin_scheme = models.CharField(
        max_length=10, choices=AdminScheme.choices, blank=True, default="", db_default=""
    )
    current_address = _text(255, "Nơi ở hiện nay")
    current_admin_code = _text(10, "Mã đơn vị hành chính nơi ở")
    current_admin_scheme = models.CharField(
        max_length=10, choices=AdminScheme.choices, blank=True, default="", db_default=""
    )
    ethnicity = _text(4, "Dân tộc")
    religion = _text(40, "Tôn giáo")
    citizen_id = models.CharField(
        _("Số CCCD"), max_length=12, blank=True, default="", db_default="", db_index=True
    )
    phone = _text(20, "Số điện thoại")
    email = _text(254, "E-mail")
    general_education = _text(10, "Giáo dục phổ thông")
    professional_qualification = _text(120, "Trình độ chuyên môn")
    theory_level = models.CharField(
        max_length=12, choices=TheoryLevel.choices, blank=True, default="", db_default=""
    )
    occupation = _text(120, "Nghề nghiệp")
    workplace = _text(255, "Nơi làm việc")
    party_position = _text(120, "Chức vụ Đảng")
    government_position = _text(120, "Chức vụ chính quyền, đoàn thể")
    card_number = models.CharField(max_length=20, null=True, blank=True, unique=True)
    # "Ngày vào Đảng" is the date the admission decision was signed; party age counts from it.
    admitted_on = models.DateField(null=True, blank=True)
    admission_ceremony_on = models.DateField(null=True, blank=True)
    full_member_on = models.DateField(null=True, blank=True)
    sponsors = _text(255, "Người giới thiệu")
    photo = models.FileField(upload_to="member-photos/", blank=True, default="")
    status = models.CharField(max_length=16, choices=MemberStatus.choices)
    temporary_unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="temporary_members"
    )
    is_exempt = models.BooleanField(default=False, db_default=False)
    # Set when this record was merged into another as a duplicate (status "merged").
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )
    # The member's own login, so they can read their own record (access.policy.is_self).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_record",
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("đảng viên")
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["sort_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name


class EventKind(models.TextChoices):
    ADMISSION = "admission", _("Kết nạp")
    FULL_MEMBERSHIP = "full_membership", _("Công nhận đảng viên chính thức")
    TRANSFER_OUT = "transfer_out", _("Chuyển sinh hoạt chính thức đi")
    TRANSFER_IN = "transfer_in", _("Tiếp nhận sinh hoạt chính thức")
    TEMPORARY_OUT = "temporary_out", _("Chuyển sinh hoạt tạm thời")
    TEMPORARY_RETURN = "temporary_return", _("Trở lại sau sinh hoạt tạm thời")
    EXEMPTION = "exemption", _("Miễn công tác và sinh hoạt đảng")
    EXEMPTION_END = "exemption_end", _("Thôi miễn công tác và sinh hoạt đảng")
    DEATH = "death", _("Từ trần")
    REMOVAL = "removal", _("Xóa tên")
    EXPULSION = "expulsion", _("Khai trừ")
    WITHDRAWAL = "withdrawal", _("Ra khỏi Đảng")
    READMISSION = "readmission", _("Kết nạp lại")
    # Not life events of the member but changes of their record that the fold must know, so a
    # recompute gives the same unit and status (DESIGN.md rule 7):
    # the register carried over from an old system (an import without an admission date);
    RECORD_OPENED = "record_opened", _("Lập hồ sơ từ dữ liệu cũ")
    # the branch changed because the organisation was restructured (merge, split, move of a
    # branch's members); details say the cause and the decision;
    UNIT_REASSIGNED = "unit_reassigned", _("Chuyển chi bộ do sắp xếp tổ chức")
    # a duplicate record absorbed by a data-quality merge, and the undo of that merge.
    RECORD_MERGED = "record_merged", _("Gộp vào hồ sơ khác (trùng lặp)")
    RECORD_MERGE_UNDONE = "record_merge_undone", _("Hoàn tác gộp hồ sơ")


# Kinds that open a member's history: a fold from an empty state starts with one of them.
OPENING_KINDS = frozenset({EventKind.ADMISSION, EventKind.RECORD_OPENED})
# Kinds written by the system's own processes (restructuring, import, data quality), never
# through `record_event`.
RECORD_KINDS = frozenset(
    {
        EventKind.RECORD_OPENED,
        EventKind.UNIT_REASSIGNED,
        EventKind.RECORD_MERGED,
        EventKind.RECORD_MERGE_UNDONE,
    }
)


class MemberEvent(models.Model):
    """A dated life event of a member, with the decision behind it. Never edited: a wrong event
    is cancelled (`cancelled_by`) and a correct one recorded."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    effective_on = models.DateField()
    decision_number = models.CharField(max_length=60, blank=True, default="")
    deciding_body = models.CharField(max_length=255, blank=True, default="")
    from_unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Deadline-bearing events keep their computed due dates (working days) and details.
    details = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["effective_on", "id"]
        indexes = [models.Index(fields=["kind", "effective_on"])]

    def __str__(self) -> str:
        return f"{self.effective_on} {self.kind}"


class UnitMemberStatistics(models.Model):
    """A day's snapshot of the member statistics of a large subtree (a cache, rebuilt by
    `actions.refresh_unit_statistics`): live aggregates over hundreds of thousands of members are
    too slow for a page (bench/RESULTS.md, "Member registry: statistics")."""

    unit = models.OneToOneField(OrgUnit, on_delete=models.CASCADE, related_name="+")
    computed_on = models.DateField()  # ages and party ages are counted on this day
    computed_at = models.DateTimeField()
    data = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.unit_id} {self.computed_on}"
