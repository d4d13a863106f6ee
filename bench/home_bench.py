"""The home page ("Việc cần làm") of each role on the 1,000,000-member tree: the page shell and
each of its cards, timed separately (the cards load on their own, by HTMX).

Runs in-process with Django's test client against a *copy* of `chibo_bench` (never the shared
database itself), `BENCH_DB=chibo_bench_shell` by default:

    createdb -h 127.0.0.1 -U postgres -T chibo_bench chibo_bench_shell
    BENCH_DB=chibo_bench_shell .venv/bin/python manage.py migrate      # with DATABASE_URL set
    .venv/bin/python bench/home_bench.py --repetitions 20
    dropdb -h 127.0.0.1 -U postgres chibo_bench_shell

Roles: committee staff on the root (the city: every unit and member), an inspector on the root,
a leader on the root, a ward's committee staff, a branch secretary. Each gets a logged-in client
(second factor not asked: `CHIBO_REQUIRE_STAFF_MFA=False` for the bench). Prints p50/p95/max per
role for the shell and per card, and writes bench/out/home_bench.json.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from typing import Any

os.environ.setdefault("BENCH_DB", "chibo_bench_shell")

from benchlib import latency_line, setup_django, summarise, timed, write_json

SHELL_TARGET_MS = 150
CARD_TARGET_MS = 300


def personas() -> dict[str, Any]:
    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.org.models import OrgUnit

    root = OrgUnit.objects.get_first_root_node()
    if root is None:
        raise SystemExit("no units: copy chibo_bench first (see the docstring)")
    ward = OrgUnit.objects.filter(depth=3).order_by("-member_count").first() or root
    branch = OrgUnit.objects.filter(kind="branch").order_by("-member_count").first() or root
    wanted = {
        "city committee staff": (root, Role.COMMITTEE_STAFF),
        "city inspector": (root, Role.INSPECTOR),
        "city leader": (root, Role.LEADER),
        "ward committee staff": (ward, Role.COMMITTEE_STAFF),
        "branch secretary": (branch, Role.BRANCH_SECRETARY),
    }
    users = {}
    for index, (label, (unit, role)) in enumerate(wanted.items()):
        user, _ = User.objects.get_or_create(username=f"home_bench_{index}")
        Grant.objects.get_or_create(user=user, unit=unit, role=role)
        users[label] = user
    return users


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # responses carry their context (the home page's list of cards)

    settings.CHIBO_REQUIRE_STAFF_MFA = False
    settings.ALLOWED_HOSTS = ["*"]
    results: dict[str, dict[str, object]] = {}
    failed = False
    for label, user in personas().items():
        client = Client()
        client.force_login(user)
        first = client.get("/")
        if first.status_code != 200:
            raise SystemExit(f"{label}: / answered {first.status_code}")
        cards = first.context["cards"]
        samples, _ = timed(functools.partial(client.get, "/"), args.repetitions)
        shell = summarise(samples)
        row: dict[str, object] = {"shell": shell, "cards": {}}
        print(f"{label:24} shell       {latency_line(shell)}")
        failed |= shell["p95"] >= SHELL_TARGET_MS
        for card in cards:
            response = client.get(card.url)
            if response.status_code != 200:
                raise SystemExit(f"{label}: {card.url} answered {response.status_code}")
            samples, _ = timed(functools.partial(client.get, card.url), args.repetitions)
            stats = summarise(samples)
            row["cards"][card.key] = stats  # type: ignore[index]
            print(f"{'':24} {card.key:22} {latency_line(stats)}")
            failed |= stats["p95"] >= CARD_TARGET_MS
        results[label] = row
    path = write_json("home_bench.json", results)
    print(f"written {path}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
