"""Benchmark of the data-quality normalisation (chibo.data_quality.normalize.normalize_row).

Generates messy member rows as old spreadsheets hold them (seeded, reproducible): names in
Unicode NFC and NFD, the other tone style, TCVN3 and VNI font text and upper case; dates as
dd/mm/yyyy, d/m/yy, ISO, Excel serial numbers, years and month/year; phones with +84/84/0084 and
the 11-digit numbers renumbered in 2018; citizen IDs with separators or as numbers that lost their
leading zero; old (pre-2025) and new addresses of Ho Chi Minh City with house numbers and the
usual abbreviations; home towns as old communes of the 63 old provinces. Then times
normalize_row over all of them on one core, with caches cold (the look-up indexes are built
first and timed apart), and prints rows/s, the time per field and the share of rows with issues.

    .venv/bin/python bench/dq_normalize_bench.py --rows 200000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import unicodedata
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()

    import django

    django.setup()
    from chibo.data_quality.normalize import normalize_row
    from chibo.data_quality.normalize.address_index import index

    started = time.perf_counter()
    rows = make_rows(args.rows, random.Random(args.seed))
    print(f"generated {len(rows):,} rows in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    index()
    print(f"address indexes built in {time.perf_counter() - started:.2f} s (once per process)")

    started = time.perf_counter()
    cpu = time.process_time()
    issues: Counter[str] = Counter()
    with_issues = 0
    for raw in rows:
        row = normalize_row(raw)
        if row.issues:
            with_issues += 1
        issues.update(i.code for i in row.issues)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    print(
        f"normalize_row: {len(rows):,} rows in {elapsed:.2f} s wall = {len(rows) / elapsed:,.0f} "
        f"rows/s; {cpu:.2f} s CPU = {len(rows) / cpu:,.0f} rows/s "
        f"({cpu / len(rows) * 1e6:.1f} µs/row); rows with issues {with_issues / len(rows):.1%}"
    )
    print("most frequent issues:", ", ".join(f"{c} {n:,}" for c, n in issues.most_common(12)))

    # The same work field by field, warm (caches filled by the pass above).
    print("per field, warm caches (CPU µs/row, a one-field row each):")
    for key in rows[0]:
        started = time.process_time()
        for raw in rows[:50_000]:
            normalize_row({key: raw[key]})
        per_row = (time.process_time() - started) / min(len(rows), 50_000) * 1e6
        print(f"  {key:28} {per_row:6.2f}")


def make_rows(n: int, rng: random.Random) -> list[dict[str, object]]:
    from vietnam_provinces import ProvinceCode, Ward

    from chibo.data_quality.normalize import encode_cp1258, encode_legacy  # noqa: F401
    from chibo.data_quality.normalize.phones import RENUMBERED_2018
    from chibo.demo import names
    from chibo.demo.profiles import HOME_PROVINCES, old_place
    from chibo.members.rules.citizen_id import Gender, make_citizen_id

    wards = list(Ward.iter_by_province(ProvinceCode(79)))
    old_hcm = [p for p in _old_hcm_places()]
    surnames = list(names.SURNAMES)
    surname_w = list(names.SURNAMES.values())
    old_prefixes = sorted(RENUMBERED_2018)
    provinces = list(HOME_PROVINCES)
    province_w = list(HOME_PROVINCES.values())
    rows: list[dict[str, object]] = []
    for i in range(n):
        female = rng.random() < 0.45
        middle = names.FEMALE_MIDDLE_NAMES if female else names.MALE_MIDDLE_NAMES
        given = names.FEMALE_GIVEN_NAMES if female else names.MALE_GIVEN_NAMES
        name = " ".join(
            (
                rng.choices(surnames, surname_w)[0],
                rng.choices(list(middle), list(middle.values()))[0],
                rng.choice(given),
            )
        )
        name = _dirty_text(rng, name)
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 66))
        gender = Gender.FEMALE if female else Gender.MALE
        home = rng.choices(provinces, province_w)[0]
        cid = make_citizen_id(
            province_code=home, gender=gender, birth_year=birth.year, serial=rng.randrange(10**6)
        )
        admitted = birth + timedelta(days=365 * 20 + rng.randrange(365 * 20))
        rows.append(
            {
                "source_ref": f"HS-{i:07d}",
                "full_name": name,
                "gender": rng.choice(
                    ("Nữ", "nữ", "NU", "F", "0") if female else ("Nam", "nam", "M", "1")
                ),
                "birth_date": _dirty_date(rng, birth),
                "citizen_id": _dirty_id(rng, cid),
                "phone": _dirty_phone(rng, old_prefixes),
                "email": f"user{i}@example.com" if rng.random() < 0.5 else "",
                "ethnicity": rng.choice(("Kinh", "kinh", "KINH", "Hoa", "Khmer", "Tày")),
                "religion": rng.choice(("Không", "không", "Phật giáo", "Công giáo", "")),
                "home_town": _dirty_text(rng, old_place(rng, home)),
                "permanent_address": _dirty_text(rng, _address(rng, wards, old_hcm)),
                "general_education": rng.choice(("12/12", "12 / 12", "10/10", "9/12", "lớp 12/12")),
                "professional_qualification": rng.choice(("Cử nhân Luật", "Kỹ sư Xây dựng", "")),
                "theory_level": rng.choice(("Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân", "")),
                "occupation": rng.choice(("Công chức", "Viên chức", "Hưu trí", "Công nhân")),
                "card_number": f"{rng.randrange(10**7, 10**8)}",
                "admitted_on": _dirty_date(rng, admitted),
                "full_member_on": _dirty_date(rng, admitted + timedelta(days=365)),
                "unit": f"B{rng.randrange(1, 400)}",
            }
        )
    return rows


def _old_hcm_places() -> list[str]:
    from vietnam_provinces.legacy import District, Ward

    districts = {d.code: d for d in District.iter_all() if int(d.province_code) == 79}
    return [
        f"{w.name}, {districts[w.district_code].name}"
        for w in Ward.iter_all()
        if w.district_code in districts
    ]


def _address(rng: random.Random, wards: list, old_hcm: list[str]) -> str:
    from chibo.demo import names

    street = f"{rng.randint(1, 420)} {rng.choice(names.STREETS)}"
    city = rng.choice(
        ("TP. Hồ Chí Minh", "TP.HCM", "Thành phố Hồ Chí Minh", "TPHCM", "Tp Hồ Chí Minh")
    )
    if rng.random() < 0.6:
        place = rng.choice(old_hcm)
        if rng.random() < 0.5:
            place = place.replace("Phường ", "P. ").replace("Quận ", "Q.")
        return f"{street}, {place}, {city}"
    return f"{street}, {rng.choice(wards).name}, {city}"


def _dirty_text(rng: random.Random, text: str) -> str:
    from chibo.data_quality.normalize import encode_legacy

    r = rng.random()
    if r < 0.05:
        return encode_legacy(text, "tcvn3")
    if r < 0.08:
        return encode_legacy(text, "vni")
    if r < 0.20:
        return unicodedata.normalize("NFD", text)
    if r < 0.25:
        return text.upper()
    if r < 0.30:
        return "  " + text.replace(" ", "  ") + " "
    return text


def _dirty_date(rng: random.Random, day: date) -> object:
    r = rng.random()
    if r < 0.55:
        return day.strftime("%d/%m/%Y")
    if r < 0.65:
        return f"{day.day}/{day.month}/{day.year % 100:02d}"
    if r < 0.75:
        return day.isoformat()
    if r < 0.85:
        return (day - date(1899, 12, 30)).days
    if r < 0.92:
        return f"{day.month:02d}/{day.year}"
    return str(day.year)


def _dirty_id(rng: random.Random, cid: str) -> object:
    r = rng.random()
    if r < 0.6:
        return cid
    if r < 0.75:
        return f"{cid[:3]} {cid[3:6]} {cid[6:9]} {cid[9:]}"
    if r < 0.9:
        return float(int(cid))  # Excel: a number without its leading zero
    return "" if r < 0.95 else cid[3:]


def _dirty_phone(rng: random.Random, old_prefixes: list[str]) -> object:
    rest = f"{rng.randrange(10**7):07d}"
    r = rng.random()
    if r < 0.2:
        return rng.choice(old_prefixes) + rest
    number = rng.choice(("09", "03", "07", "08")) + str(rng.randrange(10)) + rest
    if r < 0.5:
        return number
    if r < 0.7:
        return "+84 " + number[1:]
    if r < 0.8:
        return f"{number[:4]}.{number[4:7]}.{number[7:]}"
    if r < 0.9:
        return int(number)
    return ""


if __name__ == "__main__":
    main()
