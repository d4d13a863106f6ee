"""Shared helpers of the benchmark scripts: the scratch database, Django setup, statistics."""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BENCH_DB = os.environ.get("BENCH_DB", "chibo_bench")
DATABASE_URL = f"{PG_SERVER}/{BENCH_DB}"
PERSONA_USERNAME = "bench_root"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup_django(*, debug: bool = False) -> None:
    """Point Django's dev settings at the scratch PostgreSQL database and set it up."""
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["CHIBO_DEBUG"] = "1" if debug else "0"
    import django

    django.setup()


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted sequence (q in 0..100)."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(samples_ms: Sequence[float]) -> dict[str, float]:
    values = sorted(samples_ms)
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": values[-1] if values else math.nan,
        "mean": sum(values) / len(values) if values else math.nan,
    }


def latency_line(stats: dict[str, float]) -> str:
    """`p50 …  p95 …  p99 …  max … ms` of a `summarise` result."""
    return (
        f"p50 {stats['p50']:.1f}  p95 {stats['p95']:.1f}  p99 {stats['p99']:.1f}  "
        f"max {stats['max']:.1f} ms"
    )


def in_threads(target: Callable[[Any], Any], items: Iterable[Any], timeout: float) -> None:
    """`target(item)` for every item, each in its own daemon thread; waits for them all (at most
    `timeout` s for each)."""
    threads = [threading.Thread(target=target, args=(item,), daemon=True) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)


def timed(fn: Callable[[], Any], repetitions: int) -> tuple[list[float], Any]:
    """Run `fn` `repetitions` times; wall-clock milliseconds of each run and the last result."""
    samples: list[float] = []
    result: Any = None
    for _ in range(repetitions):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def write_json(name: str, data: Any) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / name
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    return target


def ensure_persona() -> Any:
    """The bench user: committee_staff on the root unit (reach: the whole tree)."""
    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.org.models import OrgUnit

    root = OrgUnit.objects.get_first_root_node()
    if root is None:
        raise SystemExit("The bench database has no units: run bench/tree_bench.py first.")
    user = User.objects.filter(username=PERSONA_USERNAME).first()
    if user is None:
        user = User.objects.create_user(
            username=PERSONA_USERNAME, password="bench-only-" + os.urandom(8).hex()
        )
    Grant.objects.get_or_create(user=user, unit=root, role=Role.COMMITTEE_STAFF)
    return user


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(
    port: int,
    workers: int,
    threads: int,
    *,
    options: Sequence[str] = (),
    boot_seconds: float = 120,
    say: Callable[[str], None] = print,
) -> subprocess.Popen[bytes]:
    """gunicorn serving the app on the scratch database at 127.0.0.1:`port` (extra command-line
    `options`), in its own process group; returned once the log-in page answers."""
    import httpx

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is already in use; pass another --port")
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "CHIBO_DEBUG": "0",
    }
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "config.wsgi",
        *options,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    say("starting: " + " ".join(command))
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.perf_counter() + boot_seconds
    while time.perf_counter() < deadline and server.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=5).is_success:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"gunicorn exited or did not answer within {boot_seconds:g} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop a server started by `start_gunicorn` (its whole process group)."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
