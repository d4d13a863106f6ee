"""Login throttling with django-axes: 5 failures per account and IP, then a 15-minute cool-off."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.contrib.auth import SESSION_KEY
from django.db.models import F

from .test_accounts_support import log_in

pytestmark = pytest.mark.django_db

WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def _setup(settings):
    # The root conftest clears the cache (allauth rate limits, used TOTP codes) around each test.
    settings.CHIBO_REQUIRE_STAFF_MFA = False


def _age_attempts(by: timedelta) -> None:
    """Move the recorded failures into the past instead of waiting for the cool-off."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)
    AccessAttemptExpiration.objects.update(expires_at=F("expires_at") - by)


def test_five_failures_lock_then_the_cool_off_ends_it(client, personas):
    for _ in range(4):
        assert log_in(client, "branch_officer", WRONG).status_code == 200
    locked = log_in(client, "branch_officer", WRONG)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "Hãy chờ 15 phút rồi đăng nhập lại." in page
    assert "login-card" in page

    # The right password is refused during the cool-off.
    assert log_in(client, "branch_officer").status_code == 429
    assert SESSION_KEY not in client.session

    _age_attempts(timedelta(minutes=14))
    assert log_in(client, "branch_officer").status_code == 429

    _age_attempts(timedelta(minutes=16))
    response = log_in(client, "branch_officer")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(personas.branch_officer.pk)


def test_email_and_username_count_as_one_account(client, personas):
    """Fails if axes does not read allauth's `login` field (it would see no username at all)."""
    for login in ("branch_officer", "Branch_Officer@Example.vn", "branch_officer"):
        assert log_in(client, login, WRONG).status_code == 200
    assert log_in(client, "branch_officer@example.vn", WRONG).status_code == 200
    assert log_in(client, "BRANCH_OFFICER", WRONG).status_code == 429
    assert log_in(client, "branch_officer@example.vn").status_code == 429
    assert log_in(client, "branch_officer").status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"branch_officer"}


@pytest.mark.parametrize("login", ["branch_officer", "branch_officer@example.vn"])
def test_lock_is_per_account_not_per_ip(client, personas, login):
    for _ in range(5):
        log_in(client, login, WRONG)
    assert log_in(client, login).status_code == 429
    # Another person behind the same address still logs in.
    other = log_in(client, "hq_admin")
    assert other.status_code == 302
    assert client.session[SESSION_KEY] == str(personas.hq_admin.pk)


def test_lock_is_per_ip(client, personas):
    for _ in range(5):
        log_in(client, "branch_officer", WRONG, REMOTE_ADDR="10.0.0.1")
    assert log_in(client, "branch_officer", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert log_in(client, "branch_officer", REMOTE_ADDR="10.0.0.2").status_code == 302


def test_success_resets_the_count(client, personas):
    for _ in range(4):
        log_in(client, "branch_officer", WRONG)
    assert log_in(client, "branch_officer").status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert log_in(client, "branch_officer", WRONG).status_code == 200
