"""Log in (username or e-mail), log out, change password, closed signup, disabled users, hashing."""

import importlib

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import identify_hasher
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from chibo.access import actions
from chibo.access.models import PersonalAccessToken, User
from chibo.access.roles import Role
from chibo.testing.personas import PASSWORD, make_user

from .test_accounts_support import log_in, reauthenticate

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "doi-mat-khau-2026!"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps rate-limit counters and used TOTP codes in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_mfa_rule(settings):
    # These tests are about passwords; the staff TOTP rule has its own tests in test_mfa.py.
    settings.CHIBO_REQUIRE_STAFF_MFA = False


@pytest.mark.parametrize("login", ["branch_officer", "branch_officer@example.vn", "BRANCH_OFFICER"])
def test_log_in_with_username_or_email(client, personas, login):
    response = log_in(client, login)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == str(personas.branch_officer.pk)


def test_wrong_password_is_refused_in_vietnamese(client, personas):
    response = log_in(client, "branch_officer", "not-the-password")
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "Tên đăng nhập, thư điện tử hoặc mật khẩu không đúng." in response.content.decode()


def test_login_page_is_vietnamese_in_the_app_layout(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert 'class="login-card' in page
    assert "vendor/bootstrap/css/bootstrap.min.css" in page
    assert 'name="viewport"' in page
    assert "Đăng nhập" in page and 'name="login"' in page and 'name="password"' in page
    for english in ("Sign In", "sign up", "Forgot", "Remember Me"):
        assert english not in page
    # No link to the (closed) signup page.
    assert reverse("account_signup") not in page


def test_signup_offers_no_form_and_creates_nobody(client, db):
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Không mở đăng ký" in body
    assert 'name="password1"' not in body and 'name="username"' not in body
    client.post(
        reverse("account_signup"),
        {
            "username": "intruder",
            "email": "x@example.vn",
            "password1": "Ab-12345678!",
            "password2": "Ab-12345678!",
        },
    )
    assert not User.objects.filter(username="intruder").exists()


def test_log_out(client, personas):
    log_in(client, "branch_officer")
    confirm = client.get(reverse("account_logout"))
    assert "Bạn có chắc muốn đăng xuất?" in confirm.content.decode()
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))


def test_change_password(client, personas):
    log_in(client, "branch_officer")
    page = client.get(reverse("account_change_password")).content.decode()
    assert "Mật khẩu hiện tại" in page and "Nhập lại mật khẩu mới" in page
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(pk=personas.branch_officer.pk)
    assert user.check_password(NEW_PASSWORD)
    # The session survives the change (ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False).
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("account_logout"))
    assert log_in(client, "branch_officer", PASSWORD).status_code == 200  # old one refused
    assert log_in(client, "branch_officer", NEW_PASSWORD).status_code == 302


def test_change_password_refusals_are_vietnamese(client, personas):
    log_in(client, "branch_officer")
    mismatch = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
    ).content.decode()
    assert "Hai lần nhập mật khẩu mới không khớp." in mismatch
    assert "same password" not in mismatch
    wrong_old = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong-one", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    ).content.decode()
    assert "Hãy nhập mật khẩu hiện tại." in wrong_old
    assert User.objects.get(pk=personas.branch_officer.pk).check_password(PASSWORD)


def test_reauthentication_page_is_vietnamese(client, personas):
    log_in(client, "branch_officer")
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert "Xác nhận lại" in page and "Confirm Access" not in page
    assert reauthenticate(client, "wrong-password").status_code == 200
    assert reauthenticate(client).status_code == 302
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("account_change_password", "Đổi mật khẩu"),
        ("mfa_index", "Ứng dụng xác thực"),
        ("mfa_activate_totp", "Bật ứng dụng xác thực"),
        ("account_logout", "Đăng xuất"),
    ],
)
def test_account_pages_are_vietnamese_in_the_app_layout(client, personas, url_name, expected):
    log_in(client, "branch_officer")
    reauthenticate(client)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page
    assert "navbar" in page and "vendor/bootstrap/css/bootstrap.min.css" in page
    for english in ("Sign Out", "Change Password", "Two-Factor Authentication", "Activate"):
        assert english not in page


def test_deactivated_user_loses_session_and_token(client, personas):
    user = personas.branch_officer
    _token, raw = actions.create_token(actor=user, owner=user, name="tích hợp")
    log_in(client, "branch_officer")
    assert client.get(reverse("home")).status_code == 200
    api = "/api/v1/tokens"
    assert client.get(api, headers={"Authorization": f"Bearer {raw}"}).status_code == 200

    it_admin = make_user("it_admin", (personas.tree.hcm, Role.SYSTEM_ADMIN))
    actions.deactivate_user(actor=it_admin, user=User.objects.get(pk=user.pk))

    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    anonymous = client.get(api, headers={"Authorization": f"Bearer {raw}"})
    assert anonymous.status_code == 401
    assert PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    # Nor can they log in again: allauth shows its (Vietnamese) inactive-account page.
    again = log_in(client, "branch_officer", follow=True)
    assert "Tài khoản đã bị khóa" in again.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_base_settings_hash_with_argon2():
    base = importlib.import_module("config.settings.base")
    dev = importlib.import_module("config.settings.dev")
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert dev.PASSWORD_HASHERS == base.PASSWORD_HASHERS
    with override_settings(PASSWORD_HASHERS=dev.PASSWORD_HASHERS):
        user = User(username="argon")
        user.set_password(PASSWORD)
        assert user.password.startswith("argon2$")
        assert identify_hasher(user.password).algorithm == "argon2"
        assert user.check_password(PASSWORD)
