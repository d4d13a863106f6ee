"""Read receipts at city scale, on PostgreSQL: recording a read with 200 concurrent readers
through gunicorn, and the read-rate chart of a 370,000-member subtree.

Builds (or reuses, `--reuse`) the scratch database `chibo_bench_docd` (override BENCH_DB):
migrate, then a city-shaped tree (168 wards x 4 grassroots committees x 25 branches = 16,800
branches) and `--members` members (default 370,000) spread over the branches (log-normal
sizes), a committee-staff login on the city, and one document sent to the whole city with the
real action (`distribute_document`: INSERT ... SELECT of the receipts, timed) of which ~55 % of
the recipients have read it (seeded, SQL update), then VACUUM ANALYZE.

1. **Read-rate chart** (in-process, warm, `--reps` calls): what the API operation
   `GET /api/v1/documents/{id}/read-rates?unit=CODE` and the page run (`document_for_rates` +
   `rates_unit` + `read_rates`) for the city (370,000 recipients), a ward and a grassroots
   committee; the members-behind count of the page; then the API over HTTP.
2. **Recording reads under load**: `--readers` (default 200) members get a login and a bearer
   token (members of one ward); `--documents` (default 40) more documents are sent to the
   ward so most POSTs are first reads (an UPDATE) and the rest are repeats (idempotent,
   nothing written). Each virtual reader POSTs `/api/v1/documents/{id}/read`: first all at
   once (burst, on the city document), then one phase per `--think` entry, each for
   `--duration` s after `--warmup` s, with the readers' receipts unread again: by default
   "1-5" (a reader opens a document, reads it 1-5 s, opens the next: 200 concurrent readers)
   then "0" (closed loop without think time: the server's saturation throughput). The load
   average is printed before and after each phase.

    .venv/bin/python bench/documents_reads_bench.py                # build, then run (~6 min)
    .venv/bin/python bench/documents_reads_bench.py --reuse
    .venv/bin/python bench/documents_reads_bench.py --reuse --think 1-5,0 --duration 60
    .venv/bin/python bench/documents_reads_bench.py --drop         # drop the scratch database
"""

from __future__ import annotations

import argparse
import os
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

os.environ.setdefault("BENCH_DB", "chibo_bench_docd")  # BENCH_DB=chibo_bench_docf to override

import handbook_bench
import httpx
from benchlib import BENCH_DB, PG_SERVER, in_threads, latency_line, summarise, timed, write_json
from handbook_bench import free_port, log, setup_django, stop_server

ROOT_CODE = "HCMB"
STAFF = "docd_bench_staff"
READER_PREFIX = "docd_reader"
WARDS, GRASSROOTS, BRANCHES = 168, 4, 25
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def step(i: int) -> str:
    digits = ""
    n = i + 1
    while n:
        n, r = divmod(n, 36)
        digits = ALPHABET[r] + digits
    return digits.rjust(4, "0")


def start_server(args: argparse.Namespace) -> Any:
    """The handbook bench's gunicorn, with the app preloaded once in the master (the URL conf
    imports Splink and DuckDB; five workers importing them at once on two cores outlast
    gunicorn's 30 s boot timeout)."""
    os.environ["GUNICORN_CMD_ARGS"] = "--preload --timeout 120"
    return handbook_bench.start_server(args)


def drop() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
    log(f"dropped {BENCH_DB}")


def build(n_members: int) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    setup_django()
    from django.core.management import call_command

    log("migrate")
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    from chibo.core.text import fold, sort_text
    from chibo.demo.rows import insert_rows
    from chibo.members.models import Member
    from chibo.org.models import OrgUnit, UnitKind

    rng = random.Random(370)
    units: list[OrgUnit] = []
    root_path = step(0)
    units.append(
        OrgUnit(
            path=root_path,
            depth=1,
            numchild=WARDS,
            code=ROOT_CODE,
            name="Thành phố (bench)",
            search_name="thanh pho (bench)",
            sort_name="thanh pho (bench)",
            kind=UnitKind.PROVINCIAL_COMMITTEE,
        )
    )
    branches: list[str] = []
    for w in range(WARDS):
        wp = root_path + step(w)
        name = f"Đảng bộ Phường {w + 1}"
        units.append(
            OrgUnit(
                path=wp,
                depth=2,
                numchild=GRASSROOTS,
                code=f"W{w + 1}",
                name=name,
                search_name=fold(name),
                sort_name=sort_text(name),
                kind=UnitKind.UPPER_GRASSROOTS,
            )
        )
        for g in range(GRASSROOTS):
            gp = wp + step(g)
            gname = f"Đảng bộ cơ sở {w + 1}.{g + 1}"
            units.append(
                OrgUnit(
                    path=gp,
                    depth=3,
                    numchild=BRANCHES,
                    code=f"W{w + 1}G{g + 1}",
                    name=gname,
                    search_name=fold(gname),
                    sort_name=sort_text(gname),
                    kind=UnitKind.GRASSROOTS_COMMITTEE,
                )
            )
            for b in range(BRANCHES):
                code = f"W{w + 1}G{g + 1}B{b + 1}"
                bname = f"Chi bộ {b + 1} ({w + 1}.{g + 1})"
                units.append(
                    OrgUnit(
                        path=gp + step(b),
                        depth=4,
                        numchild=0,
                        code=code,
                        name=bname,
                        search_name=fold(bname),
                        sort_name=sort_text(bname),
                        kind=UnitKind.BRANCH,
                    )
                )
                branches.append(code)
    log(f"units: {len(units):,}")
    OrgUnit.objects.bulk_create(units, batch_size=5000)
    ids = dict(OrgUnit.objects.filter(code__in=branches).values_list("code", "id"))
    weights = [rng.lognormvariate(0, 0.5) for _ in branches]
    chosen = rng.choices(branches, weights=weights, k=n_members)
    log(f"members: {n_members:,}")
    started = time.perf_counter()
    insert_rows(
        Member,
        (
            {
                "unit_id": ids[code],
                "full_name": f"Đảng viên {i}",
                "search_name": f"dang vien {i}",
                "sort_name": f"dang vien {i:07d}",
                "gender": "female" if i % 2 else "male",
                "status": "full" if i % 25 else "probationary",
            }
            for i, code in enumerate(chosen)
        ),
        chunk=10_000,
    )
    log(f"members written in {time.perf_counter() - started:.0f} s")
    return {"units": len(units), "members": n_members}


def prepare(n_readers: int, n_documents: int) -> dict[str, Any]:
    """The staff login, the city document sent (timed), reads, the readers' tokens."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    from chibo.access import actions as access_actions
    from chibo.access.models import Grant, User
    from chibo.access.roles import Role
    from chibo.documents.distribution import actions
    from chibo.documents.models import Distribution, Document, DocumentKind, Receipt
    from chibo.members.models import Member
    from chibo.org.models import OrgUnit

    root = OrgUnit.objects.get(code=ROOT_CODE)
    password = make_password("bench-docd")
    staff, _c = User.objects.get_or_create(username=STAFF, defaults={"password": password})
    Grant.objects.get_or_create(user=staff, unit=root, role=Role.COMMITTEE_STAFF)
    info: dict[str, Any] = {}
    city_doc = Document.objects.filter(number="57-NQ/TW", owner_unit=root).first()
    if city_doc is None:
        city_doc = _document(root, "57-NQ/TW", DocumentKind.RESOLUTION)
        # What the request does (authorise, validate, create the queued distribution, audit),
        # then the background job (receipts chunk by chunk, progress, notices), timed apart.
        started = time.perf_counter()
        distribution = actions.distribute_document(
            actor=staff, document_id=city_doc.pk, unit=root, today=date.today(), background=True
        )
        info["distribute_city_request_s"] = round(time.perf_counter() - started, 3)
        started = time.perf_counter()
        distribution = actions.materialise_distribution(distribution.pk)
        info["distribute_city_job_s"] = round(time.perf_counter() - started, 2)
        info["recipients"] = distribution.recipient_count
        log(
            f"distribution to the city: request {info['distribute_city_request_s']} s "
            f"(queued); job {info['distribute_city_job_s']} s for "
            f"{distribution.recipient_count:,} receipts ({distribution.units_total:,} units in "
            f"chunks of {actions.UNITS_PER_CHUNK}, notices)"
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT setseed(0.37)")
            cursor.execute(
                "UPDATE documents_receipt SET read_at = now() - (random() * interval '6 days') "
                "WHERE document_id = %s AND random() < 0.55",
                [city_doc.pk],
            )
            info["read"] = cursor.rowcount
            cursor.execute("VACUUM (ANALYZE)")
    # Readers: members of one ward (a ward's members reading on their phones), with logins.
    ward = OrgUnit.objects.get(code="W1")
    readers = list(User.objects.filter(username__startswith=READER_PREFIX).order_by("username"))
    if len(readers) < n_readers:
        pool = list(
            Member.objects.filter(unit__path__startswith=ward.path, user__isnull=True)
            .order_by("?")
            .values_list("pk", flat=True)[: n_readers - len(readers)]
        )
        for i, member_pk in enumerate(pool, start=len(readers)):
            user = User.objects.create(username=f"{READER_PREFIX}{i:04d}", password=password)
            Member.objects.filter(pk=member_pk).update(user=user)
            readers.append(user)
    tokens = []
    for user in readers[:n_readers]:
        _t, raw = access_actions.create_token(actor=user, owner=user, name="bench")
        tokens.append(raw)
    # Documents sent to the ward, so that most POSTs of the loop are first reads.
    small = list(Document.objects.filter(issuer="BENCH").order_by("pk"))
    for k in range(len(small), n_documents):
        doc = _document(root, f"{k + 1}-HD/BENCH", DocumentKind.GUIDANCE)
        actions.distribute_document(actor=staff, document_id=doc.pk, unit=ward, background=False)
        small.append(doc)
    Receipt.objects.filter(document__in=small).update(read_at=None)
    Receipt.objects.filter(document=city_doc, member__user__in=readers).update(read_at=None)
    info["distributions"] = Distribution.objects.count()
    info["receipts"] = Receipt.objects.count()
    return {
        "info": info,
        "tokens": tokens,
        "city_doc": city_doc.pk,
        "documents": [city_doc.pk] + [d.pk for d in small],
        "staff": staff,
        "root": root,
    }


def _document(root: Any, number: str, kind: str) -> Any:
    from chibo.documents.models import Document

    return Document.objects.create(
        owner_unit=root,
        kind=kind,
        number=number,
        serial=int(number.split("-")[0]),
        issuer=number.rsplit("/", 1)[-1],
        issued_on=date(2025, 1, 1),
        title=f"Văn bản bench {number}",
        search_text=f"van ban bench {number}",
    )


def rate_timings(prepared: dict[str, Any], reps: int, base_url: str | None) -> dict[str, Any]:
    from chibo.access.policy import forget
    from chibo.documents.distribution import queries
    from chibo.org.models import OrgUnit

    staff, doc_id = prepared["staff"], prepared["city_doc"]
    ward = OrgUnit.objects.get(code="W1")
    grassroots = OrgUnit.objects.get(code="W1G1")
    results: dict[str, Any] = {}
    for label, unit in (("city", prepared["root"]), ("ward", ward), ("grassroots", grassroots)):

        def run(code: str = unit.code) -> Any:
            forget(staff)
            document = queries.document_for_rates(staff, doc_id)
            where = queries.rates_unit(staff, document, code)
            return queries.read_rates(staff, document, where)

        timed(run, 3)
        samples, rates = timed(run, reps)
        results[f"read_rates_{label}"] = {
            **summarise(samples),
            "recipients": rates.total,
            "read": rates.read,
            "rows": len(rates.rows),
        }
        log(
            f"read rates {label:<10} ({rates.total:>7,} recipients, {len(rates.rows)} rows): "
            f"p50 {results[f'read_rates_{label}']['p50']:.1f}  "
            f"p95 {results[f'read_rates_{label}']['p95']:.1f} ms"
        )

        def behind(unit: Any = unit) -> int:
            from chibo.documents.models import Document

            document = Document.objects.get(pk=doc_id)
            return queries.unread_members(staff, document, unit).count()

        timed(behind, 2)
        samples, count = timed(behind, max(5, reps // 3))
        results[f"unread_count_{label}"] = {**summarise(samples), "count": count}
        log(
            f"members behind count {label:<10} ({count:,}): "
            f"p95 {results[f'unread_count_{label}']['p95']:.1f} ms"
        )
    if base_url:
        token = prepared["tokens"][0]
        from chibo.access import actions as access_actions

        _t, token = access_actions.create_token(actor=staff, owner=staff, name="bench-rates")
        with httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        ) as client:
            url = f"/api/v1/documents/{doc_id}/read-rates?unit={ROOT_CODE}"
            for _ in range(3):
                client.get(url)
            samples = []
            for _ in range(reps):
                start = time.perf_counter()
                answer = client.get(url)
                samples.append((time.perf_counter() - start) * 1000)
                assert answer.status_code == 200, answer.text[:200]
            results["http_read_rates_city"] = summarise(samples)
            log(
                f"HTTP GET read-rates city: p50 {results['http_read_rates_city']['p50']:.1f}  "
                f"p95 {results['http_read_rates_city']['p95']:.1f} ms"
            )
            page = f"/documents/{doc_id}/read-rates/?unit={ROOT_CODE}"
            samples = []
            for _ in range(max(5, reps // 3)):
                start = time.perf_counter()
                answer = client.get(page)
                samples.append((time.perf_counter() - start) * 1000)
            results["http_page_city_status"] = answer.status_code
            results["http_page_city"] = summarise(samples)
    return results


@dataclass
class Reader:
    token: str
    documents: list[int]
    base_url: str
    seed: int
    posts: list[tuple[float, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    round: int = 0

    def read_once(self, client: httpx.Client, document: int | None = None) -> None:
        if document is None:
            document = self.documents[self.round % len(self.documents)]
            self.round += 1
        start = time.perf_counter()
        try:
            answer = client.post(f"/api/v1/documents/{document}/read")
            ok = answer.status_code == 200
            if not ok:
                self.errors.append(f"{answer.status_code} {answer.text[:80]}")
        except httpx.HTTPError as exc:
            ok = False
            self.errors.append(type(exc).__name__)
        end = time.perf_counter()
        self.posts.append((end, (end - start) * 1000, ok))

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, headers={"Authorization": f"Bearer {self.token}"}, timeout=10
        )


def burst(readers: list[Reader], document: int) -> None:
    barrier = threading.Barrier(len(readers))

    def go(reader: Reader) -> None:
        with reader.client() as client:
            client.get("/api/v1/tokens")  # open the connection before the barrier
            barrier.wait()
            reader.read_once(client, document)

    in_threads(go, readers, timeout=120)


def parse_think(spec: str) -> tuple[float, float]:
    """`"1-5"`: uniform 1-5 s; `"1"`: uniform 0.5-1.5 s; `"0"`: no think time (closed loop)."""
    if "-" in spec:
        low, high = (float(x) for x in spec.split("-", 1))
        return low, high
    mean = float(spec)
    return 0.5 * mean, 1.5 * mean


def think_label(low: float, high: float) -> str:
    return f"think {low:g}-{high:g} s" if high > 0 else "closed loop, no think time"


def run_loop(
    readers: list[Reader], think: tuple[float, float], warmup: float, duration: float
) -> float:
    """Each reader POSTs a read, reads the document for `think` s (uniform), opens the next one.
    Readers start spread over the first think interval; returns when the measure starts."""
    low, high = think
    measure_from = time.perf_counter() + warmup
    deadline = measure_from + duration

    def go(reader: Reader) -> None:
        rng = random.Random(reader.seed)
        time.sleep(rng.uniform(0, high))
        with reader.client() as client:
            while time.perf_counter() < deadline:
                reader.read_once(client)
                if high > 0:
                    time.sleep(rng.uniform(low, high))

    in_threads(go, readers, timeout=warmup + duration + 60)
    return measure_from


def report(
    name: str, readers: list[Reader], since: float = 0.0, until: float | None = None
) -> dict[str, Any]:
    posts = [s for r in readers for s in r.posts if s[0] >= since]
    if until is not None:
        posts = [s for s in posts if s[0] <= until]
    stats = summarise([s[1] for s in posts])
    errors = sum(1 for s in posts if not s[2])
    load = os.getloadavg()
    print(
        f"\n== {name}: {len(readers)} readers, {len(posts)} reads, errors {errors}, "
        f"load avg {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} ==\n"
        f"POST read: {latency_line(stats)}",
        flush=True,
    )
    return {
        "phase": name,
        "readers": len(readers),
        "reads": len(posts),
        "errors": errors,
        "load_avg_after": load,
        "error_examples": [e for r in readers for e in r.errors][:5],
        "post_ms": stats,
    }


def unread_readers_receipts() -> None:
    """Every phase starts with the readers' receipts unread, so most POSTs are first reads."""
    from chibo.documents.models import Receipt

    Receipt.objects.filter(member__user__username__startswith=READER_PREFIX).update(read_at=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=370_000)
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument(
        "--think",
        default="1-5,0",
        help='phases, comma-separated: "1-5" = read each document 1-5 s (uniform) before the '
        'next; "1" = 0.5-1.5 s; "0" = closed loop without think time',
    )
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
    results: dict[str, Any] = {"db": BENCH_DB, "args": vars(args)}
    if args.reuse:
        setup_django()
    else:
        results["build"] = build(args.members)
    prepared = prepare(args.readers, args.documents)
    results["data"] = prepared["info"]
    base_url = f"http://127.0.0.1:{args.port}"
    server = start_server(args)
    try:
        results["rates"] = rate_timings(prepared, args.reps, base_url)
        readers = [
            Reader(t, prepared["documents"], base_url, seed=i)
            for i, t in enumerate(prepared["tokens"])
        ]
        burst(readers, prepared["city_doc"])
        results["burst"] = report("burst (all at once, first reads)", readers)
        results["phases"] = []
        for spec in args.think.split(","):
            think = parse_think(spec.strip())
            for r in readers:
                r.posts.clear()
                r.errors.clear()
            unread_readers_receipts()
            load = os.getloadavg()
            log(f"{think_label(*think)}: load avg before {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
            since = run_loop(readers, think, args.warmup, args.duration)
            phase = report(think_label(*think), readers, since=since, until=since + args.duration)
            phase["load_avg_before"] = load
            phase["think_s"] = think
            phase["reads_per_s"] = round(phase["reads"] / args.duration, 1)
            results["phases"].append(phase)
        from chibo.documents.models import Receipt

        read = Receipt.objects.filter(
            member__user__username__startswith=READER_PREFIX, read_at__isnull=False
        ).count()
        print(f"receipts of the readers now read: {read:,}", flush=True)
        results["readers_receipts_read"] = read
        write_json("documents_reads_bench.json", results)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
