"""Load test of the electronic secret ballot (issue 12): 1,600 delegates cast their ballots within
the same 10 seconds over loopback HTTP against gunicorn on PostgreSQL.

Builds a scratch database `chibo_bench_elect` (override BENCH_DB): migrate, the personas' tree,
a congress of delegates of G1 in session today with `--delegates` official delegates (members,
logins, delegate records, check-ins and API tokens written in bulk), an approved list of 11
names for 9 seats and an open electronic poll. Then:

1. **cast**: every delegate POSTs its own ballot to /api/v1/polls/{id}/ballot (a random choice of
   at most 9 names), spread evenly over `--window` seconds (default 10), from `--clients` client
   threads with keep-alive connections; a tenth of them also send a second ballot at once
   (which must be refused with 409). Reports p50/p95/p99/max of the first ballots, and checks
   zero lost (every 201 is one ballot and one participation) and zero double (every second
   ballot refused; ballots = participants = 201s);
2. **tally**: the counting committee's close (`close_poll`: checks, shakes the box, counts),
   timed in-process;
3. **projector**: the projector's state URL (the fragment the page polls every second) polled
   over HTTP every 50 ms by the organiser's session from the moment of the close; reports the
   time until it shows the result (the page itself adds at most its 1 s polling interval).

    .venv/bin/python bench/elections_bench.py               # build, run, drop nothing
    .venv/bin/python bench/elections_bench.py --drop        # drop the scratch database
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import threading
import time
from datetime import timedelta
from typing import Any

os.environ.setdefault("BENCH_DB", "chibo_bench_elect")

from benchlib import (
    BENCH_DB,
    PG_SERVER,
    free_port,
    latency_line,
    setup_django,
    start_gunicorn,
    stop_server,
    summarise,
    write_json,
)

PREFIX = "electbench"


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def psql(*args: str) -> None:
    subprocess.run(["psql", PG_SERVER + "/postgres", "-q", "-c", *args], check=False)


def build(delegates: int) -> dict[str, Any]:
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", BENCH_DB], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", BENCH_DB], check=True)
    setup_django()
    from django.core.management import call_command

    log("migrate")
    call_command("migrate", verbosity=0)
    from django.db import transaction
    from django.utils import timezone

    from chibo.access.models import PersonalAccessToken, User, hash_token, new_raw_token
    from chibo.access.roles import Role
    from chibo.congresses.actions import setup
    from chibo.congresses.actions.common import new_badge_token
    from chibo.congresses.models import CheckIn, Delegate
    from chibo.core.text import fold
    from chibo.members.models import Member
    from chibo.testing.personas import build_tree, make_user

    tree = build_tree()
    organizer = make_user(f"{PREFIX}_organizer", (tree.g1, Role.CONGRESS_ORGANIZER))
    officer = make_user(f"{PREFIX}_officer", (tree.g1, Role.COUNTING_OFFICER))
    today = timezone.localdate()
    congress = setup.create_congress(
        actor=organizer,
        unit=tree.g1,
        kind="delegates",
        title="Đại hội đại biểu (bench)",
        term_start=2025,
        term_end=2030,
        starts_on=today,
        ends_on=today + timedelta(days=1),
        cutoff_on=today - timedelta(days=30),
        planned_delegates=delegates,
    )
    now = timezone.now()
    session = setup.add_session(
        actor=organizer,
        congress_id=congress.pk,
        kind="official",
        title="Phiên chính thức",
        starts_at=max(now - timedelta(minutes=5), now.replace(hour=0, minute=1)),
        ends_at=now + timedelta(hours=3),
    )
    log(f"{delegates} delegates in bulk")
    tokens: list[str] = []
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(username=f"{PREFIX}_{i:05d}", password="!") for i in range(delegates)]
        )
        members = Member.objects.bulk_create(
            [
                Member(
                    unit=tree.b1 if i % 2 else tree.b2,
                    full_name=f"Đại Biểu {i:05d}",
                    search_name=fold(f"Đại Biểu {i:05d}"),
                    gender="male",
                    status="full",
                    user=u,
                )
                for i, u in enumerate(users)
            ]
        )
        seats = Delegate.objects.bulk_create(
            [
                Delegate(
                    congress=congress,
                    member=m,
                    number=i + 1,
                    kind="official",
                    basis="elected",
                    credentials="accepted",
                    badge_token=new_badge_token(),
                )
                for i, m in enumerate(members)
            ]
        )
        CheckIn.objects.bulk_create(
            [CheckIn(session=session, delegate=d, checked_in_at=now, method="badge") for d in seats]
        )
        rows = []
        for u in users:
            raw = new_raw_token()
            tokens.append(raw)
            rows.append(
                PersonalAccessToken(user=u, name="bench", token_hash=hash_token(raw), hint=raw[:10])
            )
        PersonalAccessToken.objects.bulk_create(rows)
    poll, ids = new_poll(congress.pk, organizer)
    return {
        "congress": congress.pk,
        "poll": poll.pk,
        "ids": ids,
        "tokens": tokens,
        "organizer": organizer.pk,
        "officer": officer.pk,
    }


def new_poll(congress_id: int, organizer: Any) -> tuple[Any, list[int]]:
    """An approved list of 11 names for 9 seats and its open electronic poll."""
    from chibo.elections.actions import lists, polls

    election = lists.create_election(
        actor=organizer, congress_id=congress_id, title="Bầu Ban Chấp hành (bench)", seats=9
    )
    ids = [
        lists.add_candidate(
            actor=organizer, election_id=election.pk, full_name=f"Ứng Viên {i:02d}"
        ).pk
        for i in range(1, 12)
    ]
    lists.approve_list(actor=organizer, election_id=election.pk)
    poll = polls.open_poll(actor=organizer, election_id=election.pk, method="electronic")
    return poll, ids


def reload() -> dict[str, Any]:
    """The last build's congress and poll, with fresh tokens (the raw ones are never stored)."""
    setup_django()
    from chibo.access.models import PersonalAccessToken, User, hash_token, new_raw_token
    from chibo.congresses.models import Congress

    organizer = User.objects.get(username=f"{PREFIX}_organizer")
    poll, ids = new_poll(Congress.objects.latest("pk").pk, organizer)
    users = list(User.objects.filter(username__startswith=f"{PREFIX}_0").order_by("username"))
    PersonalAccessToken.objects.filter(user__in=users).delete()
    tokens = [new_raw_token() for _u in users]
    PersonalAccessToken.objects.bulk_create(
        PersonalAccessToken(user=u, name="bench", token_hash=hash_token(t), hint=t[:10])
        for u, t in zip(users, tokens, strict=True)
    )
    return {
        "congress": poll.congress_id,
        "poll": poll.pk,
        "ids": ids,
        "tokens": tokens,
        "organizer": organizer.pk,
        "officer": User.objects.get(username=f"{PREFIX}_officer").pk,
    }


def session_cookie(user_id: int) -> str:
    """A logged-in session of the user (as the log-in form would leave it), for the watcher."""
    from django.test import Client

    from chibo.access.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return str(client.cookies["sessionid"].value)


def cast(
    port: int, made: dict[str, Any], window: float, clients: int, double_share: float
) -> dict[str, Any]:
    tokens: list[str] = made["tokens"]
    ids: list[int] = made["ids"]
    rng = random.Random(12)
    plan = [(i, sorted(rng.sample(ids, rng.randint(5, 9)))) for i in range(len(tokens))]
    doubles = set(rng.sample(range(len(tokens)), int(len(tokens) * double_share)))
    start = time.perf_counter() + 1.0
    spacing = window / len(tokens)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    second: dict[str, int] = {}
    accepted_by: dict[int, int] = {}
    lock = threading.Lock()
    queue = list(range(len(plan)))
    qlock = threading.Lock()

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with qlock:
                if not queue:
                    break
                index = queue.pop(0)
            due = start + index * spacing
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            body = json.dumps({"kept": plan[index][1]})
            headers = {
                "Authorization": f"Bearer {tokens[index]}",
                "Content-Type": "application/json",
            }
            for attempt in ("first", "second") if index in doubles else ("first",):
                t0 = time.perf_counter()
                try:
                    conn.request("POST", f"/api/v1/polls/{made['poll']}/ballot", body, headers)
                    response = conn.getresponse()
                    response.read()
                    code = str(response.status)
                except (OSError, http.client.HTTPException) as exc:
                    code = type(exc).__name__
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    if code == "201":
                        accepted_by[index] = accepted_by.get(index, 0) + 1
                    if attempt == "first":
                        latencies.append(elapsed)
                        statuses[code] = statuses.get(code, 0) + 1
                    else:
                        second[code] = second.get(code, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    return {
        "latency": summarise(latencies),
        "statuses": statuses,
        "second_ballots": second,
        "doubles_sent": len(doubles),
        "accepted": sum(accepted_by.values()),
        "accepted_twice": sum(1 for n in accepted_by.values() if n > 1),
        "wall_seconds": round(took, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=1600)
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--drop", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="the database of the last build")
    parser.add_argument("--boot", type=float, default=600, help="seconds gunicorn may take")
    args = parser.parse_args()
    if args.drop:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", BENCH_DB], check=True
        )
        return
    made = reload() if args.reuse else build(args.delegates)
    from chibo.access.models import User
    from chibo.elections.actions import polls
    from chibo.elections.models import Ballot, Participation

    cookie = session_cookie(made["organizer"])
    port = args.port or free_port()
    server = start_gunicorn(port, args.workers, args.threads, boot_seconds=args.boot, say=log)
    try:
        log(f"cast: {args.delegates} ballots over {args.window:g} s, {args.clients} clients")
        result = cast(port, made, args.window, args.clients, 0.1)
        log("first ballots " + latency_line(result["latency"]) + f" statuses {result['statuses']}")
        log(f"second ballots {result['second_ballots']} (of {result['doubles_sent']})")
        ballots = Ballot.objects.filter(poll_id=made["poll"]).count()
        participants = Participation.objects.filter(poll_id=made["poll"]).count()
        # Lost: a 201 without its ballot; double: a delegate whose ballot was accepted twice, or
        # more ballots than participants.
        accepted = result["accepted"]
        lost = max(0, accepted - ballots)
        double = result["accepted_twice"] + max(0, ballots - participants)
        log(f"ballots {ballots}, participants {participants}, accepted {accepted}")
        log(f"lost {lost}, double {double}")

        officer = User.objects.get(pk=made["officer"])
        seen: dict[str, float] = {}
        stop = threading.Event()

        def watch() -> None:
            url = f"/elections/congress/{made['congress']}/projector/state?format=json"
            while not stop.is_set():
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    conn.request("GET", url, headers={"Cookie": f"sessionid={cookie}"})
                    response = conn.getresponse()
                    data = json.loads(response.read().decode() or "{}")
                    conn.close()
                except (OSError, http.client.HTTPException, ValueError) as exc:
                    seen.setdefault("errors", 0)
                    seen["errors"] += 1
                    seen["last_error"] = hash(str(exc))
                    data = {}
                shown = [
                    p for p in data.get("polls", []) if p["id"] == made["poll"] and p["results"]
                ]
                if shown and "closed_at" in seen:
                    seen["shown"] = time.perf_counter()
                    return
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        t0 = time.perf_counter()
        polls.close_poll(actor=officer, poll_id=made["poll"])
        tally = time.perf_counter() - t0
        seen["closed_at"] = time.perf_counter()
        watcher.join(timeout=15)
        stop.set()
        shown = (seen["shown"] - seen["closed_at"]) if "shown" in seen else None
        shown_ms = f"{shown * 1000:.0f} ms" if shown is not None else "not within 15 s"
        log(f"tally (close_poll) {tally * 1000:.0f} ms; projector shows the result {shown_ms}")
        write_json(
            "elections_bench",
            {
                **result,
                "ballots": ballots,
                "participants": participants,
                "lost": lost,
                "double": double,
                "tally_ms": round(tally * 1000, 1),
                "projector_ms": round(shown * 1000, 1) if shown is not None else None,
                "args": vars(args),
            },
        )
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
