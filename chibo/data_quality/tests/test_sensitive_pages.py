"""The duplicate pair page and the record page show citizen IDs through the one field rule
(`policy.reveal`, issue 10 finding 1): masked for a branch secretary, shown to committee staff
with one SensitiveRead per record shown."""

from datetime import date

from chibo.audit.models import SensitiveRead
from chibo.data_quality.duplicates import actions
from chibo.testing.personas import make_member

BORN = date(1980, 5, 4)
LEFT_ID, RIGHT_ID = "079180001234", "079180005678"


def _pair(personas):
    a = make_member(personas.tree.b1, "Lê Thị Thủy", birth_date=BORN, citizen_id=LEFT_ID)
    b = make_member(personas.tree.b1, "Le Thi Thuy", birth_date=BORN, citizen_id=RIGHT_ID)
    return actions.flag_duplicate_pair(
        actor=personas.hq_admin, left=a, right=b, probability=0.99, reason={"source": "test"}
    )


def _id_reads(reason):
    return SensitiveRead.objects.filter(reason=f"{reason} (citizen_id)")


def test_pair_page_masks_citizen_ids_for_a_branch_secretary(client, personas):
    pair = _pair(personas)
    client.force_login(personas.branch_officer)
    page = client.get(f"/data-quality/duplicates/{pair.pk}/").content.decode()
    assert "Lê Thị Thủy" in page
    assert LEFT_ID not in page and RIGHT_ID not in page and "•••" in page
    assert not _id_reads("duplicate pair").exists()


def test_pair_page_shows_citizen_ids_to_committee_staff_and_logs_each(client, personas):
    pair = _pair(personas)
    client.force_login(personas.hq_admin)
    page = client.get(f"/data-quality/duplicates/{pair.pk}/").content.decode()
    assert LEFT_ID in page and RIGHT_ID in page
    reads = _id_reads("duplicate pair")
    assert sorted(reads.values_list("target_id", flat=True)) == sorted(
        [str(pair.left_id), str(pair.right_id)]
    )


def test_record_page_logs_the_citizen_id_read_only_when_it_is_shown(client, personas):
    member = make_member(personas.tree.b1, "Lê Thị Thủy", birth_date=BORN, citizen_id=LEFT_ID)
    client.force_login(personas.branch_officer)
    assert client.get(f"/data-quality/members/{member.pk}/").status_code == 200
    assert not _id_reads("data quality record page").exists()
    client.force_login(personas.hq_admin)
    assert client.get(f"/data-quality/members/{member.pk}/").status_code == 200
    assert _id_reads("data quality record page").filter(target_id=str(member.pk)).count() == 1
