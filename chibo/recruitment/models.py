"""Recruitment of new members (phát triển đảng viên): candidates (quần chúng ưu tú) with the
admission pipeline as dated steps, their sponsors, and the targets of units per year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.models import TimeStampedModel
from chibo.members.models import Gender, Member
from chibo.org.models import OrgUnit
from chibo.training.models import Certificate


class Step(models.TextChoices):
    """The admission pipeline, in order (RULES.md; Điều lệ Đảng Điều 4, QĐ 294-QĐ/TW mục 3)."""

    AWARENESS_COURSE = "awareness_course", _("Học lớp bồi dưỡng nhận thức về Đảng")
    SYMPATHISER = "sympathiser", _("Chi bộ phân công đảng viên giúp đỡ (cảm tình Đảng)")
    APPLICATION = "application", _("Đơn xin vào Đảng, lý lịch, người giới thiệu")
    VERIFICATION = "verification", _("Thẩm tra lý lịch")
    OPINIONS = "opinions", _("Nhận xét của đoàn thể và nơi cư trú")
    BRANCH_VOTE = "branch_vote", _("Chi bộ xét, biểu quyết đề nghị kết nạp")
    GRASSROOTS_RESOLUTION = "grassroots_resolution", _("Nghị quyết của đảng ủy cơ sở")
    DECISION = "decision", _("Quyết định kết nạp của cấp ủy có thẩm quyền")
    CEREMONY = "ceremony", _("Lễ kết nạp")


STEP_ORDER: list[str] = list(Step.values)


class CandidateStatus(models.TextChoices):
    ACTIVE = "active", _("Đang bồi dưỡng, xét kết nạp")
    ADMITTED = "admitted", _("Đã kết nạp")
    WITHDRAWN = "withdrawn", _("Dừng xét")


class Candidate(TimeStampedModel):
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("họ và tên"), max_length=120)
    search_name = models.CharField(max_length=120, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    # "9/12", "12/12" (giáo dục phổ thông), as the member profile writes it.
    general_education = models.CharField(_("giáo dục phổ thông"), max_length=10)
    occupation = models.CharField(_("nghề nghiệp"), max_length=120, blank=True, default="")
    # Over 60 at the branch vote: the provincial-level committee's decision (number, date).
    age_exception_number = models.CharField(max_length=60, blank=True, default="")
    age_exception_on = models.DateField(null=True, blank=True)
    helper = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    awareness_certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=CandidateStatus.choices, default=CandidateStatus.ACTIVE
    )
    # Caches of the steps (recomputable from CandidateStep): the last step done and when, and
    # the next step's deadline where a rule sets one.
    last_step = models.CharField(max_length=24, choices=Step.choices, blank=True, default="")
    last_step_on = models.DateField(null=True, blank=True)
    next_due_on = models.DateField(null=True, blank=True)
    member = models.OneToOneField(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["unit", "status", "last_step"]),
            models.Index(fields=["status", "next_due_on"]),
        ]

    def __str__(self) -> str:
        return self.full_name


class CandidateStep(models.Model):
    """One dated step of the pipeline with its document (number, file) and, for votes, the
    count. Steps are only added, in order."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=24, choices=Step.choices)
    done_on = models.DateField()
    document_number = models.CharField(max_length=60, blank=True, default="")
    document = models.FileField(upload_to="recruitment/", blank=True, default="")
    document_name = models.CharField(max_length=255, blank=True, default="")
    note = models.TextField(blank=True, default="")
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_of = models.PositiveIntegerField(null=True, blank=True)
    deciding_body = models.CharField(max_length=255, blank=True, default="")
    # The decision step: the day the branch received it (the ceremony counts from it) and
    # whether the competent committee used its extension.
    received_on = models.DateField(null=True, blank=True)
    extended = models.BooleanField(default=False)
    due_on = models.DateField(null=True, blank=True)
    rule_source = models.CharField(max_length=500, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "step"], name="recruitment_step_once")
        ]
        ordering = ["done_on", "pk"]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.step} {self.done_on}"


class Sponsor(models.Model):
    """A full member who introduces the candidate (người giới thiệu)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="sponsors")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    known_since = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "member"], name="recruitment_sponsor_once")
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.member_id}"


class Target(models.Model):
    """Chỉ tiêu kết nạp: how many new members a unit plans to admit in a year."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    target = models.PositiveIntegerField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="recruitment_one_target")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}: {self.target}"
