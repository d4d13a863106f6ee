"""Benchmark of the member registry's search and profile page on PostgreSQL (issue targets: name
search p95 < 100 ms, profile page p95 < 80 ms, with 1,000,000 members and 300,000 units).

Uses the scratch database `chibo_bench` (built by bench/tree_bench.py; run `manage.py migrate` on
it first). The bench members were generated before `sort_name` existed: when some have an empty
`sort_name`, it is filled first, set-based (the ~7,500 distinct names are keyed in Python with
`chibo.core.text.name_sort_text`, COPYed into a temporary table, then one `UPDATE … FROM` with the
table's secondary indexes dropped and rebuilt in the same transaction, then `VACUUM FULL` +
`ANALYZE`).

1. Query: `members_for(user, q=…, status="active")` exactly as the list page calls it (the page's
   default status filter), then what its Paginator does: `.count()` and the first page `[:50]`,
   materialised. Two personas: `bench_root` (committee_staff on the root) and `bench_ward`
   (committee_staff on the commune/ward with the most members). Grant cache dropped before each
   call (`policy.forget`), as each HTTP request starts without it. EXPLAIN (ANALYZE, BUFFERS) of
   both SQL statements of every case is saved to bench/out/, the slowest case also as
   `members_search_explain_slowest_*.txt`.
2. HTTP, through gunicorn on 127.0.0.1 (5 sync workers, CHIBO_DEBUG=0): a few closed-loop users
   with their own sessions (SessionStore), first on the full HTML list page `/members/?q=…`
   (root and ward sessions, random query of the set), then on the profile page `/members/<pk>/`
   of random members (root session; each view writes one sensitive-read row).

    .venv/bin/python bench/members_search_bench.py                    # ~4 min
    .venv/bin/python bench/members_search_bench.py --reps 20 --duration 15 --users 3

Every loop is bounded (repetitions and a per-case time cap, phase deadlines, request caps).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
from benchlib import DATABASE_URL, OUT, ensure_persona, setup_django, summarise, write_json

SEED = 20261123
PAGE_SIZE = 50  # chibo.members.views.listing.PAGE_SIZE
CASE_TIME_CAP_S = 25.0
MAX_REQUESTS_PER_USER = 20_000
WARD_USERNAME = "bench_ward"
T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", flush=True)


def fmt(s: dict[str, float]) -> str:
    return f"n={s['n']:>4.0f} p50={s['p50']:7.1f} p95={s['p95']:7.1f} max={s['max']:7.1f} ms"


# --------------------------------------------------------------------------------------------
# sort_name backfill (bench data predates the column)
# --------------------------------------------------------------------------------------------


def fill_sort_names() -> dict[str, Any]:
    from chibo.core.text import name_sort_text

    with psycopg.connect(DATABASE_URL) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM members_member WHERE sort_name = ''")
            row = cur.fetchone()
            empty = int(row[0]) if row else 0
        if not empty:
            log("sort_name already filled")
            return {"filled": 0}
        log(f"filling sort_name of {empty:,} members (set-based)")
        start = time.perf_counter()
        with conn.cursor() as cur:
            cur.execute("SELECT DISTINCT full_name FROM members_member WHERE sort_name = ''")
            names = [r[0] for r in cur.fetchall()]
            cur.execute("CREATE TEMP TABLE bench_sort (full_name text PRIMARY KEY, sort_name text)")
            buffer = io.StringIO()
            for name in names:
                buffer.write(f"{name}\t{name_sort_text(name)}\n")
            with cur.copy("COPY bench_sort (full_name, sort_name) FROM STDIN") as copy:
                copy.write(buffer.getvalue())
            cur.execute("ANALYZE bench_sort")
            from tree_bench import secondary_indexes

            indexes = secondary_indexes(cur, "members_member")
            for name, _ in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            cur.execute(
                "UPDATE members_member m SET sort_name = s.sort_name FROM bench_sort s "
                "WHERE m.full_name = s.full_name AND m.sort_name = ''"
            )
            updated = cur.rowcount
            for _, ddl in indexes:
                cur.execute(ddl)
        conn.commit()
        update_s = time.perf_counter() - start
        log(f"  {updated:,} rows updated, {len(indexes)} indexes rebuilt in {update_s:.1f} s")
        conn.autocommit = True
        start = time.perf_counter()
        with conn.cursor() as cur:
            cur.execute("VACUUM FULL members_member")
            cur.execute("ANALYZE members_member")
        vacuum_s = time.perf_counter() - start
        log(f"  VACUUM FULL + ANALYZE in {vacuum_s:.1f} s")
    return {
        "filled": updated,
        "distinct_names": len(names),
        "update_and_reindex_s": update_s,
        "vacuum_full_analyze_s": vacuum_s,
    }


# --------------------------------------------------------------------------------------------
# Personas, sessions, cases
# --------------------------------------------------------------------------------------------


def ward_persona() -> tuple[Any, Any]:
    """committee_staff on the commune/ward (depth 3) with the most members."""
    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.org.models import OrgUnit

    ward = OrgUnit.objects.filter(depth=3).order_by("-member_count", "path").first()
    if ward is None:
        raise SystemExit("no commune in chibo_bench: run bench/tree_bench.py first")
    user = User.objects.filter(username=WARD_USERNAME).first()
    if user is None:
        user = User.objects.create_user(
            username=WARD_USERNAME, password="bench-only-" + random.randbytes(8).hex()
        )
    Grant.objects.filter(user=user).exclude(unit=ward).delete()
    Grant.objects.get_or_create(user=user, unit=ward, role=Role.COMMITTEE_STAFF)
    return user, ward


def make_session(user: Any) -> str:
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


def search_terms(ward: Any) -> dict[str, list[tuple[str, str]]]:
    """(label, q) per persona: common, broad, two-letter, rare name, card number, card prefix."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT search_name FROM members_member GROUP BY search_name "
            "ORDER BY count(*), search_name LIMIT 1"
        )
        rare = cur.fetchone()[0]
        cur.execute(
            "SELECT m.card_number FROM members_member m JOIN org_orgunit u ON u.id = m.unit_id "
            "WHERE u.path LIKE %s AND m.status IN ('full', 'probationary') "
            "ORDER BY m.id LIMIT 1",
            [ward.path + "%"],
        )
        ward_card = cur.fetchone()[0]
    common = [
        ("'nguyen thi thu'", "nguyen thi thu"),
        ("'Nguyễn Thị Thu' (diacritics)", "Nguyễn Thị Thu"),
        ("'tran van'", "tran van"),
        ("'nguyen'", "nguyen"),
        ("'le' (2 chars)", "le"),
        (f"rare name '{rare}'", rare),
        ("no match 'nguyen van zyx'", "nguyen van zyx"),
        ("card prefix '00012'", "00012"),
    ]
    return {
        "root": [*common, ("card number '000543210'", "000543210")],
        "ward": [*common, (f"card number '{ward_card}' (in the ward)", ward_card)],
    }


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40]


# --------------------------------------------------------------------------------------------
# 1. Query timings
# --------------------------------------------------------------------------------------------


def time_queries(
    personas: dict[str, Any], terms: dict[str, list[tuple[str, str]]], reps: int
) -> list[dict[str, Any]]:
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chibo.access import policy
    from chibo.core.pagination import CappedPaginator
    from chibo.members import queries
    from chibo.members.queries.search import ACTIVE
    from chibo.members.views.listing import COUNT_CAP

    def once(user: Any, q: str) -> tuple[float, float, int, int]:
        """What the list view does: CappedPaginator(...).get_page(1) = a count capped at
        COUNT_CAP, then the page slice (none when the count is 0)."""
        policy.forget(user)
        start = time.perf_counter()
        members = queries.members_for(user, q=q, status=ACTIVE)
        page = CappedPaginator(members, PAGE_SIZE, cap=COUNT_CAP).get_page(1)
        total = page.paginator.count
        middle = time.perf_counter()
        rows = list(page.object_list)
        end = time.perf_counter()
        return (middle - start) * 1000, (end - middle) * 1000, total, len(rows)

    results = []
    for persona, user in personas.items():
        for label, q in terms[persona]:
            for _ in range(3):  # warm-up
                once(user, q)
            totals: list[float] = []
            counts: list[float] = []
            pages: list[float] = []
            deadline = time.perf_counter() + CASE_TIME_CAP_S
            matches = shown = 0
            for _ in range(reps):
                count_ms, page_ms, matches, shown = once(user, q)
                counts.append(count_ms)
                pages.append(page_ms)
                totals.append(count_ms + page_ms)
                if time.perf_counter() > deadline:
                    break
            case: dict[str, Any] = {
                "persona": persona,
                "label": label,
                "q": q,
                "matches": matches,
                "shown": shown,
                "total": summarise(totals),
                "count": summarise(counts),
                "page": summarise(pages),
            }
            # The statements the list page runs, as sent, then their plans; also, for comparison,
            # an unconditional LIMIT 50 (what the page runs when there are >= 50 matches) and a
            # count capped at 1,001 rows (a possible change, not in the code).
            policy.forget(user)
            members = queries.members_for(user, q=q, status=ACTIVE)
            variants = {
                "count": lambda m=members: m.count(),
                "page": lambda m=members: list(Paginator(m, PAGE_SIZE).get_page(1).object_list),
                "limit50": lambda m=members: list(m[:PAGE_SIZE]),
                "capped_count": lambda m=members: m[:1001].count(),
            }
            plans = {}
            for kind, run in variants.items():
                with CaptureQueriesContext(connection) as captured:
                    run()
                statements = [
                    c["sql"] for c in captured.captured_queries if "members_member" in c["sql"]
                ]
                if not statements:
                    continue  # the page of an empty result runs no query
                sql = statements[-1]
                with connection.cursor() as cur:
                    cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plan = "\n".join(r[0] for r in cur.fetchall())
                plans[kind] = f"-- {persona} {label}, {kind}\n{sql}\n\n{plan}\n"
                found = re.search(r"Execution Time: ([0-9.]+) ms", plan)
                case[f"explain_{kind}_ms"] = float(found.group(1)) if found else None
                name = f"members_search_explain_{persona}_{slug(label)}_{kind}.txt"
                (OUT / name).write_text(plans[kind])
            case["plans"] = plans
            results.append(case)
            log(
                f"{persona:<5} {label:<44} {matches:>8,} matches  total {fmt(case['total'])}  "
                f"(count p95 {case['count']['p95']:.1f}, page p95 {case['page']['p95']:.1f}; "
                f"EXPLAIN ms: limit50 {case.get('explain_limit50_ms')}, "
                f"capped count {case.get('explain_capped_count_ms')})"
            )
    slowest = max(results, key=lambda c: c["total"]["p95"])
    for kind, text in slowest["plans"].items():
        (OUT / f"members_search_explain_slowest_{kind}.txt").write_text(text)
    log(f"slowest: {slowest['persona']} {slowest['label']} p95 {slowest['total']['p95']:.1f} ms")
    for case in results:
        del case["plans"]
    return results


# --------------------------------------------------------------------------------------------
# 2. HTTP through gunicorn
# --------------------------------------------------------------------------------------------


@dataclass
class VirtualUser:
    session_key: str
    base_url: str
    urls: list[tuple[str, str]]  # (label, url)
    think_s: float
    deadline: float
    seed: int
    samples: list[tuple[str, float, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def run(self) -> None:
        rng = random.Random(self.seed)
        time.sleep(rng.uniform(0, max(self.think_s, 0.2)))
        with httpx.Client(
            base_url=self.base_url,
            cookies={"sessionid": self.session_key},
            timeout=10.0,
            follow_redirects=False,
        ) as client:
            for _ in range(MAX_REQUESTS_PER_USER):
                if time.perf_counter() >= self.deadline:
                    return
                label, url = rng.choice(self.urls)
                start = time.perf_counter()
                ok = False
                try:
                    response = client.get(url)
                    ok = response.status_code == 200
                    if not ok:
                        self.errors.append(f"{response.status_code} {url}")
                except httpx.HTTPError as exc:
                    self.errors.append(f"{type(exc).__name__} {url}")
                end = time.perf_counter()
                self.samples.append((label, end, (end - start) * 1000, ok))
                if self.think_s > 0:
                    time.sleep(rng.uniform(0.5 * self.think_s, 1.5 * self.think_s))


def run_phase(
    name: str,
    users: list[tuple[str, list[tuple[str, str]]]],
    base_url: str,
    args: argparse.Namespace,
) -> dict[str, Any]:
    begin = time.perf_counter()
    measure_from = begin + args.warmup
    deadline = measure_from + args.duration
    vus = [
        VirtualUser(key, base_url, urls, args.think, deadline, seed=SEED + i)
        for i, (key, urls) in enumerate(users)
    ]
    threads = [threading.Thread(target=v.run, daemon=True) for v in vus]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.warmup + args.duration + 30)
    measured = [s for v in vus for s in v.samples if s[1] >= measure_from]
    by_label: dict[str, list[float]] = {}
    for label, _end, ms, _ok in measured:
        by_label.setdefault(label, []).append(ms)
    result: dict[str, Any] = {
        "phase": name,
        "users": len(vus),
        "think_s_mean": args.think,
        "duration_s": args.duration,
        "requests": len(measured),
        "throughput_rps": len(measured) / args.duration,
        "errors": sum(1 for s in measured if not s[3]),
        "error_examples": [e for v in vus for e in v.errors][:10],
        "all": summarise([s[2] for s in measured]),
        "by_label": {label: summarise(v) for label, v in sorted(by_label.items())},
    }
    log(
        f"HTTP {name}: {result['users']} users, think {args.think} s, {result['requests']} "
        f"requests, {result['throughput_rps']:.1f} req/s, errors {result['errors']}"
    )
    log(f"  ALL {fmt(result['all'])}")
    for label, stats in result["by_label"].items():
        log(f"  {label:<48} {fmt(stats)}")
    return result


def http_phases(
    personas: dict[str, Any], terms: dict[str, list[tuple[str, str]]], args: argparse.Namespace
) -> dict[str, Any]:
    from urllib.parse import urlencode

    from load_tree import free_port, start_server, stop_server

    from chibo.audit.models import SensitiveRead
    from chibo.members.models import Member

    rng = random.Random(SEED)
    list_urls = {
        persona: [(f"{persona} {label}", "/members/?" + urlencode({"q": q})) for label, q in cases]
        for persona, cases in terms.items()
    }
    high = Member.objects.order_by("-id").values_list("id", flat=True).first() or 0
    pks = sorted(rng.sample(range(1, high + 1), min(5000, high)))
    existing = list(Member.objects.filter(id__in=pks).values_list("id", flat=True))
    profile_urls = [("profile /members/<pk>/", f"/members/{pk}/") for pk in existing]

    server_args = argparse.Namespace(
        port=free_port(), workers=args.workers, worker_class="sync", threads=1
    )
    base_url = f"http://127.0.0.1:{server_args.port}"
    root_keys = [make_session(personas["root"]) for _ in range(args.users)]
    ward_keys = [make_session(personas["ward"]) for _ in range(args.users)]
    server = start_server(server_args)
    out: dict[str, Any] = {"workers": args.workers}
    try:
        with httpx.Client(base_url=base_url, timeout=30) as client:
            client.cookies.set("sessionid", root_keys[0])
            codes = [client.get("/members/?q=tran+van").status_code]
            codes.append(client.get(profile_urls[0][1]).status_code)
            client.cookies.set("sessionid", ward_keys[0])
            codes.append(client.get("/members/?q=tran+van").status_code)
            if codes != [200, 200, 200]:
                raise SystemExit(
                    f"session check failed (root list, root profile, ward list): {codes}"
                )
        log(f"session check: /members/ and /members/<pk>/ answer 200 on {base_url}")
        # Half the list users are root sessions, half ward sessions.
        list_users = [
            (root_keys[i], list_urls["root"]) if i % 2 == 0 else (ward_keys[i], list_urls["ward"])
            for i in range(args.users)
        ]
        out["list"] = run_phase("list page /members/?q=", list_users, base_url, args)
        reads_before = SensitiveRead.objects.count()
        out["profile"] = run_phase(
            "profile page", [(k, profile_urls) for k in root_keys], base_url, args
        )
        out["profile"]["sensitive_reads_written"] = SensitiveRead.objects.count() - reads_before
        log(f"  sensitive-read rows written: {out['profile']['sensitive_reads_written']:,}")
        # The service time without queueing: one user, no think time.
        serial = argparse.Namespace(**{**vars(args), "think": 0.0})
        out["profile_serial"] = run_phase(
            "profile page, 1 user, think 0", [(root_keys[0], profile_urls)], base_url, serial
        )
    finally:
        stop_server(server)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=40, help="timed calls per query case")
    parser.add_argument("--users", type=int, default=6, help="concurrent HTTP users")
    parser.add_argument("--think", type=float, default=0.5, help="mean think time, s")
    parser.add_argument("--duration", type=float, default=30, help="measured s per HTTP phase")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured s per HTTP phase")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    setup_django()
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M"), "args": vars(args)}
    results["sort_name_fill"] = fill_sort_names()

    from chibo.members.models import Member

    root_user = ensure_persona()
    ward_user, ward = ward_persona()
    personas = {"root": root_user, "ward": ward_user}
    results["ward"] = {"code": ward.code, "name": ward.name, "member_count": ward.member_count}
    results["members"] = Member.objects.count()
    log(f"ward persona on {ward.code} {ward.name} ({ward.member_count:,} active members)")
    terms = search_terms(ward)
    results["queries"] = time_queries(personas, terms, args.reps)
    write_json("members_search_bench.json", results)
    if not args.skip_http:
        results["http"] = http_phases(personas, terms, args)
    log(f"saved {write_json('members_search_bench.json', results)}")


if __name__ == "__main__":
    main()
