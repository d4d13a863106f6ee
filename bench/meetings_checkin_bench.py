"""Load test of the meeting check-in: 200 concurrent members checking in by the QR link, on
PostgreSQL, through gunicorn on loopback.

Builds (or reuses, `--reuse`) the scratch database `chibo_bench_meet` (override BENCH_DB):
migrate and `seed_demo` (20,000 members, a year of meetings). Then picks the largest branches
until `--members` (default 200) members are covered, links each member to a bench login
(Member.user, `member` grant on the branch) with its own session, and gives every branch
`--meetings` meetings starting in 30 minutes, each with an open QR code (bulk, as the secretary's
"Mở điểm danh" would leave them).

A virtual user is one member's phone: it opens the QR link (GET /meetings/check-in/<token>/, the
page with the CSRF token), then checks in (POST, answered with a 302 back to the page); its next
round uses the next meeting of its branch, so every POST is a real write (attendance row, the
meeting's present count, an audit event). Two phases:

- **burst**: all members open and check in at once (a barrier releases them together), once;
- **closed loop**: each member repeats open → think → check in → think (think uniform
  0.5-1.5 x the mean; `--think 5,1`: one phase per mean), for `--duration` s after `--warmup` s.
  This is the target scenario (as in the other load tests here: a concurrent user is a
  closed-loop user with think time); the burst is reported for what it is, 200 requests queued
  on a few workers at the same instant.

Reports p50/p95/p99/max of the check-in POST (and of the page GET) and the errors (anything but
302 for the POST and 200 for the GET, or a transport error / 10 s timeout), then checks that the
database holds exactly one attendance row per successful first check-in.

    .venv/bin/python bench/meetings_checkin_bench.py                 # build, then run (~5 min)
    .venv/bin/python bench/meetings_checkin_bench.py --reuse --duration 60
    .venv/bin/python bench/meetings_checkin_bench.py --drop          # drop the scratch database
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

os.environ.setdefault("BENCH_DB", "chibo_bench_meet")

import httpx
from benchlib import (
    BENCH_DB,
    free_port,
    in_threads,
    latency_line,
    start_gunicorn,
    stop_server,
    summarise,
    write_json,
)
from handbook_bench import build, drop, log, setup_django

BENCH_PREFIX = "meetbench"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Phone:
    session_key: str
    tokens: list[str]  # the QR codes of the member's branch, one per round
    base_url: str
    seed: int
    gets: list[tuple[float, float, bool]] = field(default_factory=list)
    posts: list[tuple[float, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    round: int = 0

    def check_in_once(self, client: httpx.Client) -> None:
        token = self.tokens[self.round % len(self.tokens)]
        self.round += 1
        url = f"/meetings/check-in/{token}/"
        start = time.perf_counter()
        csrf = ""
        try:
            page = client.get(url)
            ok = page.status_code == 200 and "check-in" in page.text
            found = CSRF.search(page.text)
            csrf = found.group(1) if found else ""
            if not ok:
                self.errors.append(f"GET {page.status_code}")
        except httpx.HTTPError as exc:
            ok = False
            self.errors.append(f"GET {type(exc).__name__}")
        end = time.perf_counter()
        self.gets.append((end, (end - start) * 1000, ok))
        if not csrf:
            return
        start = time.perf_counter()
        try:
            answer = client.post(
                url, data={"csrfmiddlewaretoken": csrf}, headers={"Referer": self.base_url + url}
            )
            ok = answer.status_code == 302
            if not ok:
                self.errors.append(f"POST {answer.status_code}")
        except httpx.HTTPError as exc:
            ok = False
            self.errors.append(f"POST {type(exc).__name__}")
        end = time.perf_counter()
        self.posts.append((end, (end - start) * 1000, ok))

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            cookies={"sessionid": self.session_key},
            timeout=10.0,
            follow_redirects=False,
        )


def prepare(n_members: int, n_meetings: int) -> list[tuple[str, list[str]]]:
    """Bench logins for the members of the largest branches, and their branches' meetings with
    open QR codes. Returns (session key, tokens) per member."""
    import secrets

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.db.models import Count, Q
    from django.utils import timezone

    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.meetings.actions.common import expected_members
    from chibo.meetings.models import CheckInToken, Meeting
    from chibo.members.models import ACTIVE_STATUSES, Member
    from chibo.org.models import OrgUnit

    attending = Q(status__in=ACTIVE_STATUSES, is_exempt=False, temporary_unit__isnull=True)
    branches = list(
        OrgUnit.objects.filter(kind__in=("branch", "grassroots_branch"))
        .annotate(n=Count("members", filter=Q(members__in=Member.objects.filter(attending))))
        .order_by("-n", "pk")
        .values_list("pk", "n")[:100]
    )
    chosen: list[int] = []
    covered = 0
    for pk, n in branches:
        if covered >= n_members:
            break
        chosen.append(pk)
        covered += n
    members = list(
        Member.objects.filter(attending, unit_id__in=chosen)
        .order_by("unit_id", "pk")
        .values_list("pk", "unit_id", "user_id")[:n_members]
    )
    rng = random.Random(2026)
    start = timezone.now() + timedelta(minutes=30)
    with transaction.atomic():
        password = make_password(os.urandom(12).hex())
        users: dict[int, int] = {}
        existing = {
            u.username: u.pk for u in User.objects.filter(username__startswith=BENCH_PREFIX)
        }
        for i, (member_pk, unit_id, user_id) in enumerate(members):
            name = f"{BENCH_PREFIX}{i:04d}"
            if user_id is not None:
                users[member_pk] = user_id
                continue
            pk = existing.get(name)
            if pk is None:
                pk = User.objects.create(username=name, password=password).pk
                Grant.objects.create(user_id=pk, unit_id=unit_id, role=Role.MEMBER)
            Member.objects.filter(pk=member_pk).update(user_id=pk)
            users[member_pk] = pk
        tokens: dict[int, list[str]] = {}
        for unit_id in {u for _m, u, _x in members}:
            expected = expected_members(OrgUnit.objects.get(pk=unit_id)).count()
            made = Meeting.objects.bulk_create(
                Meeting(
                    unit_id=unit_id,
                    kind="extraordinary",
                    title=f"Bench {k}",
                    starts_at=start,
                    ends_at=start + timedelta(minutes=120),
                    place="Hội trường",
                    status="notified",
                    expected_count=expected,
                )
                for k in range(n_meetings)
            )
            codes = [
                CheckInToken(
                    meeting=m,
                    token=secrets.token_urlsafe(24),
                    expires_at=start + timedelta(hours=3),
                )
                for m in made
            ]
            CheckInToken.objects.bulk_create(codes)
            tokens[unit_id] = [c.token for c in codes]
    log(f"{len(members)} members in {len(tokens)} branches, {n_meetings} meetings each")
    out = []
    for member_pk, unit_id, _u in members:
        user = User.objects.get(pk=users[member_pk])
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        assert session.session_key is not None
        order = tokens[unit_id][:]
        rng.shuffle(order)  # members of a branch do not all hit the same meeting row in step
        out.append((session.session_key, order))
    return out


def start_server(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    """gunicorn with the application preloaded in the master (workers fork ready, instead of
    each importing Django, Splink, ... on a machine that may be busy)."""
    return start_gunicorn(
        args.port,
        args.workers,
        args.threads,
        options=["--preload", "--timeout", "120"],
        boot_seconds=180,
        say=log,
    )


def aggregation(reps: int) -> dict[str, Any]:
    """The committee's views over many branches: quality and warnings of the ward with the most
    branches and of the whole city, as the pages compute them (user `vanphong`, city staff)."""
    from chibo.access.models import User
    from chibo.meetings import queries
    from chibo.org.models import OrgUnit

    user = User.objects.get(username="vanphong")
    city = OrgUnit.objects.get(depth=1)
    wards = list(OrgUnit.objects.filter(depth=2).values_list("path", "code"))
    counts = {
        code: OrgUnit.objects.filter(
            path__startswith=path, kind__in=("branch", "grassroots_branch")
        ).count()
        for path, code in wards
    }
    ward = OrgUnit.objects.get(code=max(counts, key=lambda c: counts[c]))
    out: dict[str, Any] = {}
    for label, unit in (("ward", ward), ("city", city)):
        n = counts.get(unit.code) or sum(counts.values())
        for name, fn in (
            ("quality", lambda u=unit: queries.quality(u)),
            ("warnings", lambda u=unit: queries.meeting_warnings(user, u)),
        ):
            fn()  # warm
            samples = []
            for _i in range(reps):
                start = time.perf_counter()
                fn()
                samples.append((time.perf_counter() - start) * 1000)
            stats = summarise(samples)
            out[f"{label}_{name}"] = {"branches": n, **stats}
            log(
                f"{name} of the {label} ({n} branches): p50 {stats['p50']:.0f} ms, "
                f"max {stats['max']:.0f} ms"
            )
    return out


def warm_workers(base_url: str, rounds: int = 4) -> None:
    """Each worker loads the URLconf (the whole API, Splink included: seconds) on its first
    request, which --preload does not do; warm them all before anything is measured."""

    def hit(_i: int) -> None:
        with httpx.Client(base_url=base_url, timeout=60) as client:
            for _r in range(rounds):
                client.get("/accounts/login/")

    in_threads(hit, range(20), timeout=120)


def burst(phones: list[Phone]) -> None:
    barrier = threading.Barrier(len(phones))

    def go(phone: Phone) -> None:
        with phone.client() as client:
            barrier.wait()
            phone.check_in_once(client)

    in_threads(go, phones, timeout=120)


def closed_loop(phones: list[Phone], think: float, warmup: float, duration: float) -> float:
    measure_from = time.perf_counter() + warmup
    deadline = measure_from + duration

    def go(phone: Phone) -> None:
        rng = random.Random(phone.seed)
        time.sleep(rng.uniform(0, max(think, 0.5)))
        with phone.client() as client:
            while time.perf_counter() < deadline and phone.round < len(phone.tokens):
                phone.check_in_once(client)
                if think > 0:
                    time.sleep(rng.uniform(0.5 * think, 1.5 * think))

    in_threads(go, phones, timeout=warmup + duration + 60)
    return measure_from


def report(name: str, phones: list[Phone], since: float = 0.0) -> dict[str, Any]:
    posts = [s for p in phones for s in p.posts if s[0] >= since]
    gets = [s for p in phones for s in p.gets if s[0] >= since]
    result: dict[str, Any] = {
        "phase": name,
        "members": len(phones),
        "check_ins": len(posts),
        "errors": sum(1 for s in posts if not s[2]) + sum(1 for s in gets if not s[2]),
        "error_examples": [e for p in phones for e in p.errors][:10],
        "post_ms": summarise([s[1] for s in posts]),
        "get_ms": summarise([s[1] for s in gets]),
    }
    post, get = result["post_ms"], result["get_ms"]
    print(
        f"\n== {name}: {len(phones)} members, {len(posts)} check-ins, "
        f"errors {result['errors']} ==\n"
        f"POST check-in: {latency_line(post)}\n"
        f"GET page:      {latency_line(get)}",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--meetings", type=int, default=200, help="meetings per branch (rounds)")
    parser.add_argument("--think", default="5,1", help="mean think times in s, comma-separated")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--reps", type=int, default=10, help="repetitions of the aggregations")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (2 x cores + 1)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reuse", action="store_true", help="keep the existing database")
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    args = parser.parse_args()
    if args.drop:
        drop()
        return
    args.port = args.port or free_port()
    if args.reuse:
        setup_django()
    else:
        build()
    agg = aggregation(args.reps)
    prepared = prepare(args.members, args.meetings)
    base_url = f"http://127.0.0.1:{args.port}"
    server = start_server(args)
    try:
        results: dict[str, Any] = {
            "db": BENCH_DB,
            "server": vars(args),
            "aggregation_ms": agg,
            "phases": [],
        }
        warm_workers(base_url)
        phones = [Phone(k, t, base_url, seed=i) for i, (k, t) in enumerate(prepared)]
        burst(phones)
        results["phases"].append(report("burst (all at once)", phones))
        for think in [float(t) for t in args.think.split(",")]:
            for phone in phones:
                phone.gets.clear()
                phone.posts.clear()
                phone.errors.clear()
            since = closed_loop(phones, think, args.warmup, args.duration)
            results["phases"].append(report(f"closed loop, think {think:g} s", phones, since=since))
        from chibo.meetings.models import Attendance

        rows = Attendance.objects.filter(meeting__title__startswith="Bench ").count()
        done = sum(min(p.round, len(p.tokens)) for p in phones)
        print(f"attendance rows written: {rows:,} for {done:,} check-in rounds", flush=True)
        results["attendance_rows"] = rows
        write_json("meetings_checkin_bench.json", results)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
