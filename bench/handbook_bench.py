"""Load test of the member handbook's home page: 200 concurrent members on PostgreSQL.

Builds (or reuses, `--reuse`) the scratch database `chibo_bench_hb` (override BENCH_DB): migrate,
`seed_demo` (the demo city: 20,000 members with a year of meetings, documents distributed with
read receipts, study campaigns), then `--members` (default 200) extra logins, each linked to a
different active member (Member.user) with a `member` grant on their branch, members of branches
with upcoming meetings first. Each virtual user gets its own logged-in session.

Starts gunicorn on 127.0.0.1 (settings config.settings.dev with CHIBO_DEBUG=0, so WhiteNoise
serves the assets) and runs one closed-loop virtual user per member: GET /so-tay/, a think time,
again. Phases differ by think time (mean, uniform 0.5-1.5 x): `--think 5,1,0`. Reports p50/p95/
p99/max per phase and the errors (anything but 200). Then measures the page weight of the home
page as a phone loads it (headless chromium through the service worker's first visit: the HTML
and every asset it pulls), both as served and gzip-compressed (what WhiteNoise's compressed
storage and a gzip-ing reverse proxy transfer in production).

    .venv/bin/python bench/handbook_bench.py                   # build, then run (~4 min)
    .venv/bin/python bench/handbook_bench.py --reuse --think 5,1 --duration 60
    .venv/bin/python bench/handbook_bench.py --drop            # drop the scratch database
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import Any

os.environ.setdefault("BENCH_DB", "chibo_bench_hb")

import httpx
from benchlib import BENCH_DB, DATABASE_URL, PG_SERVER, ROOT, summarise, write_json

HOME = "/so-tay/"
BENCH_PREFIX = "hbbench"
MAX_REQUESTS_PER_USER = 100_000


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def setup_django() -> None:
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["CHIBO_DEBUG"] = "0"
    import django

    django.setup()


def build() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    setup_django()
    from django.core.management import call_command

    log("migrate")
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    log("seed_demo (20,000 members)")
    from chibo.demo.seed import seed_demo

    seed_demo(progress=lambda m: log(f"  {m}"))


def drop() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
    log(f"dropped {BENCH_DB}")


def bench_members(n: int) -> list[str]:
    """`n` logins linked to active members (those with upcoming meetings first); their sessions."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.utils import timezone

    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.meetings.models import Meeting
    from chibo.members.models import ACTIVE_STATUSES, Member

    users = list(User.objects.filter(username__startswith=BENCH_PREFIX).order_by("pk"))
    if len(users) < n:
        rng = random.Random(2026)
        soon = set(
            Meeting.objects.filter(starts_at__gte=timezone.now()).values_list("unit_id", flat=True)
        )
        free = Member.objects.filter(status__in=ACTIVE_STATUSES, user__isnull=True)
        first = list(free.filter(unit_id__in=soon).values_list("pk", "unit_id"))
        rest = list(free.exclude(unit_id__in=soon).values_list("pk", "unit_id")[:20_000])
        rng.shuffle(first)
        rng.shuffle(rest)
        picked = (first + rest)[len(users) : n]
        password = make_password(os.urandom(12).hex())
        with transaction.atomic():
            made = User.objects.bulk_create(
                User(username=f"{BENCH_PREFIX}{len(users) + i:04d}", password=password)
                for i in range(len(picked))
            )
            Grant.objects.bulk_create(
                Grant(user=u, unit_id=unit_id, role=Role.MEMBER)
                for u, (_pk, unit_id) in zip(made, picked, strict=True)
            )
            for u, (pk, _unit) in zip(made, picked, strict=True):
                Member.objects.filter(pk=pk).update(user=u)
        users = list(User.objects.filter(username__startswith=BENCH_PREFIX).order_by("pk"))
        with_meetings = sum(1 for _pk, unit in picked if unit in soon)
        log(f"{len(made)} bench members linked ({with_meetings} in branches with meetings ahead)")
    keys = []
    for user in users[:n]:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        assert session.session_key is not None
        keys.append(session.session_key)
    return keys


@dataclass
class VirtualUser:
    session_key: str
    base_url: str
    think_s: float
    deadline: float
    seed: int
    samples: list[tuple[float, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)

    def run(self) -> None:
        rng = random.Random(self.seed)
        time.sleep(rng.uniform(0, max(self.think_s, 0.5)))
        sent = 0
        with httpx.Client(
            base_url=self.base_url,
            cookies={"sessionid": self.session_key},
            timeout=10.0,
            follow_redirects=False,
        ) as client:
            while sent < MAX_REQUESTS_PER_USER and time.perf_counter() < self.deadline:
                sent += 1
                start = time.perf_counter()
                ok = False
                try:
                    response = client.get(HOME)
                    ok = response.status_code == 200
                    if ok:
                        self.sizes.append(len(response.content))
                    else:
                        self.errors.append(f"{response.status_code} {HOME}")
                except httpx.HTTPError as exc:
                    self.errors.append(f"{type(exc).__name__} {HOME}")
                end = time.perf_counter()
                self.samples.append((end, (end - start) * 1000, ok))
                if self.think_s > 0:
                    time.sleep(rng.uniform(0.5 * self.think_s, 1.5 * self.think_s))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "CHIBO_DEBUG": "0",
    }
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--no-control-socket",  # gunicorn 27's shared default socket: several benches run here
        "--timeout",
        "120",  # booting imports Splink (the data-cleaning module): slow on a busy machine
        "--log-level",
        "warning",
    ]
    log("starting: " + " ".join(command))
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.perf_counter() + 90
    while time.perf_counter() < deadline and server.poll() is None:
        try:
            answer = httpx.get(f"http://127.0.0.1:{args.port}/accounts/login/", timeout=5)
            if answer.is_success:
                return server
            log(f"server answered {answer.status_code}")
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"gunicorn exited ({server.poll()}) or did not answer within 90 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


def prewarm(base_url: str, keys: list[str], workers: int) -> None:
    """Each gunicorn worker imports the URLconf (and with it every module) on its first request:
    seconds on a busy machine. Keep a few requests in flight until every worker has answered."""
    done = 0

    def hit(key: str) -> None:
        nonlocal done
        with httpx.Client(base_url=base_url, cookies={"sessionid": key}, timeout=180) as client:
            client.get(HOME)
            done += 1

    rounds = 0
    while rounds < 3:
        threads = [threading.Thread(target=hit, args=(k,)) for k in keys[: workers * 3]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rounds += 1
    log(f"pre-warmed: {done} requests")


def run_phase(args: argparse.Namespace, think_s: float, keys: list[str]) -> dict[str, Any]:
    base_url = f"http://127.0.0.1:{args.port}"
    measure_from = time.perf_counter() + args.warmup
    deadline = measure_from + args.duration
    users = [VirtualUser(k, base_url, think_s, deadline, seed=i) for i, k in enumerate(keys)]
    threads = [threading.Thread(target=u.run, daemon=True) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.warmup + args.duration + 30)
    measured = [s for u in users for s in u.samples if s[0] >= measure_from]
    window = max(min(time.perf_counter(), deadline) - measure_from, 1e-9)
    sizes = [size for u in users for size in u.sizes]
    return {
        "users": len(users),
        "think_s_mean": think_s,
        "warmup_s": args.warmup,
        "duration_s": args.duration,
        "requests": len(measured),
        "throughput_rps": len(measured) / window,
        "errors": sum(1 for s in measured if not s[2]),
        "error_examples": [e for u in users for e in u.errors][:10],
        "home_html_bytes": summarise([float(s) for s in sizes]),
        "latency_ms": summarise([s[1] for s in measured]),
        "server": {"workers": args.workers, "threads": args.threads},
    }


def page_weight(base_url: str, session_key: str) -> dict[str, Any]:
    """What a phone downloads for the home page on a first visit: every URL the page and its
    service worker request (headless chromium), each fetched again to weigh it as served and
    gzip-compressed (WhiteNoise's compressed storage and a gzip-ing proxy in production)."""
    from playwright.sync_api import sync_playwright

    host = base_url.split("//", 1)[1].split(":")[0]
    urls: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        context.add_cookies(
            [{"name": "sessionid", "value": session_key, "domain": host, "path": "/"}]
        )
        context.on("request", lambda r: urls.append(r.url) if r.url not in urls else None)
        page = context.new_page()
        page.goto(base_url + HOME, wait_until="networkidle")
        page.wait_for_timeout(2000)  # the service worker installs and caches the app shell
        browser.close()
    rows: dict[str, dict[str, int]] = {}
    with httpx.Client(cookies={"sessionid": session_key}, timeout=10) as client:
        for url in urls:
            if not url.startswith(base_url):
                continue
            body = client.get(url, headers={"Accept-Encoding": "identity"}).content
            rows[url.replace(base_url, "")] = {
                "bytes": len(body),
                "gzip_bytes": len(gzip.compress(body, compresslevel=6)),
            }
    return {
        "responses": rows,
        "total_bytes": sum(r["bytes"] for r in rows.values()),
        "total_gzip_bytes": sum(min(r["bytes"], r["gzip_bytes"]) for r in rows.values()),
    }


def show(result: dict[str, Any]) -> None:
    lat = result["latency_ms"]
    print(
        f"\n== {result['users']} members, think {result['think_s_mean']} s mean, "
        f"{result['duration_s']:g} s measured after {result['warmup_s']:g} s warm-up ==\n"
        f"requests {result['requests']:,}  {result['throughput_rps']:.1f} req/s  "
        f"errors {result['errors']}\n"
        f"GET {HOME}: p50 {lat['p50']:.1f}  p95 {lat['p95']:.1f}  p99 {lat['p99']:.1f}  "
        f"max {lat['max']:.1f} ms;  HTML {result['home_html_bytes']['p50']:.0f} B (median)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--think", default="5,1", help="mean think times in s, comma-separated")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10)
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
    keys = bench_members(args.members)
    server = start_server(args)
    base_url = f"http://127.0.0.1:{args.port}"
    try:
        with httpx.Client(base_url=base_url, cookies={"sessionid": keys[0]}) as client:
            check = client.get(HOME)
        if check.status_code != 200 or "Chào đồng chí" not in check.text:
            raise SystemExit(f"session check failed: {HOME} {check.status_code}")
        prewarm(base_url, keys, args.workers)
        weight = page_weight(base_url, keys[0])
        print(
            f"page weight of {HOME} (first visit, HTML + assets): {weight['total_bytes']:,} B "
            f"as served, {weight['total_gzip_bytes']:,} B gzip-compressed",
            flush=True,
        )
        for url, row in sorted(weight["responses"].items()):
            print(f"  {url:<60} {row['bytes']:>8,} B  gzip {row['gzip_bytes']:>7,} B")
        results: dict[str, Any] = {
            "page_weight": weight,
            "phases": [],
            "load_average_before": os.getloadavg(),
        }
        for think in [float(t) for t in args.think.split(",")]:
            result = run_phase(args, think, keys)
            result["load_average_after"] = os.getloadavg()
            show(result)
            print(f"load average (1, 5, 15 min): {result['load_average_after']}", flush=True)
            results["phases"].append(result)
        write_json("handbook_bench.json", results)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
