"""Work programmes (chương trình công tác) and their tasks (nhiệm vụ) with the six clears
("6 rõ": rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền).

A task's state is a history of dated `TaskEvent`s; the `status`, `due_on`, `submitted_on`,
`accepted_on` columns of `Task` are caches that `state.derive` rebuilds from them
(`actions.recompute_task_states`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit


class WorkProgramme(models.Model):
    """A unit's programme for a year (quarter 0) or for one quarter of it (1-4)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(default=0)  # 0: the whole year
    title = models.CharField(max_length=255)
    # Notices go out this many working days before a task's due date (0: none before).
    notice_days = models.PositiveSmallIntegerField(default=3)
    # While a task is overdue, its notice is repeated every this many working days.
    repeat_days = models.PositiveSmallIntegerField(default=5)
    issued_on = models.DateField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "quarter", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter"], name="assignments_one_programme_per_period"
            )
        ]

    def __str__(self) -> str:
        return self.title


class TaskStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã giao")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    SUBMITTED = "submitted", _("Đã nộp sản phẩm")
    ACCEPTED = "accepted", _("Đã nghiệm thu")
    RETURNED = "returned", _("Trả lại")


OPEN_STATUSES = (
    TaskStatus.ISSUED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.SUBMITTED,
    TaskStatus.RETURNED,
)


class Priority(models.TextChoices):
    NORMAL = "normal", _("Bình thường")
    HIGH = "high", _("Quan trọng")
    URGENT = "urgent", _("Khẩn")


class Task(models.Model):
    programme = models.ForeignKey(WorkProgramme, on_delete=models.PROTECT, related_name="tasks")
    # The issuing unit (the programme's); the accountable unit is it or a unit below it.
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    title = models.CharField(max_length=255)
    # The six clears.
    owner = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")  # rõ người
    scope = models.TextField()  # rõ việc
    original_due_on = models.DateField()  # rõ thời gian (as issued; extensions move `due_on`)
    accountable_unit = models.ForeignKey(  # rõ trách nhiệm
        OrgUnit, on_delete=models.PROTECT, related_name="+"
    )
    deliverable = models.CharField(max_length=500)  # rõ sản phẩm
    # rõ thẩm quyền: a person, or a body (the unit's committee: its assignments managers).
    approver = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approver_unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    co_owners = models.ManyToManyField(Member, blank=True, related_name="+")
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    # Where the task comes from (optional): a registry document, a meeting, free text.
    source_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_note = models.CharField(max_length=500, blank=True, default="")
    # Caches derived from the events (state.derive).
    status = models.CharField(max_length=12, choices=TaskStatus.choices, default=TaskStatus.DRAFT)
    due_on = models.DateField()
    issued_on = models.DateField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    extension_pending = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["accountable_unit", "due_on"], name="task_unit_due"),
            models.Index(fields=["status", "due_on"], name="task_status_due"),
            models.Index(fields=["owner", "status"], name="task_owner_status"),
        ]

    def __str__(self) -> str:
        return self.title


class EventKind(models.TextChoices):
    CREATED = "created", _("Lập nhiệm vụ")
    ISSUED = "issued", _("Giao nhiệm vụ")
    PROGRESS = "progress", _("Báo cáo tiến độ")
    SUBMITTED = "submitted", _("Nộp sản phẩm")
    ACCEPTED = "accepted", _("Nghiệm thu")
    RETURNED = "returned", _("Trả lại")
    EXTENSION_REQUESTED = "ext_requested", _("Xin gia hạn")
    EXTENSION_GRANTED = "ext_granted", _("Đồng ý gia hạn")
    EXTENSION_REFUSED = "ext_refused", _("Không đồng ý gia hạn")


class TaskEvent(models.Model):
    """One dated step of a task's life. Append-only: corrections are new events."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    on = models.DateField()  # the day it happened
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, default="")  # progress, reason, what was submitted
    link = models.URLField(max_length=500, blank=True, default="")  # the deliverable, if linked
    file = models.FileField(upload_to="task-deliverables/", blank=True, default="")
    due_on = models.DateField(null=True, blank=True)  # created / extension asked or granted
    percent = models.PositiveSmallIntegerField(null=True, blank=True)  # a progress note's figure

    class Meta:
        ordering = ["on", "at", "pk"]
        indexes = [models.Index(fields=["task", "on"], name="taskevent_task_on")]

    def __str__(self) -> str:
        return f"{self.task_id} {self.kind} {self.on}"


class NoticeSent(models.Model):
    """A due-soon or overdue notice sent for a task on a day (so the daily run sends it once)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8)  # "soon" | "overdue"
    on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "kind", "on"], name="assignments_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.kind} {self.on}"
