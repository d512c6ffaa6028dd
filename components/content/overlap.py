"""Overlap of signatory sets: how far the parties of 2–8 instruments coincide (pairwise heatmap), and who shares which
exact combination of them (UpSet-style bars), with every combination and its parties as a table."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.charts.matrix import instruments_with_parties
from components.charts.overlap import MEASURES, membership_patterns, overlap_figure, overlap_table, patterns_figure
from components.content.base import (
    Block,
    Context,
    Labels,
    Notice,
    Section,
    Slot,
    Table,
    ViewContent,
    names_list,
    number,
)
from components.data.i18n import N_, _, ngettext
from components.export.rows import participation_rows
from components.model.atlas import Atlas
from components.model.filters import Filters, slice_of
from components.model.query import ViewParam

TITLE = N_("Overlap of signatory sets")  # the page translates its title
SUBTITLE = N_(
    "How far the parties of different instruments coincide. Jaccard index = parties in both ÷ parties in "
    "either (1 = the same parties). Withdrawn parties are not counted."
)
DEFAULT = (
    "bletchley-declaration",
    "seoul-declaration",
    "seoul-ministerial-statement",
    "paris-ai-action-statement",
    "new-delhi-declaration-ai-impact",
)
MAX_INSTRUMENTS = 8
MEASURE_LABELS = Labels({"jaccard": N_("Jaccard index"), "shared": N_("Shared parties")})  # translated when read
TOP_PATTERNS = 15  # bars drawn by patterns_figure (its default `top`)


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    choices = instruments_with_parties(atlas.instruments, atlas.participation)
    instrument = ViewParam("instrument", choices, default=tuple(i for i in DEFAULT if i in choices), multiple=True,
                           max_items=MAX_INSTRUMENTS)  # fmt: skip
    return (
        instrument,
        ViewParam("measure", MEASURES, default=("jaccard",)),
    )


def overlap_summary(table: pd.DataFrame, short: Mapping[str, str], measure: str = "jaccard") -> str:
    """The most and least alike pair (by the measure the heatmap is coloured by), from overlap_table's rows:
    'Of 10 pairs, Bletchley Declaration and Seoul Ministerial Statement overlap most (Jaccard index 0.87, 27 shared
    parties); Seoul Declaration and New Delhi Declaration least (Jaccard index 0.12, 11 shared parties).'"""
    pairs = table[table["a"] < table["b"]]  # each unordered pair of different instruments once
    order = list(dict.fromkeys(table["a"]))  # the order the instruments were given in
    pairs = pairs.assign(_a=pairs["a"].map(order.index), _b=pairs["b"].map(order.index))
    ranked = pairs.sort_values([measure, "_a", "_b"], ascending=[False, True, True], kind="stable")

    def pair(row) -> tuple[str, str]:
        a, b = sorted((row["a"], row["b"]), key=order.index)
        return short.get(a, a), short.get(b, b)

    def numbers(row) -> str:
        shared = int(row["shared"])
        return ngettext("Jaccard index {jaccard}, {n} shared party", "Jaccard index {jaccard}, {n} shared parties",
                        shared).format(jaccard=number(row["jaccard"], 2), n=number(shared))  # fmt: skip

    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    if len(ranked) == 1:
        (a, b), shared = pair(top), int(top["shared"])
        return ngettext(
            "{a} and {b} share {n} party of {union} in either (Jaccard index {jaccard}).",
            "{a} and {b} share {n} parties of {union} in either (Jaccard index {jaccard}).",
            shared,
        ).format(a=a, b=b, n=number(shared), union=number(top["union"]), jaccard=number(top["jaccard"], 2))
    (a, b), (c, d) = pair(top), pair(bottom)
    return _("Of {pairs} pairs, {a} and {b} overlap most ({most}); {c} and {d} least ({least}).").format(
        pairs=len(ranked), a=a, b=b, most=numbers(top), c=c, d=d, least=numbers(bottom)
    )


def patterns_summary(patterns: pd.DataFrame, instrument_ids: tuple[str, ...], short: Mapping[str, str]) -> str:
    """'73 parties took part in at least one of the 2 instruments, in 3 exact combinations; the most common: only
    Paris AI Action Summit Statement (43 parties); both (23); only Bletchley Declaration (7).'"""
    total = int(patterns["parties"].sum())

    def combination(row) -> str:
        inside = [short.get(i, i) for i in instrument_ids if row[i]]
        if len(inside) == len(instrument_ids):
            return _("all {n}").format(n=len(instrument_ids)) if len(instrument_ids) > 2 else _("both")
        # exactly these, none of the others
        return _("only {instruments}").format(instruments=names_list(inside, limit=len(inside)))

    common = []
    for i, (_index, row) in enumerate(patterns.head(3).iterrows()):
        count = int(row["parties"])
        if i == 0:
            common.append(ngettext("{combination} ({n} party)", "{combination} ({n} parties)", count).format(
                combination=combination(row), n=number(count)))  # fmt: skip
        else:
            common.append(f"{combination(row)} ({number(count)})")
    combinations = ngettext("{n} exact combination", "{n} exact combinations", len(patterns)).format(
        n=number(len(patterns))
    )
    values = dict(n=number(total), k=len(instrument_ids), combinations=combinations, common="; ".join(common))
    if len(patterns) > TOP_PATTERNS:
        return ngettext(
            "{n} party took part in at least one of the {k} instruments, in {combinations} (the {top} most common "
            "drawn); the most common: {common}.",
            "{n} parties took part in at least one of the {k} instruments, in {combinations} (the {top} most common "
            "drawn); the most common: {common}.",
            total,
        ).format(**values, top=TOP_PATTERNS)
    return ngettext(
        "{n} party took part in at least one of the {k} instruments, in {combinations}; the most common: {common}.",
        "{n} parties took part in at least one of the {k} instruments, in {combinations}; the most common: {common}.",
        total,
    ).format(**values)


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    short, names = ctx.short, ctx.names
    chosen = options.get("instrument") or next(p.default for p in params(atlas) if p.name == "instrument")
    measure = (options.get("measure") or ("jaccard",))[0]
    blocks: list[Block] = [Slot("instrument"), Slot("measure")]
    present = tuple(i for i in chosen if i in set(view.instruments["id"]))
    if len(present) < 2:
        blocks.append(Notice(_(
            "Choose at least two instruments that are in the current view (adopted by the as-of date and matching the "
            "filters)."), icon="join_inner"))  # fmt: skip
        return ViewContent(TITLE, _(SUBTITLE), blocks, filters=ctx.subtitle, asof=view.asof)
    participation = view.participation
    rows = participation_rows(participation[participation["instrument_id"].isin(present)], atlas.parties,
                              atlas.instruments)  # fmt: skip
    fig = overlap_figure(participation, present, short, asof=view.asof, measure=measure, subtitle=ctx.subtitle)
    table = overlap_table(participation, present)
    blocks.append(ctx.chart("overlap_chart", fig, rows, overlap_summary(table, short, measure)))
    patterns = membership_patterns(participation, present)
    fig = patterns_figure(patterns, present, short, names, asof=view.asof, subtitle=ctx.subtitle)
    blocks.append(ctx.chart("patterns_chart", fig, rows, patterns_summary(patterns, present, short)))
    combinations = patterns.assign(members=patterns["members"].map(lambda m: ", ".join(names.get(p, p) for p in m)))
    headed = combinations.rename(columns={**short, "parties": _("parties"), "members": _("members")})
    blocks.append(Section(_("Every combination and its parties"), [Table("patterns_table", headed)],
                          brief=False))  # fmt: skip
    return ViewContent(TITLE, _(SUBTITLE), blocks, filters=ctx.subtitle, asof=view.asof)
