"""AI Safety Institutes: when they were founded and renamed, the international network, and bilateral partnerships."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.charts.institutes import founding_figure, map_figure, network_members, partnership_figure, partnerships
from components.content.base import Block, Context, Heading, Notice, Table, Text, ViewContent, names_list, plural
from components.data.labels import label
from components.export.rows import institute_rows, participation_rows
from components.model.atlas import Atlas
from components.model.filters import Filters, slice_of
from components.text import md

TITLE = "AI Safety Institutes"
SUBTITLE = (
    "National AI Safety (or Security) Institutes and equivalents, under the names they had on the as-of date; "
    "the International Network that links them; and the bilateral agreements between governments on AI safety."
)
NOT_ON_MAP = "EUU"  # the EU's institute: not a country (components/charts/institutes.map_figure)


def map_summary(institutes: pd.DataFrame, names: Mapping[str, str]) -> str:
    """'12 countries have an AI safety institute or equivalent on the map: 10 active and 2 announced (United
    States, United Kingdom, Japan and 9 more). The EU's AI Office is not a country and is not on the map.'"""
    states = institutes[institutes["party_id"] != NOT_ON_MAP].sort_values("founded", na_position="last", kind="stable")
    statuses = states["status"].astype(str).value_counts()
    by_status = [f"{n} {label(status).lower()}" for status, n in statuses.items()]
    countries = [names.get(p, p) for p in dict.fromkeys(states["party_id"])]
    text = (
        f"{plural(len(countries), 'country', 'countries')} {'has' if len(countries) == 1 else 'have'} an AI safety "
        f"institute or equivalent on the map: {names_list(by_status)} ({names_list(countries, limit=3)})."
        if countries
        else "No country has an AI safety institute on the map."
    )
    eu = institutes[institutes["party_id"] == NOT_ON_MAP]
    if len(eu):
        text += f" The EU's {eu['name_then'].iloc[0]} is not a country and is not on the map."
    return text


def founding_summary(dated: pd.DataFrame, names: Mapping[str, str], asof) -> str:
    """'11 institutes founded or announced, from US AI Safety Institute (United States, 2023-11-01) to … ; 2 renamed
    by the date: A (United Kingdom) and B (United States).'"""
    table = dated.sort_values("founded", kind="stable")

    def named(row) -> str:
        return f"{row.name_then} ({names.get(row.party_id, row.party_id)}, {row.founded_label})"

    first, last = next(table.itertuples()), list(table.itertuples())[-1]
    text = f"{plural(len(table), 'institute')} founded or announced"
    text += f": {named(first)}." if len(table) == 1 else f", from {named(first)} to {named(last)}."
    renamed = table[table["renamed"].notna() & (table["renamed"] <= pd.Timestamp(asof))]
    if len(renamed):
        listed = [f"{row.former_name} → {row.name} ({names.get(row.party_id, row.party_id)}, {row.renamed_label})"
                  for row in renamed.itertuples()]  # fmt: skip
        text += f" {len(renamed)} renamed by the date: {names_list(listed, limit=3)}."
    return text


def partnership_summary(pairs: pd.DataFrame, names: Mapping[str, str]) -> str:
    """'15 bilateral AI-safety agreements between 11 governments. Most agreements: United Kingdom 6, United States
    6 and Singapore 5.'"""
    counts = pd.concat([pairs["a"], pairs["b"]]).value_counts().rename("n").reset_index()
    counts.columns = ["party_id", "n"]
    counts = counts.assign(name=counts["party_id"].map(lambda p: str(names.get(p, p))))
    best = counts.sort_values(["n", "name"], ascending=[False, True]).head(3)
    most = names_list([f"{name} {n}" for name, n in zip(best["name"], best["n"], strict=True)])
    return (
        f"{plural(len(pairs), 'bilateral AI-safety agreement')} between "
        f"{plural(len(counts), 'government')}. Most agreements: {most}."
    )


def _institute_blocks(ctx: Context) -> list[Block]:
    view, parties, names = ctx.slice, ctx.atlas.parties, ctx.names
    dated = view.institutes[view.institutes["founded"].notna()]
    undated = view.institutes[view.institutes["founded"].isna()]
    out: list[Block] = []
    if dated.empty:
        out.append(Notice("No institute had been founded by this date, or none matches the party filters.",
                          icon="filter_alt_off"))  # fmt: skip
    else:
        fig = map_figure(view.institutes, parties, asof=view.asof, subtitle=ctx.subtitle)
        out.append(ctx.chart("institutes_map", fig, institute_rows(view.institutes, parties),
                             map_summary(view.institutes, names)))  # fmt: skip
        fig = founding_figure(dated, parties, asof=view.asof, subtitle=ctx.subtitle)
        out.append(ctx.chart("institutes_chart", fig, institute_rows(dated, parties),
                             founding_summary(dated, names, view.asof)))  # fmt: skip
    if not undated.empty:
        out.append(Text("Founding date not verified, so not on the chart: " + "; ".join(
            f"{md(names.get(r.party_id, r.party_id))} — {md(r.name_then)}" for r in undated.itertuples()),
            caption=True, brief=False))  # fmt: skip
    return out


def _network_blocks(ctx: Context) -> list[Block]:
    view = ctx.slice
    members = network_members(view.participation, ctx.atlas.parties, view.institutes)
    out: list[Block] = [Heading("International Network of AI Safety Institutes", brief=False)]
    if members.empty:
        out.append(Notice("The network had no members on this date, or none matches the filters.", icon="hub",
                          brief=False))  # fmt: skip
    else:
        out.append(Table("network_table", members, brief=False))
    return out


def _partnership_blocks(ctx: Context) -> list[Block]:
    view, atlas = ctx.slice, ctx.atlas
    out: list[Block] = [Heading("Bilateral partnerships", brief=False)]
    pairs = partnerships(view.instruments, atlas.participation, keep=set(view.parties["id"]))
    if pairs.empty:
        return [*out, Notice("No bilateral AI-safety agreement matches the filters on this date.", icon="handshake")]
    fig = partnership_figure(pairs, atlas.parties, asof=view.asof, subtitle=ctx.subtitle)
    behind = view.participation[view.participation["instrument_id"].isin(pairs["instrument_id"])]
    return [
        *out,
        ctx.chart(
            "partnerships_chart",
            fig,
            participation_rows(behind, atlas.parties, atlas.instruments),
            partnership_summary(pairs, ctx.names),
        ),  # fmt: skip
        Text(
            "Bilateral instruments whose themes include safety or evaluation & testing. Hover a cell for the "
            "agreements.",
            caption=True,
            brief=False,
        ),  # fmt: skip
    ]


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    blocks = _institute_blocks(ctx) + _network_blocks(ctx) + _partnership_blocks(ctx)
    return ViewContent(TITLE, SUBTITLE, blocks, filters=ctx.subtitle, asof=view.asof)
