"""The daily notices: due soon within the programme's working days, overdue repeated every
`repeat_days` working days, once per day, only by the scheduled job."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from chibo.core.errors import Forbidden
from chibo.notifications.models import Notice

from ..actions.notices import NOTICES, send_task_notices
from ..models import NoticeSent
from .support import g1_setup, issued_task

pytestmark = pytest.mark.django_db

# Monday 2 March 2026 (no holiday near it).
MONDAY = date(2026, 3, 2)


def _notices(user):
    return list(Notice.objects.filter(user=user).order_by("pk").values_list("title", flat=True))


def test_due_soon_in_working_days(personas, settings):
    s = g1_setup(personas, year=2026)
    # Due Thursday: 3 working days after Monday (programme default notice_days=3).
    issued_task(personas, s, on=MONDAY - timedelta(days=10), due_on=MONDAY + timedelta(days=3))
    # Due the next Monday: 5 working days away, not yet.
    issued_task(personas, s, on=MONDAY - timedelta(days=10), due_on=MONDAY + timedelta(days=7))
    before = len(_notices(s.owner_user))
    assert send_task_notices(actor=NOTICES, today=MONDAY) == {"soon": 1, "overdue": 0}
    assert len(_notices(s.owner_user)) == before + 1
    assert "sắp đến hạn" in _notices(s.owner_user)[-1]
    # The same day again, and the next day: nothing new for that task.
    assert send_task_notices(actor=NOTICES, today=MONDAY) == {"soon": 0, "overdue": 0}
    assert send_task_notices(actor=NOTICES, today=MONDAY + timedelta(days=1)) == {
        "soon": 0,
        "overdue": 0,
    }


def test_overdue_repeats_every_repeat_days(personas):
    s = g1_setup(personas, year=2026)
    task = issued_task(
        personas, s, on=MONDAY - timedelta(days=20), due_on=MONDAY - timedelta(days=1)
    )
    assert send_task_notices(actor=NOTICES, today=MONDAY)["overdue"] == 1
    # 4 working days later: not yet (repeat every 5); 7 calendar days later (5 working): again.
    assert send_task_notices(actor=NOTICES, today=MONDAY + timedelta(days=4))["overdue"] == 0
    assert send_task_notices(actor=NOTICES, today=MONDAY + timedelta(days=7))["overdue"] == 1
    assert NoticeSent.objects.filter(task=task, kind="overdue").count() == 2
    # The approver hears of it too.
    assert any("quá hạn" in t for t in _notices(s.approver_user))


def test_only_the_job_sends(personas):
    with pytest.raises(Forbidden):
        send_task_notices(actor=personas.hq_admin, today=MONDAY)


def test_command(personas):
    out = StringIO()
    call_command("send_task_notices", "--today", MONDAY.isoformat(), stdout=out)
    assert "Đã nhắc 0 nhiệm vụ" in out.getvalue()
