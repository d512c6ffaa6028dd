"""Synthetic data packages at k× the bundled size that pass the validator (for benchmarks only).

Each copy k of an instrument gets the id `<id>-s<k>`, keeps its dates, legal force and themes, and the same
parties as the original, so distributions stay realistic; synthetic companies `synthetic-co-<n>` are added in
proportion and commit to the synthetic copies of company pledges.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from components.data.schema import DEFAULT_DATA_DIR


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def make_package(scale: int, target: Path, source: Path = DEFAULT_DATA_DIR) -> Path:
    """Write a package `scale` times the bundled one into target (scale 1 is a plain copy)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("tours"))
    if scale == 1:
        return target
    fields, instruments = _read(source / "instruments.csv")
    p_fields, participation = _read(source / "participation.csv")
    party_fields, parties = _read(source / "parties.csv")
    companies = [p for p in parties if p["party_type"] == "company"]
    new_instruments, new_rows, new_parties = list(instruments), list(participation), list(parties)
    for k in range(1, scale):
        for row in instruments:
            new_instruments.append({**row, "id": f"{row['id']}-s{k}", "short_name": f"{row['short_name']} ({k})"})
        for row in participation:
            new_rows.append({**row, "instrument_id": f"{row['instrument_id']}-s{k}"})
        for n, company in enumerate(companies):
            pid = f"synthetic-co-{k}-{n}"
            new_parties.append({**company, "id": pid, "name": f"Synthetic company {k}-{n}", "hq_country": ""})
            pledge = next((r for r in participation if r["party_id"] == company["id"]), None)
            if pledge:
                new_rows.append({**pledge, "party_id": pid, "instrument_id": f"{pledge['instrument_id']}-s{k}"})
    _write(target / "instruments.csv", fields, new_instruments)
    _write(target / "participation.csv", p_fields, new_rows)
    _write(target / "parties.csv", party_fields, new_parties)
    return target
