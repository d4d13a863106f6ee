"""The calendar's writes: who may adjust it, what is refused, the audit event, the command."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.calendar.actions import remove_calendar_adjustment, set_calendar_adjustment
from chibo.core import workdays
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.core.models import CalendarAdjustment
from chibo.core.workdays import is_working_day
from chibo.testing.personas import make_user


@pytest.fixture(autouse=True)
def _fresh_calendar():
    workdays.invalidate_calendar()
    yield
    workdays.invalidate_calendar()


@pytest.fixture
def admin(personas):
    return make_user("quantri", (personas.tree.hcm, Role.SYSTEM_ADMIN))


@pytest.mark.django_db
def test_system_admin_sets_an_adjustment_and_the_calendar_follows(admin):
    friday = date(2026, 4, 24)
    assert is_working_day(friday, calendar=workdays.load_calendar())
    adjustment = set_calendar_adjustment(
        actor=admin, day=friday, kind="day_off", reason="  Nghỉ   bù ", source="Thông báo (thử)"
    )
    assert adjustment.reason == "Nghỉ bù"
    assert not is_working_day(friday, calendar=workdays.load_calendar())
    event = AuditEvent.objects.get(action="core.set_calendar_adjustment")
    assert event.unit is None
    assert event.actor == admin
    assert event.changes["kind"] == [None, "day_off"]

    remove_calendar_adjustment(actor=admin, day=friday)
    assert is_working_day(friday, calendar=workdays.load_calendar())
    assert AuditEvent.objects.filter(action="core.remove_calendar_adjustment").count() == 1


@pytest.mark.django_db
def test_adjustments_that_change_nothing_are_refused(admin):
    with pytest.raises(ValidationFailed):
        set_calendar_adjustment(
            actor=admin, day=date(2026, 4, 25), kind="day_off", reason="x", source="y"
        )
    with pytest.raises(ValidationFailed):
        set_calendar_adjustment(
            actor=admin, day=date(2026, 4, 24), kind="working_day", reason="x", source="y"
        )
    with pytest.raises(ValidationFailed):
        set_calendar_adjustment(
            actor=admin, day=date(2026, 4, 24), kind="day_off", reason=" ", source="y"
        )
    with pytest.raises(NotFound):
        remove_calendar_adjustment(actor=admin, day=date(2026, 4, 24))
    assert not CalendarAdjustment.objects.exists()


@pytest.mark.django_db
def test_other_roles_may_not_edit_the_calendar(personas):
    for actor in (personas.hq_admin, personas.branch_officer, personas.outsider):
        with pytest.raises(Forbidden):
            set_calendar_adjustment(
                actor=actor, day=date(2026, 4, 25), kind="working_day", reason="x", source="y"
            )
    assert not CalendarAdjustment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="core.").exists()


@pytest.mark.django_db
def test_management_command(admin, capsys):
    call_command(
        "calendar_adjustment",
        "add",
        "25/04/2026",
        "--kind",
        "working_day",
        "--reason",
        "Làm bù",
        "--source",
        "Thông báo (thử)",
        "--actor",
        "quantri",
    )
    assert CalendarAdjustment.objects.get().kind == "working_day"
    call_command("calendar_adjustment", "list", "--year", "2026")
    out = capsys.readouterr().out
    assert "2026-04-25\tworking_day\tLàm bù" in out
    assert "2026-02-16" in out  # Tết in the year's listing
    with pytest.raises(CommandError):
        call_command("calendar_adjustment", "remove", "2026-04-25", "--actor", "nobody")
    call_command("calendar_adjustment", "remove", "2026-04-25", "--actor", "quantri")
    assert not CalendarAdjustment.objects.exists()
