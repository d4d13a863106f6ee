"""The app shell: the menu from the registry, the home page per role, its cards and the search."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chibo.core import shell
from chibo.home.navigation import current_place, grouped_menu, is_plain_member, menu_for
from chibo.meetings.queries.not_met import branches_without_meeting, last_finished_month
from chibo.meetings.tests.support import hold, plan_meeting
from chibo.testing.personas import admit_member_persona, make_member


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _urls(user) -> list[str]:
    return [item.url for item in menu_for(user)]


# --- navigation ----------------------------------------------------------------------------------


def test_the_shell_holds_no_module_list_of_its_own():
    """Every staff entry comes from a module's registration (chibo/core/shell.py)."""
    import inspect

    from chibo.home import navigation

    source = inspect.getsource(navigation)
    for url_name in ("members:list", "org:tree", "meetings:home", "audit:events"):
        assert url_name not in source
    registered = {e.url_name for e in shell.menu_entries()}
    assert {
        "members:list",
        "org:tree",
        "meetings:home",
        "audit:events",
        "access:users",
    } <= registered


@pytest.mark.django_db
def test_the_menu_is_grouped_and_follows_the_permissions(personas):
    staff = grouped_menu(personas.hq_admin)
    keys = [g.key for g in staff]
    assert {"org", "meetings", "admin"} <= set(keys)
    assert keys == [str(g) for g in shell.Group if str(g) in keys]  # in the groups' order
    staff_urls = _urls(personas.hq_admin)
    assert reverse("org:tree") in staff_urls and reverse("members:list") in staff_urls
    assert reverse("access:users") not in staff_urls  # committee staff manage no accounts

    secretary = _urls(personas.branch_officer)
    assert reverse("members:list") in secretary
    assert reverse("audit:events") not in secretary  # no audit.view


@pytest.mark.django_db
def test_a_plain_member_gets_no_staff_menu_and_lands_on_the_handbook(personas):
    admit_member_persona(personas)
    assert is_plain_member(personas.member)
    assert grouped_menu(personas.member) == []
    assert _urls(personas.member) == [reverse("home"), reverse("handbook:home")]
    response = _client(personas.member).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("handbook:home")


@pytest.mark.django_db
def test_staff_without_a_member_record_are_not_offered_the_handbook(personas):
    assert reverse("handbook:home") not in _urls(personas.hq_admin)
    page = _client(personas.hq_admin).get(reverse("home")).content.decode()
    assert reverse("handbook:home") + '"' not in page


@pytest.mark.django_db
def test_the_current_place_is_the_longest_matching_entry(personas):
    groups = grouped_menu(personas.hq_admin)
    place = current_place(groups, reverse("members:profile", args=[1]))
    assert place.item is not None and place.item.url == reverse("members:list")
    assert place.group is not None and place.group.key == "org"
    page = _client(personas.hq_admin).get(reverse("members:list")).content.decode()
    assert 'class="breadcrumb' in page and 'aria-current="page"' in page


@pytest.mark.django_db
def test_home_page_needs_a_login():
    response = Client().get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_anonymous_pages_get_no_menu(client):
    response = client.get(reverse("account_login"))
    assert response.context["nav_groups"] == []


# --- home and cards ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_lists_the_cards_the_role_may_see_and_loads_none_of_them(personas):
    response = _client(personas.branch_officer).get(reverse("home"))
    assert response.status_code == 200
    keys = [c.key for c in response.context["cards"]]
    assert "meetings.next" in keys and "documents.low_reads" not in keys  # no documents.manage
    page = response.content.decode()
    assert 'hx-trigger="load"' in page
    assert reverse("home:card", args=["meetings.next"]) in page
    inspector = [c.key for c in _client(personas.inspector).get("/").context["cards"]]
    assert "meetings.next" not in inspector and "meetings.not_met" in inspector


@pytest.mark.django_db
def test_next_meetings_card_says_what_the_preparation_lacks(personas):
    meeting = plan_meeting(personas.hq_admin, personas.tree.b1, hours=30)
    body = _client(personas.branch_officer).get(reverse("home:card", args=["meetings.next"]))
    text = body.content.decode()
    assert body.status_code == 200
    assert reverse("meetings:detail", args=[meeting.pk]) in text
    assert "chưa thống nhất nội dung" in text and "chưa gửi thông báo" in text


@pytest.mark.django_db
def test_a_card_with_nothing_to_do_says_so_in_one_line(personas):
    body = _client(personas.branch_officer).get(reverse("home:card", args=["meetings.next"]))
    assert 'class="nothing' in body.content.decode()
    assert 'class="todo-count' not in body.content.decode()


@pytest.mark.django_db
def test_a_card_the_role_may_not_see_is_refused(personas):
    response = _client(personas.inspector).get(reverse("home:card", args=["meetings.next"]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_key_figures_card_has_a_chart_of_the_children(personas):
    make_member(personas.tree.b1, "Trần Thị Số")
    body = _client(personas.hq_admin).get(reverse("home:card", args=["members.figures"]))
    text = body.content.decode()
    assert 'data-mini-chart="chart-members-figures"' in text
    chart = body.context["data"].chart
    assert chart["labels"][0] == "Đảng bộ Phường Sài Gòn" and chart["values"][0] == 1


# --- which branches did not meet --------------------------------------------------------------


def test_last_finished_month():
    assert last_finished_month(date(2026, 1, 15)) == date(2025, 12, 1)
    assert last_finished_month(date(2026, 3, 1)) == date(2026, 2, 1)


@pytest.mark.django_db
def test_branches_without_a_meeting_leave_out_those_that_met(personas):
    held = hold(personas.hq_admin, plan_meeting(personas.hq_admin, personas.tree.b1, hours=30))
    month = timezone.localtime(held.starts_at).date().replace(day=1)
    codes = {u.code for u in branches_without_meeting(personas.hq_admin, month)}
    assert "B1" not in codes and "B2" in codes
    # The branch secretary of B1 sees only B1: nothing.
    assert not branches_without_meeting(personas.branch_officer, month).exists()
    # A month before the branches were founded lists none of them.
    assert not branches_without_meeting(personas.hq_admin, date(2024, 1, 1)).exists()


@pytest.mark.django_db
def test_not_met_page_defaults_to_the_last_finished_month_and_keeps_filters(personas):
    client = _client(personas.hq_admin)
    response = client.get(reverse("meetings:not_met"))
    assert response.status_code == 200
    assert response.context["month"] == last_finished_month()
    month = (last_finished_month() - timedelta(days=1)).replace(day=1)
    response = client.get(reverse("meetings:not_met"), {"thang": f"{month:%Y-%m}"})
    assert response.context["month"] == month
    assert f"thang={month:%Y-%m}" in response.context["query_string"]
    # A month that is not offered falls back to the default, never a 500.
    assert client.get(reverse("meetings:not_met"), {"thang": "9999-99"}).status_code == 200


# --- search --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_finds_a_unit_a_member_and_a_document_from_one_query(personas):
    from chibo.documents.tests.registry_support import register

    make_member(personas.tree.b1, "Nguyễn Văn Sài")
    register(personas.hq_admin, personas.tree.hcm, title="Nghị quyết về phường Sài Gòn")
    response = _client(personas.hq_admin).post(reverse("home:search"), {"q": "sai gon"})
    kinds = {g.kind: [h.title for h in g.hits] for g in response.context["groups"]}
    assert "Đảng bộ Phường Sài Gòn" in kinds["unit"]
    assert any("Sài Gòn" in t for t in kinds["document"])
    response = _client(personas.hq_admin).post(reverse("home:search"), {"q": "nguyen van sai"})
    kinds = {g.kind: [h.title for h in g.hits] for g in response.context["groups"]}
    assert kinds["member"] == ["Nguyễn Văn Sài"]


@pytest.mark.django_db
def test_search_stays_within_the_users_scope(personas):
    make_member(personas.tree.b2, "Lê Văn Ngoài")
    response = _client(personas.branch_officer).post(reverse("home:search"), {"q": "le van ngoai"})
    assert response.context["groups"] == []


@pytest.mark.django_db
def test_search_takes_its_query_by_post_only(personas):
    client = _client(personas.hq_admin)
    response = client.get(reverse("home:search"), {"q": "sai gon"})
    assert response.status_code == 200 and response.context["groups"] == []
    fragment = client.post(reverse("home:search"), {"q": "sai gon", "fragment": "1"})
    assert fragment.templates[0].name == "home/_search_results.html"
    assert 'role="option"' in fragment.content.decode()
    page = client.get(reverse("home")).content.decode()
    assert 'method="post" action="' + reverse("home:search") in page


@pytest.mark.django_db
def test_a_one_letter_search_finds_nothing_and_fails_nothing(personas):
    response = _client(personas.hq_admin).post(reverse("home:search"), {"q": "a"})
    assert response.status_code == 200 and response.context["groups"] == []


@pytest.mark.django_db
def test_a_registered_provider_is_searched(personas):
    hit = shell.SearchHit("Việc thử", "/x/")
    shell.register("test_provider", search=[shell.SearchProvider("x", "X", lambda u, q, n: [hit])])
    try:
        response = _client(personas.hq_admin).post(reverse("home:search"), {"q": "viec"})
        assert [g.kind for g in response.context["groups"]][-1] == "x"
    finally:
        shell._REGISTRY.pop("test_provider")
