"""Distribution of a big subtree as a background job: queued in the request, receipts inserted
chunk by chunk with progress, notices at the end, safe to run twice (allowed, forbidden, out of
scope; progress page and API)."""

import pytest
from django.urls import reverse

from chibo.audit.models import AuditEvent
from chibo.core.errors import Forbidden, NotFound
from chibo.documents.distribution import actions
from chibo.documents.distribution.tasks import materialise_distribution_task
from chibo.documents.models import Distribution, DistributionStatus, Receipt
from chibo.notifications.models import Notice
from chibo.testing.personas import make_member

from . import test_distribution as base

doc = base.doc  # the fixtures of the synchronous tests
crowd = base.crowd

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything_queued(settings):
    """Every distribution is 'big': the request only queues it."""
    settings.CHIBO_DOCUMENTS_SYNC_DISTRIBUTION_MAX = 0


def test_big_subtree_is_queued_then_materialised_after_commit(
    personas, doc, crowd, everything_queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        d = actions.distribute_document(
            actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.p1
        )
    assert d.status == DistributionStatus.QUEUED
    assert not Receipt.objects.exists()
    assert not Notice.objects.filter(user=crowd["reader"]).exists()
    assert AuditEvent.objects.filter(action="documents.distribute").count() == 1
    for callback in callbacks:  # the worker picks the task up (ImmediateBackend)
        callback()
    d.refresh_from_db()
    assert d.status == DistributionStatus.DONE
    assert d.recipient_count == 3
    assert d.units_done == d.units_total == 4  # P1, G1, B1, B2
    assert d.progress_percent == 100
    assert d.finished_at is not None
    assert Notice.objects.filter(user=crowd["reader"]).count() == 1


def test_small_subtree_stays_in_the_request(personas, doc, crowd):
    d = actions.distribute_document(
        actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.p1
    )
    assert d.status == DistributionStatus.DONE
    assert d.recipient_count == 3


def test_rerunning_the_task_duplicates_nothing(personas, doc, crowd, everything_queued):
    d = actions.distribute_document(
        actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.p1
    )
    materialise_distribution_task.enqueue(d.pk)
    materialise_distribution_task.enqueue(d.pk)
    assert Receipt.objects.filter(document=doc).count() == 3
    assert Notice.objects.filter(user=crowd["reader"]).count() == 1
    # An interrupted run (status back to running, progress lost) resumes without duplicates.
    Distribution.objects.filter(pk=d.pk).update(status=DistributionStatus.RUNNING, units_done=0)
    materialise_distribution_task.enqueue(d.pk)
    assert Receipt.objects.filter(document=doc).count() == 3
    d.refresh_from_db()
    assert d.status == DistributionStatus.DONE
    assert d.recipient_count == 3


def test_progress_is_committed_chunk_by_chunk(personas, doc, crowd, everything_queued, monkeypatch):
    monkeypatch.setattr(actions, "UNITS_PER_CHUNK", 1)
    seen: list[int] = []
    real = actions._materialise_receipts

    def spy(distribution, unit_ids):
        seen.append(Distribution.objects.get(pk=distribution.pk).units_done)
        return real(distribution, unit_ids)

    monkeypatch.setattr(actions, "_materialise_receipts", spy)
    d = actions.distribute_document(
        actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.p1
    )
    materialise_distribution_task.enqueue(d.pk)
    assert seen == [0, 1, 2, 3]
    assert Receipt.objects.filter(document=doc).count() == 3


def test_second_big_distribution_adds_only_new_members(personas, doc, crowd, everything_queued):
    first = actions.distribute_document(
        actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.g1
    )
    materialise_distribution_task.enqueue(first.pk)
    make_member(personas.tree.b2, "Đỗ Thị Giang")
    second = actions.distribute_document(
        actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.hcm
    )
    materialise_distribution_task.enqueue(second.pk)
    second.refresh_from_db()
    assert second.recipient_count == 2  # G2's member and the newcomer in B2
    assert Receipt.objects.filter(document=doc).count() == 5


def test_queued_distribution_forbidden_and_out_of_scope(personas, doc, crowd, everything_queued):
    with pytest.raises(Forbidden):
        actions.distribute_document(
            actor=personas.branch_officer, document_id=doc.pk, unit=personas.tree.b1
        )
    with pytest.raises(NotFound):
        actions.distribute_document(
            actor=personas.outsider, document_id=doc.pk, unit=personas.tree.b1
        )
    assert not Distribution.objects.exists()


def test_api_answers_202_and_progress_is_polled(client, personas, doc, crowd, everything_queued):
    client.force_login(personas.hq_admin)
    response = client.post(
        f"/api/v1/documents/{doc.pk}/distribute",
        {"unit": "P1", "audience": "all"},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued"
    status_url = f"/api/v1/documents/{doc.pk}/distributions/{body['id']}"
    assert client.get(status_url).json()["status"] == "queued"
    page = reverse("documents:distribute", kwargs={"pk": doc.pk})
    html = client.get(page).content.decode()
    progress = reverse(
        "documents:distribution_progress", kwargs={"pk": doc.pk, "distribution_id": body["id"]}
    )
    assert f'hx-get="{progress}"' in html and 'hx-trigger="every 2s"' in html
    assert "<progress" in client.get(progress).content.decode()
    materialise_distribution_task.enqueue(body["id"])
    done = client.get(status_url).json()
    assert done["status"] == "done" and done["recipient_count"] == 3
    assert "hx-get" not in client.get(progress).content.decode()  # polling stops
    # Out of reach: the outsider does not see the distribution.
    client.force_login(personas.outsider)
    assert client.get(status_url).status_code == 404
    assert client.get(progress).status_code == 404


def test_form_post_of_a_big_subtree_redirects_to_the_progress(
    client, personas, doc, crowd, everything_queued
):
    client.force_login(personas.hq_admin)
    url = reverse("documents:distribute", kwargs={"pk": doc.pk})
    response = client.post(url, {"unit": "P1", "audience": "all", "then": "rates"})
    assert response.status_code == 302 and response["Location"] == url
    assert Distribution.objects.get().status == DistributionStatus.QUEUED


def test_the_job_authorises_the_sender_again(personas, doc, crowd, everything_queued):
    """Finding 4: the task calls the action, and the action checks its sender when it runs."""
    from chibo.access.models import Grant
    from chibo.access.policy import forget
    from chibo.access.roles import Role
    from chibo.testing.personas import make_user

    sender = make_user("p1_sender", (personas.tree.p1, Role.COMMITTEE_STAFF))
    with_grant = Grant.objects.get(user=sender)
    d = actions.distribute_document(actor=sender, document_id=doc.pk, unit=personas.tree.p1)
    assert d.status == DistributionStatus.QUEUED
    with_grant.delete()
    forget(sender)
    materialise_distribution_task.enqueue(d.pk)
    d.refresh_from_db()
    assert d.status == DistributionStatus.FAILED
    assert not Receipt.objects.filter(distribution=d).exists()
    assert not Notice.objects.filter(user=crowd["reader"]).exists()
