"""AI Safety Institutes: when they were founded and renamed, the international network, and bilateral partnerships."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.charts.institutes import founding_figure, map_figure, network_members, partnership_figure, partnerships
from components.content.base import Block, Context, Heading, Notice, Table, Text, ViewContent, names_list, number
from components.data.i18n import N_, _, ngettext
from components.data.labels import label
from components.export.rows import institute_rows, participation_rows
from components.model.atlas import Atlas
from components.model.filters import Filters, slice_of
from components.text import md

TITLE = N_("AI Safety Institutes")  # the page translates its title
SUBTITLE = N_(
    "National AI Safety (or Security) Institutes and equivalents, under the names they had on the as-of date; "
    "the International Network that links them; and the bilateral agreements between governments on AI safety."
)
NOT_ON_MAP = "EUU"  # the EU's institute: not a country (components/charts/institutes.map_figure)


def _status_count(status: str, n: int) -> str:
    """'9 active', '9 actifs', '9 activos': institutes of one status (the vocabulary of institutes.status)."""
    if status == "active":
        return ngettext("{n} active", "{n} active", n).format(n=n)
    if status == "announced":
        return ngettext("{n} announced", "{n} announced", n).format(n=n)
    if status == "renamed":
        return ngettext("{n} renamed", "{n} renamed", n).format(n=n)
    if status == "closed":
        return ngettext("{n} closed", "{n} closed", n).format(n=n)
    return f"{n} {label(status).lower()}"


def map_summary(institutes: pd.DataFrame, names: Mapping[str, str]) -> str:
    """'12 countries have an AI safety institute or equivalent on the map: 10 active and 2 announced (United
    States, United Kingdom, Japan and 9 more). The EU's AI Office is not a country and is not on the map.'"""
    states = institutes[institutes["party_id"] != NOT_ON_MAP].sort_values("founded", na_position="last", kind="stable")
    statuses = states["status"].astype(str).value_counts()
    by_status = [_status_count(status, n) for status, n in statuses.items()]
    countries = [names.get(p, p) for p in dict.fromkeys(states["party_id"])]
    if countries:
        text = ngettext(
            "{n} country has an AI safety institute or equivalent on the map: {statuses} ({countries}).",
            "{n} countries have an AI safety institute or equivalent on the map: {statuses} ({countries}).",
            len(countries),
        ).format(n=number(len(countries)), statuses=names_list(by_status), countries=names_list(countries, limit=3))
    else:
        text = _("No country has an AI safety institute on the map.")
    eu = institutes[institutes["party_id"] == NOT_ON_MAP]
    if len(eu):
        text += " " + _("The EU's {institute} is not a country and is not on the map.").format(
            institute=eu["name_then"].iloc[0]
        )
    return text


def founding_summary(dated: pd.DataFrame, names: Mapping[str, str], asof) -> str:
    """'11 institutes founded or announced, from US AI Safety Institute (United States, 2023-11-01) to … ; 2 renamed
    by the date: A (United Kingdom) and B (United States).'"""
    table = dated.sort_values("founded", kind="stable")

    def named(row) -> str:
        return f"{row.name_then} ({names.get(row.party_id, row.party_id)}, {row.founded_label})"

    first, last = next(table.itertuples()), list(table.itertuples())[-1]
    if len(table) == 1:
        text = _("1 institute founded or announced: {first}.").format(first=named(first))
    else:
        text = ngettext("{n} institute founded or announced, from {first} to {last}.",
                        "{n} institutes founded or announced, from {first} to {last}.", len(table)).format(
            n=number(len(table)), first=named(first), last=named(last))  # fmt: skip
    renamed = table[table["renamed"].notna() & (table["renamed"] <= pd.Timestamp(asof))]
    if len(renamed):
        listed = [f"{row.former_name} → {row.name} ({names.get(row.party_id, row.party_id)}, {row.renamed_label})"
                  for row in renamed.itertuples()]  # fmt: skip
        text += " " + ngettext("{n} renamed by the date: {institutes}.", "{n} renamed by the date: {institutes}.",
                               len(renamed)).format(n=len(renamed), institutes=names_list(listed, limit=3))  # fmt: skip
    return text


def partnership_summary(pairs: pd.DataFrame, names: Mapping[str, str]) -> str:
    """'15 bilateral AI-safety agreements between 11 governments. Most agreements: United Kingdom 6, United States
    6 and Singapore 5.'"""
    counts = pd.concat([pairs["a"], pairs["b"]]).value_counts().rename("n").reset_index()
    counts.columns = ["party_id", "n"]
    counts = counts.assign(name=counts["party_id"].map(lambda p: str(names.get(p, p))))
    best = counts.sort_values(["n", "name"], ascending=[False, True]).head(3)
    most = names_list([f"{name} {n}" for name, n in zip(best["name"], best["n"], strict=True)])
    return ngettext(
        "{n} bilateral AI-safety agreement between {governments}. Most agreements: {most}.",
        "{n} bilateral AI-safety agreements between {governments}. Most agreements: {most}.",
        len(pairs),
    ).format(
        n=number(len(pairs)),
        most=most,
        governments=ngettext("{n} government", "{n} governments", len(counts)).format(n=number(len(counts))),
    )


def _institute_blocks(ctx: Context) -> list[Block]:
    view, parties, names = ctx.slice, ctx.atlas.parties, ctx.names
    dated = view.institutes[view.institutes["founded"].notna()]
    undated = view.institutes[view.institutes["founded"].isna()]
    out: list[Block] = []
    if dated.empty:
        out.append(Notice(_("No institute had been founded by this date, or none matches the party filters."),
                          icon="filter_alt_off"))  # fmt: skip
    else:
        fig = map_figure(view.institutes, parties, asof=view.asof, subtitle=ctx.subtitle)
        out.append(ctx.chart("institutes_map", fig, institute_rows(view.institutes, parties),
                             map_summary(view.institutes, names)))  # fmt: skip
        fig = founding_figure(dated, parties, asof=view.asof, subtitle=ctx.subtitle)
        out.append(ctx.chart("institutes_chart", fig, institute_rows(dated, parties),
                             founding_summary(dated, names, view.asof)))  # fmt: skip
    if not undated.empty:
        listed = "; ".join(f"{md(names.get(r.party_id, r.party_id))} — {md(r.name_then)}" for r in undated.itertuples())
        out.append(Text(_("Founding date not verified, so not on the chart: {institutes}").format(institutes=listed),
                        caption=True, brief=False))  # fmt: skip
    return out


def _network_blocks(ctx: Context) -> list[Block]:
    view = ctx.slice
    members = network_members(view.participation, ctx.atlas.parties, view.institutes)
    out: list[Block] = [Heading(_("International Network of AI Safety Institutes"), brief=False)]
    if members.empty:
        out.append(Notice(_("The network had no members on this date, or none matches the filters."), icon="hub",
                          brief=False))  # fmt: skip
    else:
        out.append(Table("network_table", members, brief=False))
    return out


def _partnership_blocks(ctx: Context) -> list[Block]:
    view, atlas = ctx.slice, ctx.atlas
    out: list[Block] = [Heading(_("Bilateral partnerships"), brief=False)]
    pairs = partnerships(view.instruments, atlas.participation, keep=set(view.parties["id"]))
    if pairs.empty:
        return [*out, Notice(_("No bilateral AI-safety agreement matches the filters on this date."), icon="handshake")]
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
            _(
                "Bilateral instruments whose themes include safety or evaluation & testing. Hover a cell for the "
                "agreements."
            ),
            caption=True,
            brief=False,
        ),  # fmt: skip
    ]


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    blocks = _institute_blocks(ctx) + _network_blocks(ctx) + _partnership_blocks(ctx)
    return ViewContent(TITLE, _(SUBTITLE), blocks, filters=ctx.subtitle, asof=view.asof)
