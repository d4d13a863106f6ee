"""Foundations issue, finding 19: every response carrying personal data is `no-store`.

`PrivateNoStoreMiddleware` marks every response to a logged-in user or a bearer-token call; the
downloads named in the finding and a profile page are checked one by one, and the login page and
static files stay cacheable.
"""

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from chibo.access.actions import create_token
from chibo.core.middleware import PrivateNoStoreMiddleware
from chibo.members.models import Member
from chibo.testing.matrix import Ctx
from chibo.testing.personas import Personas, make_member

pytestmark = pytest.mark.django_db

NO_STORE = "private, no-store"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member(personas: Personas) -> Member:
    return make_member(personas.tree.b1, "Nguyễn Thị Thu")


def test_member_profile_and_export_are_no_store(personas: Personas, member: Member) -> None:
    client = client_for(personas.hq_admin)
    profile = client.get(f"/members/{member.pk}/")
    assert profile.status_code == 200
    assert profile["Cache-Control"] == NO_STORE
    export = client.get("/members/export.xlsx?unit=HCM")
    assert export.status_code == 200
    assert export["Cache-Control"] == NO_STORE


def test_rejected_rows_workbook_is_no_store(personas: Personas) -> None:
    from chibo.data_quality.models import ImportBatch
    from chibo.data_quality.tests.matrix_rows_imports import add_rejected_batch

    ctx = Ctx(p=personas)
    add_rejected_batch(ctx)
    batch = ImportBatch.objects.get(unit=personas.tree.g1)
    response = client_for(personas.hq_admin).get(f"/data-quality/imports/{batch.pk}/rejected.xlsx")
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_minutes_downloads_are_no_store(personas: Personas, kind: str) -> None:
    from chibo.meetings.tests.matrix_rows import held

    ctx = Ctx(p=personas)
    held(ctx)
    response = client_for(personas.hq_admin).get(
        f"/meetings/{ctx.tokens['held']}/minutes/1/{kind}/"
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_api_calls_with_a_bearer_token_are_no_store(personas: Personas, member: Member) -> None:
    _token, raw = create_token(actor=personas.hq_admin, owner=personas.hq_admin, name="ops")
    response = Client().get(f"/api/v1/members/{member.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    # A wrong token carries no data, but the answer is no-store all the same.
    refused = Client().get("/api/v1/members", HTTP_AUTHORIZATION="Bearer cbs_wrong")
    assert refused.status_code == 401
    assert refused["Cache-Control"] == NO_STORE


def test_a_stricter_header_of_the_view_is_kept(personas: Personas) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("x")
        response["Cache-Control"] = "no-store, max-age=0"
        return response

    request = RequestFactory().get("/anything/")
    request.user = personas.hq_admin
    assert PrivateNoStoreMiddleware(view)(request)["Cache-Control"] == "no-store, max-age=0"
    # A weaker header set by a view (the handbook manifest's max-age) gives way.
    assert (
        client_for(personas.hq_admin).get("/so-tay/manifest.webmanifest")["Cache-Control"]
        == NO_STORE
    )


def test_anonymous_pages_and_static_files_keep_their_headers(personas: Personas) -> None:
    # The login page (allauth already sends never-cache) and the manifest are not personal.
    manifest = Client().get("/so-tay/manifest.webmanifest")
    assert manifest.status_code == 200
    assert manifest["Cache-Control"] == "max-age=86400"
    with override_settings(WHITENOISE_USE_FINDERS=True):
        static = client_for(personas.hq_admin).get("/static/img/favicon.svg")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
