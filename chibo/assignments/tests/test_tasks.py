"""Programmes, the six clears, the workflow (owner submits, approver accepts or returns),
extensions, cascading and the derived state: allowed, refused, nothing half-written."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.notifications.models import Notice

from .. import actions, queries
from ..models import EventKind, Task, TaskEvent, TaskStatus, WorkProgramme
from ..state import derive, is_late
from .support import clears, g1_setup, issued_task, member_with_login

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_programme_once_per_period(personas):
    s = g1_setup(personas)
    assert s.programme.title.startswith("Chương trình công tác năm")
    with pytest.raises(Conflict):
        actions.create_programme(
            actor=personas.hq_admin, unit=personas.tree.g1, year=s.programme.year
        )
    q = actions.create_programme(
        actor=personas.hq_admin, unit=personas.tree.g1, year=s.programme.year, quarter=2
    )
    assert "quý 2" in q.title


@pytest.mark.parametrize("quarter", [5, -1])
def test_programme_bad_quarter(personas, quarter):
    with pytest.raises(ValidationFailed) as exc:
        actions.create_programme(
            actor=personas.hq_admin, unit=personas.tree.g1, year=2026, quarter=quarter
        )
    assert exc.value.field == "quarter"


def test_programme_forbidden_and_out_of_scope(personas):
    with pytest.raises(Forbidden):
        actions.create_programme(actor=personas.inspector, unit=personas.tree.g1, year=2026)
    with pytest.raises(NotFound):
        actions.create_programme(actor=personas.outsider, unit=personas.tree.g1, year=2026)


@pytest.mark.parametrize(
    ("field", "value", "clear"),
    [
        ("owner_id", None, "rõ người"),
        ("scope", "  ", "rõ việc"),
        ("due_on", None, "rõ thời gian"),
        ("accountable_unit", "", "rõ trách nhiệm"),
        ("deliverable", "", "rõ sản phẩm"),
        ("approver_id", None, "rõ thẩm quyền"),
    ],
)
def test_each_missing_clear_refused_nothing_written(personas, field, value, clear):
    s = g1_setup(personas)
    with pytest.raises(ValidationFailed) as exc:
        actions.create_task(
            actor=personas.hq_admin, programme_id=s.programme.pk, **clears(s, **{field: value})
        )
    assert clear in exc.value.text()
    bilingual = exc.value.bilingual()
    assert bilingual["detail"] and bilingual["detail_en"]
    assert not Task.objects.exists() and not TaskEvent.objects.exists()
    assert not AuditEvent.objects.filter(action="assignments.create_task").exists()


def test_wrong_clears_refused(personas):
    s = g1_setup(personas)
    outsider_member, _u = member_with_login(personas.tree.g2, "Người Ngoài", "nguoi_ngoai")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"accountable_unit": "G2"}, "accountable_unit"),  # not under the issuing unit
        ({"owner_id": outsider_member.pk}, "owner"),  # not a member of the accountable unit
        ({"approver_id": s.owner.pk}, "approver"),  # owner approving their own work
        ({"due_on": TODAY - timedelta(days=1)}, "due_on"),  # due before it is given
        ({"approver_unit": "P1"}, "approver"),  # a person and a body at once
        ({"owner_id": 10**12}, "owner"),
    ]
    for overrides, field in cases:
        with pytest.raises(ValidationFailed) as exc:
            actions.create_task(
                actor=personas.hq_admin, programme_id=s.programme.pk, **clears(s, **overrides)
            )
        assert exc.value.field == field, overrides
    assert not Task.objects.exists()


def test_owner_without_login_refused(personas):
    from chibo.testing.personas import make_member

    s = g1_setup(personas)
    nobody = make_member(personas.tree.b1, "Phạm Văn Không Tài Khoản")
    with pytest.raises(ValidationFailed) as exc:
        actions.create_task(
            actor=personas.hq_admin, programme_id=s.programme.pk, **clears(s, owner_id=nobody.pk)
        )
    assert exc.value.field == "owner"


def test_draft_then_issue_programme(personas):
    s = g1_setup(personas)
    task = actions.create_task(actor=personas.hq_admin, programme_id=s.programme.pk, **clears(s))
    assert task.status == TaskStatus.DRAFT
    assert actions.issue_programme(actor=personas.hq_admin, programme_id=s.programme.pk) == 1
    task.refresh_from_db()
    assert task.status == TaskStatus.ISSUED and task.issued_on == TODAY
    assert WorkProgramme.objects.get().issued_on == TODAY
    assert Notice.objects.filter(user=s.owner_user).count() == 1
    with pytest.raises(Conflict):
        actions.issue_programme(actor=personas.hq_admin, programme_id=s.programme.pk)


def test_full_workflow_with_return(personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    actions.record_progress(actor=s.owner_user, task_id=task.pk, note="Đã lập kế hoạch", percent=30)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    actions.submit_task(
        actor=s.owner_user, task_id=task.pk, link="https://vb.local/bc-1", note="Báo cáo"
    )
    actions.return_task(actor=s.approver_user, task_id=task.pk, reason="Thiếu số liệu")
    task.refresh_from_db()
    assert task.status == TaskStatus.RETURNED
    actions.submit_task(actor=s.owner_user, task_id=task.pk, link="https://vb.local/bc-2")
    actions.accept_task(actor=s.approver_user, task_id=task.pk)
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED and task.accepted_on == TODAY
    kinds = list(task.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.CREATED,
        EventKind.ISSUED,
        EventKind.PROGRESS,
        EventKind.SUBMITTED,
        EventKind.RETURNED,
        EventKind.SUBMITTED,
        EventKind.ACCEPTED,
    ]
    actions_logged = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "assignments.submit_task",
        "assignments.return_task",
        "assignments.accept_task",
    } <= actions_logged
    with pytest.raises(Conflict):
        actions.submit_task(actor=s.owner_user, task_id=task.pk, link="https://x.vn")
    assert actions.recompute_task_states() == 0


def test_only_owner_submits(personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    for actor in (personas.hq_admin, personas.branch_officer, s.approver_user):
        with pytest.raises(Forbidden) as exc:
            actions.submit_task(actor=actor, task_id=task.pk, link="https://x.vn")
        assert "chủ trì" in exc.value.text()
        assert exc.value.bilingual()["detail_en"]
    with pytest.raises(NotFound):
        actions.submit_task(actor=personas.outsider, task_id=task.pk, link="https://x.vn")
    task.refresh_from_db()
    assert task.status == TaskStatus.ISSUED
    assert not task.events.filter(kind=EventKind.SUBMITTED).exists()


def test_submission_needs_the_deliverable(personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    with pytest.raises(ValidationFailed) as exc:
        actions.submit_task(actor=s.owner_user, task_id=task.pk, note="xong")
    assert exc.value.field == "link"
    with pytest.raises(ValidationFailed):
        actions.submit_task(actor=s.owner_user, task_id=task.pk, link="javascript:alert(1)")


def test_only_approver_accepts_or_returns(personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    actions.submit_task(actor=s.owner_user, task_id=task.pk, link="https://x.vn")
    for actor in (personas.hq_admin, personas.leader, s.owner_user):
        with pytest.raises(Forbidden):
            actions.accept_task(actor=actor, task_id=task.pk)
        with pytest.raises(Forbidden):
            actions.return_task(actor=actor, task_id=task.pk, reason="Sai")
    with pytest.raises(ValidationFailed):
        actions.return_task(actor=s.approver_user, task_id=task.pk, reason=" ")
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED


def test_approving_body(personas):
    """A body approves: the holders of assignments.manage over its unit, not the owner."""
    s = g1_setup(personas)
    task = issued_task(personas, s, approver_id=None, approver_unit="P1")
    actions.submit_task(actor=s.owner_user, task_id=task.pk, link="https://x.vn")
    with pytest.raises(Forbidden):
        actions.accept_task(actor=personas.branch_officer, task_id=task.pk)  # B1 only
    with pytest.raises(Forbidden):
        actions.accept_task(actor=personas.inspector, task_id=task.pk)  # no manage
    actions.accept_task(actor=personas.leader, task_id=task.pk)
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED


def test_extension_asked_and_granted(personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    new_due = task.due_on + timedelta(days=10)
    with pytest.raises(Forbidden):
        actions.request_extension(
            actor=s.approver_user, task_id=task.pk, due_on=new_due, reason="x"
        )
    with pytest.raises(ValidationFailed):
        actions.request_extension(
            actor=s.owner_user, task_id=task.pk, due_on=task.due_on, reason="x"
        )
    actions.request_extension(
        actor=s.owner_user, task_id=task.pk, due_on=new_due, reason="Chờ số liệu"
    )
    task.refresh_from_db()
    assert task.extension_pending
    with pytest.raises(Forbidden):
        actions.decide_extension(actor=s.owner_user, task_id=task.pk, grant=True)
    actions.decide_extension(actor=s.approver_user, task_id=task.pk, grant=True)
    task.refresh_from_db()
    assert task.due_on == new_due and not task.extension_pending
    assert task.original_due_on == new_due - timedelta(days=10)


def test_extension_refused_needs_reason(personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    actions.request_extension(
        actor=s.owner_user, task_id=task.pk, due_on=task.due_on + timedelta(days=3), reason="Ốm"
    )
    with pytest.raises(ValidationFailed):
        actions.decide_extension(actor=s.approver_user, task_id=task.pk, grant=False)
    actions.decide_extension(
        actor=s.approver_user, task_id=task.pk, grant=False, note="Không đủ lý do"
    )
    task.refresh_from_db()
    assert not task.extension_pending and task.due_on == task.original_due_on


def test_future_day_refused(personas):
    s = g1_setup(personas)
    task = issued_task(personas, s)
    with pytest.raises(ValidationFailed):
        actions.submit_task(
            actor=s.owner_user, task_id=task.pk, link="https://x.vn", on=TODAY + timedelta(days=1)
        )


def test_split_and_rollup(personas):
    s = g1_setup(personas)
    parent = issued_task(personas, s, accountable_unit="G1")
    b2_owner, _b2_user = member_with_login(personas.tree.b2, "Võ Văn Chi Bộ Hai", "cb2")
    children = actions.split_task(
        actor=personas.hq_admin,
        task_id=parent.pk,
        parts=[
            {"accountable_unit": "B1", "owner_id": s.owner.pk, "approver_id": s.approver.pk},
            {"accountable_unit": "B2", "owner_id": b2_owner.pk},
        ],
    )
    assert len(children) == 2
    assert all(c.status == TaskStatus.ISSUED and c.parent_id == parent.pk for c in children)
    assert children[1].approver_id == parent.owner_id  # default: the parent's owner
    assert WorkProgramme.objects.filter(unit=personas.tree.g1).count() == 1
    r = queries.rollup(parent)
    assert r is not None and (r.total, r.accepted) == (2, 0)
    actions.submit_task(actor=s.owner_user, task_id=children[0].pk, link="https://x.vn")
    actions.accept_task(actor=s.approver_user, task_id=children[0].pk)
    r = queries.rollup(parent)
    assert r is not None and r.accepted == 1 and r.accepted_percent == 50


def test_split_refuses_bad_parts_all_or_none(personas):
    s = g1_setup(personas)
    parent = issued_task(personas, s, accountable_unit="G1")
    with pytest.raises(ValidationFailed):
        actions.split_task(
            actor=personas.hq_admin,
            task_id=parent.pk,
            parts=[
                {"accountable_unit": "B1", "owner_id": s.owner.pk},
                {"accountable_unit": "B2", "owner_id": s.owner.pk},  # owner not in B2
            ],
        )
    with pytest.raises(ValidationFailed):
        actions.split_task(
            actor=personas.hq_admin,
            task_id=parent.pk,
            parts=[
                {
                    "accountable_unit": "B1",
                    "owner_id": s.owner.pk,
                    "due_on": parent.due_on + timedelta(days=1),
                }
            ],
        )
    assert Task.objects.count() == 1


def test_derive_is_pure_and_late():
    class E:
        def __init__(self, kind, on, due_on=None):
            self.kind, self.on, self.due_on = kind, on, due_on

    d = date(2026, 3, 31)
    state = derive(
        [
            E(EventKind.CREATED, date(2026, 1, 5), d),
            E(EventKind.ISSUED, date(2026, 1, 6)),
            E(EventKind.EXTENSION_REQUESTED, date(2026, 3, 1), date(2026, 4, 15)),
            E(EventKind.EXTENSION_GRANTED, date(2026, 3, 2), date(2026, 4, 15)),
            E(EventKind.SUBMITTED, date(2026, 4, 10)),
            E(EventKind.ACCEPTED, date(2026, 4, 20)),
        ],
        original_due_on=d,
    )
    assert state.status == TaskStatus.ACCEPTED and state.due_on == date(2026, 4, 15)
    assert is_late(status=state.status, due_on=state.due_on, accepted_on=state.accepted_on, today=d)
    assert not is_late(status=TaskStatus.ISSUED, due_on=d, accepted_on=None, today=d)
    assert is_late(
        status=TaskStatus.ISSUED, due_on=d, accepted_on=None, today=d + timedelta(days=1)
    )
    assert not is_late(status=TaskStatus.DRAFT, due_on=d, accepted_on=None, today=date(2027, 1, 1))


def test_task_indicator_counts(personas):
    year = TODAY.year
    s = g1_setup(personas, year=year)
    start = TODAY - timedelta(days=40)
    # Backdated: given 40 days ago, due 10 days ago.
    on_time = issued_task(personas, s, on=start, due_on=TODAY - timedelta(days=10))
    late = issued_task(personas, s, on=start, due_on=TODAY - timedelta(days=10))
    open_late = issued_task(personas, s, on=start, due_on=TODAY - timedelta(days=5))
    issued_task(personas, s, on=start, due_on=TODAY + timedelta(days=5))
    for t, accepted in ((on_time, TODAY - timedelta(days=12)), (late, TODAY - timedelta(days=2))):
        actions.submit_task(actor=s.owner_user, task_id=t.pk, link="https://x.vn", on=accepted)
        actions.accept_task(actor=s.approver_user, task_id=t.pk, on=accepted)
    draft = actions.create_task(
        actor=personas.hq_admin, programme_id=s.programme.pk, **clears(s, due_on=TODAY)
    )
    assert draft.status == TaskStatus.DRAFT
    window = (TODAY - timedelta(days=30), TODAY + timedelta(days=30))
    counts = queries.task_indicator_counts(personas.tree.p1, *window)
    assert counts == {"due": 4, "accepted_on_time": 1, "accepted": 2, "overdue": 1}
    assert queries.task_indicator_counts(personas.tree.b2, *window)["due"] == 0
    assert queries.task_indicator_counts(personas.tree.p2, *window)["due"] == 0
    # A past period: as of its end, the late one was overdue too.
    past = queries.task_indicator_counts(
        personas.tree.b1, TODAY - timedelta(days=30), TODAY - timedelta(days=4)
    )
    assert past == {"due": 3, "accepted_on_time": 1, "accepted": 1, "overdue": 2}
    assert open_late.pk


def test_dashboard_counts(personas):
    year = TODAY.year
    s = g1_setup(personas, year=year)
    start = TODAY - timedelta(days=40)
    issued_task(personas, s, on=start, due_on=TODAY - timedelta(days=5))
    issued_task(personas, s, on=start, due_on=TODAY + timedelta(days=1))
    d = queries.task_dashboard(personas.leader, personas.tree.p1, year=year)
    assert d.overdue_now == 1 and d.open_now == 2
    assert sum(q["due"] for q in d.quarters) == d.due
    assert [r.unit.code for r in d.units] == ["G1"]
    with pytest.raises(NotFound):
        queries.task_dashboard(personas.outsider, personas.tree.p1, year=year)
    with pytest.raises(Forbidden):
        queries.task_dashboard(personas.member, personas.tree.b1, year=year)


def test_dashboard_agrees_with_indicator_counts(personas):
    """The dashboard's one grouped scan gives, for the year and each quarter, the figures the
    reports module reads from task_indicator_counts."""
    year = TODAY.year
    s = g1_setup(personas, year=year)
    start = date(year, 1, 2)
    dues = [date(year, 2, 10), date(year, 3, 30), date(year, 5, 5), date(year, 8, 1)]
    for i, due in enumerate(d for d in dues if d < TODAY):
        t = issued_task(personas, s, on=start, due_on=due)
        if i % 2 == 0:
            accepted = min(due + timedelta(days=3 * i), TODAY)
            actions.submit_task(actor=s.owner_user, task_id=t.pk, link="https://x.vn", on=accepted)
            actions.accept_task(actor=s.approver_user, task_id=t.pk, on=accepted)
    issued_task(personas, s, due_on=TODAY + timedelta(days=2))
    for quarter in range(5):
        board = queries.task_dashboard(
            personas.hq_admin, personas.tree.hcm, year=year, quarter=quarter
        )
        counts = queries.task_indicator_counts(personas.tree.hcm, board.start, board.end)
        assert {
            "due": board.due,
            "accepted_on_time": board.accepted_on_time,
            "accepted": board.accepted,
            "overdue": board.overdue,
        } == counts, quarter
