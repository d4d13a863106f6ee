"""The restore drill: backup → wipe → restore → verify, on the database the suite runs on
(SQLite file or a PostgreSQL database of its own), with the commands run as processes."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .drill import DrillSite

pytestmark = pytest.mark.django_db(transaction=True)

SEED = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from chibo.testing.personas import build_personas, make_member
personas = build_personas()
for n in range(20):
    make_member(personas.tree.b2, f"Nguyễn Văn Thử {n:02d}")
names = [
    default_storage.save("member-photos/anh.jpg", ContentFile(bytes(range(256)) * 400)),
    default_storage.save("documents/2026/nghi-quyet.pdf", ContentFile(b"%PDF-1.4 drill\\n" * 50)),
]
print(json.dumps(names))
"""


def all_counts(site: DrillSite) -> dict[str, int]:
    if site.vendor == "postgresql":
        tables = [
            name
            for (name,) in site.rows(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
    else:
        tables = [
            name
            for (name,) in site.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
            )
        ]
    return {table: site.value(f'SELECT count(*) FROM "{table}"') for table in tables}  # noqa: S608


def test_backup_wipe_restore_verify(drill_site: DrillSite, tmp_path: Path):
    site = drill_site
    stored = site.python(SEED)
    before = all_counts(site)
    names_before = site.rows("SELECT full_name FROM members_member ORDER BY id")
    files_before = {name: (site.media / name).read_bytes() for name in stored}
    assert before["members_member"] >= 20

    backup = tmp_path / "backup-1"
    out = site.manage("backup_site", str(backup), "--skip-checks")
    assert "backed up" in out
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == site.vendor
    assert manifest["tables"] == before
    assert {entry["path"] for entry in manifest["files"]} == set(stored)
    assert manifest["application"]["migrations"]["members"]

    # The wipe: the database dropped and created empty, the uploaded files gone.
    site.recreate_empty()
    shutil.rmtree(site.media)
    site.media.mkdir()

    out = site.manage("restore_site", str(backup), "--skip-checks")
    assert "restored and verified" in out, out
    assert all_counts(site) == before
    assert site.rows("SELECT full_name FROM members_member ORDER BY id") == names_before
    assert {name: (site.media / name).read_bytes() for name in stored} == files_before
    # The restored site is complete: every migration is there.
    assert "No planned migration operations" in site.manage("migrate", "--plan", "--skip-checks")


def test_damaged_unfinished_or_misplaced_backups_are_refused(drill_site: DrillSite, tmp_path: Path):
    """Refused before anything is written (in-process, against pytest's own non-empty test
    database, which the refusals never reach)."""
    backup = tmp_path / "backup-2"
    drill_site.python(
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage\n"
        "print(json.dumps(default_storage.save('documents/a.pdf', ContentFile(b'%PDF drill'))))"
    )
    drill_site.manage("backup_site", str(backup), "--skip-checks", "--no-progress")

    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_site", str(backup), "--no-progress")
    with pytest.raises(CommandError, match="the database is not empty"):
        call_command("restore_site", str(backup), "--no-progress")

    (backup / "files" / "documents" / "a.pdf").write_bytes(b"changed")
    with pytest.raises(CommandError, match=r"damaged(.|\n)*documents/a.pdf"):
        call_command("restore_site", str(backup), "--no-progress")

    (backup / "manifest.json").unlink()
    with pytest.raises(CommandError, match="unfinished backup"):
        call_command("restore_site", str(backup), "--no-progress")
