"""Industry and other actors: who committed to what, when, and how it links to state instruments."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.charts.industry import (
    MAX_ACTORS,
    MAX_INSTRUMENTS,
    actor_participation,
    busiest,
    industry_instruments,
    linked_events,
)
from components.charts.matrix import matrix_figure
from components.content.base import Block, Context, Heading, Table, Text, ViewContent, names_list
from components.content.panels import EMPTY
from components.data.i18n import N_, _, ngettext, number
from components.export.rows import participation_rows
from components.model.atlas import Atlas
from components.model.filters import Filters, slice_of

TITLE = N_("Industry and other actors")  # translated where the page shows it (components/ui/render.py)
SUBTITLE = N_(
    "Company pledges, codes and industry bodies, and the companies, research bodies and NGOs that joined "
    "them. Lists of industry bodies' members record founding or steering members only (see *Data and sources*)."
)
CAPS = {"max_actors": MAX_ACTORS, "max_instruments": MAX_INSTRUMENTS}  # the matrix's size limit (tests lower it)


def matrix_summary(shown: pd.DataFrame, rows: pd.DataFrame, names: Mapping[str, str], short: Mapping[str, str]) -> str:
    """'64 actors joined 9 instruments (128 actor–instrument cells). Most commitments: A 5, B 4 and C 4; most
    actors: D 30, E 20 and F 12.' When the matrix shows the busiest of `rows` only: 'The matrix shows the 3 of 9
    instruments with most actors and the 10 of 64 actors with most commitments among them (26 actor–instrument cells).
    …'"""
    pairs = shown[["party_id", "instrument_id"]].drop_duplicates()
    actors, instruments = pairs["party_id"].nunique(), pairs["instrument_id"].nunique()
    all_actors, all_instruments = rows["party_id"].nunique(), rows["instrument_id"].nunique()

    def top(column: str, names_of: Mapping[str, str]) -> str:
        counts = pairs.groupby(column).size().rename("n").reset_index()
        counts = counts.assign(name=counts[column].map(lambda i: str(names_of.get(i, i))))
        best = counts.sort_values(["n", "name"], ascending=[False, True]).head(3)
        items = [f"{name} {n}" for name, n in zip(best["name"], best["n"], strict=True)]
        return names_list(items, limit=len(items))

    if (actors, instruments) == (all_actors, all_instruments):
        head = _("{actors} joined {instruments}").format(
            actors=ngettext("{n} actor", "{n} actors", actors).format(n=number(actors)),
            instruments=ngettext("{n} instrument", "{n} instruments", instruments).format(n=number(instruments)),
        )
    else:
        head = _("The matrix shows the {shown_instruments} of {all_instruments} instruments with most actors and the "
                 "{shown_actors} of {all_actors} actors with most commitments among them").format(
            shown_instruments=number(instruments), all_instruments=number(all_instruments), shown_actors=number(actors),
            all_actors=number(all_actors))  # fmt: skip
    cells = ngettext("{n} actor–instrument cell", "{n} actor–instrument cells", len(pairs)).format(n=number(len(pairs)))
    return _("{head} ({cells}). Most commitments: {by_actor}; most actors: {by_instrument}.").format(
        head=head, cells=cells, by_actor=top("party_id", names), by_instrument=top("instrument_id", short)
    )


def _matrix_blocks(ctx: Context) -> list[Block]:
    view, atlas = ctx.slice, ctx.atlas
    instruments = industry_instruments(view.instruments, view.participation, view.parties)
    rows = actor_participation(view.participation, view.parties)
    rows = rows[rows["instrument_id"].isin(instruments["id"])]
    if rows.empty:
        return [EMPTY]
    shown, (n_actors, all_actors), (n_instruments, all_instruments) = busiest(rows, **CAPS)
    actors = view.parties[view.parties["id"].isin(shown["party_id"])]
    fig = matrix_figure(shown, actors, instruments[instruments["id"].isin(shown["instrument_id"])], asof=view.asof,
                        sort="count", subtitle=ctx.subtitle, claims=atlas.claims, flag_counts=False)  # fmt: skip
    fig.update_layout(title_text=_("Companies and other actors: which commitments and bodies they joined"))
    # the data download has every row, the matrix the busiest ones (the caption below says so)
    out: list[Block] = [ctx.chart("industry_matrix", fig, participation_rows(rows, atlas.parties, atlas.instruments),
                                  matrix_summary(shown, rows, ctx.names, ctx.short))]  # fmt: skip
    if (n_actors, n_instruments) != (all_actors, all_instruments):
        out.append(Text(
            _("Showing the {shown_instruments} of {all_instruments} instruments with most actors and the "
              "{shown_actors} of {all_actors} actors with most commitments among them. Narrow the filters (for "
              "example *Parties* or *Theme*) to see the others; the chart's data download has every row.").format(
                shown_instruments=n_instruments, all_instruments=all_instruments, shown_actors=n_actors,
                all_actors=all_actors), caption=True))  # fmt: skip
    return out


def _linked_blocks(ctx: Context) -> list[Block]:
    short = ctx.short
    linked = linked_events(ctx.slice.events, ctx.slice.instruments)
    out: list[Block] = [Heading(_("Where industry and government tracks met"), brief=False)]
    if linked.empty:
        return [*out, Text(_("No event in view produced both an industry-led and a government instrument."),
                           caption=True, brief=False)]  # fmt: skip
    table = linked.assign(
        industry=linked["industry"].map(lambda ids: "; ".join(short.get(i, i) for i in ids)),
        government=linked["government"].map(lambda ids: "; ".join(short.get(i, i) for i in ids)),
    ).rename(columns={"event": _("Event"), "date": _("Date"), "industry": _("Industry instruments"),
                      "government": _("Government instruments")})  # fmt: skip
    return [*out, Table("linked_table", table, brief=False)]


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    blocks = _matrix_blocks(ctx) + _linked_blocks(ctx)
    return ViewContent(TITLE, _(SUBTITLE), blocks, filters=ctx.subtitle, asof=view.asof)
