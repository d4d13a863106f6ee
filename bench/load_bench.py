"""Load at twice the peak (issue 19, item 4): the morning a city-wide document goes out and the
branches hold their monthly meeting, against gunicorn + PostgreSQL with 1,000,000 members.

The database is `chibo_load` (override BENCH_DB), a copy of `chibo_bench` (1,000,000 members,
300,000 units, built by bench/tree_bench.py) made with `createdb -T` and migrated. Prepared once
(`--reuse` keeps it): in the province with the most members, the largest commune is "the ward";
`--members` of its members get logins (member grant, Member.user) and sessions; three documents
are sent to the ward (receipts written), and the branches of those members get a meeting in 30
minutes with an open check-in code; `--staff` committee-staff logins on the province. During the
run a `db_worker` distributes a document to the whole province in the background (the city-wide
send of that morning).

The load is open-loop (Poisson arrivals at a fixed offered rate, as independent phones and desks
are), raised step by step (`--rates`), each step `--step` seconds after `--warmup`. The mix:

    member phones (92 %): handbook home 45, document list 10, open a document (records the read)
      20, meeting page 8, check-in POST 5, notices 4
    staff desks (8 %): member search 2, member list 1, profile 2, statistics dashboard 2,
      meeting quality 1

An answer other than the expected status (200, 302 for the check-in), a transport error or a 10 s
timeout is an error. A step passes with p95 ≤ 500 ms and errors < 0.1 %; the saturation
throughput is the achieved rate of the last passing step, per core = / `os.cpu_count()` (the load
generator runs on the same cores: its own CPU share is reported). The doubled city peak is
2 x (740 + 60) ≈ 1,600 requests/s; the goal is ≥ 93 requests/s per core (1,600 / 16 cores).

    .venv/bin/python bench/load_bench.py                        # copy, prepare, run (~8 min)
    .venv/bin/python bench/load_bench.py --reuse --rates 60,120,180,240 --step 20
    .venv/bin/python bench/load_bench.py --drop
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import subprocess
import time
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

os.environ.setdefault("BENCH_DB", "chibo_load")

import httpx
from benchlib import (
    BENCH_DB,
    PG_SERVER,
    ROOT,
    free_port,
    start_gunicorn,
    stop_server,
    summarise,
    write_json,
)
from benchlib import setup_django as _setup_django

SOURCE_DB = "chibo_bench"
PREFIX = "loadm"
STAFF_PREFIX = "loads"
TIMEOUT_S = 10.0
P95_LIMIT_MS = 500.0
ERROR_LIMIT = 0.001

MEMBER_MIX = {"home": 45, "doc_list": 10, "doc_open": 20, "meeting": 8, "check_in": 5, "notices": 4}
STAFF_MIX = {"search": 2, "list": 1, "profile": 2, "statistics": 2, "quality": 1}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def copy_database() -> None:
    log(f"copying {SOURCE_DB} to {BENCH_DB} (createdb -T)")
    _admin(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{BENCH_DB}" TEMPLATE "{SOURCE_DB}"')


def _session(user: Any) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    assert session.session_key is not None
    return session.session_key


def prepare(n_members: int, n_staff: int) -> dict[str, Any]:
    import secrets

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.documents.distribution import actions as distribution
    from chibo.documents.models import Document, DocumentKind
    from chibo.meetings.actions.common import expected_members
    from chibo.meetings.models import CheckInToken, Meeting
    from chibo.members.models import ACTIVE_STATUSES, Member
    from chibo.org.models import OrgUnit

    log("migrate")
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    root = OrgUnit.objects.get(depth=1)
    province = OrgUnit.objects.filter(depth=2).order_by("-member_count").first()
    assert province is not None
    ward = (
        OrgUnit.objects.filter(path__startswith=province.path, depth=3)
        .order_by("-member_count")
        .first()
    )
    assert ward is not None
    log(f"province {province.code} ({province.member_count:,} members), ward {ward.code}")
    password = make_password(os.urandom(12).hex())
    staff = []
    for i in range(n_staff):
        user, made = User.objects.get_or_create(
            username=f"{STAFF_PREFIX}{i:03d}", defaults={"password": password}
        )
        if made:
            Grant.objects.create(user=user, unit=province, role=Role.COMMITTEE_STAFF)
        staff.append(user)
    members = list(
        Member.objects.filter(
            unit__path__startswith=ward.path, status__in=ACTIVE_STATUSES, is_exempt=False
        )
        .order_by("pk")
        .values_list("pk", "unit_id", "user_id")[:n_members]
    )
    with transaction.atomic():
        for i, (member_pk, unit_id, user_id) in enumerate(members):
            if user_id is None:
                user = User.objects.create(username=f"{PREFIX}{i:05d}", password=password)
                Grant.objects.create(user=user, unit_id=unit_id, role=Role.MEMBER)
                Member.objects.filter(pk=member_pk).update(user=user)
    member_users = list(User.objects.filter(username__startswith=PREFIX).order_by("pk"))
    docs = list(Document.objects.filter(issuer="LOAD").order_by("pk"))
    for k in range(len(docs), 3):
        doc = Document.objects.create(
            owner_unit=province,
            kind=DocumentKind.GUIDANCE,
            number=f"{k + 1}-HD/LOAD",
            serial=k + 1,
            issuer="LOAD",
            issued_on=date(2026, 1, 1),
            title=f"Hướng dẫn thực hiện nhiệm vụ số {k + 1}",
            search_text=f"huong dan thuc hien nhiem vu so {k + 1}",
        )
        distribution.distribute_document(
            actor=staff[0], document_id=doc.pk, unit=ward, background=False
        )
        docs.append(doc)
    start = timezone.now() + timedelta(minutes=30)
    tokens: dict[int, tuple[int, str]] = {}
    with transaction.atomic():
        Meeting.objects.filter(title="Sinh hoạt chi bộ tháng (tải)").delete()
        for unit_id in sorted({u for _m, u, _x in members}):
            meeting = Meeting.objects.create(
                unit_id=unit_id,
                kind="regular",
                title="Sinh hoạt chi bộ tháng (tải)",
                starts_at=start,
                ends_at=start + timedelta(minutes=120),
                place="Hội trường",
                status="notified",
                expected_count=expected_members(OrgUnit.objects.get(pk=unit_id)).count(),
            )
            code = CheckInToken.objects.create(
                meeting=meeting,
                token=secrets.token_urlsafe(24),
                expires_at=start + timedelta(hours=3),
            )
            tokens[unit_id] = (meeting.pk, code.token)
    unit_of_user = {
        user_id: unit_id
        for _m, unit_id, user_id in Member.objects.filter(user__in=member_users).values_list(
            "pk", "unit_id", "user_id"
        )
    }
    profiles = list(
        Member.objects.filter(unit__path__startswith=province.path)
        .order_by("?")
        .values_list("pk", flat=True)[:2000]
    )
    units = list(
        OrgUnit.objects.filter(path__startswith=province.path, depth__lte=4)
        .order_by("?")
        .values_list("code", flat=True)[:200]
    )
    # The city-wide send of that morning: a document to the whole province, queued for the
    # worker (the run starts db_worker).
    city = Document.objects.create(
        owner_unit=province,
        kind=DocumentKind.RESOLUTION,
        number=f"{Document.objects.count() + 100}-NQ/LOADCITY",
        serial=Document.objects.count() + 100,
        issuer="LOADCITY",
        issued_on=date(2026, 1, 1),
        title="Nghị quyết gửi toàn tỉnh",
        search_text="nghi quyet gui toan tinh",
    )
    queued = distribution.distribute_document(
        actor=staff[0], document_id=city.pk, unit=province, background=True
    )
    log(
        f"{len(member_users)} members, {len(staff)} staff, {len(tokens)} meetings, city send queued"
    )
    return {
        "root": root.code,
        "province": province.code,
        "ward": ward.code,
        "members": [
            (_session(u), *tokens[unit_of_user[u.pk]]) for u in member_users if u.pk in unit_of_user
        ],
        "staff": [_session(u) for u in staff],
        "docs": [d.pk for d in docs],
        "profiles": profiles,
        "units": units,
        "distribution": queued.pk,
    }


SEARCHES = ("nguyen van", "tran thi", "le", "pham", "hoang minh", "vu thi lan", "dang")


def pick(rng: random.Random, p: dict[str, Any]) -> tuple[str, str, str, dict[str, str] | None, int]:
    """(kind, method, path, form, expected status) of one request."""
    kinds = list(MEMBER_MIX) + list(STAFF_MIX)
    weights = list(MEMBER_MIX.values()) + list(STAFF_MIX.values())
    kind = rng.choices(kinds, weights)[0]
    if kind in MEMBER_MIX:
        key, meeting, token = rng.choice(p["members"])
        doc = rng.choice(p["docs"])
        paths = {
            "home": "/so-tay/",
            "doc_list": "/so-tay/van-ban/",
            "doc_open": f"/so-tay/van-ban/{doc}/",
            "meeting": f"/so-tay/lich-hop/{meeting}/",
            "notices": "/so-tay/thong-bao/",
        }
        if kind == "check_in":
            return kind, key, f"/so-tay/lich-hop/{meeting}/diem-danh/", {"t": token}, 302
        return kind, key, paths[kind], None, 200
    key = rng.choice(p["staff"])
    unit = rng.choice(p["units"])
    paths = {
        "search": f"/members/?q={rng.choice(SEARCHES).replace(' ', '+')}",
        "list": f"/members/?unit={p['ward']}",
        "profile": f"/members/{rng.choice(p['profiles'])}/",
        "statistics": f"/members/statistics/{unit}/",
        "quality": f"/meetings/unit/{unit}/quality/",
    }
    return kind, key, paths[kind], None, 200


async def run_step(
    base: str, p: dict[str, Any], rate: float, seconds: float, warmup: float, seed: int
) -> dict[str, Any]:
    rng = random.Random(seed)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    statuses: dict[str, int] = defaultdict(int)
    limits = httpx.Limits(max_connections=4000, max_keepalive_connections=4000)
    tasks: list[asyncio.Task[None]] = []
    csrf = "l" * 32
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S, limits=limits) as client:

        async def one(measured: bool) -> None:
            kind, key, path, form, expected = pick(rng, p)
            cookies = {"sessionid": key, "csrftoken": csrf}
            started = time.perf_counter()
            try:
                if form is None:
                    response = await client.get(path, cookies=cookies)
                else:
                    response = await client.post(
                        path, data=form, cookies=cookies, headers={"X-CSRFToken": csrf}
                    )
                ok = response.status_code == expected
                status = str(response.status_code)
            except httpx.HTTPError as exc:
                ok, status = False, type(exc).__name__
            elapsed = (time.perf_counter() - started) * 1000
            if measured:
                latencies[kind].append(elapsed)
                statuses[status] += 1
                if not ok:
                    errors[kind] += 1

        began = time.perf_counter()
        end = began + warmup + seconds
        next_at = began
        while next_at < end:
            now = time.perf_counter()
            if next_at > now:
                await asyncio.sleep(next_at - now)
            tasks.append(asyncio.create_task(one(next_at >= began + warmup)))
            next_at += rng.expovariate(rate)
        await asyncio.gather(*tasks)
    every = [v for values in latencies.values() for v in values]
    total = len(every)
    failed = sum(errors.values())
    return {
        "offered_rps": rate,
        "achieved_rps": round(total / seconds, 1),
        "all": summarise(every),
        "error_rate": failed / total if total else 1.0,
        "errors": dict(errors),
        "statuses": dict(statuses),
        "by_kind": {k: summarise(v) for k, v in sorted(latencies.items())},
    }


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except OSError:
            pass
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the prepared database")
    parser.add_argument("--drop", action="store_true")
    parser.add_argument("--members", type=int, default=1500)
    parser.add_argument("--staff", type=int, default=60)
    parser.add_argument("--rates", default="40,80,120,160,200,240,280")
    parser.add_argument("--step", type=float, default=20.0, help="measured seconds per step")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    if args.drop:
        _admin(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        log(f"dropped {BENCH_DB}")
        return
    if not args.reuse:
        copy_database()
    _setup_django()
    prepared = prepare(args.members, args.staff)
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = start_gunicorn(
        port, args.workers, args.threads, options=["--timeout", "120"], boot_seconds=300, say=log
    )
    env = {**os.environ, "DATABASE_URL": f"{PG_SERVER}/{BENCH_DB}"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    worker = subprocess.Popen(
        [str(ROOT / ".venv/bin/python"), "manage.py", "db_worker"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    steps = []
    try:
        for path in ("/so-tay/", "/members/", "/members/statistics/"):  # import every module
            for _ in range(args.workers * 2):
                httpx.get(base + path, cookies={"sessionid": prepared["staff"][0]}, timeout=30)
        with open(f"/proc/{server.pid}/task/{server.pid}/children") as children:
            server_pids = [server.pid] + [int(p) for p in children.read().split()]
        failed_in_a_row = 0
        for i, rate in enumerate(float(r) for r in args.rates.split(",")):
            own_before = resource.getrusage(resource.RUSAGE_SELF)
            server_before = cpu_seconds(server_pids)
            started = time.perf_counter()
            step = asyncio.run(run_step(base, prepared, rate, args.step, args.warmup, 2026 + i))
            wall = time.perf_counter() - started
            own_after = resource.getrusage(resource.RUSAGE_SELF)
            own = (own_after.ru_utime + own_after.ru_stime) - (
                own_before.ru_utime + own_before.ru_stime
            )
            step["generator_cpu_share"] = round(own / wall / (os.cpu_count() or 1), 3)
            step["server_cpu_share"] = round(
                (cpu_seconds(server_pids) - server_before) / wall / (os.cpu_count() or 1), 3
            )
            step["load_average"] = os.getloadavg()[0]
            step["passed"] = step["all"]["p95"] <= P95_LIMIT_MS and step["error_rate"] < ERROR_LIMIT
            steps.append(step)
            log(
                f"offered {rate:5.0f}/s achieved {step['achieved_rps']:6.1f}/s  "
                f"p50 {step['all']['p50']:6.1f}  p95 {step['all']['p95']:7.1f}  "
                f"p99 {step['all']['p99']:7.1f} ms  errors {100 * step['error_rate']:.2f} %  "
                f"gen cpu {100 * step['generator_cpu_share']:.0f} %  "
                f"server cpu {100 * step['server_cpu_share']:.0f} %  "
                f"load {step['load_average']:.1f}" + ("" if step["passed"] else "  FAIL")
            )
            failed_in_a_row = 0 if step["passed"] else failed_in_a_row + 1
            if failed_in_a_row >= 2:
                break
    finally:
        stop_server(server)
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
    passing = [s for s in steps if s["passed"]]
    best = max((s["achieved_rps"] for s in passing), default=0.0)
    cores = os.cpu_count() or 1
    summary = {
        "members_in_db": "1,000,000",
        "saturation_rps": best,
        "per_core_rps": round(best / cores, 1),
        "cores_for_doubled_peak": round(1600 / (best / cores), 1) if best else None,
        "steps": steps,
        "distribution": prepared["distribution"],
    }
    from chibo.documents.models import Distribution

    dist = Distribution.objects.get(pk=prepared["distribution"])
    summary["background_distribution"] = {
        "state": getattr(dist, "state", None) or getattr(dist, "status", None),
        "recipients": dist.recipient_count,
    }
    saved = write_json("load_bench", summary)
    log(
        f"saturation {best:.1f} req/s = {summary['per_core_rps']} per core on {cores} cores; "
        f"doubled city peak (1,600/s) needs {summary['cores_for_doubled_peak']} cores; {saved}"
    )


if __name__ == "__main__":
    main()
