"""The import refuses compression bombs through the one upload guard (issue 10, finding 17), on
the web and on the command line, before anything is stored."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from chibo.core.tests.test_uploads import shared_strings_bomb
from chibo.data_quality.importing import reader
from chibo.data_quality.models import ImportBatch
from chibo.members.models import Member


def _stored_uploads(folder: str = "imports") -> list[str]:
    try:
        dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{name}" for name in files]
    for name in dirs:
        found += _stored_uploads(f"{folder}/{name}")
    return found


def _never_opened(monkeypatch):
    """The bomb is refused before openpyxl reads it (the finding's request took 35 s)."""

    def opened(*args, **kwargs):
        raise AssertionError("openpyxl was asked to open a compression bomb")

    monkeypatch.setattr(reader, "_open_xlsx", opened)


def test_web_upload_of_a_bomb_is_refused_and_nothing_is_stored(client, personas, monkeypatch):
    client.force_login(personas.hq_admin)
    before = _stored_uploads()
    bomb = shared_strings_bomb()
    _never_opened(monkeypatch)
    response = client.post(
        "/data-quality/imports/upload/",
        {"unit": "G1", "file": SimpleUploadedFile("ds.xlsx", bomb, "x")},
    )
    assert response.status_code == 400
    assert "bung ra quá lớn" in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert _stored_uploads() == before


def test_command_line_import_of_a_bomb_is_refused(personas, tmp_path, monkeypatch):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(shared_strings_bomb())
    _never_opened(monkeypatch)
    with pytest.raises(CommandError, match="bung ra quá lớn"):
        call_command("import_members", str(path), "--unit", "G1", "--no-progress")
    assert not ImportBatch.objects.exists() and not Member.objects.exists()
