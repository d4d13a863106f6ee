"""The app shell as it moved out of core and access: same page, same menu, decided by policy."""

import pytest
from django.test import Client
from django.urls import reverse

from chibo.home.navigation import menu_for


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _urls(user) -> list[str]:
    return [item.url for item in menu_for(user)]


@pytest.mark.django_db
def test_home_page_lists_the_users_grants_and_the_menu(personas):
    response = _client(personas.branch_officer).get(reverse("home"))
    assert response.status_code == 200
    assert response.templates[0].name == "home/home.html"
    assert [g.unit.code for g in response.context["grants"]] == ["B1"]
    assert reverse("members:list") in {item.url for item in response.context["nav_items"]}


@pytest.mark.django_db
def test_home_page_needs_a_login():
    response = Client().get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_the_menu_follows_the_permissions(personas):
    staff = _urls(personas.hq_admin)
    assert reverse("org:tree") in staff and reverse("members:list") in staff
    assert reverse("access:users") not in staff  # committee staff manage no accounts

    member = _urls(personas.member)
    assert member[:2] == [reverse("home"), reverse("handbook:home")]
    assert reverse("members:list") not in member
    assert reverse("data_quality:import_list") not in member


@pytest.mark.django_db
def test_anonymous_pages_get_no_menu(client):
    response = client.get(reverse("account_login"))
    assert response.context["nav_items"] == []
