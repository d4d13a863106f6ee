"""The bad input the first schemathesis run found (issue 19), each a 4xx now, never a 500.

The fuzz test (test_api_fuzz.py) finds such input on every operation; these are its findings,
kept as plain requests so they run on SQLite too and fail fast if a bound goes."""

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from chibo.access.actions import create_token
from chibo.core.pagination import page_number
from chibo.documents.models import DocumentKind
from chibo.documents.tests.registry_support import register
from chibo.testing.personas import Personas, build_personas

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


@pytest.fixture
def staff() -> tuple[Client, Personas]:
    personas = build_personas()
    _, raw = create_token(actor=personas.hq_admin, owner=personas.hq_admin, name="bad input")
    return Client(headers={"Authorization": f"Bearer {raw}"}), personas


LISTS = [
    "/api/v1/members",
    "/api/v1/tokens",
    "/api/v1/audit/events",
    "/api/v1/meetings",
    "/api/v1/documents",
    "/api/v1/data-quality/duplicates",
    "/api/v1/notifications",
    "/api/v1/study-campaigns",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("offset", [HUGE, "-1"])
def test_list_offsets_out_of_range_are_422(staff: Any, url: str, offset: str) -> None:
    client, _ = staff
    response = client.get(url, {"offset": offset})
    assert response.status_code == 422, response.content
    assert response.json()["detail_en"]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/units/{code}/meeting-warnings", {"year": "10000"}),
        ("/api/v1/units/{code}/meeting-warnings", {"year": "-1449"}),
        ("/api/v1/units/{code}/statistics", {"on": "0001-01-01"}),
        ("/api/v1/meetings", {"from": "0001-01-01", "to": "9999-12-31"}),
        ("/api/v1/documents", {"year": "10000"}),
    ],
)
def test_dates_and_years_out_of_range_are_422(staff: Any, url: str, params: dict[str, str]) -> None:
    client, personas = staff
    response = client.get(url.format(code=personas.tree.hcm.code), params)
    assert response.status_code == 422, response.content
    errors = str(response.json()["errors"])
    assert "1900" in errors or "2100" in errors


def test_a_meeting_at_the_end_of_time_is_422(staff: Any) -> None:
    client, personas = staff
    response = client.post(
        "/api/v1/meetings",
        {
            "unit": personas.tree.b1.code,
            "kind": "regular",
            "starts_at": "9999-12-31T23:59:59Z",
            "ends_at": "9999-12-31T23:59:59Z",
        },
        content_type="application/json",
    )
    assert response.status_code == 422, response.content


def test_a_multipart_body_without_boundary_is_400(staff: Any) -> None:
    client, personas = staff
    document = register(
        personas.hq_admin,
        personas.tree.hcm,
        "12-KH/TU",
        kind=DocumentKind.PLAN,
        title="Kế hoạch",
        issued_on=date(2025, 9, 1),
    )
    response = client.post(
        f"/api/v1/documents/{document.pk}/files",
        b"--x\r\n",
        content_type="multipart/form-data",
    )
    assert response.status_code == 400, response.content
    assert response.json()["detail_en"]


def test_a_nul_character_is_400(staff: Any) -> None:
    client, personas = staff
    response = client.get("/api/v1/units/search", {"q": "w\x00x"})
    assert response.status_code == 400, response.content
    response = client.post(
        "/api/v1/meetings",
        {"unit": personas.tree.b1.code + "\x00", "kind": "regular"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content


def test_the_badges_page_refuses_a_ceremony_before_1900(client: Client) -> None:
    personas = build_personas()
    client.force_login(personas.hq_admin)
    url = reverse("members:badges", args=[personas.tree.hcm.code])
    assert client.get(url, {"ceremony": "01/01/0001"}).status_code == 400
    assert client.get(url, {"ceremony": "01/01/2026"}).status_code == 200


@pytest.mark.parametrize(
    ("text", "number"),
    [(None, 1), ("", 1), ("abc", 1), ("0", 1), ("3", 3), ("²", 1), ("99999999999999999999", 10**6)],
)
def test_page_numbers_are_clamped(text: str | None, number: int) -> None:
    assert page_number(text) == number
