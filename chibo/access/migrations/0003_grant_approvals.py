"""Grants of roles that read member data need a second person's approval (finding 14).

Every grant that exists already is in force and stays so: it is taken as approved, when it was
created (`approved_at = created_at`), by nobody in particular (`approved_by` empty).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def existing_grants_are_approved(apps, schema_editor):
    grant = apps.get_model("access", "Grant")
    grant.objects.update(approved_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_initial"),
        ("org", "0004_sort_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="grant",
            name="approved_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RunPython(existing_grants_are_approved, migrations.RunPython.noop),
        migrations.AddField(
            model_name="grant",
            name="approved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="grant",
            name="granted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="GrantRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("member", "Đảng viên"),
                            ("branch_secretary", "Bí thư chi bộ"),
                            ("committee_staff", "Cán bộ văn phòng cấp ủy"),
                            ("inspector", "Ủy ban kiểm tra"),
                            ("leader", "Thường trực cấp ủy"),
                            ("congress_organizer", "Ban tổ chức đại hội"),
                            ("delegate", "Đại biểu"),
                            ("counting_officer", "Ban kiểm phiếu"),
                            ("system_admin", "Quản trị hệ thống"),
                        ],
                        max_length=32,
                    ),
                ),
                ("requested_at", models.DateTimeField(auto_now_add=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Chờ duyệt"),
                            ("approved", "Đã duyệt"),
                            ("refused", "Không duyệt"),
                        ],
                        default="pending",
                        max_length=16,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("reason", models.CharField(blank=True, max_length=300)),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "grant",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="request",
                        to="access.grant",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="org.orgunit",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="grant_requests",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "pending")),
                        fields=("user", "unit", "role"),
                        name="grant_request_one_pending",
                    )
                ],
            },
        ),
    ]
