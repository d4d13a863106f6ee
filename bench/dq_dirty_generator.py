"""A dirty synthetic Vietnamese member list with known duplicates, and the F1 of the flagged pairs.

    .venv/bin/python bench/dq_dirty_generator.py --persons 50000 --out bench/out/dirty.csv
    .venv/bin/python bench/dq_dirty_generator.py --persons 50000 --score   # + F1 (target ≥ 0.98)

Writes the template's columns (`Mã hồ sơ, Họ và tên, Giới tính, Ngày sinh, Số CCCD,
Số điện thoại, Quê quán`), so the file can also be imported with `manage.py import_members`, and
`<out>.truth.csv` with the pairs of `Mã hồ sơ` that are the same person. The damage (accents lost,
old tone style, NFD, typing slips, day/month swaps, missing IDs and phones, pre-2018 mobile
numbers, pre-2025 addresses, spacing and case, +84 and dashes) is described in
chibo/data_quality/duplicates/synthetic.py, which the tests use at a small size.

With `--score`, the raw records go through the same path as a file would (normalisation module →
keys → Splink model, `detect_in_records`) and the flagged pairs (≥ 0.99) are scored.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

HEADERS = {
    "source_ref": "Mã hồ sơ",
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "birth_date": "Ngày sinh",
    "citizen_id": "Số CCCD",
    "phone": "Số điện thoại",
    "home_town": "Quê quán",
}


def main() -> None:
    import django

    django.setup()
    from benchlib import write_json

    from chibo.data_quality.duplicates import FLAG_THRESHOLD
    from chibo.data_quality.duplicates.detect import detect_in_records
    from chibo.data_quality.duplicates.linkage import f1_of
    from chibo.data_quality.duplicates.synthetic import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--duplicate-rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "dq_dirty.csv"))
    parser.add_argument("--score", action="store_true")
    args = parser.parse_args()

    dirty = generate(args.persons, duplicate_rate=args.duplicate_rate, seed=args.seed)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS.values())
        for record in dirty.records:
            writer.writerow(record.get(key, "") for key in HEADERS)
    truth = out.with_suffix(".truth.csv")
    with truth.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["left_ref", "right_ref"])
        writer.writerows(sorted(dirty.true_pairs))
    print(f"{len(dirty.records):,} records, {len(dirty.true_pairs):,} true pairs → {out}, {truth}")
    if not args.score:
        return
    start = time.perf_counter()
    pairs = detect_in_records(dirty.records)
    elapsed = time.perf_counter() - start
    flagged = f1_of([(a, b) for a, b, p, _w in pairs if p >= FLAG_THRESHOLD], dirty.true_pairs)
    queued = f1_of([(a, b) for a, b, _p, _w in pairs], dirty.true_pairs)
    print(f"flagged (≥ {FLAG_THRESHOLD}): {flagged}")
    print(f"flagged + review (≥ 0.5): {queued}")
    print(f"{elapsed:.1f} s")
    write_json(
        "dq_dirty_f1.json",
        {
            "records": len(dirty.records),
            "true_pairs": len(dirty.true_pairs),
            "seconds": round(elapsed, 1),
            "flagged": flagged.__dict__,
            "flagged_and_review": queued.__dict__,
        },
    )


if __name__ == "__main__":
    main()
