"""Member statistics and the "biến động" report: exact numbers on a hand-built history.

The set (personas tree: HCM → P1 → G1 → {B1, B2}; HCM → P2 → G2), counted on 15/01/2026:

| who | where now | status | born | admitted | history |
|---|---|---|---|---|---|
| A | B1 | full | 04/05/1990 F | 01/03/2010 | full 2011 |
| B | B1 | full | 10/01/1950 M | 15/01/1976 | party age exactly 50 on the day |
| C | B2 | probationary | 02/02/2000 F | 01/06/2025 | |
| D | B2 | deceased | 01/01/1950 M | 01/01/1975 | died 01/12/2025 |
| F | G2 | full | 07/07/1970 M | 05/05/1995 | B1 → G2 in 09/2025 |
| G | B2 | full | 15/01/1985 F | 01/03/2024 | age exactly 41; full 05/03/2025; B1 → B2 in 04/2025 |
| H | B1 | probationary | 03/03/1965 M | 01/01/1985 | removed 1990, re-admitted 1998 |
| I | B2 | full | — M | 09/09/1999 | record without events |
| K | B2 | withdrawn | 01/01/1980 M | 01/01/2020 | withdrew 10/10/2025 |
| E | G2 | probationary | 01/01/1995 F | 01/01/2020 | outside P1 |
"""

# ruff: noqa: RUF001  (band labels use an en dash between numbers)
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from chibo.access import actions as access_actions
from chibo.access.roles import Role
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.core.text import fold
from chibo.members import actions, queries
from chibo.members.models import EventKind, Member, MemberStatus, UnitMemberStatistics
from chibo.members.queries import statistics
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_user

ON = date(2026, 1, 15)
Y2025: dict[str, Any] = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


def _admit(p: Any, unit: Any, name: str, gender: str, born: date, on: date, **extra: Any) -> Member:
    return actions.admit_member(
        actor=p.hq_admin,
        unit=unit,
        full_name=name,
        gender=gender,
        birth_date=born,
        decision_on=on,
        ceremony_on=extra.pop("ceremony_on", on),
        decision_number=extra.pop("decision_number", ""),
        **extra,
    )


def _event(p: Any, member: Member, kind: str, on: date, to_unit: Any = None) -> None:
    member.refresh_from_db()
    actions.record_event(
        actor=p.hq_admin, member=member, kind=kind, effective_on=on, to_unit=to_unit
    )


@pytest.fixture
def history(personas):
    p, t = personas, personas.tree
    a = _admit(p, t.b1, "Nguyễn Thị An", "female", date(1990, 5, 4), date(2010, 3, 1),
               ethnicity="01", general_education="12/12", theory_level="intermediate")  # fmt: skip
    _event(p, a, EventKind.FULL_MEMBERSHIP, date(2011, 3, 1))
    b = _admit(p, t.b1, "Trần Văn Bình", "male", date(1950, 1, 10), date(1976, 1, 15),
               ethnicity="05", general_education="7/10", theory_level="advanced")  # fmt: skip
    _event(p, b, EventKind.FULL_MEMBERSHIP, date(1977, 1, 15))
    _admit(p, t.b2, "Lê Thị Cúc", "female", date(2000, 2, 2), date(2025, 6, 1),
           ethnicity="01", general_education="12 / 12", decision_number="7-QĐ/ĐU")  # fmt: skip
    d = _admit(p, t.b2, "Phạm Văn Dũng", "male", date(1950, 1, 1), date(1975, 1, 1))
    _event(p, d, EventKind.DEATH, date(2025, 12, 1))
    f = _admit(p, t.b1, "Võ Văn Phúc", "male", date(1970, 7, 7), date(1995, 5, 5))
    _event(p, f, EventKind.FULL_MEMBERSHIP, date(1996, 5, 5))
    _event(p, f, EventKind.TRANSFER_OUT, date(2025, 9, 1), t.g2)
    _event(p, f, EventKind.TRANSFER_IN, date(2025, 9, 20), t.g2)
    g = _admit(p, t.b1, "Đỗ Thị Giang", "female", date(1985, 1, 15), date(2024, 3, 1),
               ethnicity="01", general_education="9/12", theory_level="elementary")  # fmt: skip
    _event(p, g, EventKind.FULL_MEMBERSHIP, date(2025, 3, 5))
    _event(p, g, EventKind.TRANSFER_OUT, date(2025, 4, 1), t.b2)
    _event(p, g, EventKind.TRANSFER_IN, date(2025, 4, 10), t.b2)
    h = _admit(p, t.b1, "Hồ Văn Hải", "male", date(1965, 3, 3), date(1985, 1, 1),
               theory_level="none")  # fmt: skip
    _event(p, h, EventKind.REMOVAL, date(1990, 1, 1))
    _event(p, h, EventKind.READMISSION, date(1998, 1, 1), t.b1)
    Member.objects.create(
        unit=t.b2,
        full_name="Ngô Văn Ích",
        search_name=fold("Ngô Văn Ích"),
        gender="male",
        status=MemberStatus.FULL,
        admitted_on=date(1999, 9, 9),
        ethnicity="04",
        general_education="không rõ",
        theory_level="bachelor",
    )
    k = _admit(p, t.b2, "Mai Văn Khoa", "male", date(1980, 1, 1), date(2020, 1, 1))
    _event(p, k, EventKind.WITHDRAWAL, date(2025, 10, 10))
    _admit(p, t.g2, "Lý Thị Em", "female", date(1995, 1, 1), date(2020, 1, 1))
    return p


def counts(buckets: list[Any]) -> dict[str, int]:
    return {b.key: b.count for b in buckets}


def test_profile_counts_of_a_subtree(history):
    p = history
    stats = queries.unit_statistics(p.hq_admin, p.tree.p1, on=ON)
    assert stats.total == 6  # A, B, C, G, H, I
    assert counts(stats.by_status) == {"probationary": 2, "full": 4}
    assert counts(stats.by_gender) == {"male": 3, "female": 3}
    # G turns 41 on the day; I has no birth date.
    assert [(str(b.label), b.count) for b in stats.by_age] == [
        ("≤ 30", 1),
        ("31–40", 1),
        ("41–50", 1),
        ("51–60", 1),
        ("61–70", 0),
        ("≥ 71", 1),
        ("Không rõ", 1),
    ]
    # B reaches 50 years on the day; H's 41 calendar years lose the 8 years out (1990-1998).
    assert [b.count for b in stats.by_party_age] == [2, 1, 1, 1, 0, 1]
    assert [str(b.label) for b in stats.by_party_age][-1] == "≥ 50"
    assert [(b.key, str(b.label), b.count) for b in stats.by_ethnicity] == [
        ("01", "Kinh", 3),
        ("04", "Mường", 1),
        ("05", "Khmer", 1),
        ("unknown", "Không rõ", 1),
    ]
    # "12 / 12" is 12/12; 9/12 and 7/10 are the same level, the current system first.
    assert [(b.key, b.count) for b in stats.by_education] == [
        ("12/12", 2),
        ("9/12", 1),
        ("7/10", 1),
        ("unknown", 2),
    ]
    assert counts(stats.by_theory) == {
        "none": 2,
        "elementary": 1,
        "intermediate": 1,
        "advanced": 1,
        "bachelor": 1,
    }
    years = stats.admissions_by_year
    assert (years[0].key, years[-1].key, len(years)) == ("1975", "2025", 51)  # no year left out
    assert [(b.key, b.count) for b in years if b.count] == [
        ("1975", 1),
        ("1976", 1),
        ("1985", 1),
        ("1995", 1),
        ("1999", 1),  # I: from the record, no event
        ("2010", 1),
        ("2020", 1),
        ("2024", 1),
        ("2025", 1),
    ]


def test_a_day_earlier_moves_the_boundary_members(history):
    p = history
    stats = queries.unit_statistics(p.hq_admin, p.tree.p1, on=date(2026, 1, 14))
    assert [b.count for b in stats.by_age][1:3] == [2, 0]  # G is still 40
    assert [b.count for b in stats.by_party_age][-2:] == [1, 0]  # B is still 49


def test_counts_of_a_branch_and_the_whole_tree(history):
    p = history
    assert queries.unit_statistics(p.hq_admin, p.tree.b2, on=ON).total == 3  # C, G, I
    stats = queries.unit_statistics(p.hq_admin, p.tree.hcm, on=ON)
    assert stats.total == 8  # + F and E under P2
    assert counts(stats.by_gender) == {"male": 4, "female": 4}


def _report(p: Any, unit: Any) -> dict[str, int]:
    report = queries.member_changes(p.hq_admin, unit, **Y2025)
    return {row.category.key: row.count for row in report.rows}


def test_changes_of_a_period(history):
    p = history
    assert _report(p, p.tree.p1) == {
        "admitted": 1,  # C
        "readmitted": 0,  # H's was in 1998
        "full": 1,  # G
        "transferred_in": 0,
        "transferred_out": 1,  # F to G2; G's move stays inside P1
        "died": 1,  # D
        "left": 1,  # K
    }
    assert _report(p, p.tree.b2) == {
        "admitted": 1,
        "readmitted": 0,
        "full": 0,  # G was full while still in B1
        "transferred_in": 1,  # G from B1
        "transferred_out": 0,
        "died": 1,
        "left": 1,
    }
    assert _report(p, p.tree.b1)["transferred_out"] == 2  # F and G
    assert _report(p, p.tree.p2)["transferred_in"] == 1  # F
    whole = _report(p, p.tree.hcm)
    assert (whole["transferred_in"], whole["transferred_out"]) == (0, 0)


def test_changes_list_the_members(history):
    p = history
    report = queries.member_changes(p.hq_admin, p.tree.p1, **Y2025)
    rows = {row.category.key: row for row in report.rows}
    (moved,) = rows["transferred_out"].entries
    assert (moved.full_name, moved.unit_name, moved.other_unit_name) == (
        "Võ Văn Phúc",
        "Chi bộ 1",
        "Chi bộ Trường B",
    )
    (admitted,) = rows["admitted"].entries
    assert (admitted.full_name, admitted.decision_number, admitted.effective_on) == (
        "Lê Thị Cúc",
        "7-QĐ/ĐU",
        date(2025, 6, 1),
    )
    assert [e.kind for e in rows["left"].entries] == [EventKind.WITHDRAWAL]


def test_period_bounds_are_inclusive_and_checked(history):
    p = history
    one_day = queries.member_changes(
        p.hq_admin, p.tree.p1, start=date(2025, 12, 1), end=date(2025, 12, 1)
    )
    assert {r.category.key: r.count for r in one_day.rows}["died"] == 1
    with pytest.raises(ValidationFailed):
        queries.member_changes(p.hq_admin, p.tree.p1, start=date(2025, 2, 1), end=date(2025, 1, 1))


def test_scope_and_permission(history):
    p = history
    with pytest.raises(NotFound):
        queries.get_unit_for_statistics(p.outsider, "P1")
    with pytest.raises(NotFound):
        queries.get_unit_for_statistics(p.branch_officer, "G1")
    with pytest.raises(NotFound):
        queries.get_unit_for_statistics(p.hq_admin, "NOPE")
    assert queries.get_unit_for_statistics(p.branch_officer, "b1") == p.tree.b1
    plain_member = make_user("dang_vien", (p.tree.hcm, Role.MEMBER))
    with pytest.raises(Forbidden):  # sees the tree, not member records
        queries.get_unit_for_statistics(plain_member, "B1")
    with pytest.raises(Forbidden):
        queries.unit_statistics(plain_member, p.tree.b1)
    with pytest.raises(NotFound):
        queries.member_changes(p.outsider, p.tree.b1, **Y2025)


# --- page, export, API -------------------------------------------------------------------------


def test_page_shows_counts_charts_and_changes(history, client):
    client.force_login(history.hq_admin)
    response = client.get("/members/statistics/P1/", {"start": "01/01/2025", "end": "31/12/2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="member-charts-data"' in html and "chart.umd.min.js" in html
    assert "<script>" not in html  # CSP: no inline script, only the JSON data block
    assert "Võ Văn Phúc" in html and "Lê Thị Cúc" in html
    charts = {c["id"]: c for c in response.context["charts"]}
    assert charts["status"]["data"] == [2, 4]
    assert "/members/statistics/G1/" in html  # the picker links the children


def test_page_home_redirects_to_the_users_unit(history, client):
    client.force_login(history.branch_officer)
    response = client.get("/members/statistics/")
    assert response.status_code == 302 and response.headers["Location"] == "/members/statistics/B1/"


def test_page_with_a_wrong_date_falls_back_to_this_year(history, client):
    client.force_login(history.hq_admin)
    response = client.get("/members/statistics/P1/", {"start": "31/02/2025", "end": "x"})
    assert response.status_code == 200
    assert response.context["start"] == date(date.today().year, 1, 1)
    assert "Ngày không hợp lệ" in response.content.decode()


def test_xlsx_export(history, client):
    client.force_login(history.hq_admin)
    response = client.get(
        "/members/statistics/P1/changes.xlsx", {"start": "01/01/2025", "end": "31/12/2025"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "bien-dong-P1-20250101-20251231.xlsx" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    summary, listing = book["Tổng hợp"], book["Danh sách"]
    assert summary["A1"].value == "BÁO CÁO BIẾN ĐỘNG ĐẢNG VIÊN"
    assert summary["A3"].value == "Từ ngày 01/01/2025 đến ngày 31/12/2025"
    rows = [tuple(r) for r in summary.iter_rows(min_row=5, values_only=True)]
    assert rows == [
        ("STT", "Nội dung biến động", "Số đảng viên"),
        (1, "Kết nạp", 1),
        (2, "Kết nạp lại", 0),
        (3, "Công nhận chính thức", 1),
        (4, "Chuyển đến", 0),
        (5, "Chuyển đi", 1),
        (6, "Từ trần", 1),
        (7, "Xóa tên, khai trừ, ra khỏi Đảng", 1),
    ]
    header, *people = list(listing.iter_rows(values_only=True))
    assert header == (
        "STT",
        "Họ và tên",
        "Biến động",
        "Ngày hiệu lực",
        "Số quyết định",
        "Chi bộ",
        "Chuyển từ/đến",
    )
    assert [(r[0], r[1], r[2]) for r in people] == [
        (1, "Lê Thị Cúc", "Kết nạp"),
        (2, "Đỗ Thị Giang", "Công nhận đảng viên chính thức"),
        (3, "Võ Văn Phúc", "Chuyển sinh hoạt chính thức đi"),
        (4, "Phạm Văn Dũng", "Từ trần"),
        (5, "Mai Văn Khoa", "Ra khỏi Đảng"),
    ]
    assert people[2][5:] == ("Chi bộ 1", "Chi bộ Trường B")


def test_xlsx_refuses_outsiders_and_bad_dates(history, client):
    client.force_login(history.outsider)
    assert client.get("/members/statistics/P1/changes.xlsx").status_code == 404
    client.force_login(history.hq_admin)
    bad = client.get("/members/statistics/P1/changes.xlsx", {"start": "x", "end": "y"})
    assert bad.status_code == 400


def _bearer(user: Any) -> dict[str, str]:
    _token, raw = access_actions.create_token(actor=user, owner=user, name="stats-test")
    return {"Authorization": f"Bearer {raw}"}


def test_api_statistics(history):
    p = history
    response = Client().get(
        "/api/v1/units/P1/statistics", {"on": "2026-01-15"}, headers=_bearer(p.hq_admin)
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["unit_code"], body["total"], body["on"]) == ("P1", 6, "2026-01-15")
    assert {b["key"]: b["count"] for b in body["status"]} == {"probationary": 2, "full": 4}
    assert [b["count"] for b in body["party_age"]] == [2, 1, 1, 1, 0, 1]
    assert body["ethnicity"][0] == {"key": "01", "label": "Kinh", "count": 3}
    assert sum(b["count"] for b in body["admissions_by_year"]) == 9
    outsider = Client().get("/api/v1/units/P1/statistics", headers=_bearer(p.outsider))
    assert outsider.status_code == 404 and outsider.json()["detail_en"]


def test_api_changes(history):
    p = history
    headers = _bearer(p.hq_admin)
    response = Client().get(
        "/api/v1/units/P1/changes", {"from": "2025-01-01", "to": "2025-12-31"}, headers=headers
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"]) == ("2025-01-01", "2025-12-31")
    assert {r["key"]: r["count"] for r in body["rows"]}["transferred_out"] == 1
    reversed_period = Client().get(
        "/api/v1/units/P1/changes", {"from": "2025-12-31", "to": "2025-01-01"}, headers=headers
    )
    assert reversed_period.status_code == 400
    missing = Client().get("/api/v1/units/P1/changes", headers=headers)
    assert missing.status_code == 422


# --- pre-aggregated snapshots ------------------------------------------------------------------


def test_large_subtrees_read_the_snapshot_of_the_day(history, monkeypatch):
    p = history
    monkeypatch.setattr(statistics, "PRE_AGGREGATE_MIN_MEMBERS", 5)
    assert actions.refresh_unit_statistics(min_members=5) == 3  # HCM (8), P1 (6), G1 (6)
    assert UnitMemberStatistics.objects.filter(unit=p.tree.hcm).exists()
    hcm = OrgUnit.objects.get(code="HCM")
    _admit(p, p.tree.g2, "Lý Văn Mới", "male", date(1990, 1, 1), date(2026, 1, 10))
    hcm.refresh_from_db()
    snap = queries.unit_statistics(p.hq_admin, hcm)  # today: the snapshot, without the newcomer
    assert snap.computed_at is not None and snap.total == 8
    assert queries.unit_statistics(p.hq_admin, hcm, on=ON).total == 9  # another day: live
    assert queries.unit_statistics(p.hq_admin, p.tree.p2).computed_at is None  # small: live
    # The snapshot holds the same numbers as a live count of its day.
    live = queries.unit_statistics(p.hq_admin, hcm, on=ON)
    assert actions.refresh_unit_statistics(on=ON, min_members=5) == 3
    stored = statistics._build(hcm, ON, UnitMemberStatistics.objects.get(unit=hcm).data)
    assert stored.as_dict() == live.as_dict()
    assert [b.count for b in stored.by_party_age] == [4, 1, 1, 2, 0, 1]


def test_refresh_drops_snapshots_of_units_that_became_small(history):
    actions.refresh_unit_statistics(min_members=1)
    assert UnitMemberStatistics.objects.count() == 7
    assert actions.refresh_unit_statistics(min_members=7) == 1  # HCM only
    assert list(UnitMemberStatistics.objects.values_list("unit__code", flat=True)) == ["HCM"]
