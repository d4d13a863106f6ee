"""The report pages and API: the success paths behind the matrix rows, bad input answered in
Vietnamese and English, and the downloads."""

import io
import zipfile
from datetime import date

import pytest
from django.test import Client

from chibo.testing.personas import make_member

from ..actions import submissions
from ..models import Report, ReportRequest
from .support import branch_request, quarterly_template

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def req(personas):
    make_member(personas.tree.b1, "Phạm Văn Ba", actor=personas.hq_admin)
    template = quarterly_template(personas.hq_admin, personas.tree.hcm)
    return branch_request(personas.hq_admin, personas.tree.g1, template)


def _sent_up(p, req):
    report = Report.objects.get(request=req, unit=p.tree.b1)
    submissions.prefill_report(actor=p.branch_officer, report_id=report.pk)
    submissions.save_report(
        actor=p.branch_officer, report_id=report.pk, values={"candidates": "5", "admitted": "1"}
    )
    submissions.submit_report(actor=p.branch_officer, report_id=report.pk)
    submissions.approve_report(actor=p.branch_officer, report_id=report.pk)
    return report


def test_request_form_sends_the_request_down(personas, req):
    client = login(personas.hq_admin)
    response = client.post(
        "/reports/unit/G1/",
        {
            "template": req.template_id,
            "period_kind": "quarter",
            "year": "2026",
            "number": "2",
            "deadline": "15/07/2026",
            "target_kind": "branch",
        },
    )
    assert response.status_code == 302
    assert ReportRequest.objects.count() == 2


def test_request_form_keeps_input_and_says_why_deadline_is_refused(personas, req):
    client = login(personas.hq_admin)
    response = client.post(
        "/reports/unit/G1/",
        {
            "template": req.template_id,
            "period_kind": "quarter",
            "year": "2026",
            "number": "2",
            "deadline": "01/06/2026",
            "target_kind": "branch",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "không được trước ngày kết thúc kỳ báo cáo" in body
    assert 'value="01/06/2026"' in body
    assert ReportRequest.objects.count() == 1


def test_save_with_a_bad_figure_shows_it_back(personas, req):
    report = Report.objects.get(request=req, unit=personas.tree.b1)
    submissions.prefill_report(actor=personas.branch_officer, report_id=report.pk)
    client = login(personas.branch_officer)
    response = client.post(
        f"/reports/r/{report.pk}/save/", {"v_candidates": "mười", "v_admitted": "1"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "phải là một số" in body and 'value="mười"' in body
    report.refresh_from_db()
    assert "admitted" not in report.values or report.values["admitted"] is None


def test_api_rollup_has_the_issue_shape(personas, req):
    report = _sent_up(personas, req)
    client = login(personas.hq_admin)
    assert client.post(f"/api/v1/reports/{report.pk}/accept").status_code == 200
    data = client.get(f"/api/v1/report-requests/{req.pk}/rollup").json()
    assert (data["expected"], data["submitted"], data["on_time"]) == (2, 1, 0) or (
        data["expected"],
        data["submitted"],
    ) == (2, 1)
    line = next(i for i in data["indicators"] if i["code"] == "members_total")
    assert (line["reported"], line["live"]) == (1, 1)
    listed = client.get("/api/v1/report-requests?unit=G1").json()
    assert [r["id"] for r in listed] == [req.pk]


def test_api_refusals_are_bilingual_and_write_nothing(personas, req):
    report = _sent_up(personas, req)
    client = login(personas.hq_admin)
    response = client.post(
        f"/api/v1/reports/{report.pk}/return", {"reason": ""}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Cần ghi rõ lý do trả lại báo cáo."
    assert body["detail_en"]
    client.post(f"/api/v1/reports/{report.pk}/accept")
    again = client.post(f"/api/v1/reports/{report.pk}/submit")
    assert again.status_code == 409
    report.refresh_from_db()
    assert report.status == "accepted"


def test_downloads(personas, req):
    report = _sent_up(personas, req)
    client = login(personas.hq_admin)
    client.post(f"/api/v1/reports/{report.pk}/accept")
    xlsx = client.get(f"/reports/requests/{req.pk}/rollup.xlsx")
    assert xlsx.status_code == 200 and xlsx["Cache-Control"] == "private, no-store"
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    rows = [r[:5] for r in book.worksheets[0].iter_rows(values_only=True)]
    assert ("members_total", "Tổng số đảng viên", 1, 1, 0) in rows
    docx = client.get(f"/reports/r/{report.pk}/report.docx")
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in xml and "BÁO CÁO" in xml and "CHI BỘ 1" in xml
    assert 'w:ascii="Times New Roman"' in xml and '<w:sz w:val="30"/>' in xml  # 15 pt
    pdf = client.get(f"/reports/r/{report.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_home_card_lists_what_is_owed(personas, req):
    client = login(personas.branch_officer)
    body = client.get("/reports/card/").content.decode()
    assert "Chi bộ 1" in body and "10/04/2026" in body
    assert "Chi bộ 2" not in body
    assert date(2026, 4, 10) == req.deadline
