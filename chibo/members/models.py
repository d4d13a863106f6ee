from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.org.models import OrgUnit


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


# Members who are in the party today; the others stay on record but are not counted.
ACTIVE_STATUSES = (MemberStatus.PROBATIONARY, MemberStatus.FULL)


class Member(models.Model):
    """A party member. The full record and its life events come with the member registry;
    `status` and `unit` are caches of the current state."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(max_length=120)
    search_name = models.CharField(max_length=120, db_index=True, editable=False)
    gender = models.CharField(max_length=8, choices=Gender.choices)
    birth_date = models.DateField(null=True, blank=True)
    admitted_on = models.DateField(null=True, blank=True)
    full_member_on = models.DateField(null=True, blank=True)
    card_number = models.CharField(max_length=20, null=True, blank=True, unique=True)
    status = models.CharField(max_length=16, choices=MemberStatus.choices)

    class Meta:
        verbose_name = _("đảng viên")
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return self.full_name
