"""The award kinds every installation starts with; committees add others (actions.add_award_kind)."""

from django.db import migrations

KINDS = [
    ("certificate_of_merit", "Bằng khen", True, True, False, 10),
    ("letter_of_commendation", "Giấy khen", True, True, False, 20),
    ("party_badge", "Huy hiệu Đảng", True, False, True, 30),
    ("emulation_flag", "Cờ thi đua", False, True, False, 40),
]


def add(apps, schema_editor):
    kind = apps.get_model("commendations", "AwardKind")
    for code, name, members, orgs, badge, order in KINDS:
        kind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "for_members": members,
                "for_organisations": orgs,
                "is_badge": badge,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("commendations", "0001_awards_proposals_campaigns")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
