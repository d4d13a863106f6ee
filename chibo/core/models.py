from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.workdays import DAY_OFF, WORKING_DAY


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CalendarAdjustment(TimeStampedModel):
    """A government decision that makes one day a day off or a working day, against the usual week.

    E.g. a weekday off to bridge a holiday and the Saturday worked in exchange (nghỉ bù / làm bù),
    announced each year by the Prime Minister's decision or the ministry's notice named in `source`.
    Read through `chibo.core.workdays.load_calendar()`; written by the actions of `chibo.calendar`
    (the model stays in core so that every module can read it; see docs/architecture.md).
    """

    class Kind(models.TextChoices):
        DAY_OFF = DAY_OFF, _("Ngày nghỉ")
        WORKING_DAY = WORKING_DAY, _("Ngày làm việc")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    source = models.CharField(_("văn bản"), max_length=255)

    class Meta:
        ordering = ["date"]
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
