"""Access-matrix rows of the assignments pages and API (chibo/access/tests/test_matrix.py).

One setup serves every row: a programme of B1 with an issued task owned by the member persona
(approved by the body P1: hq_admin and leader may accept, branch_officer's B1 grant may not), a
submitted one, one with an extension asked, a draft; a G1 task to split; a B1 meeting with
conclusions and a G1 registry document; and a member of B1 with a login (fixed pk) whom the
form and API rows name as owner."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from chibo.access.models import User
from chibo.members.models import Member
from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed

from .. import actions

OWNER_PK = 91001


def _due(days: int = 20) -> Any:
    return timezone.localdate() + timedelta(days=days)


def _dmy(days: int = 20) -> str:
    return _due(days).strftime("%d/%m/%Y")


def world(ctx: Ctx) -> None:
    p = ctx.p
    assert p.member_record is not None
    owner_user = User.objects.create_user(username="matrix_owner", password="x-matrix-2026!")
    Member.objects.create(
        pk=OWNER_PK,
        unit=p.tree.b1,
        full_name="Nguyễn Văn Chủ Trì",
        search_name="nguyen van chu tri",
        gender="male",
        status="full",
        user=owner_user,
    )
    mine = p.member_record.pk
    programme = actions.create_programme(actor=p.hq_admin, unit=p.tree.b1, year=_due().year)
    common: dict[str, Any] = {
        "scope": "Rà soát danh sách đảng viên",
        "accountable_unit": "B1",
        "deliverable": "Báo cáo rà soát",
        "approver_unit": "P1",
    }

    def task(title: str, owner: int, *, issue: bool = True) -> Any:
        return actions.create_task(
            actor=p.hq_admin,
            programme_id=programme.pk,
            title=title,
            owner_id=owner,
            due_on=_due(),
            issue=issue,
            **common,
        )

    issued = task("Nhiệm vụ đã giao", mine)
    submitted = task("Nhiệm vụ đã nộp", mine)
    actions.submit_task(actor=p.member, task_id=submitted.pk, link="https://vb.local/bc")
    extended = task("Nhiệm vụ xin gia hạn", mine)
    actions.request_extension(
        actor=p.member, task_id=extended.pk, due_on=_due(30), reason="Chờ số liệu"
    )
    draft = task("Nhiệm vụ dự thảo", OWNER_PK, issue=False)
    g1_programme = actions.create_programme(actor=p.hq_admin, unit=p.tree.g1, year=_due().year)
    g1_task = actions.create_task(
        actor=p.hq_admin,
        programme_id=g1_programme.pk,
        title="Nhiệm vụ của đảng bộ",
        owner_id=mine,
        due_on=_due(),
        issue=True,
        **{**common, "accountable_unit": "G1"},
    )
    from chibo.documents.tests.registry_support import register
    from chibo.meetings.tests.support import hold, plan_meeting

    meeting = hold(p.hq_admin, plan_meeting(p.hq_admin, p.tree.b1, hours=30))
    from chibo.meetings import actions as meeting_actions

    meeting_actions.save_minutes(
        actor=p.hq_admin, meeting_id=meeting.pk, conclusions="Rà soát danh sách đảng viên"
    )
    document = register(p.hq_admin, p.tree.g1, "14-KH/ĐU", kind="plan", title="Kế hoạch rà soát")
    ctx.tokens.update(
        programme=programme.pk,
        issued=issued.pk,
        submitted=submitted.pk,
        extended=extended.pk,
        draft=draft.pk,
        g1_task=g1_task.pk,
        meeting=meeting.pk,
        document=document.pk,
    )


def at(path: str, key: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens[key])


def E(hq: int, bo: int, out: int, mem: int, ins: int, lead: int, anon: int = LOGIN) -> Expect:
    return Expect(
        hq_admin=hq,
        branch_officer=bo,
        outsider=out,
        member=mem,
        inspector=ins,
        leader=lead,
        anonymous=anon,
    )


TASK_FORM = {
    "title": "Nhiệm vụ mới",
    "scope": "Cập nhật hồ sơ",
    "owner": str(OWNER_PK),
    "due_on": _dmy(),
    "accountable_unit": "B1",
    "deliverable": "Danh sách cập nhật",
    "approver": "uP1",
    "priority": "normal",
}
API_TASK = {
    "title": "Nhiệm vụ qua API",
    "scope": "Cập nhật hồ sơ",
    "owner_id": OWNER_PK,
    "due_on": _due().isoformat(),
    "accountable_unit": "B1",
    "deliverable": "Danh sách cập nhật",
    "approver_unit": "P1",
}
VIEWERS = E(200, 200, 404, 403, 200, 200)
MANAGERS_FORM = E(302, 302, 404, 403, 403, 302)
OWNER_STEP = E(403, 403, 404, 302, 403, 403)
APPROVER_STEP = E(302, 403, 404, 403, 403, 302)
EVERYONE = E(200, 200, 200, 200, 200, 200)


def _api(expect: Expect) -> Expect:
    """The same answers on the API: 201 for 302 after a form is not implied; anonymous 401."""
    return Expect(
        hq_admin=200 if expect.hq_admin == 302 else expect.hq_admin,
        branch_officer=200 if expect.branch_officer == 302 else expect.branch_officer,
        outsider=expect.outsider,
        member=200 if expect.member == 302 else expect.member,
        inspector=expect.inspector,
        leader=200 if expect.leader == 302 else expect.leader,
        anonymous=A401,
    )


ROWS: list[Row] = [
    Row("assignments/", "GET", fixed("/assignments/"), E(302, 302, 302, 302, 302, 302)),
    Row("assignments/mine/", "GET", fixed("/assignments/mine/"), EVERYONE, setup=world),
    Row("assignments/home-card/", "GET", fixed("/assignments/home-card/"), EVERYONE, setup=world),
    Row(
        "assignments/overdue-card/",
        "GET",
        fixed("/assignments/overdue-card/"),
        E(200, 200, 200, 403, 200, 200),
        setup=world,
    ),
    Row(
        "assignments/my-tasks-box/",
        "GET",
        fixed("/assignments/my-tasks-box/"),
        EVERYONE,
        setup=world,
    ),
    Row(
        "assignments/unit/<str:code>/", "GET", fixed("/assignments/unit/B1/"), VIEWERS, setup=world
    ),
    Row(
        "assignments/unit/<str:code>/",
        "POST",
        fixed("/assignments/unit/B1/"),
        MANAGERS_FORM,
        data={"year": _due().year + 1, "quarter": 1, "notice_days": 3, "repeat_days": 5},
        note="create a programme",
    ),
    Row(
        "assignments/unit/<str:code>/dashboard/",
        "GET",
        fixed("/assignments/unit/B1/dashboard/"),
        VIEWERS,
        setup=world,
    ),
    Row(
        "assignments/programme/<int:pk>/",
        "GET",
        at("/assignments/programme/{}/", "programme"),
        VIEWERS,
        setup=world,
    ),
    Row(
        "assignments/programme/<int:pk>/issue/",
        "POST",
        at("/assignments/programme/{}/issue/", "programme"),
        MANAGERS_FORM,
        setup=world,
    ),
    Row(
        "assignments/programme/<int:pk>/new/",
        "GET",
        at("/assignments/programme/{}/new/", "programme"),
        E(200, 200, 404, 403, 403, 200),
        setup=world,
    ),
    Row(
        "assignments/programme/<int:pk>/new/",
        "POST",
        at("/assignments/programme/{}/new/", "programme"),
        MANAGERS_FORM,
        data=TASK_FORM,
        setup=world,
    ),
    Row(
        "assignments/task/<int:pk>/",
        "GET",
        at("/assignments/task/{}/", "issued"),
        E(200, 200, 404, 200, 200, 200),
        setup=world,
        note="the member persona owns it",
    ),
    Row(
        "assignments/task/<int:pk>/issue/",
        "POST",
        at("/assignments/task/{}/issue/", "draft"),
        MANAGERS_FORM,
        setup=world,
    ),
    Row(
        "assignments/task/<int:pk>/progress/",
        "POST",
        at("/assignments/task/{}/progress/", "issued"),
        OWNER_STEP,
        data={"note": "Đã làm một nửa", "percent": 50},
        setup=world,
    ),
    Row(
        "assignments/task/<int:pk>/submit/",
        "POST",
        at("/assignments/task/{}/submit/", "issued"),
        OWNER_STEP,
        data={"note": "Báo cáo", "link": "https://vb.local/bao-cao"},
        setup=world,
    ),
    Row(
        "assignments/task/<int:pk>/accept/",
        "POST",
        at("/assignments/task/{}/accept/", "submitted"),
        APPROVER_STEP,
        data={"note": "Đạt"},
        setup=world,
    ),
    Row(
        "assignments/task/<int:pk>/return/",
        "POST",
        at("/assignments/task/{}/return/", "submitted"),
        APPROVER_STEP,
        data={"reason": "Thiếu số liệu"},
        setup=world,
    ),
    Row(
        "assignments/task/<int:pk>/extend/",
        "POST",
        at("/assignments/task/{}/extend/", "issued"),
        OWNER_STEP,
        data={"due_on": _dmy(25), "reason": "Chờ số liệu"},
        setup=world,
    ),
    Row(
        "assignments/task/<int:pk>/decide/",
        "POST",
        at("/assignments/task/{}/decide/", "extended"),
        APPROVER_STEP,
        data={"grant": "yes", "note": ""},
        setup=world,
    ),
    Row(
        "assignments/task/<int:pk>/split/",
        "GET",
        at("/assignments/task/{}/split/", "g1_task"),
        E(200, 404, 404, 404, 403, 200),
        setup=world,
        note="a G1 task: the B1 logins do not reach G1",
    ),
    Row(
        "assignments/task/<int:pk>/split/",
        "POST",
        at("/assignments/task/{}/split/", "g1_task"),
        E(302, 404, 404, 404, 403, 302),
        data={"pick_B1": "1", "owner_B1": str(OWNER_PK), "due_B1": ""},
        setup=world,
    ),
    Row(
        "assignments/from-meeting/<int:pk>/",
        "GET",
        at("/assignments/from-meeting/{}/", "meeting"),
        E(200, 200, 404, 403, 403, 200),
        setup=world,
    ),
    Row(
        "assignments/from-meeting/<int:pk>/",
        "POST",
        at("/assignments/from-meeting/{}/", "meeting"),
        MANAGERS_FORM,
        data=TASK_FORM,
        setup=world,
    ),
    Row(
        "assignments/from-document/<int:pk>/",
        "GET",
        at("/assignments/from-document/{}/", "document"),
        E(200, 200, 404, 403, 403, 200),
        setup=world,
    ),
    Row(
        "assignments/from-document/<int:pk>/",
        "POST",
        at("/assignments/from-document/{}/", "document"),
        MANAGERS_FORM,
        data=TASK_FORM,
        setup=world,
    ),
    Row(
        "assignments/source/<str:kind>/<int:pk>/",
        "GET",
        at("/assignments/source/meeting/{}/", "meeting"),
        E(200, 200, 404, 200, 200, 200),
        setup=world,
        note="the member reads the meeting, and sees no task without assignments.view",
    ),
    # --- API ------------------------------------------------------------------------------------
    Row(
        "GET /api/v1/units/{code}/tasks",
        "GET",
        fixed("/api/v1/units/B1/tasks?status=issued"),
        _api(VIEWERS),
        setup=world,
    ),
    Row(
        "POST /api/v1/tasks",
        "POST",
        lambda ctx, persona: "/api/v1/tasks",
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=404,
            member=403,
            inspector=403,
            leader=201,
            anonymous=A401,
        ),
        data={**API_TASK, "unit": "B1", "year": _due().year, "quarter": 0},
        setup=world,
    ),
    Row(
        "POST /api/v1/tasks/{task_id}/submit",
        "POST",
        at("/api/v1/tasks/{}/submit", "issued"),
        _api(OWNER_STEP),
        data={"link": "https://vb.local/bao-cao"},
        setup=world,
    ),
    Row(
        "POST /api/v1/tasks/{task_id}/accept",
        "POST",
        at("/api/v1/tasks/{}/accept", "submitted"),
        _api(APPROVER_STEP),
        data={"note": "Đạt"},
        setup=world,
    ),
    Row(
        "POST /api/v1/tasks/{task_id}/return",
        "POST",
        at("/api/v1/tasks/{}/return", "submitted"),
        _api(APPROVER_STEP),
        data={"reason": "Thiếu số liệu"},
        setup=world,
    ),
    Row(
        "POST /api/v1/tasks/{task_id}/extend",
        "POST",
        at("/api/v1/tasks/{}/extend", "issued"),
        _api(OWNER_STEP),
        data={"due_on": _due(25).isoformat(), "reason": "Chờ số liệu"},
        setup=world,
    ),
    Row(
        "GET /api/v1/units/{code}/task-dashboard",
        "GET",
        fixed("/api/v1/units/B1/task-dashboard?quarter=1"),
        _api(VIEWERS),
        setup=world,
    ),
]
