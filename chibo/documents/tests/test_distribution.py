"""Distribution to a subtree, read receipts, bookmarks, read rates (allowed, forbidden, out of
scope for each write)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from chibo.access.models import Grant
from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.documents.distribution import actions, queries
from chibo.documents.models import Audience, Receipt
from chibo.notifications.models import Notice
from chibo.testing.personas import make_member, make_user

from .distribution_support import make_document, member_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def doc(personas):
    return make_document(personas.tree.hcm)


@pytest.fixture
def crowd(personas):
    """Members: 2 in B1 (one with a login), 1 in B2, 1 in G2 (P2), 1 removed in B1."""
    t = personas.tree
    reader = make_user("reader", (t.b1, Role.MEMBER))
    return {
        "reader": reader,
        "reader_member": member_for(reader, t.b1, "Nguyễn Văn An"),
        "b1": make_member(t.b1, "Trần Thị Bình"),
        "b2": make_member(
            t.b2,
            "Phạm Văn Cường",
        ),
        "g2": make_member(t.g2, "Lê Thị Dung"),
        "gone": make_member(t.b1, "Võ Văn Em", status="removed"),
    }


def test_distribute_to_subtree_materialises_active_members_and_notifies(personas, doc, crowd):
    d = actions.distribute_document(
        actor=personas.hq_admin,
        document_id=doc.pk,
        unit=personas.tree.p1,
        deadline=date.today() + timedelta(days=10),
    )
    assert d.recipient_count == 3
    members = set(Receipt.objects.filter(document=doc).values_list("member_id", flat=True))
    assert members == {crowd["reader_member"].pk, crowd["b1"].pk, crowd["b2"].pk}
    assert Notice.objects.filter(user=crowd["reader"]).count() == 1
    assert AuditEvent.objects.filter(action="documents.distribute").count() == 1


def test_second_distribution_adds_only_new_members(personas, doc, crowd):
    actions.distribute_document(actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.g1)
    d2 = actions.distribute_document(
        actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.hcm
    )
    assert d2.recipient_count == 1  # only G2's member is new
    assert Receipt.objects.filter(document=doc).count() == 4


def test_committees_audience(personas, doc, crowd):
    t = personas.tree
    crowd["b1"].party_position = "Bí thư chi bộ"
    crowd["b1"].save()
    Grant.objects.create(user=crowd["reader"], unit=t.b2, role=Role.BRANCH_SECRETARY)
    d = actions.distribute_document(
        actor=personas.hq_admin, document_id=doc.pk, unit=t.p1, audience=Audience.COMMITTEES
    )
    assert d.recipient_count == 2
    assert not Receipt.objects.filter(member=crowd["b2"]).exists()


def test_distribution_forbidden_without_documents_manage(personas, doc, crowd):
    with pytest.raises(Forbidden):
        actions.distribute_document(
            actor=personas.branch_officer, document_id=doc.pk, unit=personas.tree.b1
        )
    assert not Receipt.objects.exists()


def test_distribution_outside_subtree_is_refused(personas, doc, crowd):
    with pytest.raises(NotFound):
        actions.distribute_document(
            actor=personas.outsider, document_id=doc.pk, unit=personas.tree.b1
        )
    assert not Receipt.objects.exists()


def test_classified_and_past_deadline_refused(personas, crowd):
    secret = make_document(personas.tree.hcm, "05-CT/TW", classified=True)
    with pytest.raises(ValidationFailed):
        actions.distribute_document(
            actor=personas.hq_admin, document_id=secret.pk, unit=personas.tree.p1
        )
    doc = make_document(personas.tree.hcm, "06-CT/TW")
    with pytest.raises(ValidationFailed):
        actions.distribute_document(
            actor=personas.hq_admin,
            document_id=doc.pk,
            unit=personas.tree.p1,
            deadline=date.today() - timedelta(days=1),
        )
    assert not Receipt.objects.exists()


def test_document_registered_in_another_subtree_is_not_found(personas, crowd):
    p1_doc = make_document(personas.tree.p1, "12-NQ/ĐU")
    with pytest.raises(NotFound):
        actions.distribute_document(
            actor=personas.outsider, document_id=p1_doc.pk, unit=personas.tree.p2
        )


def test_record_read_is_idempotent_and_first_read_kept(personas, doc, crowd):
    actions.distribute_document(actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.p1)
    reader = crowd["reader"]
    assert [d.document.pk for d in queries.unread_for_member(reader)] == [doc.pk]
    first = actions.record_read(actor=reader, document_id=doc.pk)
    again = actions.record_read(actor=reader, document_id=doc.pk)
    assert again == first
    assert queries.unread_for_member(reader) == []
    [row] = queries.documents_for_member(reader)
    assert row.is_read and row.read_at == first


def test_record_read_refused_when_not_sent_or_no_member(personas, doc, crowd):
    with pytest.raises(NotFound):
        actions.record_read(actor=crowd["reader"], document_id=doc.pk)
    with pytest.raises(NotFound):
        actions.record_read(actor=personas.hq_admin, document_id=doc.pk)


def test_reader_never_gets_a_classified_document(personas, doc, crowd):
    actions.distribute_document(actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.p1)
    assert queries.get_document_for_reader(crowd["reader"], doc.pk) == doc
    doc.classified = True
    doc.save()
    with pytest.raises(NotFound):
        queries.get_document_for_reader(crowd["reader"], doc.pk)
    with pytest.raises(NotFound):
        actions.record_read(actor=crowd["reader"], document_id=doc.pk)
    assert queries.documents_for_member(crowd["reader"]) == []


def test_bookmark_toggle(personas, doc, crowd):
    actions.distribute_document(actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.p1)
    reader = crowd["reader"]
    assert actions.toggle_bookmark(actor=reader, document_id=doc.pk) is True
    assert list(queries.bookmarks_for(reader)) == [doc]
    assert actions.toggle_bookmark(actor=reader, document_id=doc.pk) is False
    assert not queries.bookmarks_for(reader).exists()
    # Staff bookmark documents they may see; a document out of reach is not found.
    assert actions.toggle_bookmark(actor=personas.hq_admin, document_id=doc.pk) is True
    p1_doc = make_document(personas.tree.p1, "3-NQ/ĐU")
    with pytest.raises(NotFound):
        actions.toggle_bookmark(actor=personas.outsider, document_id=p1_doc.pk)
    with pytest.raises(NotFound):
        actions.toggle_bookmark(actor=make_user("stranger"), document_id=doc.pk)


def test_read_rates_per_child_unit(personas, doc, crowd):
    t = personas.tree
    actions.distribute_document(actor=personas.hq_admin, document_id=doc.pk, unit=t.hcm)
    Receipt.objects.filter(member=crowd["b1"]).update(read_at=timezone.now())
    rates = queries.read_rates(personas.hq_admin, doc, t.hcm)
    assert (rates.total, rates.read) == (4, 1)
    by_code = {r.code: (r.total, r.done) for r in rates.rows}
    assert by_code == {"P1": (3, 1), "P2": (1, 0)}
    g1 = queries.read_rates(personas.hq_admin, doc, t.g1)
    assert {r.code: (r.total, r.done) for r in g1.rows} == {"B1": (2, 1), "B2": (1, 0)}
    behind = [r.member.full_name for r in queries.unread_members(personas.hq_admin, doc, t.g1)]
    assert behind == ["Nguyễn Văn An", "Phạm Văn Cường"]


def test_rates_unit_checks_reach(personas, doc, crowd):
    actions.distribute_document(actor=personas.hq_admin, document_id=doc.pk, unit=personas.tree.hcm)
    assert queries.rates_unit(personas.hq_admin, doc, None) == personas.tree.hcm
    assert queries.rates_unit(personas.outsider, doc, None) == personas.tree.p2
    with pytest.raises(NotFound):
        queries.rates_unit(personas.outsider, doc, "B1")
