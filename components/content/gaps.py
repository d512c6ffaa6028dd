"""Gaps: the Global South's share, US–China co-participation, the fewest commitments, time to a binding instrument.

Shares, co-participation and counts are about all parties: the party filters (parties, grouping, region, income)
would make them trivial (?group=G77 gives 100%), so they select the instruments only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from components.charts.gaps import (
    ANALOGUES_TABLE,
    US_CHINA,
    by_region,
    fewest_commitments,
    global_south_share,
    share_figure,
    time_to_binding,
    un_share,
    us_china,
    us_china_figure,
)
from components.content.base import Block, Context, Heading, Section, Table, Text, ViewContent, names_list
from components.content.panels import EMPTY
from components.data.i18n import DEFAULT, N_, _, collation_key, language, long_date, ngettext, number
from components.data.labels import label
from components.model.assessments import wide_table
from components.model.atlas import Atlas
from components.model.filters import Filters, Slice, slice_of
from components.text import md, md_link

TITLE = N_("Gaps")  # translated where the page shows it (components/ui/render.py)
SUBTITLE = N_(
    "**Global South** here means the members of the Group of 77 (134 states, its official list); income groups "
    "are the World Bank's FY2026 classification. Shares count states only, and only parties recorded in the "
    "data: instruments whose party list is partial are marked in *Data and sources*."
)
SHARE_COLUMNS = {"instrument": N_("Instrument"), "adopted": N_("Adopted"), "states": N_("State parties"),
                 "global_south": N_("G77 members"), "developing": N_("Low/middle income"),
                 "global_south_share": N_("G77 share (%)"),
                 "developing_share": N_("Low/middle-income share (%)")}  # fmt: skip
REGION_COLUMNS = {"region": N_("Region"), "states": N_("UN member states"),
                  "with_any": N_("Joined at least one instrument"), "median": N_("Median instruments joined")}  # fmt: skip
# "Adopted " (the binding instrument's adoption) differs from "Adopted" by a space: two columns cannot share a name
TIMING_COLUMNS = {"forum": N_("Forum"), "first_instrument": N_("First AI instrument"), "first_adopted": N_("Adopted"),
                  "first_binding": N_("First legally binding"), "binding_adopted": N_("Adopted "),
                  "years": N_("Years between"), "instruments": N_("Instruments")}  # fmt: skip


def translated(columns: dict[str, str]) -> dict[str, str]:
    """A table's {column: header} in the view's language."""
    return {column: _(header) for column, header in columns.items()}


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def share_summary(shares: pd.DataFrame, reference: tuple[int, int]) -> str:
    """'The G77 holds 69% of UN seats (133 of 193); its share of state parties is below that in 45 of 59
    instruments. Lowest: A 0%, B 0%, C 0%; highest: D 100%, …'"""
    south, members = reference
    un = south / members if members else 0.0
    ordered = shares.sort_values(["global_south_share", "instrument"], kind="stable")
    below = int((ordered["global_south_share"] < un).sum())

    def listed(rows: pd.DataFrame) -> str:
        return ", ".join(f"{name} {_pct(share)}" for name, share in zip(rows["instrument"], rows["global_south_share"],
                                                                        strict=True))  # fmt: skip

    highest = ordered.sort_values(["global_south_share", "instrument"], ascending=[False, True], kind="stable")
    return ngettext(
        "The G77 makes up {share} of UN member states ({south} of {members}); its share of state parties is below "
        "that in {below} of {n} instrument with state parties. Lowest: {lowest}; highest: {highest}.",
        "The G77 makes up {share} of UN member states ({south} of {members}); its share of state parties is below "
        "that in {below} of {n} instruments with state parties. Lowest: {lowest}; highest: {highest}.",
        len(ordered),
    ).format(share=_pct(un), south=south, members=members, below=below, n=number(len(ordered)),
             lowest=listed(ordered.head(3)), highest=listed(highest.head(3)))  # fmt: skip


def us_china_summary(table: pd.DataFrame) -> str:
    """'Of 59 instruments with state parties, the United States and China are both in 9 (A, B, C and 6 more), the
    United States only in 26, China only in 5 and neither in 19.'"""
    counts = table["us_china"].value_counts().reindex(US_CHINA, fill_value=0)
    both = table.loc[table["us_china"] == US_CHINA[0], "instrument"].tolist()
    named = f" ({names_list(both, limit=3)})" if both else ""
    return ngettext(
        "Of {n} instrument with state parties, the United States and China are both in {both}{named}, the United "
        "States only in {us}, China only in {china} and neither in {neither}.",
        "Of {n} instruments with state parties, the United States and China are both in {both}{named}, the United "
        "States only in {us}, China only in {china} and neither in {neither}.",
        len(table),
    ).format(n=number(len(table)), both=counts[US_CHINA[0]], named=named, us=counts[US_CHINA[1]],
             china=counts[US_CHINA[2]], neither=counts[US_CHINA[3]])  # fmt: skip


def _share_blocks(ctx: Context, everyone: Slice, instruments: pd.DataFrame) -> list[Block]:
    atlas, view = ctx.atlas, ctx.slice
    shares = global_south_share(everyone.participation, atlas.parties, instruments)
    if shares.empty:
        return []
    reference = un_share(atlas.parties)
    fig = share_figure(shares, reference=reference, asof=view.asof, subtitle=ctx.subtitle)
    rows = shares.assign(adopted=shares["adopted"].dt.strftime("%Y-%m-%d"))
    table = (
        shares.assign(
            global_south_share=(shares["global_south_share"] * 100).round(0),
            developing_share=(shares["developing_share"] * 100).round(0),
            adopted=shares["adopted"].dt.strftime("%Y-%m-%d"),
        )
        .rename(columns=translated(SHARE_COLUMNS))
        .drop(columns="instrument_id")
    )
    return [
        ctx.chart("share_chart", fig, rows, share_summary(shares, reference)),
        Section(_("Shares per instrument"), [Table("share_table", table)], brief=False),
    ]


def _us_china_blocks(ctx: Context, everyone: Slice, instruments: pd.DataFrame) -> list[Block]:
    table = us_china(everyone.participation, instruments, ctx.atlas.parties)
    if table.empty:
        return []
    fig = us_china_figure(table, asof=ctx.slice.asof, subtitle=ctx.subtitle)
    which = [Text(f"**{md(_(status))}** ({len(group)}): " + "; ".join(md(name) for name in group["instrument"]))
             for status, group in table.groupby("us_china", sort=False)]  # fmt: skip
    return [ctx.chart("us_china_chart", fig, table, us_china_summary(table)),
            Section(_("Which instruments"), which, brief=False)]  # fmt: skip


def _names_in_order(fewest: pd.DataFrame, names: Mapping[str, str]) -> list[str]:
    """The states' names in the view's language, fewest instruments first, then as the language sorts names."""
    if language() == DEFAULT:
        return fewest["name"].tolist()  # sorted so already (charts/gaps.fewest_commitments)
    shown = fewest.assign(shown=fewest["id"].map(names).fillna(fewest["name"]))
    shown = shown.assign(_key=shown["shown"].map(collation_key)).sort_values(["instruments", "_key"], kind="stable")
    return shown["shown"].tolist()


def _fewest_blocks(ctx: Context, everyone: Slice) -> list[Block]:
    fewest = fewest_commitments(everyone.participation, ctx.atlas.parties)
    out: list[Block] = [Heading(_("Fewest commitments"))]
    if not fewest.empty:
        out += [
            Text(ngettext(
                "**{n}** UN member states have joined **{most}** or fewer of the instruments in view (as of {date}; "
                "adopting a text by consensus in an assembly such as UNESCO's General Conference is not counted as "
                "joining):",
                "**{n}** UN member states have joined **{most}** or fewer of the instruments in view (as of {date}; "
                "adopting a text by consensus in an assembly such as UNESCO's General Conference is not counted as "
                "joining):", len(fewest),
            ).format(n=len(fewest), most=fewest["instruments"].max(), date=long_date(ctx.slice.asof))),
            Text(", ".join(md(name) for name in _names_in_order(fewest, ctx.names)), caption=True),
        ]  # fmt: skip
    regions = by_region(everyone.participation, ctx.atlas.parties)
    return [*out, Heading(_("By region")), Table("region_table", regions.rename(columns=translated(REGION_COLUMNS)))]


def _binding_blocks(atlas: Atlas, filters: Filters) -> list[Block]:
    # Time to binding looks at every instrument of each forum on the date, whatever the instrument filters.
    timing = time_to_binding(slice_of(atlas, Filters(asof=filters.asof)).instruments)
    out: list[Block] = [
        Heading(_("From a forum's first AI instrument to a binding one")),
        Table("binding_table", timing.rename(columns=translated(TIMING_COLUMNS))),
        Text(
            _(
                "Bilateral arrangements and industry bodies are left out: they are many separate arrangements, not one "
                "forum. {binding} includes EU regulations and national export controls."
            ).format(binding=label("legally_binding")),
            caption=True,
        ),  # fmt: skip
    ]
    analogues = atlas.assessments[atlas.assessments["table_id"] == ANALOGUES_TABLE]
    if len(analogues):
        source = analogues["source_url"].iloc[0]
        out += [
            Text(_("**Beside it, the historical analogues one of the source texts gives** (an assessment, not data):")),
            Table("analogues_table", wide_table(atlas.assessments, ANALOGUES_TABLE)),
            Text(_("Source: {link}").format(link=md_link(source, source)), caption=True),
        ]
    return out


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    if view.instruments.empty:
        return ViewContent(TITLE, _(SUBTITLE), [EMPTY], filters=ctx.subtitle, asof=view.asof)
    everyone = slice_of(atlas, filters.without_parties())
    instruments = everyone.instruments[everyone.instruments["id"].isin(view.instruments["id"])]
    blocks: list[Block] = []
    if filters.restricts_parties:
        blocks.append(Text(_("Party filters select the instruments here; shares and counts take all their parties "
                             "into account."), caption=True, brief=False))  # fmt: skip
    blocks += _share_blocks(ctx, everyone, instruments)
    blocks += _us_china_blocks(ctx, everyone, instruments)
    detail = [replace(block, brief=False) for block in _fewest_blocks(ctx, everyone) + _binding_blocks(atlas, filters)]
    return ViewContent(TITLE, _(SUBTITLE), blocks + detail, filters=ctx.subtitle, asof=view.asof)
