"""Personal access tokens: the create_token command, and the two API authentication paths."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from chibo.access import actions
from chibo.access.models import PersonalAccessToken, hash_token
from chibo.audit.models import AuditEvent


def run_create_token(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_prints_only_the_raw_token(personas):
    out, _err = run_create_token("hq_admin", "--name", "Báo cáo tự động")
    raw = out.strip()
    assert out == raw + "\n" and raw.startswith("cbs_") and " " not in raw
    token = PersonalAccessToken.objects.get(token_hash=hash_token(raw))
    assert token.user == personas.hq_admin and token.name == "Báo cáo tự động"
    assert AuditEvent.objects.filter(
        action="access.create_token", actor=personas.hq_admin, target_id=str(token.pk)
    ).exists()
    # The printed token works against the API, with its owner's reach.
    response = Client().get("/api/v1/units", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert [u["code"] for u in response.json()["items"]] == ["HCM"]


def test_command_has_a_default_name(personas):
    out, _err = run_create_token("branch_officer")
    assert PersonalAccessToken.objects.get(token_hash=hash_token(out.strip())).name


def test_command_unknown_user_is_a_bilingual_error(db):
    with pytest.raises(CommandError) as err:
        run_create_token("khong_ton_tai")
    assert "Không tìm thấy người dùng" in str(err.value) and "No user named" in str(err.value)
    assert not PersonalAccessToken.objects.exists()


def test_command_refuses_an_inactive_user(personas):
    personas.outsider.is_active = False
    personas.outsider.save()
    with pytest.raises(CommandError, match="inactive"):
        run_create_token("outsider")


def test_command_refuses_a_bad_name(personas):
    with pytest.raises(CommandError, match="1 đến 100"):
        run_create_token("hq_admin", "--name", "   ")


def test_session_post_to_the_api_needs_the_csrf_token(personas):
    """A browser session is CSRF-prone; the API refuses an unsafe call without the token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.hq_admin)
    response = client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert not PersonalAccessToken.objects.exists()
    # With the CSRF cookie and header, the same session call goes through.
    client.get("/account/tokens/")
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/tokens", {"name": "x"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert response.status_code == 201


def test_bearer_post_needs_no_csrf_token(personas):
    _token, raw = actions.create_token(actor=personas.hq_admin, owner=personas.hq_admin, name="t")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/tokens",
        {"name": "y"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201
    assert response.json()["token"].startswith("cbs_")


def test_api_shows_the_secret_once_and_stores_only_its_hash(personas):
    client = Client()
    client.force_login(personas.branch_officer)
    created = client.post("/api/v1/tokens", {"name": "z"}, content_type="application/json")
    raw = created.json()["token"]
    listed = client.get("/api/v1/tokens").json()
    assert listed["count"] == 1 and "token" not in listed["items"][0]
    stored = PersonalAccessToken.objects.get()
    assert stored.token_hash == hash_token(raw) and raw not in stored.token_hash


def test_revoked_token_stops_working_at_once(personas):
    token, raw = actions.create_token(actor=personas.outsider, owner=personas.outsider, name="t")
    auth = {"Authorization": f"Bearer {raw}"}
    client = Client()
    assert client.post(f"/api/v1/tokens/{token.pk}/revoke", headers=auth).status_code == 200
    assert client.get("/api/v1/units", headers=auth).status_code == 401
    # Revoking twice is a conflict, not a silent success (through a session: the token is dead).
    client.force_login(personas.outsider)
    assert client.post(f"/api/v1/tokens/{token.pk}/revoke").status_code == 409
