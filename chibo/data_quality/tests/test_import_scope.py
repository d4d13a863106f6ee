"""Import feedback tells nothing about records outside the importer's reach (issue 10, finding
13): a citizen ID used by a member of another ward reads exactly like an unused one, while the
pair waits in the review queue of the committee above both records."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chibo.audit.models import AuditEvent
from chibo.data_quality.campaigns.queries import record_checks
from chibo.data_quality.duplicates.queries import pairs_for
from chibo.data_quality.models import DuplicatePair, ImportBatch, ImportRow
from chibo.testing.personas import make_member

from .import_support import csv_bytes, person

OTHER_WARD_ID = "079180001234"  # a woman born in 1980, registered in Hồ Chí Minh City
UNUSED_ID = "079180005678"
SAME_BRANCH_ID = "079180009999"
BORN = date(1980, 5, 4)  # as import_support.person


def _import(client, user, ref, citizen_id, django_capture_on_commit_callbacks):
    client.force_login(user)
    data = csv_bytes([person(ref, "Lê Thị Lan", citizen_id=citizen_id)])
    response = client.post(
        "/data-quality/imports/upload/",
        {"unit": "B1", "file": SimpleUploadedFile(f"{ref}.csv", data, "text/csv")},
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.latest("pk")
    preview = client.get(f"/data-quality/imports/{batch.pk}/preview/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/data-quality/imports/{batch.pk}/commit/")
    batch.refresh_from_db()
    page = client.get(f"/data-quality/imports/{batch.pk}/").content.decode()
    api = client.get(f"/api/v1/data-quality/imports/{batch.pk}").json()
    return batch, preview, page, api


def _shown(batch, page, api):
    """What the importer is told. Two imports differ in their numbers (ids, file names, times:
    every digit is blanked; the counts are compared through the API) and CSRF tokens only."""
    counts = {k: v for k, v in api.items() if k.endswith("_count")}
    row = ImportRow.objects.get(batch=batch)
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.split("<main", 1)[-1])
    body = re.sub(r"[0-9a-f]{12,}|[0-9]+", "#", body)
    return counts, row.outcome, row.issues, body


@pytest.mark.django_db
def test_an_out_of_scope_match_looks_like_no_match(
    client, personas, django_capture_on_commit_callbacks
):
    other = make_member(personas.tree.g2, "Lê Thị Lan", birth_date=BORN, citizen_id=OTHER_WARD_ID)
    seen = _import(
        client, personas.branch_officer, "HS1", OTHER_WARD_ID, django_capture_on_commit_callbacks
    )
    fresh = _import(
        client, personas.branch_officer, "HS2", UNUSED_ID, django_capture_on_commit_callbacks
    )
    assert _shown(seen[0], seen[2], seen[3]) == _shown(fresh[0], fresh[2], fresh[3])
    for _batch, preview, page, _api in (seen, fresh):
        assert "Không tìm thấy đơn vị" not in page and "Không tìm thấy đơn vị" not in preview
    assert seen[3]["created_count"] == 1 and seen[3]["flagged_count"] == 0
    assert ImportRow.objects.get(batch=seen[0]).issues == []

    # The pair is in the queue of the committee above both (HCM), not in the importer's.
    new = ImportRow.objects.get(batch=seen[0]).member
    assert new is not None
    pair = DuplicatePair.objects.get()
    assert {pair.left_id, pair.right_id} == {other.pk, new.pk}
    assert list(pairs_for(personas.hq_admin, status="open")) == [pair]
    assert not pairs_for(personas.branch_officer, status="open").exists()
    event = AuditEvent.objects.get(action="data_quality.refer_duplicate_pair")
    assert event.unit_id == personas.tree.hcm.pk
    # ... and the new record's own page does not count it either.
    assert record_checks(personas.branch_officer, new, log_read=False).open_pairs == 0
    assert record_checks(personas.hq_admin, new, log_read=False).open_pairs == 1


@pytest.mark.django_db
def test_a_match_in_the_importers_reach_is_flagged(
    client, personas, django_capture_on_commit_callbacks
):
    make_member(personas.tree.b1, "Lê Thị Lan", birth_date=BORN, citizen_id=SAME_BRANCH_ID)
    _batch, _preview, page, api = _import(
        client, personas.branch_officer, "HS1", SAME_BRANCH_ID, django_capture_on_commit_callbacks
    )
    assert api["flagged_count"] == 1 and api["created_count"] == 0
    assert "nghi trùng" in page
    assert pairs_for(personas.branch_officer, status="open").count() == 1
    assert AuditEvent.objects.filter(action="data_quality.flag_duplicate_pair").exists()


@pytest.mark.django_db
def test_a_source_key_used_in_another_ward_is_not_touched_nor_told(
    client, personas, django_capture_on_commit_callbacks
):
    import io

    from chibo.data_quality.importing import actions
    from chibo.members.models import Member

    data = csv_bytes([person("HS1", "Trần Văn Hùng", gender="Nam", unit="G2")])
    stream = io.BytesIO(data)
    other_batch = actions.upload_import(
        actor=personas.hq_admin,
        unit=personas.tree.g2,
        file_name="g2.csv",
        stream=stream,
        size=len(data),
        store=False,
    )
    actions.run_import(actor=personas.hq_admin, batch=other_batch, stream=stream)
    other = Member.objects.get(full_name="Trần Văn Hùng")

    first = _import(client, personas.branch_officer, "HS1", "", django_capture_on_commit_callbacks)
    assert first[3]["created_count"] == 1 and first[3]["updated_count"] == 0
    other.refresh_from_db()
    assert other.full_name == "Trần Văn Hùng" and other.unit_id == personas.tree.g2.pk
    # The same file again: the branch's own record is found again, nothing new is created.
    again = _import(client, personas.branch_officer, "HS1", "", django_capture_on_commit_callbacks)
    assert again[3]["unchanged_count"] == 1 and again[3]["created_count"] == 0
    assert Member.objects.filter(full_name="Lê Thị Lan").count() == 1
