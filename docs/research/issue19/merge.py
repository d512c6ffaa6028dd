"""Merge the issue-19 research (docs/research/issue19/final/) into data/: the record of how the rows changed.

Run once, from the repository root: python docs/research/issue19/merge.py
- every participation row gets `reliability` (its source's host, final/hosts.csv) and `basis` + `basis_rule`
  (final/basis.csv);
- better sources (final/sources.csv) and the gap list's confirmations, corrections and additions (final/gaps.csv)
  replace a row's source, evidence, reliability, basis and checked date; only rows whose quote was re-read in the
  final pass (or in final/gaps-reread.csv) are applied;
- GATS and TRIPS (final/wto-instruments.csv) with their members (final/wto.csv);
- a row whose cited source is weak cannot be "secondary" (read on a reputable secondary page): it becomes
  "unverified", and its notes say so.
Prints before/after counts per evidence level and reliability.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[3]
FINAL = ROOT / "docs/research/issue19/final"
DATA = ROOT / "data"
COLUMNS = ["instrument_id", "party_id", "action", "date", "evidence", "reliability", "basis", "basis_rule",
           "source_url", "checked", "notes"]  # fmt: skip
TODAY = "2026-12-01"
REREAD = "[quote re-read in the final pass 2026-12-01]"
SKIPPED_ADDS = {"tech-accord-deceptive-ai-elections-2024"}  # the only source is a weak repost: left out


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def host(url: str) -> str:
    return (urlparse(url).hostname or "").lower()


def key(row: dict[str, str]) -> tuple[str, str, str]:
    return row["instrument_id"], row["party_id"], row["action"]


def quoted(note: str, quote: str) -> str:
    quote = " ".join(quote.split())
    if len(quote) > 240:
        quote = quote[:237].rsplit(" ", 1)[0] + " …"
    return " ".join(f"{note} Source re-checked {TODAY}: “{quote}”".split()) if quote else note


def mix(rows: list[dict[str, str]]) -> str:
    evidence = Counter(r["evidence"] for r in rows)
    reliability = Counter(r.get("reliability", "?") for r in rows)
    basis = Counter(r.get("basis", "?") for r in rows)
    return f"{len(rows)} rows; evidence {dict(evidence)}; reliability {dict(reliability)}; basis {dict(basis)}"


def main() -> int:
    rows = read(DATA / "participation.csv")
    if "reliability" in rows[0]:
        print("already merged", file=sys.stderr)
        return 1
    hosts = {h["host"].lower(): h["reliability"] for h in read(FINAL / "hosts.csv")}
    basis = {key(b): b for b in read(FINAL / "basis.csv")}
    before = [dict(r, reliability=hosts[host(r["source_url"])]) for r in rows]
    print("before:", mix(before))
    by_key = {key(r): r for r in rows}
    for r in rows:
        r["reliability"] = hosts[host(r["source_url"])]
        r["basis"], r["basis_rule"] = basis[key(r)]["basis"], basis[key(r)]["basis_rule"]

    reread = {(r["instrument_id"], r["party_id"], r["action"]) for r in read(FINAL / "gaps-reread.csv")
              if r["verdict"] == "confirmed"} if (FINAL / "gaps-reread.csv").exists() else set()  # fmt: skip
    changes = read(FINAL / "sources.csv")
    for change in read(FINAL / "gaps.csv"):
        if REREAD in change["notes"] or "[final pass:" in change["notes"] or key(change) in reread:
            changes.append(change)
    added = skipped = 0
    for change in changes:
        k = key(change)
        if change["change"] == "add":
            if change["instrument_id"] in SKIPPED_ADDS or k in by_key:
                skipped += 1
                continue
            row = {c: change.get(c, "") for c in COLUMNS}
            row["notes"] = quoted(change["notes"], change["quote"])
            rows.append(row)
            by_key[k] = row
            added += 1
            continue
        row = by_key[k]
        if change["change"] == "remove":
            rows.remove(row)
            continue
        for column in ("date", "evidence", "reliability", "basis", "basis_rule", "source_url"):
            if change[column] or column == "basis_rule":
                row[column] = change[column]
        row["checked"] = TODAY
        notes = change["notes"] if change["change"] == "modify" else row["notes"]
        row["notes"] = quoted(notes.split(" [")[0] if change["change"] == "modify" else notes, change["quote"])
    for change in read(FINAL / "wto.csv"):
        row = {c: change.get(c, "") for c in COLUMNS}
        row["notes"] = quoted(change["notes"], change["quote"])
        rows.append(row)
        added += 1
    downgraded = 0
    for row in rows:
        if row["reliability"] == "weak" and row["evidence"] == "secondary":
            row["evidence"] = "unverified"
            row["notes"] = (row["notes"] + " Evidence: the cited page is a weak source (an aggregator, mirror or "
                            "repost), so the row is marked unverified until a better source is found.").strip()  # fmt: skip
            downgraded += 1
    for row in rows:  # "official" evidence is a page of the body or government concerned (the LoC reporting DEPA is not)
        if row["evidence"] == "official" and row["reliability"] != "official":
            row["evidence"] = "secondary"
            row["notes"] = (row["notes"] + " Evidence: the Library of Congress's Global Legal Monitor reports the "
                            "signature; it is not a page of the parties, so the row is secondary.").strip()  # fmt: skip
    print(f"applied {len(changes)} changes ({added} rows added, {skipped} additions skipped); {downgraded} rows "
          "downgraded from secondary to unverified (weak source)")  # fmt: skip
    print("after: ", mix(rows))
    write(DATA / "participation.csv", COLUMNS, rows)
    instruments = read(DATA / "instruments.csv")
    columns = list(instruments[0])
    instruments += [i for i in read(FINAL / "wto-instruments.csv") if i["id"] not in {x["id"] for x in instruments}]
    write(DATA / "instruments.csv", columns, instruments)
    for name in ("instruments", "events", "institutes"):  # their reliability: their source's host
        table = read(DATA / f"{name}.csv")
        columns = list(table[0])
        if "reliability" not in columns:
            columns.insert(columns.index("source_url"), "reliability")
        for row in table:
            row["reliability"] = hosts.get(host(row["source_url"]), "official" if host(row["source_url"]) == "www.wto.org" else "")
        write(DATA / f"{name}.csv", columns, table)
    return 0


if __name__ == "__main__" and len(sys.argv) == 1:
    raise SystemExit(main())


def apply_confirmations(path: Path) -> int:
    """A later pass's `confirm` lines (e.g. final/gpai-code.csv): the row's new source, evidence and reliability,
    with its quote in the notes. `python -c 'from docs...'` is not importable: run this file with the CSV's path."""
    rows = read(DATA / "participation.csv")
    columns = list(rows[0])
    by_key = {key(r): r for r in rows}
    n = 0
    for change in read(path):
        row = by_key.get(key(change))
        if change["change"] != "confirm" or row is None:
            continue
        for column in ("evidence", "reliability", "basis", "basis_rule", "source_url"):
            row[column] = change[column]
        row["checked"] = TODAY
        row["notes"] = quoted(row["notes"], change["quote"])
        n += 1
    write(DATA / "participation.csv", columns, rows)
    return n


if __name__ == "__main__" and len(sys.argv) > 1:
    print(apply_confirmations(Path(sys.argv[1])), "rows confirmed")
