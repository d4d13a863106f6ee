"""A congress of 1,600 delegates at the gate and on the projector (issue 12), on a scratch
database (your demo database or a copy of chibo_bench; never chibo_bench itself). The congress it
makes is deleted at the end (audit events of the run stay, as they must).

    BENCH_DB=chibo_demo_congresses .venv/bin/python bench/congresses_bench.py --delegates 1600

As a committee-staff login on the root unit it creates a congress of delegates on the root, seats
`--delegates` active members as official delegates (bulk insert, random badge tokens), opens one
session under way, then times:
- `gate.check_in` of half the delegates one after another (one gate tablet: scan → answer);
- the other half through `--doors` gates at once (threads, each its own connection), and checks
  that every delegate is checked in exactly once, and that re-sending every badge is refused;
- `queries.projector_state` (what the projector and the tablets poll), `presence_by_session`,
  and `convened_count` + `exclusions` (the base elections reads), each `--repeat` times.
"""

from __future__ import annotations

import argparse
import os
import secrets
import threading
import time

os.environ.setdefault("BENCH_DB", "chibo_demo_congresses")

from benchlib import BENCH_DB, ensure_persona, latency_line, setup_django, summarise, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=1600)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--doors", type=int, default=4)
    args = parser.parse_args()
    setup_django()
    from datetime import timedelta

    from django.db import connection, connections
    from django.utils import timezone

    from chibo.congresses import queries
    from chibo.congresses.actions import gate, setup
    from chibo.congresses.actions.common import TOKEN_ALPHABET
    from chibo.congresses.models import CheckIn, Congress, Delegate
    from chibo.core.errors import Conflict
    from chibo.members.models import Member
    from chibo.org.models import OrgUnit

    print(f"database {BENCH_DB} ({connection.vendor}), {args.delegates} delegates")
    user = ensure_persona()
    root = OrgUnit.objects.get_first_root_node()
    today = timezone.localdate()
    Congress.objects.filter(unit=root, term_start=2099).delete()
    congress = setup.create_congress(
        actor=user,
        unit=root,
        kind="delegates",
        title="Đại hội đo tải",
        term_start=2099,
        term_end=2104,
        starts_on=today,
        ends_on=today,
        cutoff_on=today,
        planned_delegates=args.delegates,
    )
    try:
        now = timezone.now()
        session = setup.add_session(
            actor=user,
            congress_id=congress.pk,
            kind="official",
            title="Phiên đo tải",
            starts_at=now - timedelta(minutes=30),
            ends_at=now + timedelta(hours=3),
        )
        members = list(
            Member.objects.active().order_by("pk").values_list("pk", flat=True)[: args.delegates]
        )
        if len(members) < args.delegates:
            raise SystemExit(f"only {len(members)} active members")
        Delegate.objects.bulk_create(
            Delegate(
                congress=congress,
                member_id=m,
                number=i + 1,
                kind="official",
                basis="elected",
                credentials="accepted",
                badge_token="".join(secrets.choice(TOKEN_ALPHABET) for _ in range(12)),
            )
            for i, m in enumerate(members)
        )
        tokens = list(
            Delegate.objects.filter(congress=congress).values_list("badge_token", flat=True)
        )
        half = len(tokens) // 2
        samples = []
        for token in tokens[:half]:
            start = time.perf_counter()
            gate.check_in(actor=user, congress_id=congress.pk, token=token, session_id=session.pk)
            samples.append((time.perf_counter() - start) * 1000)
        print("check-in, one gate:       ", latency_line(summarise(samples)))

        rest = tokens[half:]
        door_samples: list[float] = []
        lock = threading.Lock()

        def door(index: int) -> None:
            try:
                for token in rest[index :: args.doors]:
                    start = time.perf_counter()
                    gate.check_in(
                        actor=user, congress_id=congress.pk, token=token, session_id=session.pk
                    )
                    with lock:
                        door_samples.append((time.perf_counter() - start) * 1000)
            finally:
                connections.close_all()

        started = time.perf_counter()
        threads = [threading.Thread(target=door, args=(i,)) for i in range(args.doors)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        print(
            f"check-in, {args.doors} gates at once:",
            latency_line(summarise(door_samples)),
            f"({len(rest)} in {wall:.1f} s)",
        )
        rows = CheckIn.objects.filter(session=session)
        distinct = rows.values("delegate").distinct().count()
        print(f"check-ins: {rows.count()} rows, {distinct} delegates (of {len(tokens)})")
        refused = 0
        for token in tokens[:200]:
            try:
                gate.check_in(
                    actor=user, congress_id=congress.pk, token=token, session_id=session.pk
                )
            except Conflict:
                refused += 1
        print(f"second scans refused: {refused}/200; rows still {rows.count()}")

        congress.refresh_from_db()
        for label, fn in (
            ("projector_state", lambda: queries.projector_state(congress)),
            ("presence_by_session", lambda: queries.presence_by_session(congress)),
            (
                "convened_count + exclusions",
                lambda: (queries.convened_count(congress), queries.exclusions(congress)),
            ),
        ):
            times, _result = timed(fn, args.repeat)
            print(f"{label:<27}", latency_line(summarise(times)))
    finally:
        CheckIn.objects.filter(session__congress=congress).delete()
        Delegate.objects.filter(congress=congress).delete()
        congress.delete()


if __name__ == "__main__":
    main()
