"""What a chart's rows rest on, in one line: the evidence mix its source line, its data download's header and the
overview state ("Sources of these 381 records: 20 % official pages, 31 % reputable secondary, 35 % single
non-official (marked ?), 14 % derived from membership or consensus").

Participation rows are counted by their evidence (official / secondary / unverified), derived rows (basis membership
or consensus) apart whatever their evidence. Rows of other tables (instruments, events, institutes) have no evidence
level: they are counted by the reliability of the page they cite. Shares are whole percents that add up to 100 (the
largest remainders are rounded up); a share under 1 % is written "<1 %", never 0.
"""

from __future__ import annotations

import pandas as pd

from components.data.i18n import N_, _, ngettext
from components.data.labels import number

PARTICIPATION_KINDS = {  # kind -> words, in the order they are written (English: translated where written)
    "official": N_("official pages"),
    "secondary": N_("reputable secondary"),
    "unverified": N_("single non-official (marked ?)"),
    "derived": N_("derived from membership or consensus"),
}
SOURCE_KINDS = {
    "official": N_("official pages"),
    "reputable": N_("reputable secondary"),
    "weak": N_("weak (aggregator, mirror or repost)"),
    "unclassified": N_("unclassified"),
}
DERIVED = ("membership", "consensus")


def kinds(rows: pd.DataFrame, reliability_of: pd.Series | None = None) -> tuple[pd.Series, dict[str, str], str] | None:
    """Each row's kind, the words for the kinds, and what a row is ('records' or 'sources'); None when the rows say
    nothing of their sources. `reliability_of`: instrument id -> reliability, for rows that only name an instrument."""
    if rows.empty:
        return None
    if "evidence" in rows:
        kind = rows["evidence"].astype(str)
        if "basis" in rows:
            kind = kind.where(~rows["basis"].astype(str).isin(DERIVED), "derived")
        return kind, PARTICIPATION_KINDS, "records"
    if "reliability" in rows:
        reliability = rows["reliability"]
    elif "instrument_id" in rows and reliability_of is not None:
        reliability = rows.drop_duplicates("instrument_id")["instrument_id"].map(reliability_of)
    else:
        return None
    return reliability.astype(object).where(reliability.notna(), "unclassified").astype(str), SOURCE_KINDS, "sources"


def shares(counts: dict[str, int]) -> dict[str, int]:
    """Whole percents adding up to 100 (largest remainders first)."""
    total = sum(counts.values())
    exact = {k: 100 * n / total for k, n in counts.items()}
    out = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - out[k], reverse=True)[: 100 - sum(out.values())]:
        out[k] += 1
    return out


def mix(rows: pd.DataFrame, reliability_of: pd.Series | None = None) -> str:
    """'Sources of these 381 records: 20 % official pages, …' ('' when the rows say nothing of their sources)."""
    found = kinds(rows, reliability_of)
    if found is None:
        return ""
    kind, words, what = found
    counts = {k: int((kind == k).sum()) for k in words if (kind == k).any()}
    if not counts:
        return ""
    percent = shares(counts)
    parts = [f"{'<1' if counts[k] and percent[k] == 0 else percent[k]} % {_(words[k])}" for k in words if k in counts]
    n = sum(counts.values())
    return _sources_of(what if what == "records" else _table_of(rows), n).format(n=number(n), parts=", ".join(parts))


def _sources_of(table: str, n: int) -> str:
    """'Sources of these {n} records: {parts}.' for the rows of a table (one sentence per noun, for translators)."""
    if table == "records":
        return ngettext("Sources of this record: {parts}.", "Sources of these {n} records: {parts}.", n)
    if table == "instruments":
        return ngettext("Sources of this instrument: {parts}.", "Sources of these {n} instruments: {parts}.", n)
    if table == "institutes":
        return ngettext("Sources of this institute: {parts}.", "Sources of these {n} institutes: {parts}.", n)
    if table == "events":
        return ngettext("Sources of this event: {parts}.", "Sources of these {n} events: {parts}.", n)
    if table == "both":
        return ngettext("Sources of this instrument or event: {parts}.",
                        "Sources of these {n} instruments and events: {parts}.", n)  # fmt: skip
    return ngettext("Sources of this row: {parts}.", "Sources of these {n} rows: {parts}.", n)


def _table_of(rows: pd.DataFrame) -> str:
    """Which table's rows these are, by their columns (the exports of components/export/rows.py)."""
    if "legal_force" in rows and "series" in rows:  # the timeline: instruments and the meetings that made them
        return "both"
    if "legal_force" in rows and "series" not in rows or list(rows.columns) == ["instrument_id"]:
        return "instruments"
    if "instrument_id" in rows and "legal_force" not in rows and "reliability" not in rows:
        return "instruments"
    if "current_name" in rows:
        return "institutes"
    if "series" in rows and "legal_force" not in rows:
        return "events"
    return "rows"
