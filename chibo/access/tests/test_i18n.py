"""Vietnamese by default; the footer's switch turns the interface to English."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from .test_accounts_support import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.CHIBO_REQUIRE_STAFF_MFA = False
    cache.clear()


def _to_english(client):
    return client.post(
        reverse("set_language"), {"language": "en", "next": reverse("account_login")}
    )


def test_login_page_is_vietnamese_by_default(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert '<html lang="vi">' in page
    assert "Tên đăng nhập hoặc thư điện tử" in page
    assert "Username or e-mail" not in page


def test_switching_to_english_translates_login_and_tree(client, personas):
    switched = _to_english(client)
    assert switched.status_code == 302
    login_page = client.get(reverse("account_login")).content.decode()
    assert '<html lang="en">' in login_page
    assert "Username or e-mail" in login_page and "Sign in to Chi Bộ Số" in login_page
    assert "Tên đăng nhập hoặc thư điện tử" not in login_page

    wrong = log_in(client, "branch_officer", "nope").content.decode()
    assert "The username, e-mail address or password is incorrect." in wrong

    log_in(client, "branch_officer")
    tree = client.get(reverse("org:tree")).content.decode()
    assert "Party organisation tree" in tree
    assert "Cây tổ chức đảng" not in tree
    assert "Sign out" in tree  # the shared navigation too

    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Cây tổ chức đảng" in client.get(reverse("org:tree")).content.decode()


def test_lockout_page_in_english(client, personas):
    _to_english(client)
    for _ in range(5):
        response = log_in(client, "branch_officer", "nope")
    assert response.status_code == 429
    assert "Please wait 15 minutes, then sign in again." in response.content.decode()


def test_every_english_entry_is_translated():
    from pathlib import Path

    from django.conf import settings

    po = (Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
    entries = po.split("\n\n")[1:]
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""') and "#~" not in e]
    assert untranslated == []
