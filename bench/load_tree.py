"""Load test of the tree page on the national-scale database (run bench/tree_bench.py first).

Starts gunicorn on 127.0.0.1 against `chibo_bench` (settings config.settings.dev, CHIBO_DEBUG=0),
gives each virtual user its own logged-in session (created with Django's SessionStore for the
bench user, committee_staff on the root), and runs closed-loop virtual users that browse the tree
as a person does: the page /org/, then HTMX expansions root → province → commune → grassroots
(/org/<code>/children/ with HX-Request: true), pausing a think time between requests.

    .venv/bin/python bench/load_tree.py                      # 50 users, think 1 s, then 0 s
    .venv/bin/python bench/load_tree.py --think 1 --duration 60

Every loop is bounded by a deadline and a request count; gunicorn is stopped at the end.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from benchlib import (
    ensure_persona,
    free_port,
    setup_django,
    start_gunicorn,
    stop_server,
    summarise,
    write_json,
)

HTMX = {"HX-Request": "true"}
MAX_REQUESTS_PER_USER = 100_000


@dataclass
class Sample:
    label: str
    finished: float
    ms: float
    ok: bool


@dataclass
class Targets:
    root: str
    provinces: list[str]
    wards: list[str]
    grassroots: list[str]


@dataclass
class VirtualUser:
    session_key: str
    base_url: str
    targets: Targets
    think_s: float
    deadline: float
    seed: int
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def visits(self, rng: random.Random) -> list[tuple[str, str, bool]]:
        """One visit of the tree page: load it, then open one branch of the tree to depth 5."""
        t = self.targets
        return [
            ("page /org/", "/org/", False),
            ("htmx children root", f"/org/{t.root}/children/", True),
            ("htmx children province", f"/org/{rng.choice(t.provinces)}/children/", True),
            ("htmx children commune", f"/org/{rng.choice(t.wards)}/children/", True),
            ("htmx children grassroots", f"/org/{rng.choice(t.grassroots)}/children/", True),
        ]

    def run(self) -> None:
        rng = random.Random(self.seed)
        # Stagger the start so that the users do not arrive in lock step.
        time.sleep(rng.uniform(0, max(self.think_s, 0.2)))
        sent = 0
        with httpx.Client(
            base_url=self.base_url,
            cookies={"sessionid": self.session_key},
            timeout=10.0,
            follow_redirects=False,
        ) as client:
            while sent < MAX_REQUESTS_PER_USER and time.perf_counter() < self.deadline:
                for label, url, htmx in self.visits(rng):
                    if sent >= MAX_REQUESTS_PER_USER or time.perf_counter() >= self.deadline:
                        return
                    sent += 1
                    start = time.perf_counter()
                    ok = False
                    try:
                        response = client.get(url, headers=HTMX if htmx else None)
                        ok = response.status_code == 200
                        if not ok:
                            self.errors.append(f"{response.status_code} {url}")
                    except httpx.HTTPError as exc:
                        self.errors.append(f"{type(exc).__name__} {url}")
                    end = time.perf_counter()
                    self.samples.append(Sample(label, end, (end - start) * 1000, ok))
                    if self.think_s > 0:
                        time.sleep(rng.uniform(0.5 * self.think_s, 1.5 * self.think_s))


def prepare(n_users: int) -> tuple[list[str], Targets]:
    """Sessions for the bench user, and the unit codes to expand."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from chibo.org.models import OrgUnit

    user = ensure_persona()
    keys = []
    for _ in range(n_users):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        assert session.session_key is not None
        keys.append(session.session_key)

    def codes(depth: int) -> list[str]:
        qs = OrgUnit.objects.filter(depth=depth, numchild__gt=0, status="active")
        return list(qs.order_by("?").values_list("code", flat=True)[:2000])

    root = OrgUnit.objects.get(depth=1)
    return keys, Targets(root.code, codes(2), codes(3), codes(4))


def start_server(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    return start_gunicorn(
        args.port, args.workers, args.threads, options=["--worker-class", args.worker_class]
    )


def check_session(base_url: str, key: str, root: str) -> None:
    """The session must be logged in: /org/ answers 200, not a redirect to the login page."""
    with httpx.Client(base_url=base_url, cookies={"sessionid": key}) as client:
        page = client.get("/org/")
        kids = client.get(f"/org/{root}/children/", headers=HTMX)
    if page.status_code != 200 or kids.status_code != 200:
        raise SystemExit(
            f"session check failed: /org/ {page.status_code}, children {kids.status_code}"
        )
    print(
        f"session check: /org/ 200 ({len(page.content):,} B), "
        f"children 200 ({len(kids.content):,} B)"
    )


def run_phase(
    args: argparse.Namespace, think_s: float, keys: list[str], targets: Targets
) -> dict[str, Any]:
    base_url = f"http://127.0.0.1:{args.port}"
    begin = time.perf_counter()
    measure_from = begin + args.warmup
    deadline = measure_from + args.duration
    users = [
        VirtualUser(key, base_url, targets, think_s, deadline, seed=i) for i, key in enumerate(keys)
    ]
    cpu_start = time.process_time()
    threads = [threading.Thread(target=u.run, daemon=True) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.warmup + args.duration + 30)
    client_cpu = time.process_time() - cpu_start
    measured = [s for u in users for s in u.samples if s.finished >= measure_from]
    errors = [e for u in users for e in u.errors]
    by_label: dict[str, list[float]] = {}
    for s in measured:
        by_label.setdefault(s.label, []).append(s.ms)
    window = max(min(time.perf_counter(), deadline) - measure_from, 1e-9)
    result: dict[str, Any] = {
        "users": len(users),
        "think_s_mean": think_s,
        "think_distribution": "uniform(0.5, 1.5) x mean" if think_s else "none",
        "warmup_s": args.warmup,
        "duration_s": args.duration,
        "requests": len(measured),
        "throughput_rps": len(measured) / window,
        "errors": sum(1 for s in measured if not s.ok),
        "error_examples": errors[:10],
        "client_cpu_s": client_cpu,
        "all": summarise([s.ms for s in measured]),
        "tree_page_html": summarise(by_label.get("page /org/", [])),
        "by_endpoint": {label: summarise(v) for label, v in sorted(by_label.items())},
    }
    return result


def show(result: dict[str, Any]) -> None:
    print(
        f"\n== {result['users']} users, think {result['think_s_mean']} s "
        f"({result['think_distribution']}), {result['duration_s']} s measured "
        f"after {result['warmup_s']} s warm-up =="
    )
    print(
        f"requests {result['requests']:,}  throughput {result['throughput_rps']:.1f} req/s  "
        f"errors {result['errors']}  load-generator CPU {result['client_cpu_s']:.1f} s"
    )
    rows = [("ALL", result["all"]), *result["by_endpoint"].items()]
    print(f"{'endpoint':<28}{'n':>7}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}  (ms)")
    for label, stats in rows:
        print(
            f"{label:<28}{stats['n']:>7}{stats['p50']:>9.1f}{stats['p95']:>9.1f}"
            f"{stats['p99']:>9.1f}{stats['max']:>9.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--think", default="1,0", help="mean think times in s, comma-separated")
    parser.add_argument("--duration", type=float, default=60, help="measured seconds per phase")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured seconds per phase")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (2 x cores + 1)")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--tag", default="", help="suffix of the output file names")
    args = parser.parse_args()
    args.port = args.port or free_port()

    setup_django()
    keys, targets = prepare(args.users)
    server = start_server(args)
    results = []
    try:
        check_session(f"http://127.0.0.1:{args.port}", keys[0], targets.root)
        for think in [float(t) for t in args.think.split(",")]:
            result = run_phase(args, think, keys, targets)
            result["server"] = {
                "workers": args.workers,
                "worker_class": args.worker_class,
                "threads": args.threads,
            }
            show(result)
            results.append(result)
            write_json(f"load_tree_think{think:g}{args.tag}.json", result)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
