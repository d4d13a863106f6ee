"""Citizen IDs in the import's pages and files follow the member record's field rule (issue 10,
finding 1): masked for a branch secretary (data_quality.manage without members.view_sensitive),
shown to committee staff with one SensitiveRead per row shown; the downloads are not cached."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from chibo.audit.models import SensitiveRead
from chibo.data_quality.models import ImportBatch

from .import_support import csv_bytes, person

CITIZEN_ID = "079180001234"  # Hồ Chí Minh City, a woman born in 1980
OTHER_ID = "079180005678"


def _upload(client, user, rows, unit="B1"):
    client.force_login(user)
    response = client.post(
        "/data-quality/imports/upload/",
        {"unit": unit, "file": SimpleUploadedFile("ds.csv", csv_bytes(rows), "text/csv")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("pk")


def _rows():
    return [
        person("HS1", "Lê Thị Lan", citizen_id=CITIZEN_ID),
        # rejected (unknown branch), so it is in the rejected-rows workbook
        person("HS2", "Vô Chi Bộ", citizen_id=OTHER_ID, unit="KHONGCO"),
        person("HS3", "Không Số", citizen_id=""),
    ]


def _reads(reason):
    return SensitiveRead.objects.filter(
        target_type="data_quality.importrow", reason__contains=reason
    )


def _rejected_sheet(client, batch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/data-quality/imports/{batch.pk}/commit/")
    response = client.get(f"/data-quality/imports/{batch.pk}/rejected.xlsx")
    assert response.status_code == 200
    return response, [
        [c for c in row] for row in load_workbook(io.BytesIO(response.content)).active.values
    ]


def test_branch_secretary_sees_masked_citizen_ids(
    client, personas, django_capture_on_commit_callbacks
):
    batch = _upload(client, personas.branch_officer, _rows())
    preview = client.get(f"/data-quality/imports/{batch.pk}/preview/")
    page = preview.content.decode()
    assert preview.status_code == 200 and "Lê Thị Lan" in page
    assert CITIZEN_ID not in page and OTHER_ID not in page
    assert "•••" in page
    assert not SensitiveRead.objects.exists()

    _response, rows = _rejected_sheet(client, batch, django_capture_on_commit_callbacks)
    column = rows[0].index("Số CCCD")
    rejected = [r for r in rows[1:] if r[1] == "Vô Chi Bộ"]
    assert rejected and rejected[0][column] == "•••"
    assert OTHER_ID not in repr(rows)
    assert not SensitiveRead.objects.exists()


def test_committee_staff_see_citizen_ids_and_each_read_is_logged(
    client, personas, django_capture_on_commit_callbacks
):
    batch = _upload(client, personas.hq_admin, _rows())
    page = client.get(f"/data-quality/imports/{batch.pk}/preview/").content.decode()
    assert CITIZEN_ID in page and OTHER_ID in page
    # one read per row shown with a citizen ID (HS3 has none)
    preview_reads = _reads("import preview")
    assert sorted(preview_reads.values_list("target_id", flat=True)) == [
        f"{batch.pk}:1",
        f"{batch.pk}:2",
    ]
    assert {r.actor_id for r in preview_reads} == {personas.hq_admin.pk}
    assert {r.unit_id for r in preview_reads} == {batch.unit_id}

    _response, rows = _rejected_sheet(client, batch, django_capture_on_commit_callbacks)
    column = rows[0].index("Số CCCD")
    assert [r[column] for r in rows[1:]] == [OTHER_ID]
    assert _reads("rejected rows workbook").count() == 1


def test_rejected_rows_workbook_is_not_cached(client, personas, django_capture_on_commit_callbacks):
    batch = _upload(client, personas.hq_admin, _rows())
    response, _sheet = _rejected_sheet(client, batch, django_capture_on_commit_callbacks)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("persona", ["branch_officer", "hq_admin"])
def test_result_page_tells_citizen_id_problems_only_to_who_reads_them(
    client, personas, django_capture_on_commit_callbacks, persona
):
    # 4th digit 3 = a woman born in the 21st century, against a birth year of 1980
    wrong = "079380001234"
    batch = _upload(
        client, getattr(personas, persona), [person("HS1", "Lê Thị Lan", citizen_id=wrong)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/data-quality/imports/{batch.pk}/commit/")
    page = client.get(f"/data-quality/imports/{batch.pk}/").content.decode()
    preview = client.get(f"/data-quality/imports/{batch.pk}/preview/").content.decode()
    quoted = "(3)"
    if persona == "hq_admin":
        assert quoted in page and quoted in preview
    else:
        assert quoted not in page and quoted not in preview
        assert "chỉ hiện với người được xem số CCCD" in page


def test_export_members_logs_each_citizen_id_it_writes(personas, tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(csv_bytes(_rows()))
    call_command("import_members", str(source), "--unit", "G1", "--no-progress")
    out = tmp_path / "out.csv"
    call_command("export_members", str(out), "--unit", "G1")
    assert CITIZEN_ID in out.read_text(encoding="utf-8-sig")
    reads = SensitiveRead.objects.filter(reason="member list export (citizen_id)")
    assert reads.count() == 1  # HS1; HS2 was rejected, HS3 has no citizen ID
    assert reads.get().actor_label == "manage.py export_members"
