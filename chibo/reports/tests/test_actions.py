"""The reporting regime end to end through its actions, and the bad input of issue 11."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.org.models import OrgUnit, UnitStatus
from chibo.testing.personas import make_member

from ..actions import requests, submissions, templates
from ..models import IndicatorSource, Report, ReportEvent, ReportVersion
from ..queries import rollup as rollup_queries
from .support import branch_request, quarterly_template

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def setup(personas):
    p = personas
    for i in range(3):
        make_member(p.tree.b1, f"Nguyễn Văn Một {i}", actor=p.hq_admin)
    make_member(p.tree.b2, "Trần Thị Hai", actor=p.hq_admin)
    template = quarterly_template(p.hq_admin, p.tree.hcm)
    req = branch_request(p.hq_admin, p.tree.g1, template)
    return p, template, req


def _report(req, unit):
    return Report.objects.get(request=req, unit=unit)


def _fill(p, report, actor, candidates="10", admitted="2", when=date(2026, 4, 2)):
    submissions.prefill_report(actor=actor, report_id=report.pk, now=at(when, 8))
    section = report.request.template.sections.get()
    submissions.save_report(
        actor=actor,
        report_id=report.pk,
        values={"candidates": candidates, "admitted": admitted},
        narrative={str(section.pk): "Hoàn thành kế hoạch quý"},
        now=at(when, 9),
    )


def test_request_goes_to_the_branches_of_the_subtree(setup):
    _, _, req = setup
    assert set(req.reports.values_list("unit__code", flat=True)) == {"B1", "B2"}
    assert (req.period_start, req.period_end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert AuditEvent.objects.filter(action="reports.create_request").count() == 1


def test_request_to_the_units_directly_below(setup):
    p, template, _ = setup
    req = requests.create_request(
        actor=p.hq_admin,
        unit=p.tree.hcm,
        template_id=template.pk,
        period_kind="year",
        year=2026,
        deadline=date(2027, 1, 15),
    )
    assert set(req.reports.values_list("unit__code", flat=True)) == {"P1", "P2"}


def test_deadline_before_the_period_ends_is_refused_and_nothing_written(setup):
    p, template, _ = setup
    before = (AuditEvent.objects.count(), Report.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        branch_request(p.hq_admin, p.tree.g1, template, deadline=date(2026, 3, 30))
    assert exc.value.field == "deadline"
    assert "31/03/2026" in exc.value.text()
    assert (AuditEvent.objects.count(), Report.objects.count()) == before


def test_ad_hoc_period_needs_its_dates_in_order(setup):
    p, template, _ = setup
    with pytest.raises(ValidationFailed):
        requests.create_request(
            actor=p.hq_admin,
            unit=p.tree.g1,
            template_id=template.pk,
            period_kind="ad_hoc",
            period_start=date(2026, 5, 10),
            period_end=date(2026, 5, 1),
            deadline=date(2026, 6, 1),
        )


def test_request_with_no_unit_below_is_refused(setup):
    p, template, _ = setup
    with pytest.raises(ValidationFailed):
        requests.create_request(
            actor=p.hq_admin,
            unit=p.tree.b1,
            template_id=template.pk,
            period_kind="quarter",
            year=2026,
            number=1,
            deadline=date(2026, 4, 10),
        )


def test_template_formula_naming_an_unknown_indicator_or_dividing_by_zero(setup):
    p, _, _ = setup
    t = templates.create_template(actor=p.hq_admin, unit=p.tree.g1, name="Mẫu thử")
    templates.add_indicator(
        actor=p.hq_admin, template_id=t.pk, code="a", label="A", source=IndicatorSource.ENTERED
    )
    with pytest.raises(ValidationFailed) as unknown:
        templates.add_indicator(
            actor=p.hq_admin,
            template_id=t.pk,
            code="b",
            label="B",
            source=IndicatorSource.FORMULA,
            formula="a / khong_co",
        )
    assert "khong_co" in unknown.value.text()
    with pytest.raises(ValidationFailed) as zero:
        templates.add_rule(
            actor=p.hq_admin,
            template_id=t.pk,
            name="R",
            left="a / 0",
            operator="<=",
            right="1",
        )
    assert "chia cho 0" in zero.value.text()
    with pytest.raises(ValidationFailed):
        templates.add_indicator(
            actor=p.hq_admin,
            template_id=t.pk,
            code="c",
            source=IndicatorSource.COMPUTED,
            computed_code="khong_co_chi_tieu",
        )
    assert t.indicators.count() == 1 and t.rules.count() == 0


def test_template_in_use_is_frozen(setup):
    p, template, _ = setup
    with pytest.raises(Conflict):
        templates.add_section(actor=p.hq_admin, template_id=template.pk, title="Thêm")


def test_prefill_computes_the_units_figures(setup):
    p, _, req = setup
    report = _report(req, p.tree.b1)
    submissions.prefill_report(actor=p.branch_officer, report_id=report.pk)
    report.refresh_from_db()
    assert report.values["members_total"] == 3
    assert report.values["attendance_rate"] is None  # no meeting held: no rate, not 0 %
    assert report.status == "draft"


def test_computed_figures_cannot_be_typed(setup):
    p, _, req = setup
    report = _report(req, p.tree.b1)
    submissions.prefill_report(actor=p.branch_officer, report_id=report.pk)
    with pytest.raises(ValidationFailed) as exc:
        submissions.save_report(
            actor=p.branch_officer, report_id=report.pk, values={"members_total": "99"}
        )
    assert "tự động" in exc.value.text()


@pytest.mark.parametrize("bad", ["-1", "mười", "1e400"])
def test_entered_figure_must_be_a_non_negative_number(setup, bad):
    p, _, req = setup
    report = _report(req, p.tree.b1)
    submissions.prefill_report(actor=p.branch_officer, report_id=report.pk)
    with pytest.raises(ValidationFailed) as exc:
        submissions.save_report(
            actor=p.branch_officer, report_id=report.pk, values={"candidates": bad}
        )
    assert exc.value.field == "candidates"
    report.refresh_from_db()
    assert "candidates" not in report.values


def test_blocking_rule_stops_submission(setup):
    p, _, req = setup
    report = _report(req, p.tree.b1)
    _fill(p, report, p.branch_officer, candidates="1", admitted="3")
    with pytest.raises(ValidationFailed) as exc:
        submissions.submit_report(actor=p.branch_officer, report_id=report.pk)
    assert "Kết nạp không vượt số đối tượng" in exc.value.text()
    report.refresh_from_db()
    assert report.status == "draft"


def test_warning_rule_does_not_stop_submission(personas):
    p = personas
    template = quarterly_template(p.hq_admin, p.tree.hcm, blocking=False)
    req = branch_request(p.hq_admin, p.tree.g1, template)
    report = _report(req, p.tree.b1)
    _fill(p, report, p.branch_officer, candidates="1", admitted="3")
    submissions.submit_report(actor=p.branch_officer, report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "submitted"


def test_missing_entered_figures_stop_submission(setup):
    p, _, req = setup
    report = _report(req, p.tree.b1)
    submissions.prefill_report(actor=p.branch_officer, report_id=report.pk)
    with pytest.raises(ValidationFailed) as exc:
        submissions.submit_report(actor=p.branch_officer, report_id=report.pk)
    assert "Kết nạp trong kỳ" in exc.value.text()


def test_full_path_approve_accept_then_locked(setup):
    p, _, req = setup
    report = _report(req, p.tree.b1)
    _fill(p, report, p.branch_officer)
    report.refresh_from_db()
    assert report.values["admitted_share"] == 20
    submissions.submit_report(actor=p.branch_officer, report_id=report.pk, now=at(date(2026, 4, 3)))
    # A plain member may not approve; the inspector of P1 sees it but cannot approve.
    with pytest.raises(Forbidden):
        submissions.approve_report(actor=p.member, report_id=report.pk)
    with pytest.raises(Forbidden):
        submissions.approve_report(actor=p.inspector, report_id=report.pk)
    with pytest.raises(NotFound):
        submissions.approve_report(actor=p.outsider, report_id=report.pk)
    submissions.approve_report(
        actor=p.branch_officer, report_id=report.pk, now=at(date(2026, 4, 4))
    )
    # The branch cannot accept its own report: the requesting level (G1) does.
    with pytest.raises(NotFound):
        submissions.accept_report(actor=p.branch_officer, report_id=report.pk)
    submissions.accept_report(actor=p.hq_admin, report_id=report.pk, now=at(date(2026, 4, 5)))
    report.refresh_from_db()
    assert report.status == "accepted"
    kinds = list(ReportEvent.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == ["prefilled", "saved", "submitted", "approved", "accepted"]
    before = AuditEvent.objects.count()
    with pytest.raises(Conflict) as exc:
        submissions.save_report(
            actor=p.branch_officer, report_id=report.pk, values={"admitted": "1"}
        )
    assert "tiếp nhận" in exc.value.text()
    with pytest.raises(Conflict):
        submissions.return_report(actor=p.hq_admin, report_id=report.pk, reason="Sai số liệu")
    assert AuditEvent.objects.count() == before
    report.refresh_from_db()
    assert report.values["admitted"] == 2


def test_leader_of_the_committee_above_approves_and_accepts(setup):
    p, _, req = setup
    report = _report(req, p.tree.b1)
    _fill(p, report, p.branch_officer)
    submissions.submit_report(actor=p.branch_officer, report_id=report.pk)
    submissions.approve_report(actor=p.leader, report_id=report.pk)
    submissions.accept_report(actor=p.leader, report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "accepted"


def test_return_keeps_the_earlier_version_and_reopens(setup):
    p, _, req = setup
    report = _report(req, p.tree.b1)
    _fill(p, report, p.branch_officer)
    submissions.submit_report(actor=p.branch_officer, report_id=report.pk)
    submissions.approve_report(actor=p.branch_officer, report_id=report.pk)
    with pytest.raises(ValidationFailed):
        submissions.return_report(actor=p.hq_admin, report_id=report.pk, reason=" ")
    submissions.return_report(
        actor=p.hq_admin, report_id=report.pk, reason="Số đối tượng kết nạp chưa khớp"
    )
    report.refresh_from_db()
    assert (report.status, report.version) == ("returned", 2)
    kept = ReportVersion.objects.get(report=report)
    assert (kept.version, kept.values["admitted"]) == (1, 2)
    submissions.save_report(actor=p.branch_officer, report_id=report.pk, values={"admitted": "1"})
    report.refresh_from_db()
    assert report.status == "draft" and report.values["admitted"] == 1
    assert kept.values["admitted"] == 2


def test_report_state_is_the_fold_of_its_events(setup):
    from chibo.access.policy import SystemActor

    p, _, req = setup
    report = _report(req, p.tree.b1)
    _fill(p, report, p.branch_officer)
    submissions.submit_report(actor=p.branch_officer, report_id=report.pk)
    assert submissions.recompute_report_states(actor=SystemActor("test")) == 0
    Report.objects.filter(pk=report.pk).update(status="accepted")
    assert submissions.recompute_report_states(actor=SystemActor("test")) == 1
    report.refresh_from_db()
    assert report.status == "submitted"


def _send_up(p, report, when):
    _fill(p, report, p.hq_admin, when=when)
    submissions.submit_report(actor=p.hq_admin, report_id=report.pk, now=at(when, 11))
    submissions.approve_report(actor=p.leader, report_id=report.pk, now=at(when, 12))


def test_completeness_and_timeliness(setup):
    p, _, req = setup
    b1, b2 = _report(req, p.tree.b1), _report(req, p.tree.b2)
    _send_up(p, b1, date(2026, 4, 9))
    state = rollup_queries.completeness(req)
    assert (state.expected, state.submitted, state.on_time) == (2, 1, 1)
    assert [r.unit.code for r in state.missing] == ["B2"]
    _send_up(p, b2, date(2026, 4, 12))  # after the deadline of 10/04
    state = rollup_queries.completeness(req)
    assert (state.submitted, state.on_time) == (2, 1)
    assert [r.unit.code for r in state.late] == ["B2"]
    assert (state.reporting_rate, state.on_time_rate) == (100.0, 50.0)


def test_late_resubmission_after_a_return_stays_on_time(setup):
    p, _, req = setup
    b1 = _report(req, p.tree.b1)
    _send_up(p, b1, date(2026, 4, 9))
    submissions.return_report(actor=p.hq_admin, report_id=b1.pk, reason="Bổ sung phần nội dung")
    submissions.save_report(actor=p.hq_admin, report_id=b1.pk, values={"admitted": "2"})
    submissions.submit_report(actor=p.hq_admin, report_id=b1.pk, now=at(date(2026, 4, 20)))
    submissions.approve_report(actor=p.leader, report_id=b1.pk, now=at(date(2026, 4, 20)))
    assert rollup_queries.completeness(req).on_time == 1


def test_a_merged_unit_never_pushes_a_rate_above_100(setup):
    p, _, req = setup
    b1, b2 = _report(req, p.tree.b1), _report(req, p.tree.b2)
    _send_up(p, b1, date(2026, 4, 2))
    # B2 is merged into B1 during the period, without having reported.
    OrgUnit.objects.filter(pk=p.tree.b2.pk).update(status=UnitStatus.MERGED, merged_into=p.tree.b1)
    state = rollup_queries.completeness(req)
    assert (state.expected, state.submitted, state.reporting_rate) == (1, 1, 100.0)
    assert [r.unit.code for r in state.ended] == ["B2"]
    # A unit that reported and was merged afterwards still counts, once.
    OrgUnit.objects.filter(pk=p.tree.b2.pk).update(status=UnitStatus.ACTIVE)
    _send_up(p, b2, date(2026, 4, 3))
    OrgUnit.objects.filter(pk=p.tree.b2.pk).update(status=UnitStatus.MERGED)
    state = rollup_queries.completeness(req)
    assert (state.expected, state.submitted, state.reporting_rate) == (2, 2, 100.0)


def test_rollup_sums_accepted_reports_beside_live_figures(setup):
    p, _, req = setup
    b1, b2 = _report(req, p.tree.b1), _report(req, p.tree.b2)
    for r in (b1, b2):
        _send_up(p, r, date(2026, 4, 2))
        submissions.accept_report(actor=p.hq_admin, report_id=r.pk)
    # One member joins B1 after the reports were accepted: live differs from reported.
    make_member(p.tree.b1, "Lê Văn Mới", actor=p.hq_admin)
    result = rollup_queries.rollup(req)
    lines = {line.code: line for line in result.lines}
    assert (lines["members_total"].reported, lines["members_total"].live) == (4, 5)
    assert lines["members_total"].differs
    assert (lines["admitted"].reported, lines["admitted"].live) == (4, None)
    # A formula is recomputed from the totals, never averaged.
    assert lines["admitted_share"].reported == 20
    drill = {r.unit.code: (rep, live) for r, rep, live in result.drill("members_total")}
    assert drill == {"B1": (3, 4), "B2": (1, 1)}


def test_tasks_indicators_come_from_assignments(setup):
    from .. import indicators

    p, _, _ = setup
    assert {"tasks_due", "tasks_on_time_rate"} <= set(indicators.registry())
    figures = indicators.compute(
        p.tree.b1.path,
        [p.tree.b1.path],
        ["tasks_due", "tasks_on_time_rate"],
        date(2026, 1, 1),
        date(2026, 3, 31),
    )[p.tree.b1.path]
    assert figures["tasks_due"] == 0 and figures["tasks_on_time_rate"] is None
