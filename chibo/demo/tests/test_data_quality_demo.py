"""The data-cleaning demo: a running city campaign, records to fix, 14 days of rising history."""

import unicodedata
from datetime import date

import pytest

from chibo.data_quality.campaigns import queries
from chibo.data_quality.models import Campaign, CampaignDaily, MemberCheck, RecordConfirmation
from chibo.demo.data_quality import HISTORY_DAYS
from chibo.demo.seed import plan_demo, seed_demo
from chibo.members.models import Member
from chibo.org.models import OrgUnit

N = 600
SEED = 7
TODAY = date(2026, 3, 1)


@pytest.fixture
def seeded(db):
    return seed_demo(members=N, seed=SEED, today=TODAY)


def test_campaign_with_checks_confirmations_and_history(seeded):
    campaign = Campaign.objects.get()
    root = OrgUnit.objects.get(depth=1)
    assert campaign.root_unit == root and campaign.starts_on <= TODAY <= campaign.ends_on
    assert MemberCheck.objects.count() > 0.9 * N
    assert RecordConfirmation.objects.filter(campaign=campaign).exists()
    history = list(CampaignDaily.objects.filter(campaign=campaign, unit=root).order_by("day"))
    assert len(history) == HISTORY_DAYS and history[-1].day == TODAY
    shares = [d.all_four_count / d.total for d in history]
    assert shares == sorted(shares) and shares[0] < shares[-1]


def test_some_records_are_dirty_and_the_demo_branch_has_work(seeded):
    assert MemberCheck.objects.filter(is_clean=False).exists()
    assert MemberCheck.objects.filter(is_complete=False).exists()
    assert MemberCheck.objects.filter(is_correct=False).exists()
    assert any(
        unicodedata.is_normalized("NFD", m.full_name)
        and not m.full_name.isascii()
        and not unicodedata.is_normalized("NFC", m.full_name)
        for m in Member.objects.all()
    )
    branch = OrgUnit.objects.get(
        code=plan_demo(members=N, seed=SEED, today=TODAY).account_branch.code
    )
    campaign = Campaign.objects.get()
    progress = queries.subtree_progress(campaign, branch)
    assert 0 < progress.all_four < progress.total
