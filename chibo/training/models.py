"""Training courses of a unit (lớp bồi dưỡng): sessions, teachers, materials, enrolment of
candidates and members, attendance per session, the final result and the certificates issued.
Rules that judge them live in `rules.py`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.models import TimeStampedModel
from chibo.documents.models import Document, StudyCampaign
from chibo.members.models import Member
from chibo.org.models import OrgUnit


class CourseKind(models.TextChoices):
    AWARENESS = "awareness", _("Bồi dưỡng nhận thức về Đảng")
    NEW_MEMBER = "new_member", _("Bồi dưỡng đảng viên mới")
    THEORY_ELEMENTARY = "theory_elementary", _("Sơ cấp lý luận chính trị")
    THEORY_INTERMEDIATE = "theory_intermediate", _("Trung cấp lý luận chính trị")
    THEORY_ADVANCED = "theory_advanced", _("Cao cấp lý luận chính trị")
    THEMATIC = "thematic", _("Chuyên đề")


class CourseMode(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")


class Course(TimeStampedModel):
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại lớp"), max_length=24, choices=CourseKind.choices)
    title = models.CharField(_("tên lớp"), max_length=255)
    mode = models.CharField(_("hình thức"), max_length=12, choices=CourseMode.choices)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True, default="")
    video_url = models.URLField(_("đường dẫn học trực tuyến"), max_length=500, blank=True)
    starts_on = models.DateField(_("ngày khai giảng"))
    ends_on = models.DateField(_("ngày bế giảng"))
    # The final test: a quiz of the documents module (a study campaign) or a grade entered.
    study_campaign = models.ForeignKey(
        StudyCampaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["unit", "starts_on"])]

    def __str__(self) -> str:
        return self.title


class CourseTeacher(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="teachers")
    full_name = models.CharField(_("họ tên giảng viên"), max_length=120)
    position = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True, default="")

    def __str__(self) -> str:
        return self.full_name


class CourseSession(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("ngày học"))
    topic = models.CharField(_("chuyên đề"), max_length=255)
    teacher = models.CharField(_("giảng viên"), max_length=120, blank=True, default="")

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return self.topic


class CourseMaterial(models.Model):
    """A registry document, or a file uploaded for the course."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("tên tài liệu"), max_length=255)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="training/", blank=True, default="")
    original_name = models.CharField(max_length=255, blank=True, default="")

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    """A learner of a course: a member of the registry, or a person not yet a member (a
    candidate of the recruitment module) named here with their branch."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(max_length=120)
    birth_date = models.DateField(null=True, blank=True)
    # The learner's branch: whose records these are (scope).
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    grade = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    quiz_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True)
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "member"],
                condition=models.Q(member__isnull=False),
                name="training_one_enrolment_per_member",
            )
        ]
        indexes = [models.Index(fields=["unit", "course"])]

    def __str__(self) -> str:
        return self.full_name


class SessionAttendance(models.Model):
    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="training_one_mark_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.enrolment_id} {self.present}"


class CertificateSequence(models.Model):
    """The last number a unit issued in a year (locked while a number is drawn)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="training_one_sequence_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}: {self.last}"


class Certificate(models.Model):
    """Giấy chứng nhận: numbered per issuing unit and year ("GCN-P1-2026-0007")."""

    number = models.CharField(max_length=80, unique=True)
    issuing_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(max_length=120)
    # The learner's branch (scope of the record).
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "sequence"], name="training_certificate_sequence"
            )
        ]

    def __str__(self) -> str:
        return self.number
