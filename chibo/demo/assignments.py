"""Demo data of the assignments module: the city's and every ward's programme for the demo
year, cascaded tasks in every state (some late), and, in the accounts' ward, tasks the demo
accounts carry out through the actions: `bithu` and `dangvien` own tasks of the ward's quarterly
programme, the ward committee (`phuong`) accepts or returns them.

Elsewhere the rows are written in bulk with their dated events, and each task's cached state is
folded from those events by `state.derive`, as the actions would leave it."""

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from chibo.access.models import User
from chibo.assignments import actions
from chibo.assignments.models import (
    EventKind,
    Priority,
    Task,
    TaskEvent,
    WorkProgramme,
)
from chibo.assignments.state import derive
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.org.models import OrgUnit, UnitKind

from .plan import BRANCH_KINDS

CITY_TASKS = (
    ("Quán triệt, triển khai Nghị quyết Đại hội Đảng bộ Thành phố", "Báo cáo kết quả quán triệt"),
    ("Rà soát, cập nhật dữ liệu đảng viên trên hệ thống", "Danh sách đảng viên đã rà soát"),
    ("Kiểm điểm, đánh giá chất lượng sinh hoạt chi bộ quý", "Báo cáo đánh giá sinh hoạt chi bộ"),
    ("Phát triển đảng viên mới trong năm", "Danh sách quần chúng ưu tú được giới thiệu"),
)
WARD_TASKS = (
    ("Tổ chức học tập chuyên đề năm", "Biên bản sinh hoạt chuyên đề"),
    ("Thu, nộp đảng phí đúng quy định", "Sổ thu đảng phí đã đối chiếu"),
    ("Nắm tình hình tư tưởng đảng viên, quần chúng", "Báo cáo tình hình tư tưởng"),
)


def _members_by_unit(root: OrgUnit) -> dict[str, list[int]]:
    """Active members' ids by their unit's path (for owners written in bulk)."""
    rows: dict[str, list[int]] = {}
    for pk, path in (
        Member.objects.filter(unit__path__startswith=root.path, status__in=ACTIVE_STATUSES)
        .order_by("pk")
        .values_list("pk", "unit__path")
    ):
        rows.setdefault(path, []).append(pk)
    return rows


def _owner_in(unit: OrgUnit, members: dict[str, list[int]], rng: random.Random) -> int | None:
    ids = [pk for path, pks in members.items() if path.startswith(unit.path) for pk in pks]
    return rng.choice(ids) if ids else None


def _life(rng: random.Random, issued: date, due: date, today: date) -> list[tuple[str, date, str]]:
    """The events after creation of a task given on `issued`, due on `due`, as of `today`."""
    steps: list[tuple[str, date, str]] = [(EventKind.ISSUED, issued, "")]
    span = max((min(due, today) - issued).days, 1)
    if rng.random() < 0.7:
        steps.append(
            (EventKind.PROGRESS, issued + timedelta(days=max(1, span // 2)), "Đang triển khai")
        )
    roll = rng.random()
    if due < today:
        if roll < 0.55:  # on time
            sub = due - timedelta(days=rng.randint(0, min(5, span)))
            acc = min(sub + timedelta(days=rng.randint(0, 2)), due)
            steps += [(EventKind.SUBMITTED, sub, "Đã hoàn thành"), (EventKind.ACCEPTED, acc, "")]
        elif roll < 0.7:  # late, accepted afterwards
            sub = min(due + timedelta(days=rng.randint(2, 12)), today)
            steps += [(EventKind.SUBMITTED, sub, "Hoàn thành muộn"), (EventKind.ACCEPTED, sub, "")]
        elif roll < 0.8:  # returned, not yet handed in again
            sub = max(due - timedelta(days=2), issued)
            steps += [
                (EventKind.SUBMITTED, sub, "Báo cáo"),
                (EventKind.RETURNED, min(sub + timedelta(days=3), today), "Thiếu số liệu"),
            ]
        # else: still open past its due date (overdue)
    elif roll < 0.25:
        sub = min(today, due - timedelta(days=1))
        if sub >= issued:
            steps.append((EventKind.SUBMITTED, sub, "Đã gửi báo cáo"))
    return sorted(steps, key=lambda s: s[1])


def _bulk_tasks(
    specs: list[dict[str, Any]], rng: random.Random, today: date, actor: Any
) -> list[Task]:
    """Write tasks with their events; the cached state is the fold of those events."""
    tasks = Task.objects.bulk_create(
        Task(**{k: v for k, v in s.items() if k != "issued"}) for s in specs
    )
    events: list[TaskEvent] = []
    updates: list[Task] = []
    for task, spec in zip(tasks, specs, strict=True):
        issued = spec["issued"]
        mine = [
            TaskEvent(task=task, kind=EventKind.CREATED, on=issued, due_on=task.due_on, actor=actor)
        ]
        for kind, on, note in _life(rng, issued, task.due_on, today):
            mine.append(
                TaskEvent(
                    task=task,
                    kind=kind,
                    on=on,
                    note=note,
                    actor=actor,
                    link="https://vanban.chibo.local/bao-cao"
                    if kind == EventKind.SUBMITTED
                    else "",
                )
            )
        state = derive(mine, original_due_on=task.original_due_on)
        for field, value in state.cached().items():
            setattr(task, field, value)
        updates.append(task)
        events += mine
    TaskEvent.objects.bulk_create(events, batch_size=2000)
    Task.objects.bulk_update(
        updates,
        ["status", "due_on", "issued_on", "submitted_on", "accepted_on", "extension_pending"],
        batch_size=2000,
    )
    return tasks


def seed_assignments(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    today = today or timezone.localdate()
    rng = random.Random(seed + 11)
    year = today.year
    quarter = (today.month - 1) // 3 + 1
    staff = User.objects.filter(username="vanphong").first()
    members = _members_by_unit(root)
    wards = list(
        OrgUnit.objects.filter(
            path__startswith=root.path, depth=root.depth + 1, kind=UnitKind.UPPER_GRASSROOTS
        ).order_by("path")
    )
    say(f"Chương trình công tác năm {year}: thành phố và {len(wards)} phường, xã")
    city_programme = WorkProgramme.objects.create(
        unit=root,
        year=year,
        title=f"Chương trình công tác năm {year}",
        issued_on=date(year, 1, 5),
        issued_by=staff,
        created_by=staff,
    )
    start = date(year, 1, 5)
    parents = []
    owner = _owner_in(root, members, rng)
    for i, (title, deliverable) in enumerate(CITY_TASKS):
        due = date(year, 3 * (i % 4) + 3, 28)
        if owner is None:
            break
        parents.append(
            {
                "programme": city_programme,
                "unit": root,
                "title": title,
                "owner_id": owner,
                "scope": title,
                "original_due_on": due,
                "due_on": due,
                "accountable_unit": root,
                "deliverable": deliverable,
                "approver_unit": root,
                "priority": Priority.HIGH,
                "created_by": staff,
                "issued": start,
            }
        )
    parent_tasks = _bulk_tasks(parents, rng, today, staff)
    # Each city task is split into one task per ward, accepted by the city committee.
    children = []
    ward_programmes = {}
    for ward in wards:
        ward_programmes[ward.pk] = WorkProgramme.objects.create(
            unit=ward,
            year=year,
            title=f"Chương trình công tác năm {year}",
            issued_on=date(year, 1, 12),
            issued_by=staff,
            created_by=staff,
        )
        for parent in parent_tasks:
            ward_owner = _owner_in(ward, members, rng)
            if ward_owner is None:
                continue
            due = parent.due_on - timedelta(days=rng.randint(0, 10))
            children.append(
                {
                    "programme": ward_programmes[ward.pk],
                    "unit": ward,
                    "parent": parent,
                    "title": parent.title,
                    "owner_id": ward_owner,
                    "scope": parent.scope,
                    "original_due_on": due,
                    "due_on": due,
                    "accountable_unit": ward,
                    "deliverable": parent.deliverable,
                    "approver_unit": root,
                    "priority": parent.priority,
                    "created_by": staff,
                    "issued": date(year, 1, 12),
                }
            )
    _bulk_tasks(children, rng, today, staff)
    # Every ward's own tasks to its branches (the accounts' ward gets its quarter's programme
    # through the actions below instead).
    branch_tasks = []
    for ward in wards:
        if ward.code == ward_code:
            continue
        branches = list(
            OrgUnit.objects.filter(path__startswith=ward.path, kind__in=BRANCH_KINDS).order_by(
                "path"
            )[:12]
        )
        for branch in branches:
            for title, deliverable in WARD_TASKS:
                branch_owner = _owner_in(branch, members, rng)
                if branch_owner is None:
                    continue
                month = rng.randint(1, 12)
                due = date(year, month, 20)
                issued = min(date(year, max(1, month - 2), 1), today)
                if issued > due:
                    continue
                branch_tasks.append(
                    {
                        "programme": ward_programmes[ward.pk],
                        "unit": ward,
                        "title": title,
                        "owner_id": branch_owner,
                        "scope": title,
                        "original_due_on": due,
                        "due_on": due,
                        "accountable_unit": branch,
                        "deliverable": deliverable,
                        "approver_unit": ward,
                        "created_by": staff,
                        "issued": issued,
                    }
                )
    _bulk_tasks([t for t in branch_tasks if t["issued"] <= today], rng, today, staff)
    _accounts_ward(ward_code, branch_code, year, quarter, today, say)
    say(f"Nhiệm vụ: {Task.objects.count()}")


def _accounts_ward(
    ward_code: str,
    branch_code: str,
    year: int,
    quarter: int,
    today: date,
    say: Callable[[str], None],
) -> None:
    """The accounts' ward issues its quarter's programme through the actions: `bithu` and
    `dangvien` own its branch's tasks; `phuong` (the ward's committee staff) accepts them."""
    ward = OrgUnit.objects.filter(code=ward_code).first()
    branch = OrgUnit.objects.filter(code=branch_code).first()
    phuong = User.objects.filter(username="phuong").first()
    bithu = User.objects.filter(username="bithu").first()
    dangvien = User.objects.filter(username="dangvien").first()
    secretary = Member.objects.filter(user=bithu).first()
    member = Member.objects.filter(user=dangvien).first()
    if not (ward and branch and phuong and secretary and member and bithu and dangvien):
        return
    say(f"Chương trình công tác quý {quarter} của {ward.name}")
    programme = actions.create_programme(actor=phuong, unit=ward, year=year, quarter=quarter)
    # Given forty days ago (in a quarter's first weeks, that is late in the previous one).
    given = today - timedelta(days=40)
    common = {"accountable_unit": branch.code, "approver_unit": ward.code}

    def task(title: str, owner: Member, due: date, deliverable: str, **extra: Any) -> Task:
        return actions.create_task(
            actor=phuong,
            programme_id=programme.pk,
            title=title,
            scope=title,
            owner_id=owner.pk,
            due_on=due,
            deliverable=deliverable,
            on=given,
            **common,
            **extra,
        )

    done = task(
        "Tổ chức sinh hoạt chuyên đề quý",
        secretary,
        given + timedelta(days=14),
        "Biên bản sinh hoạt chuyên đề",
    )
    late = task(
        "Rà soát hồ sơ đảng viên của chi bộ",
        secretary,
        given + timedelta(days=20),
        "Danh sách hồ sơ đã rà soát",
        priority=Priority.HIGH,
    )
    proof = task(
        "Báo cáo kết quả học tập nghị quyết", member, today + timedelta(days=3), "Bài thu hoạch"
    )
    task(
        "Cập nhật thông tin đảng viên trên Sổ tay",
        member,
        today + timedelta(days=12),
        "Ảnh chụp hồ sơ đã cập nhật",
    )
    returned = task(
        "Kế hoạch phát triển đảng viên năm sau",
        secretary,
        today + timedelta(days=20),
        "Kế hoạch của chi bộ",
    )
    actions.issue_programme(actor=phuong, programme_id=programme.pk, on=given)
    link = "https://vanban.chibo.local/chi-bo/bien-ban"
    actions.record_progress(
        actor=bithu,
        task_id=done.pk,
        note="Đã chuẩn bị tài liệu",
        percent=60,
        on=given + timedelta(days=5),
    )
    actions.submit_task(actor=bithu, task_id=done.pk, link=link, on=given + timedelta(days=12))
    actions.accept_task(actor=phuong, task_id=done.pk, on=given + timedelta(days=13))
    actions.record_progress(
        actor=bithu,
        task_id=late.pk,
        note="Còn thiếu hồ sơ 5 đồng chí",
        percent=70,
        on=given + timedelta(days=15),
    )
    actions.submit_task(actor=dangvien, task_id=proof.pk, link=link, note="Bài thu hoạch", on=today)
    actions.submit_task(actor=bithu, task_id=returned.pk, link=link, on=today)
    actions.return_task(
        actor=phuong, task_id=returned.pk, reason="Cần bổ sung chỉ tiêu cụ thể", on=today
    )
