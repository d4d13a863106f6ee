"""The review queue, the pair page, merge and undo through the UI and the API."""

from datetime import date

import pytest
from django.test import Client

from chibo.data_quality.duplicates import actions
from chibo.data_quality.models import DuplicatePair, MemberMerge, PairStatus
from chibo.members.models import MemberStatus
from chibo.testing.personas import make_member


@pytest.fixture
def pair(personas):
    a = make_member(personas.tree.b1, "Lê Thị Thủy")
    b = make_member(personas.tree.b2, "Le Thi Thuy")
    a.birth_date, a.citizen_id, a.phone = date(1970, 3, 4), "079170000123", ""
    b.birth_date, b.citizen_id, b.phone = date(1970, 4, 3), "", "0912000111"
    a.save()
    b.save()
    return actions.flag_duplicate_pair(
        actor=personas.hq_admin,
        left=a,
        right=b,
        probability=0.993,
        reason={"source": "splink", "weights": {"name": 9.1, "birth_date": 4.2, "phone": 0.0}},
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_queue_lists_pairs_in_reach(personas, pair):
    page = _client(personas.hq_admin).get("/data-quality/duplicates/")
    assert page.status_code == 200
    assert "Lê Thị Thủy" in page.text
    assert "0.993" in page.text or "0,993" in page.text
    # The branch officer reaches B1 only: the pair's other record is in B2.
    assert (
        "Lê Thị Thủy" not in _client(personas.branch_officer).get("/data-quality/duplicates/").text
    )
    assert (
        _client(personas.branch_officer).get(f"/data-quality/duplicates/{pair.pk}/").status_code
        == 404
    )
    assert "Lê Thị Thủy" not in _client(personas.outsider).get("/data-quality/duplicates/").text


def test_pair_page_highlights_differences(personas, pair):
    page = _client(personas.hq_admin).get(f"/data-quality/duplicates/{pair.pk}/")
    assert page.status_code == 200
    text = page.text
    assert text.count('class="table-warning"') >= 4  # unit, name, birth date, citizen ID, phone
    assert 'name="keep_birth_date"' in text
    assert "079170000123" in text  # committee staff see citizen IDs


def test_merge_and_undo_through_the_page(personas, pair):
    client = _client(personas.hq_admin)
    response = client.post(
        f"/data-quality/duplicates/{pair.pk}/merge/",
        {"survivor": "left", "keep_phone": "right", "keep_birth_date": "left"},
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.MERGED
    merge = MemberMerge.objects.get()
    assert merge.choices == {"phone": "absorbed", "birth_date": "survivor"}
    pair.left.refresh_from_db()
    assert pair.left.phone == "0912000111"
    assert client.get(f"/data-quality/duplicates/{pair.pk}/").status_code == 200
    response = client.post(f"/data-quality/merges/{merge.pk}/undo/")
    assert response.status_code == 302
    pair.left.refresh_from_db()
    pair.right.refresh_from_db()
    assert pair.left.phone == ""
    assert pair.right.status == MemberStatus.FULL


def test_decide_through_the_page(personas, pair):
    response = _client(personas.hq_admin).post(
        f"/data-quality/duplicates/{pair.pk}/decide/", {"decision": "not_duplicate"}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.NOT_DUPLICATE
    bad = _client(personas.hq_admin).post(
        f"/data-quality/duplicates/{pair.pk}/decide/", {"decision": "bogus"}
    )
    assert bad.status_code == 400


def test_api_queue_detail_merge_undo(personas, pair):
    client = _client(personas.hq_admin)
    listing = client.get("/api/v1/data-quality/duplicates?status=flagged&unit=G1").json()
    assert listing["count"] == 1
    assert listing["items"][0]["left"]["unit"] == "B1"
    detail = client.get(f"/api/v1/data-quality/duplicates/{pair.pk}").json()
    assert {f["name"] for f in detail["fields"] if f["differs"]} >= {"birth_date", "phone"}
    merged = client.post(
        f"/api/v1/data-quality/duplicates/{pair.pk}/merge",
        {"survivor": "right", "keep": {"citizen_id": "left"}},
        content_type="application/json",
    ).json()
    assert merged["survivor_id"] == pair.right_id
    assert merged["choices"] == {"citizen_id": "absorbed"}
    again = client.post(
        f"/api/v1/data-quality/duplicates/{pair.pk}/merge", {}, content_type="application/json"
    )
    assert again.status_code == 409
    undone = client.post(f"/api/v1/data-quality/merges/{merged['id']}/undo")
    assert undone.status_code == 200
    assert undone.json()["undone_at"]
    assert DuplicatePair.objects.get().status == PairStatus.FLAGGED


def test_detection_from_the_page_runs_in_the_background(
    personas, django_capture_on_commit_callbacks
):
    from chibo.data_quality.models import DetectionRun, RunStatus

    from .test_duplicates_actions import _load_dirty_members

    _load_dirty_members(personas.tree.b1, 100, seed=3)
    client = _client(personas.branch_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/data-quality/duplicates/detect/", {"unit": "B1"})
    run = DetectionRun.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/data-quality/duplicates/runs/{run.pk}/"
    assert run.status == RunStatus.FINISHED
    assert run.flagged_count > 0
    progress = client.get(
        f"/data-quality/duplicates/runs/{run.pk}/", headers={"HX-Request": "true"}
    )
    assert "hx-trigger" not in progress.text  # finished: the bar stops polling
    assert str(run.flagged_count) in progress.text
    # One run at a time per unit.
    DetectionRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    again = client.post("/data-quality/duplicates/detect/", {"unit": "B1"})
    assert again.status_code == 409
