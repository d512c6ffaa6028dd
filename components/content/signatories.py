"""Signatories: who joined which instruments (the matrix), how each count was counted, and the diff of two."""

from __future__ import annotations

from collections.abc import Mapping

from components.charts.matrix import (
    SORTS,
    default_columns,
    diff,
    diff_figure,
    diff_table,
    instruments_with_parties,
    matrix_figure,
    matrix_table,
    strongest_actions,
)
from components.content.base import Block, Context, Heading, Notice, Section, Slot, Table, Text, ViewContent, plural
from components.content.panels import EMPTY, entry_into_force, how_counted
from components.export.rows import participation_rows
from components.model.atlas import Atlas
from components.model.counting import party_counts
from components.model.filters import Filters, slice_of
from components.model.query import ViewParam
from components.text import md

TITLE = "Signatories"
SUBTITLE = (
    "Each cell is a party's strongest action on an instrument (ratified > signed > adhered > member > endorsed > …), "
    "with its date on hover. Totals in brackets."
)
SORT_LABELS = {"region": "Region", "count": "Commitments", "name": "Name"}


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    with_parties = instruments_with_parties(atlas.instruments, atlas.participation)
    return (
        ViewParam("instrument", with_parties, default=default_columns(with_parties), multiple=True),
        ViewParam("sort", SORTS, default=("region",)),
        ViewParam("compare", with_parties, default=(), multiple=True, max_items=2),
    )


def matrix_summary(participation, instruments, short: Mapping[str, str]) -> str:
    """'111 parties took part in at least one of the 11 instruments shown (380 party–instrument cells). Parties
    counted per instrument: Bletchley Declaration 30, …'"""
    best = strongest_actions(participation)
    counts = party_counts(participation).reindex(instruments["id"]).fillna(0).astype(int)
    listed = ", ".join(f"{short.get(i, i)} {n}" for i, n in counts.items())
    return (
        f"{plural(best['party_id'].nunique(), 'party', 'parties')} took part in at least one of the "
        f"{plural(len(instruments), 'instrument')} shown ({plural(len(best), 'party–instrument cell')}). "
        f"Parties counted per instrument: {listed}."
    )


def diff_summary(result, first: str, second: str) -> str:
    return (
        f"{plural(len(result.both), 'party', 'parties')} joined both {first} and {second}; "
        f"{len(result.only_first):,} only {first} and {len(result.only_second):,} only {second}."
    )


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    short = ctx.short
    chosen = options["instrument"] or next(p.default for p in params(atlas) if p.name == "instrument")
    sort = options["sort"][0]
    blocks: list[Block] = [Slot("matrix_options")]
    instruments = view.instruments[view.instruments["id"].isin(chosen)]
    participation = view.participation[view.participation["instrument_id"].isin(instruments["id"])]
    if participation.empty:
        blocks.append(EMPTY)
    else:
        fig = matrix_figure(participation, view.parties, instruments, asof=view.asof, sort=sort, subtitle=ctx.subtitle,
                            claims=atlas.claims, flag_counts=not filters.restricts_parties)  # fmt: skip
        rows = participation_rows(participation, atlas.parties, atlas.instruments)
        blocks.append(ctx.chart("matrix_chart", fig, rows, matrix_summary(participation, instruments, short)))
        blocks.append(Section("How these counts were counted, and where sources differ", [
            Text("Each instrument's parties are counted under its counting rule: states only, states and the EU, or "
                 "every party listed (organisations, companies). A party that withdrew is not counted. ⚑ marks a "
                 "count, date or act that a source states differently; ? marks an act resting on a single "
                 "non-official source.", caption=True),
            *how_counted(ctx, instruments["id"], participation),
        ], icon="functions", brief=False))  # fmt: skip
        table = matrix_table(participation, view.parties, instruments, sort=sort).rename(columns=short)
        blocks.append(Section("The matrix as a table", [Table("matrix_table", table, index=True)], brief=False))

    blocks += [Heading("Compare two instruments", brief=False), Slot("compare")]
    pair = options["compare"]
    present = set(view.instruments["id"])
    missing = [md(short.get(i, i)) for i in pair if i not in present]
    if len(pair) == 2 and missing:
        blocks.append(Notice(
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the current view (adopted after "
            "the as-of date, or excluded by the filters), so the comparison would be misleading. Widen the filters or "
            "pick another instrument.", kind="warning", icon="compare_arrows"))  # fmt: skip
    elif len(pair) == 2:
        first, second = pair
        result = diff(view.participation, first, second)
        fig = diff_figure(result, first_name=short[first], second_name=short[second], asof=view.asof,
                          subtitle=ctx.subtitle)  # fmt: skip
        compared = view.participation[view.participation["instrument_id"].isin(pair)]
        rows = participation_rows(compared, atlas.parties, atlas.instruments)
        blocks.append(ctx.chart("diff_chart", fig, rows, diff_summary(result, short[first], short[second])))
        blocks.append(Table("diff_table", diff_table(result, atlas.parties, short[first], short[second]), brief=False))
    else:
        blocks.append(Notice(
            "Pick two instruments — for example the Bletchley Declaration and the Paris statement — to see who is in "
            "both, only in one, or only in the other.", icon="compare_arrows", brief=False))  # fmt: skip

    if len(atlas.entry_conditions):
        blocks += [
            Heading("On the way to entry into force", brief=False),
            Text("Treaties that enter into force once enough parties have consented to be bound, with the consents "
                 "recorded as of the view's date (all parties, whatever the party filters; what-if actions included).",
                 caption=True, brief=False),  # fmt: skip
            *entry_into_force(ctx, brief=False),
        ]
    return ViewContent(TITLE, SUBTITLE, blocks, filters=ctx.subtitle, asof=view.asof)
