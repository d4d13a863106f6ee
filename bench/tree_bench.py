"""Benchmark of the organisation tree reads at national scale on PostgreSQL.

Builds (or, with --reuse, reuses) the scratch database `chibo_bench`: 300,000 units in the national
shape (central → 34 provinces → 3,321 communes → 60,000 grassroots organisations → ~236,600
branches) and 1,000,000 members, generated in Python and loaded with COPY. Then times, through the
real query functions and a persona with a committee_staff grant on the root:

- `children_of()` at every level, `unit.member_count` (the cache the tree shows),
- `count_active_in_subtree()` (the live count) at every level, `search_units()`,
- `refresh_member_counts()`,

and saves EXPLAIN (ANALYZE, BUFFERS) of every query to bench/out/.

    .venv/bin/python bench/tree_bench.py            # build from scratch (~2-4 min), then time
    .venv/bin/python bench/tree_bench.py --reuse    # time only, on the existing database
"""

from __future__ import annotations

import argparse
import functools
import io
import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

import psycopg
from benchlib import (
    BENCH_DB,
    DATABASE_URL,
    OUT,
    PG_SERVER,
    ensure_persona,
    setup_django,
    summarise,
    timed,
    write_json,
)

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
SEED = 20260701
T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", flush=True)


def segment(index: int) -> str:
    """The 1-based `index`-th treebeard path step: 4 base-36 characters."""
    out = ""
    for _ in range(STEPLEN):
        index, rest = divmod(index, 36)
        out = ALPHABET[rest] + out
    return out


def allocate(total: int, weights: Sequence[float], minimum: int) -> list[int]:
    """Split `total` into integer shares proportional to `weights`, each at least `minimum`."""
    spare = total - minimum * len(weights)
    if spare < 0:
        raise ValueError("total too small for the minimum share")
    scale = spare / sum(weights)
    raw = [w * scale for w in weights]
    shares = [int(r) for r in raw]
    short = spare - sum(shares)
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[:short]:
        shares[i] += 1
    return [s + minimum for s in shares]


# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------

GRASSROOTS_ORGS = [
    "Trường THPT",
    "Trường THCS",
    "Trường Tiểu học",
    "Trường Mầm non",
    "Trạm Y tế",
    "Bệnh viện",
    "Công ty Cổ phần",
    "Công ty TNHH",
    "Hợp tác xã",
    "Cơ quan Ủy ban nhân dân",
    "Công an",
    "Ban Chỉ huy Quân sự",
    "Ngân hàng",
    "Chi cục Thuế",
]
BRANCH_KINDS = [
    "Khu phố",
    "Tổ dân phố",
    "Ấp",
    "Thôn",
    "Phòng Hành chính",
    "Phòng Kế toán",
    "Khoa Nội",
    "Khoa Ngoại",
    "Giáo viên",
    "Phân xưởng",
    "Đội sản xuất",
    "Cựu chiến binh",
]
FAMILY = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 4),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Đình", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Minh", "Hồng"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thành",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hằng",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Tuyết",
    "Vân",
    "Xuân",
    "Yến",
]

UNIT_COLUMNS = (
    "id",
    "path",
    "depth",
    "numchild",
    "code",
    "name",
    "search_name",
    "sort_name",
    "kind",
    "status",
    "founded_on",
    "ended_on",
    "admin_code",
    "admin_code_scheme",
    "member_count",
)
MEMBER_COLUMNS = (
    "unit_id",
    "full_name",
    "search_name",
    "gender",
    "birth_date",
    "admitted_on",
    "full_member_on",
    "card_number",
    "status",
)


class Unit:
    __slots__ = ("admin_code", "code", "id", "kind", "name", "numchild", "path", "status")

    def __init__(self, uid: int, path: str, code: str, name: str, kind: str) -> None:
        self.id = uid
        self.path = path
        self.code = code
        self.name = name
        self.kind = kind
        self.numchild = 0
        self.status = "active"
        self.admin_code = ""


def build_units(n_units: int, rng: random.Random) -> list[Unit]:
    """The national shape: central → provinces → communes → grassroots → branches."""
    from vietnam_provinces import Province, Ward

    provinces = sorted(Province.iter_all(), key=lambda p: int(p.code))
    wards_by_province: dict[int, list[Any]] = {}
    for ward in Ward.iter_all():
        wards_by_province.setdefault(int(ward.province_code), []).append(ward)
    n_wards = sum(len(w) for w in wards_by_province.values())
    n_grassroots = round(n_units * 0.2)
    n_branches = n_units - 1 - len(provinces) - n_wards - n_grassroots
    if n_branches < n_grassroots:
        raise SystemExit(f"--units {n_units} is too small for the national shape")

    units: list[Unit] = []

    def add(parent: Unit | None, code: str, name: str, kind: str) -> Unit:
        if parent is None:
            path = segment(1)
        else:
            parent.numchild += 1
            path = parent.path + segment(parent.numchild)
        unit = Unit(len(units) + 1, path, code, name, kind)
        units.append(unit)
        return unit

    root = add(None, "TW", "Đảng bộ Trung ương (cấp trên cơ sở, mô phỏng)", "central")
    ward_units: list[tuple[Unit, Any]] = []
    for province in provinces:
        p_unit = add(
            root, f"P{int(province.code):02d}", f"Đảng bộ {province.name}", "provincial_committee"
        )
        p_unit.admin_code = str(int(province.code))
        for ward in sorted(wards_by_province[int(province.code)], key=lambda w: int(w.code)):
            w_unit = add(
                p_unit, f"X{int(ward.code):05d}", f"Đảng bộ {ward.name}", "upper_grassroots"
            )
            w_unit.admin_code = str(int(ward.code))
            ward_units.append((w_unit, ward))

    # Grassroots organisations per commune: skewed (a city ward hosts more than a mountain commune).
    per_ward = allocate(n_grassroots, [rng.lognormvariate(0, 0.6) for _ in ward_units], 1)
    committees: list[Unit] = []
    serial = itertools.count(1)
    for (w_unit, ward), count in zip(ward_units, per_ward, strict=True):
        urban = ward.name.startswith("Phường")
        for j in range(1, count + 1):
            if rng.random() < 0.35:
                area = "Khu phố" if urban else rng.choice(("Ấp", "Thôn"))
                add(
                    w_unit,
                    f"CS{next(serial):06d}",
                    f"Chi bộ {area} {j} {ward.name}",
                    "grassroots_branch",
                )
            else:
                org = rng.choice(GRASSROOTS_ORGS)
                committees.append(
                    add(
                        w_unit,
                        f"CS{next(serial):06d}",
                        f"Đảng bộ {org} số {j} {ward.name}",
                        "grassroots_committee",
                    )
                )
    # Branches per grassroots committee: at least 2, a long tail of large enterprises.
    per_committee = allocate(n_branches, [rng.lognormvariate(0, 0.8) for _ in committees], 2)
    serial = itertools.count(1)
    for c_unit, count in zip(committees, per_committee, strict=True):
        for k in range(1, count + 1):
            kind_name = rng.choice(BRANCH_KINDS)
            b_unit = add(c_unit, f"CB{next(serial):06d}", f"Chi bộ {kind_name} {k}", "branch")
            if rng.random() < 0.005:
                b_unit.status = "dissolved"
    return units


def unit_rows(units: list[Unit]) -> Iterator[str]:
    from chibo.core.text import fold, sort_text

    for u in units:
        depth = len(u.path) // STEPLEN
        ended = "2025-06-30" if u.status == "dissolved" else r"\N"
        scheme = "post_2025" if u.admin_code else ""
        yield (
            f"{u.id}\t{u.path}\t{depth}\t{u.numchild}\t{u.code}\t{u.name}\t{fold(u.name)}\t"
            f"{sort_text(u.name)}\t"
            f"{u.kind}\t{u.status}\t1990-01-01\t{ended}\t{u.admin_code}\t{scheme}\t0\n"
        )


def member_rows(units: list[Unit], n_members: int, rng: random.Random) -> Iterator[str]:
    """Members in leaf units (branches and grassroots branches), in random insertion order."""
    from chibo.core.text import fold

    leaves = [u for u in units if u.numchild == 0 and u.status == "active" and len(u.path) >= 16]
    shares = allocate(n_members, [rng.lognormvariate(0, 0.7) for _ in leaves], 1)
    unit_ids = [u.id for u, s in zip(leaves, shares, strict=True) for _ in range(s)]
    rng.shuffle(unit_ids)
    families = [f for f, _ in FAMILY]
    family_weights = [w for _, w in FAMILY]
    folded = {
        w: fold(w) for w in [*families, *MIDDLE_MALE, *MIDDLE_FEMALE, *GIVEN_MALE, *GIVEN_FEMALE]
    }
    statuses = ["full", "probationary", "deceased", "removed", "withdrawn"]
    status_weights = [93, 4, 1.5, 1, 0.5]
    family_pick = rng.choices(families, family_weights, k=n_members)
    status_pick = rng.choices(statuses, status_weights, k=n_members)
    base = date(1940, 1, 1).toordinal()
    for i, unit_id in enumerate(unit_ids):
        female = rng.random() < 0.38
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        family = family_pick[i]
        birth = base + rng.randrange(0, 60 * 365)
        admitted = birth + rng.randrange(18 * 365, 40 * 365)
        status = status_pick[i]
        full_on = (
            r"\N" if status == "probationary" else date.fromordinal(admitted + 365).isoformat()
        )
        yield (
            f"{unit_id}\t{family} {middle} {given}\t"
            f"{folded[family]} {folded[middle]} {folded[given]}\t"
            f"{'female' if female else 'male'}\t{date.fromordinal(birth).isoformat()}\t"
            f"{date.fromordinal(admitted).isoformat()}\t{full_on}\t{i + 1:09d}\t{status}\n"
        )


def secondary_indexes(cur: psycopg.Cursor[Any], table: str) -> list[tuple[str, str]]:
    """Indexes of `table` that back no constraint: dropped for the load, rebuilt after."""
    cur.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = %s AND i.indexname NOT IN (
            SELECT c.conname FROM pg_constraint c WHERE c.conrelid = %s::regclass)
        """,
        (table, table),
    )
    return [(name, ddl) for name, ddl in cur.fetchall()]


def blank_defaults(cur: psycopg.Cursor[Any], table: str, columns: Sequence[str]) -> list[str]:
    """Set '' / false as the default of NOT NULL text/boolean columns missing from `columns`."""
    cur.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL",
        [table],
    )
    defaulted = []
    for column, data_type in cur.fetchall():
        if column in columns or column == "id":
            continue
        value = {"boolean": "false", "integer": "0", "jsonb": "'{}'"}.get(data_type, "''")
        cur.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DEFAULT {value}')
        defaulted.append(column)
    return defaulted


def copy_rows(
    conn: psycopg.Connection[Any],
    table: str,
    columns: Sequence[str],
    rows: Iterator[str],
    total: int,
    label: str,
) -> None:
    with conn.cursor() as cur:
        indexes = secondary_indexes(cur, table)
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        # Generated data is consistent: skip per-row FK triggers during the load.
        cur.execute("SET session_replication_role = replica")
        # Columns added to the model since this generator was written (NOT NULL, default only in
        # Django, e.g. members' `photo`): give them a database default for the load, dropped after.
        defaulted = blank_defaults(cur, table, columns)
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        buffer = io.StringIO()
        done = 0
        step = max(total // 10, 1)
        with cur.copy(sql) as copy:
            for row in rows:
                buffer.write(row)
                done += 1
                if done % 20000 == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
                if done % step == 0:
                    log(f"  {label}: {done:,}/{total:,} rows copied")
            copy.write(buffer.getvalue())
        for column in defaulted:
            cur.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" DROP DEFAULT')
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("SET maintenance_work_mem = '512MB'")
        for name, ddl in indexes:
            start = time.perf_counter()
            cur.execute(ddl)
            log(f"  {label}: rebuilt index {name} ({time.perf_counter() - start:.1f}s)")
    conn.commit()


def create_database() -> None:
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DB}"')


def database_has_data(n_units: int) -> bool:
    try:
        with psycopg.connect(DATABASE_URL, connect_timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM org_orgunit").fetchone()
            return bool(row and row[0] >= n_units)
    except psycopg.Error:
        return False


def generate(n_units: int, n_members: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    rng = random.Random(SEED)
    start = time.perf_counter()
    log(f"creating database {BENCH_DB}")
    create_database()
    setup_django()
    from django.core.management import call_command

    log("migrate")
    call_command("migrate", verbosity=0, interactive=False)
    timings["create_and_migrate_s"] = time.perf_counter() - start

    start = time.perf_counter()
    log(f"building {n_units:,} units in memory")
    units = build_units(n_units, rng)
    with psycopg.connect(DATABASE_URL) as conn:
        copy_rows(conn, "org_orgunit", UNIT_COLUMNS, unit_rows(units), len(units), "units")
        conn.execute(
            "SELECT setval(pg_get_serial_sequence('org_orgunit', 'id'), max(id)) FROM org_orgunit"
        )
        conn.commit()
        timings["load_units_s"] = time.perf_counter() - start
        start = time.perf_counter()
        log(f"generating and copying {n_members:,} members")
        copy_rows(
            conn,
            "members_member",
            MEMBER_COLUMNS,
            member_rows(units, n_members, rng),
            n_members,
            "members",
        )
    timings["load_members_s"] = time.perf_counter() - start
    return timings


# Experiment only (never left in place): treebeard's get_children() filters `depth = d AND path
# BETWEEN p AND p||'ZZZZ'`; with no index on depth, the root's children scan the whole table.
EXTRA_INDEX = "CREATE INDEX IF NOT EXISTS bench_orgunit_depth_path ON org_orgunit (depth, path)"

REFRESH_IN_SQL = """
WITH own AS (
    SELECT u.path, count(*) AS n
    FROM members_member m JOIN org_orgunit u ON u.id = m.unit_id
    WHERE m.status IN ('full', 'probationary')
    GROUP BY u.path
), totals AS (
    SELECT substr(own.path, 1, 4 * d) AS path, sum(own.n) AS n
    FROM own, generate_series(1, length(own.path) / 4) AS d
    GROUP BY 1
)
UPDATE org_orgunit u SET member_count = coalesce(t.n, 0)
FROM org_orgunit x LEFT JOIN totals t ON t.path = x.path
WHERE u.id = x.id AND u.member_count IS DISTINCT FROM coalesce(t.n, 0)
"""


def refresh_in_sql_for_comparison() -> dict[str, float]:
    """Time a set-based alternative to refresh_member_counts(), then roll it back.

    Not production code: evidence for a recommendation. Counts are zeroed first (inside the same
    transaction) so the statement rewrites every cache, as the first refresh above did.
    """
    with psycopg.connect(DATABASE_URL) as conn:
        conn.execute("UPDATE org_orgunit SET member_count = 0")
        start = time.perf_counter()
        cur = conn.execute(REFRESH_IN_SQL)
        every = time.perf_counter() - start
        rows = cur.rowcount
        conn.rollback()
        start = time.perf_counter()
        conn.execute(REFRESH_IN_SQL)
        steady = time.perf_counter() - start
        conn.rollback()
    return {"all_changed_s": every, "rows_updated": rows, "none_changed_s": steady}


def vacuum_analyze() -> float:
    start = time.perf_counter()
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) org_orgunit")
        conn.execute("VACUUM (ANALYZE) members_member")
    return time.perf_counter() - start


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------

LEVELS = [
    (1, "root (central)"),
    (2, "province"),
    (3, "commune/ward"),
    (4, "grassroots"),
    (5, "branch"),
]


def sample_units(depth: int, k: int, rng: random.Random, *, with_children: bool) -> list[Any]:
    from chibo.org.models import OrgUnit

    qs = OrgUnit.objects.filter(depth=depth, status="active")
    if with_children:
        qs = qs.filter(numchild__gt=0)
    ids = list(qs.values_list("id", flat=True))
    picked = rng.sample(ids, min(k, len(ids)))
    return list(OrgUnit.objects.filter(id__in=picked))


def explain_calls(name: str, call: Callable[[], Any], tag: str = "") -> list[str]:
    """Run `call`, then EXPLAIN (ANALYZE, BUFFERS) every SELECT it issued; save to bench/out/."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    plans = []
    with connection.cursor() as cur:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(r[0] for r in cur.fetchall())
            plans.append(f"-- {sql}\n{plan}\n")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"explain_{name}{tag}.txt").write_text("\n".join(plans))
    return plans


def bench_queries(reps: int, tag: str = "") -> dict[str, Any]:
    from chibo.access.policy import forget
    from chibo.members.queries import count_active_in_subtree
    from chibo.org.queries import children_of, get_unit_for_user, search_units

    rng = random.Random(SEED + 1)
    user = ensure_persona()
    results: dict[str, Any] = {}

    def run(label: str, units: list[Any], fn: Callable[[Any], Any], n: int) -> None:
        cycle = itertools.cycle(units)

        def once() -> Any:
            forget(user)  # a request starts without the grant cache: include its lookup
            return fn(next(cycle))

        timed(once, min(5, n))  # warm-up, not recorded
        samples, _ = timed(once, n)
        stats = summarise(samples)
        results[label] = stats
        print(
            f"  {label:<46} n={stats['n']:>4}  p50={stats['p50']:8.2f}  "
            f"p95={stats['p95']:8.2f}  max={stats['max']:8.2f} ms",
            flush=True,
        )

    def children(unit: Any) -> int:
        # As the view does: the unit by code (404/403 check), then at most 201 children.
        found = get_unit_for_user(user, unit.code)
        return len(list(children_of(user, found)[:201]))

    def cached_count(unit: Any) -> int:
        return get_unit_for_user(user, unit.code).member_count

    def live_count(unit: Any) -> int:
        return count_active_in_subtree(user, unit)

    samples_by_level: dict[int, list[Any]] = {}
    for depth, _ in LEVELS:
        samples_by_level[depth] = sample_units(depth, 50, rng, with_children=depth < 5)

    log("children_of (get_unit_for_user + children_of()[:201], as the HTMX view)")
    for depth, label in LEVELS[:4]:
        units = samples_by_level[depth]
        sizes = sorted(u.numchild for u in units)
        run(f"children_of {label} (children {sizes[0]}-{sizes[-1]})", units, children, reps)

    log("cached subtree count (get_unit_for_user(...).member_count)")
    for depth, label in LEVELS:
        run(f"cached count {label}", samples_by_level[depth], cached_count, reps)

    log("live subtree count (count_active_in_subtree)")
    live_reps = {1: max(reps // 20, 10), 2: max(reps // 4, 20)}
    for depth, label in LEVELS:
        units = samples_by_level[depth]
        counts = sorted(u.member_count for u in units)
        run(
            f"live count {label} ({counts[0]:,}-{counts[-1]:,} members)",
            units,
            live_count,
            live_reps.get(depth, reps),
        )

    log("search_units (trigram index on search_name), first 50 as the view")
    for q in ("phuong ba dinh", "xa tan phu", "truong thpt so 3", "phuong", "ba"):

        def search(_unit: Any, q: str = q) -> int:
            return len(list(search_units(user, q)[:50]))

        run(f"search '{q}'", [None], search, max(reps // 3, 20))

    log("consistency: cached count == live count on sampled units")
    mismatches = [
        u.code
        for depth, _ in LEVELS[1:]
        for u in samples_by_level[depth][:5]
        if u.member_count != count_active_in_subtree(user, u)
    ]
    results["cache_mismatches"] = mismatches
    print(f"  mismatches: {mismatches or 'none'}")

    log("EXPLAIN (ANALYZE, BUFFERS) → bench/out/")
    for depth, label in LEVELS:
        unit = samples_by_level[depth][0]
        slug = label.split()[0].replace("/", "_")
        if depth < 5:
            explain_calls(f"children_{slug}", functools.partial(children, unit), tag)
        explain_calls(f"live_count_{slug}", functools.partial(live_count, unit), tag)
    explain_calls(
        "search_phuong_ba_dinh", lambda: list(search_units(user, "phuong ba dinh")[:50]), tag
    )
    explain_calls("search_phuong", lambda: list(search_units(user, "phuong")[:50]), tag)
    return results


def database_facts() -> dict[str, Any]:
    from django.db import connection

    facts: dict[str, Any] = {}
    with connection.cursor() as cur:
        cur.execute("SELECT depth, kind, count(*) FROM org_orgunit GROUP BY 1, 2 ORDER BY 1, 2")
        facts["units_by_depth_kind"] = cur.fetchall()
        cur.execute("SELECT status, count(*) FROM members_member GROUP BY 1 ORDER BY 2 DESC")
        facts["members_by_status"] = cur.fetchall()
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        row = cur.fetchone()
        facts["database_size"] = row[0] if row else None
        cur.execute("SELECT max(numchild) FROM org_orgunit")
        row = cur.fetchone()
        facts["max_numchild"] = row[0] if row else None
        cur.execute("SELECT version()")
        row = cur.fetchone()
        facts["postgres"] = row[0] if row else None
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="skip regeneration if data exists")
    parser.add_argument("--units", type=int, default=300_000)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=300, help="repetitions per timed query")
    parser.add_argument(
        "--with-index",
        action="store_true",
        help="experiment: time with an extra (depth, path) index on org_orgunit, then drop it",
    )
    parser.add_argument("--skip-sql-comparison", action="store_true")
    args = parser.parse_args()

    report: dict[str, Any] = {"date": date.today().isoformat(), "args": vars(args)}
    if args.reuse and database_has_data(args.units):
        log(f"--reuse: {BENCH_DB} already holds ≥ {args.units:,} units; not regenerating")
        setup_django()
    else:
        report["generation"] = generate(args.units, args.members)
        from chibo.members.actions import refresh_member_counts

        log("refresh_member_counts() (first run: every cache changes)")
        start = time.perf_counter()
        changed = refresh_member_counts()
        report["refresh_member_counts_first_s"] = time.perf_counter() - start
        log(f"  {changed:,} units changed in {report['refresh_member_counts_first_s']:.1f}s")
        log("VACUUM (ANALYZE)")
        report["vacuum_analyze_s"] = vacuum_analyze()

    from chibo.members.actions import refresh_member_counts

    log("refresh_member_counts() (steady state: nothing changed)")
    start = time.perf_counter()
    changed = refresh_member_counts()
    report["refresh_member_counts_steady_s"] = time.perf_counter() - start
    log(f"  {changed:,} units changed in {report['refresh_member_counts_steady_s']:.1f}s")

    report["facts"] = database_facts()
    log(f"database size {report['facts']['database_size']}")
    tag = "_with_depth_path_index" if args.with_index else ""
    if args.with_index:
        log(f"experiment: {EXTRA_INDEX} (dropped again at the end)")
        with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
            conn.execute(EXTRA_INDEX)
            conn.execute("ANALYZE org_orgunit")
    try:
        report["timings_ms"] = bench_queries(args.reps, tag)
    finally:
        if args.with_index:
            with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
                conn.execute("DROP INDEX IF EXISTS bench_orgunit_depth_path")

    if not args.skip_sql_comparison:
        log("set-based SQL alternative to refresh_member_counts() (rolled back; for comparison)")
        report["refresh_in_sql_comparison"] = refresh_in_sql_for_comparison()
        log(f"  {report['refresh_in_sql_comparison']}")
        log("VACUUM FULL org_orgunit (the rolled-back updates left dead rows)")
        with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
            conn.execute("VACUUM FULL org_orgunit")
            conn.execute("VACUUM (ANALYZE) org_orgunit")
    target = write_json(f"tree_bench{tag}.json", report)
    log(f"done; raw figures in {target.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
