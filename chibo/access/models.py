import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_LABELS, Role

ROLE_CHOICES = [(r.value, ROLE_LABELS[r]) for r in Role]


class User(AbstractUser):
    """A person who logs in. Their reach comes only from `Grant`s."""

    class Meta:
        verbose_name = _("người dùng")

    def get_full_name(self) -> str:
        # Vietnamese order: family and middle names (last_name) before the given name.
        return f"{self.last_name} {self.first_name}".strip()


class Grant(models.Model):
    """A role held on a unit; it covers the unit's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="grants")
    role = models.CharField(max_length=32, choices=ROLE_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who gave the grant and, for a role that reads member data or manages access, the second
    # person who approved it (DESIGN.md, "Grants"). A grant row is always in force: a grant that
    # waits for its approval is a `GrantRequest`, which no access decision reads. `granted_by`
    # and `approved_by` are empty on grants from before approvals existed (the migration took
    # them as approved) and on the demo's and tests' bootstrap grants.
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="grant_unique_role_on_unit"
            )
        ]

    def __str__(self) -> str:
        # The audit log's label of the event (the unit is shown beside it): no role codes.
        return f"{self.user} · {self.get_role_display()}"


class GrantRequestStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REFUSED = "refused", _("Không duyệt")


class GrantRequest(models.Model):
    """A grant of a role that reads member data (or manages access), waiting for a second
    person: an access manager of the unit's subtree who is neither the requester nor the
    grantee. Approval creates the `Grant`; until then the role reaches nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_requests"
    )
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=32, choices=ROLE_CHOICES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=GrantRequestStatus.choices, default=GrantRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Why a request was refused (told to the requester); blank when approved.
    reason = models.CharField(max_length=300, blank=True)
    grant = models.OneToOneField(
        Grant, null=True, blank=True, on_delete=models.SET_NULL, related_name="request"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=models.Q(status="pending"),
                name="grant_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} ({self.get_status_display()})"


TOKEN_PREFIX = "cbs_"  # noqa: S105  (a visible prefix, not a secret)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class PersonalAccessToken(models.Model):
    """A bearer token for integrations. Only its hash is stored; it acts with its user's grants."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="first characters, to tell tokens apart")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"
