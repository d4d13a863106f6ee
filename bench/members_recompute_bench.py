"""Benchmark of `recompute_member_states()` at national scale on PostgreSQL (issue 3: "recomputing
all statuses from events < 60 s" with 1,000,000 members).

Works on the scratch database `chibo_bench` built by `bench/tree_bench.py` (300,000 units,
1,000,000 members; run `manage.py migrate` on it first so that `members_memberevent` exists).
Gives every member a history consistent with their stored state, ~2.3 events a member, written
with COPY (the event table is emptied first; FK triggers and secondary indexes are off during
the copy and the indexes rebuilt after it):

- admission (to the member's branch, or for ~15 % to another branch followed by a permanent
  transfer out and in), full membership with `full_from` = the stored `full_member_on`,
- death / removal / withdrawal for the members with those statuses,
- ~2 % a temporary transfer with its return, ~1 % an exemption and its end.

Then times `recompute_member_states()` (nothing to change: the pure cost of reading and folding
every history), then again after corrupting the cached status of `--corrupt` members (default
1,000: the cost of writing changes back; the corrupted rows are restored by the call itself).

    .venv/bin/python bench/members_recompute_bench.py             # (re)build events, then time
    .venv/bin/python bench/members_recompute_bench.py --reuse     # time only
"""

from __future__ import annotations

import argparse
import io
import json
import random
import time
from datetime import date, timedelta
from typing import Any

import psycopg
from benchlib import DATABASE_URL, setup_django, write_json

SEED = 20261122
T0 = time.perf_counter()
COLUMNS = (
    "member_id",
    "kind",
    "effective_on",
    "decision_number",
    "deciding_body",
    "from_unit_id",
    "to_unit_id",
    "details",
    "recorded_at",
)
LEAVING = {
    "deceased": "death",
    "removed": "removal",
    "expelled": "expulsion",
    "withdrawn": "withdrawal",
}


def log(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", flush=True)


def _row(
    member: int,
    kind: str,
    on: date,
    to_unit: int | None,
    from_unit: int | None,
    details: dict[str, Any],
) -> str:
    return (
        "\t".join(
            (
                str(member),
                kind,
                on.isoformat(),
                "",
                "",
                str(from_unit) if from_unit else r"\N",
                str(to_unit) if to_unit else r"\N",
                json.dumps(details).replace("\\", "\\\\"),
                "2026-11-22 00:00:00+00",
            )
        )
        + "\n"
    )


def history(rng: random.Random, member: tuple[Any, ...], branches: list[int]) -> list[str]:
    member_id, unit_id, status, admitted, full_on = member
    admitted = admitted or date(2000, 1, 1)
    rows = []
    transferred = status != "probationary" and rng.random() < 0.15
    first_unit = rng.choice(branches) if transferred else unit_id
    if first_unit == unit_id:
        transferred = False
    rows.append(_row(member_id, "admission", admitted, first_unit, None, {"ceremony_on": None}))
    day = admitted
    if full_on is not None:
        day = max(full_on, day + timedelta(days=1)) + timedelta(days=20)
        rows.append(
            _row(
                member_id,
                "full_membership",
                day,
                None,
                first_unit,
                {"full_from": full_on.isoformat()},
            )
        )
    if transferred:
        day += timedelta(days=rng.randint(30, 3000))
        rows.append(_row(member_id, "transfer_out", day, unit_id, first_unit, {}))
        day += timedelta(days=rng.randint(3, 40))
        rows.append(_row(member_id, "transfer_in", day, unit_id, first_unit, {}))
    roll = rng.random()
    if status in ("full", "probationary") and roll < 0.02:
        day += timedelta(days=rng.randint(30, 400))
        rows.append(
            _row(member_id, "temporary_out", day, rng.choice(branches), unit_id, {"reason": "work"})
        )
        day += timedelta(days=rng.randint(90, 360))
        rows.append(_row(member_id, "temporary_return", day, None, unit_id, {}))
    elif status == "full" and roll < 0.03:
        day += timedelta(days=rng.randint(30, 400))
        rows.append(_row(member_id, "exemption", day, None, unit_id, {}))
        day += timedelta(days=rng.randint(90, 360))
        rows.append(_row(member_id, "exemption_end", day, None, unit_id, {}))
    if status in LEAVING:
        day += timedelta(days=rng.randint(30, 2000))
        rows.append(_row(member_id, LEAVING[status], day, None, unit_id, {}))
    return rows


def build_events() -> dict[str, float]:
    rng = random.Random(SEED)
    started = time.perf_counter()
    with psycopg.connect(DATABASE_URL) as conn, conn.cursor() as cur:
        cur.execute("TRUNCATE members_memberevent RESTART IDENTITY")
        cur.execute("SELECT DISTINCT unit_id FROM members_member ORDER BY 1")
        branches = [r[0] for r in cur.fetchall()]
        cur.execute(
            """SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'members_memberevent'
            AND indexname NOT IN (SELECT conname FROM pg_constraint
                                  WHERE conrelid = 'members_memberevent'::regclass)"""
        )
        indexes = cur.fetchall()
        for name, _ddl in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        cur.execute("SET session_replication_role = replica")
        # A second connection reads the members while the first one is busy with the COPY.
        reader = psycopg.connect(DATABASE_URL)
        members = reader.cursor(name="members")
        members.itersize = 20000
        # In member order, as the registry would have recorded them: ids follow (member, date).
        members.execute(
            "SELECT id, unit_id, status, admitted_on, full_member_on"
            " FROM members_member ORDER BY id"
        )
        total = 0
        sql = f"COPY members_memberevent ({', '.join(COLUMNS)}) FROM STDIN"
        with cur.copy(sql) as copy:
            buffer = io.StringIO()
            for n, member in enumerate(members, start=1):
                for row in history(rng, member, branches):
                    buffer.write(row)
                    total += 1
                if n % 20000 == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
                if n % 200000 == 0:
                    log(f"  {n:,} members, {total:,} events")
            copy.write(buffer.getvalue())
        members.close()
        reader.close()
        cur.execute("SET session_replication_role = DEFAULT")
        copied = time.perf_counter() - started
        cur.execute("SET maintenance_work_mem = '512MB'")
        for name, ddl in indexes:
            cur.execute(ddl)
            log(f"  rebuilt index {name}")
        conn.commit()
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) members_memberevent")
    log(
        f"{total:,} events copied in {copied:.1f}s, "
        f"indexed and analysed in {time.perf_counter() - started:.1f}s"
    )
    return {"events": total, "copy_s": copied, "total_s": time.perf_counter() - started}


def corrupt(n: int) -> list[int]:
    """Flip the cached status of `n` full members to 'removed' (the recompute must restore it)."""
    with psycopg.connect(DATABASE_URL) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT id FROM members_member WHERE status = 'full' ORDER BY id LIMIT %s", (n,)
        )
        ids = [r[0] for r in cur.fetchall()]
        cur.execute("UPDATE members_member SET status = 'removed' WHERE id = ANY(%s)", (ids,))
        conn.commit()
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the existing events")
    parser.add_argument("--corrupt", type=int, default=1000)
    args = parser.parse_args()
    results: dict[str, Any] = {}
    if not args.reuse:
        results["build"] = build_events()
    setup_django()
    from chibo.members.actions import recompute_member_states
    from chibo.members.models import Member, MemberEvent

    results["members"] = Member.objects.count()
    results["events"] = MemberEvent.objects.count()
    log(
        f"{results['members']:,} members, {results['events']:,} events; "
        "recompute (nothing to change)"
    )
    start = time.perf_counter()
    changed = recompute_member_states()
    results["recompute_unchanged"] = {"seconds": time.perf_counter() - start, "changed": changed}
    log(f"  {results['recompute_unchanged']}")
    if args.corrupt:
        ids = corrupt(args.corrupt)
        log(f"corrupted {len(ids):,} cached statuses; recompute")
        start = time.perf_counter()
        changed = recompute_member_states()
        results["recompute_corrupted"] = {
            "seconds": time.perf_counter() - start,
            "changed": changed,
        }
        log(f"  {results['recompute_corrupted']}")
        restored = Member.objects.filter(pk__in=ids, status="full").count()
        results["restored"] = restored
        log(f"  restored {restored:,}/{len(ids):,}")
    path = write_json("members_recompute.json", results)
    log(f"results in {path}")


if __name__ == "__main__":
    main()
