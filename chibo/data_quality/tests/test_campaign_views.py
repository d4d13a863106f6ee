"""Campaign pages and API: dashboard, drill-down, record page, inline fix (HTMX), confirmation."""

import json

import pytest
from django.test import Client

from chibo.audit.models import SensitiveRead
from chibo.data_quality.campaigns import actions
from chibo.data_quality.models import MemberCheck

from .campaign_support import add_campaign, add_member


@pytest.fixture
def campaign(personas):
    campaign = add_campaign(personas.tree.hcm)
    add_member(personas.tree.b1)
    add_member(personas.tree.b1, full_name="trần  văn bình", gender="male")
    add_member(personas.tree.g2, citizen_id="")
    actions.refresh_member_checks()
    return campaign


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_dashboard_ranks_children_and_draws_the_chart_from_a_static_file(personas, campaign):
    page = client_for(personas.hq_admin).get("/data-quality/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đảng bộ Phường Sài Gòn" in html and "Đảng bộ Phường Bến Thành" in html
    assert "data_quality/campaign-chart.js" in html and "<script>" not in html
    assert 'style="' not in html
    chart = json.loads(
        html.split('id="dq-chart-data" type="application/json">')[1].split("</script>")[0]
    )
    assert [s["key"] for s in chart["series"]][-1] == "all_four"


def test_branch_secretary_gets_the_list_to_fix(personas, campaign):
    page = client_for(personas.branch_officer).get(f"/data-quality/campaigns/{campaign.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chi bộ 1" in html and "trần  văn bình" in html
    assert "Đảng bộ Phường Bến Thành" not in html  # out of the officer's reach


def test_committee_staff_drill_down_to_a_branch(personas, campaign):
    client = client_for(personas.hq_admin)
    page = client.get(f"/data-quality/campaigns/{campaign.pk}/?unit=G1")
    assert "?unit=B1" in page.content.decode()
    branch = client.get(f"/data-quality/campaigns/{campaign.pk}/?unit=B1&fail=clean")
    assert "trần  văn bình" in branch.content.decode()
    assert client.get(f"/data-quality/campaigns/{campaign.pk}/?unit=NOPE").status_code == 404


def test_record_page_explains_and_logs_the_read(personas, campaign):
    member = MemberCheck.objects.get(is_clean=False).member
    page = client_for(personas.hq_admin).get(f"/data-quality/members/{member.pk}/")
    html = page.content.decode()
    assert "Họ và tên chưa chuẩn hóa" in html and "Trần Văn Bình" in html
    assert f"/members/{member.pk}/" in html
    assert SensitiveRead.objects.filter(target_id=str(member.pk)).exists()


def test_inline_fix_in_the_list_rechecks_and_updates_the_summary(personas, campaign):
    member = MemberCheck.objects.get(is_clean=False).member
    client = client_for(personas.branch_officer)
    form = client.get(
        f"/data-quality/members/{member.pk}/fix/?context=row&campaign={campaign.pk}&unit=B1",
        headers={"HX-Request": "true"},
    )
    assert 'value="Trần Văn Bình"' in form.content.decode()  # the normal form is proposed
    answer = client.post(
        f"/data-quality/members/{member.pk}/fix/",
        {"full_name": "Trần Văn Bình", "context": "row", "campaign": campaign.pk, "unit": "B1"},
        headers={"HX-Request": "true"},
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert f'id="fix-row-{member.pk}"' in html and 'hx-swap-oob="true"' in html
    assert MemberCheck.objects.get(member=member).is_clean


def test_inline_fix_with_a_bad_value_shows_the_error_in_place(personas, campaign):
    member = MemberCheck.objects.get(is_clean=False).member
    answer = client_for(personas.branch_officer).post(
        f"/data-quality/members/{member.pk}/fix/",
        {"full_name": "", "context": "page"},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 200
    assert answer.headers["HX-Retarget"] == f"#fix-form-{member.pk}"


def test_confirm_from_the_record_page(personas, campaign):
    member = MemberCheck.objects.filter(member__unit=personas.tree.b1)[0].member
    client = client_for(personas.branch_officer)
    answer = client.post(
        f"/data-quality/members/{member.pk}/confirm/",
        {"context": "page"},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 200
    assert 'data-test="current" data-passed="1"' in answer.content.decode()


def test_api_units_and_checks(personas, campaign):
    client = client_for(personas.hq_admin)
    units = client.get(f"/api/v1/data-quality/campaigns/{campaign.pk}/units").json()
    assert units["unit"] == "HCM" and units["summary"]["total"] == 3
    assert [u["code"] for u in units["units"]] == ["P1", "P2"]
    assert units["units"][1]["progress"]["percent"]["complete"] == 0.0
    member = MemberCheck.objects.get(is_complete=False).member
    checks = client.get(f"/api/v1/data-quality/members/{member.pk}/checks").json()
    complete = next(t for t in checks["tests"] if t["test"] == "complete")
    assert not complete["passed"] and complete["reasons"][0]["code"] == "missing.citizen_id"
    confirmed = client.post(f"/api/v1/data-quality/members/{member.pk}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["campaign_id"] == campaign.pk


def test_home_without_a_campaign_offers_to_start_one(personas):
    page = client_for(personas.hq_admin).get("/data-quality/")
    assert "Bắt đầu đợt" in page.content.decode()
    created = client_for(personas.hq_admin).post(
        "/data-quality/campaigns/create/",
        {"name": "Đợt 1", "unit": "HCM", "starts_on": "01/01/2026", "ends_on": "31/12/2025"},
    )
    assert created.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in created.content.decode()
