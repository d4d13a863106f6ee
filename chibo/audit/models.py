from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Append-only record of one action. On PostgreSQL a trigger rejects UPDATE and DELETE.

    The foreign keys carry no database constraint and never cascade: deleting a user or unit must
    not rewrite history, and the trigger would refuse the rewrite anyway.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=255, blank=True)
    unit = models.ForeignKey(
        "org.OrgUnit",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"


class SensitiveRead(models.Model):
    """Append-only log of reads of personal data (a full member profile, a citizen-ID lookup).

    Party member data reveals political affiliation (Law 91/2025/QH15 on personal data
    protection): every read of a full profile is written here. Same rules as `AuditEvent`: no
    database constraint, never cascades, a PostgreSQL trigger refuses UPDATE and DELETE.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    unit = models.ForeignKey(
        "org.OrgUnit",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Why the data was read ("profile page", "api detail"): never the data itself.
    reason = models.CharField(max_length=120)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["actor", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.target_type}"
