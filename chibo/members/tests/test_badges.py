from datetime import date

import pytest

from chibo.core.errors import NotFound
from chibo.members import actions
from chibo.members.models import EventKind
from chibo.members.queries.badges import members_due_badge, previous_ceremony_on


def _admit(personas, name, decided):
    return actions.admit_member(
        actor=personas.hq_admin,
        unit=personas.tree.b1,
        full_name=name,
        gender="male",
        birth_date=date(decided.year - 25, 1, 1),
        decision_on=decided,
    )


def test_previous_ceremony():
    assert previous_ceremony_on(date(2026, 9, 2)) == date(2026, 5, 19)
    assert previous_ceremony_on(date(2027, 2, 3)) == date(2026, 11, 7)


def test_due_in_window_with_gaps(personas):
    _admit(personas, "Lê Văn Ba Mươi", date(1996, 6, 1))  # 30 years on 1/6/2026
    _admit(personas, "Trần Văn Bốn Mươi", date(1986, 9, 2))  # 40 years on 2/9/2026
    _admit(personas, "Phạm Văn Sớm", date(1996, 5, 19))  # reached at the May ceremony
    gapped = _admit(personas, "Võ Văn Gián Đoạn", date(1990, 7, 1))
    actions.record_event(
        actor=personas.hq_admin,
        member=gapped,
        kind=EventKind.REMOVAL,
        effective_on=date(1995, 1, 1),
    )
    actions.record_event(
        actor=personas.hq_admin,
        member=gapped,
        kind=EventKind.READMISSION,
        effective_on=date(2001, 1, 1),
        to_unit=personas.tree.b1,
    )
    # 1990-07-01 + 30 years + the 6-year gap: reached on 1/7/2026.
    due = members_due_badge(personas.hq_admin, personas.tree.hcm, date(2026, 9, 2))
    assert {(d.member.full_name, d.years) for d in due} == {
        ("Lê Văn Ba Mươi", 30),
        ("Trần Văn Bốn Mươi", 40),
        ("Võ Văn Gián Đoạn", 30),
    }


def test_badge_list_is_scoped(personas):
    _admit(personas, "Lê Văn Ba Mươi", date(1996, 6, 1))
    with pytest.raises(NotFound):
        members_due_badge(personas.outsider, personas.tree.b1, date(2026, 9, 2))
    assert members_due_badge(personas.outsider, personas.tree.p2, date(2026, 9, 2)) == []


def test_badge_page(client, personas):
    _admit(personas, "Lê Văn Ba Mươi", date(1996, 6, 1))
    client.force_login(personas.hq_admin)
    page = client.get("/members/badges/HCM/", {"ceremony": "02/09/2026"})
    assert page.status_code == 200 and "Lê Văn Ba Mươi" in page.content.decode()
    assert client.get("/members/badges/HCM/", {"ceremony": "31/02/2026"}).status_code == 400
    client.force_login(personas.outsider)
    assert client.get("/members/badges/B1/").status_code == 404
