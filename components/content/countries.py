"""Countries: one party's profile (commitments, path, institutes, partnerships, peers' gaps) or 2–4 side by side.

The parties come from the shared party filter (`filters.party`, the sidebar). Peers, partners and the commitments
themselves are read without the party filters (`filters.without_parties()`), on the same date and instrument filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from components.charts.country_profile import (
    commitments,
    compare_counts,
    compare_figure,
    party_card,
    peer_figure,
    peer_table,
    peers_of,
    profile_figure,
)
from components.charts.institutes import partnerships
from components.charts.matrix import matrix_figure, strongest_actions
from components.content.base import (
    Block,
    Chart,
    Columns,
    Context,
    Heading,
    Links,
    Metric,
    Metrics,
    Notice,
    Section,
    Slot,
    Table,
    Text,
    ViewContent,
    fit_height,
    names_list,
)
from components.content.panels import path_table
from components.content.report import Report, ReportTable, correction_csv, correction_file, participation_fact
from components.data.i18n import N_, _, ngettext, number
from components.data.labels import data_label, label, legal_force_levels
from components.export.rows import institute_rows, participation_rows
from components.model.atlas import GROUPING_ORDER, Atlas
from components.model.filters import Filters, Slice, slice_of
from components.model.query import ViewParam
from components.text import md

TITLE = N_("Countries")  # translated where the page shows it (components/ui/render.py)
SUBTITLE = ""  # the old page had no intro caption
EXAMPLES = ("BRA", "IND", "KEN", "USA,CHN,IND")  # named in the reader's language (party_names: CLDR)
MAX_COMPARED = 4
COMMITMENT_COLUMNS = {"instrument": N_("Instrument"), "legal_force": N_("Legal force"), "action": N_("Action"),
                      "date_label": N_("Date"), "forum": N_("Forum"), "evidence": N_("Evidence")}  # fmt: skip
GAP_COLUMNS = {"instrument": N_("Instrument"), "legal_force": N_("Legal force"), "peers_joined": N_("Peers that joined"),
               "peers": N_("Peers"), "share": N_("Share of peers (%)"), "joined_by": N_("Joined by")}  # fmt: skip
# the path table's columns (components/charts/country_profile.ladder; "Sources" from panels.path_table) as shown
PATH_COLUMNS = {"Instrument": N_("Instrument"), "Legal force": N_("Legal force"), "Path": N_("Path"),
                "In force for it": N_("In force for it"), "Sources": N_("Sources")}  # fmt: skip
NO_REGION = N_("same region")  # a party without a UN region (an organisation, a company)
MOST_PEERS = 200  # the threshold's choices in the address: 1 to 200 peers (a UN region has at most ~50 states)


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    return (ViewParam("peers", ("region", *GROUPING_ORDER), default=("region",)),
            ViewParam("at_least", tuple(str(k) for k in range(1, MOST_PEERS + 1)), default=("1",)))  # fmt: skip


def translated(columns: Mapping[str, str]) -> dict[str, str]:
    """A table's {column: header} in the view's language."""
    return {column: _(header) for column, header in columns.items()}


def peer_labels(atlas: Atlas, filters: Filters) -> dict[str, str]:
    """Labels of the `peers` control: the region option names the chosen party's UN region."""
    if not filters.party or filters.party[0] not in set(atlas.parties["id"]):
        return {"region": _("Same UN region")}
    region = _region(atlas, filters.party[0])
    return {"region": _("Same UN region ({region})").format(region=region) if region else _("Same UN region")}


# ---------------------------------------------------------------- text summaries


def profile_summary(rows: pd.DataFrame, name: str) -> str:
    """'Brazil has joined 13 instruments: Institutional soft law 4, Political commitment 8 and Cooperation
    arrangement 1. Earliest: OECD AI Principles (2019-05-22); latest: New Delhi Declaration (2026-02-21).'"""
    counts = rows["legal_force"].value_counts()
    levels = [f"{label(level)} {int(counts[level])}" for level in _levels(rows) if level in counts]
    ordered = rows.sort_values("when", kind="stable")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    text = ngettext("{name} has joined {n} instrument: {levels}.", "{name} has joined {n} instruments: {levels}.",
                    len(rows)).format(name=name, n=number(len(rows)), levels=names_list(levels, limit=10))  # fmt: skip
    if len(rows) > 1:
        text += " " + _("Earliest: {first} ({first_date}); latest: {last} ({last_date}).").format(
            first=first["instrument"], first_date=_day(first["when"]), last=last["instrument"],
            last_date=_day(last["when"]))  # fmt: skip
    else:
        text += " " + _("It is {instrument} ({date}).").format(instrument=first["instrument"], date=_day(first["when"]))
    return text


def compare_summary(counts: pd.DataFrame, names: Mapping[str, str]) -> str:
    """'United States has joined 24 instruments (4 legally binding), China 9 (none legally binding) and India 14
    (1 legally binding).' (counts: compare_counts, one row per party, one column per level of legal force)"""
    parts = []
    for i, (party, row) in enumerate(counts.iterrows()):
        total, binding = int(row.sum()), int(row.get("legally_binding", 0))
        what = (ngettext("{n} legally binding", "{n} legally binding", binding).format(n=number(binding)) if binding
                else _("none legally binding"))  # fmt: skip
        name = names.get(party, party)
        if i == 0:
            parts.append(ngettext("{name} has joined {n} instrument ({binding})",
                                  "{name} has joined {n} instruments ({binding})", total).format(
                name=name, n=number(total), binding=what))  # fmt: skip
        else:
            parts.append(_("{name} {n} ({binding})").format(name=name, n=number(total), binding=what))
    return names_list(parts, limit=len(parts)) + "."


def matrix_summary(
    compared: pd.DataFrame, chosen: list[str], names: Mapping[str, str], short: Mapping[str, str]
) -> str:
    """'United States, China and India took part in 41 instruments between them (63 party–instrument cells); all 3
    in 5: Bletchley Declaration, …' (the matrix draws one cell per party and instrument: its strongest action)"""
    best = strongest_actions(compared)
    per_instrument = best.groupby("instrument_id")["party_id"].nunique()
    shared = sorted((short.get(i, i) for i in per_instrument[per_instrument == len(chosen)].index), key=str.lower)
    who = names_list([names.get(p, p) for p in chosen])
    cells = ngettext("{n} party–instrument cell", "{n} party–instrument cells", len(best)).format(n=number(len(best)))
    text = ngettext("{who} took part in {n} instrument between them ({cells}); ",
                    "{who} took part in {n} instruments between them ({cells}); ", len(per_instrument)).format(
        who=who, n=number(len(per_instrument)), cells=cells)  # fmt: skip
    if len(chosen) == 2:
        tail = _("both in {n}: {names}.") if shared else _("both in none.")
    else:
        tail = _("all {count} in {n}: {names}.") if shared else _("all {count} in none.")
    return text + tail.format(count=len(chosen), n=number(len(shared)), names=names_list(shared))


def _levels(rows: pd.DataFrame) -> list[str]:
    return [level for level in legal_force_levels() if level in set(rows["legal_force"])]


def _day(when) -> str:
    return pd.Timestamp(when).date().isoformat() if pd.notna(when) else _("undated")


# ---------------------------------------------------------------- one party


def profile(ctx: Context, everyone: Slice, party: str, by: str, at_least: int = 1) -> list[Block]:
    """A party's card, its commitments (chart, table, path), institutes and partnerships, and its peers' gaps."""
    atlas = ctx.atlas
    card = party_card(party, atlas.parties)
    rows = commitments(party, everyone.participation, everyone.instruments)
    groups = len(card["groups"].split(", ")) if card["groups"] != "—" else 0
    blocks: list[Block] = [
        Heading(md(card["name"]), brief=False),
        Metrics(
            [
                Metric(_("Instruments joined"), len(rows)),
                Metric(_("Legally binding"), int((rows["legal_force"] == "legally_binding").sum())),
                Metric(_("Groupings"), groups, help=card["groups"]),
            ],
            brief=False,
        ),  # fmt: skip
        # region and income group as text: as metrics their names were cut ("South Am…", "Upper-mi…")
        Text(
            _(
                "{type} · UN region: **{region}** · income group: **{income}** (World Bank FY2026) · groupings: "
                "{groups}"
            ).format(
                type=md(card["type"]), region=md(card["region"]), income=md(card["income"]), groups=md(card["groups"])
            ),
            brief=False,
        ),  # fmt: skip
    ]
    if rows.empty:
        blocks.append(Notice(_("No commitment of {name} is recorded for these filters on this date.").format(
            name=md(card["name"])), icon="info"))  # fmt: skip
    else:
        blocks.append(profile_chart(ctx, everyone, party, card["name"], rows))
        table = (rows[list(COMMITMENT_COLUMNS)]
                 .assign(legal_force=lambda t: t["legal_force"].map(label), action=lambda t: t["action"].map(label),
                         evidence=lambda t: t["evidence"].map(label), forum=lambda t: t["forum"].map(data_label))
                 .rename(columns=translated(COMMITMENT_COLUMNS)))  # fmt: skip
        blocks.append(Table("commitments_table", table, brief=False, height=fit_height(len(table)),
                            download=_("What {name} has joined").format(name=card["name"])))  # fmt: skip
        blocks.append(path_section(ctx, everyone, party))
    blocks.append(
        Columns([institutes_column(ctx, everyone, party), partners_column(ctx, everyone, party)], brief=False)
    )
    return blocks + peers_section(ctx, everyone, party, card["name"], by, at_least)


def path_section(ctx: Context, everyone: Slice, party: str) -> Section:
    """The party's path through each instrument, each row with a link to report a problem with it (its latest
    action, the whole path shown), and, folded, every action's row to download, correct and send."""
    atlas, name = ctx.atlas, ctx.names.get(party, party)
    path = path_table(ctx, everyone, party)
    mine = everyone.participation[
        (everyone.participation["party_id"] == party) & ~everyone.participation["hypothetical"]
    ]
    mine = mine.assign(_last=mine["action"].astype(str).eq("withdrew")).sort_values(["_last", "date_by"], kind="stable")
    latest = mine.drop_duplicates("instrument_id", keep="last").set_index("instrument_id")["action"].astype(str)
    facts = tuple(
        replace(fact, shown=f"{name} — {row.Instrument}: {row.Path}")
        if row.instrument_id in latest and (fact := participation_fact(atlas, row.instrument_id, party,
                                                                        latest[row.instrument_id])) else None
        for row in path.itertuples()
    )  # fmt: skip
    shown = path.drop(columns="instrument_id").rename(columns=translated(PATH_COLUMNS))
    table = ReportTable("path_table", shown, facts=facts)
    short = ctx.short
    corrections: list[Block] = [Text(_("Each action's row as it is in `participation.csv`: edit it and send it with "
                                       "your report, or check it yourself under *Explore your own data* on Data and "
                                       "sources."), caption=True)]  # fmt: skip
    for act in mine.sort_values(["instrument_id", "date_by"], kind="stable").itertuples():
        key = (str(act.instrument_id), party, str(act.action))
        fact = participation_fact(atlas, *key)
        if fact is not None:
            title = f"**{md(short.get(key[0], key[0]))}**: {label(key[2])} {md(act.date_label or _('undated'))}"
            corrections.append(Report(fact, key="_".join(key), title=title, file_name=correction_file("participation"),
                                      correction=lambda key=key: correction_csv(atlas, "participation", key)))  # fmt: skip
    return Section(_("Path through each instrument (every action in date order, and entry into force)"), [
        table,
        Section(_("Suggest a correction to one of these rows"), corrections, icon="edit_note", key="fold_corrections"),
    ], brief=False)  # fmt: skip


def profile_chart(ctx: Context, everyone: Slice, party: str, name: str, rows: pd.DataFrame) -> Chart:
    """What the party joined (`rows`: its commitments, not empty), by legal force and date: the chart, the actions
    behind it and its text summary (also the published party page's chart, components/publish/parties.py)."""
    fig = profile_figure(rows, party_name=name, asof=ctx.slice.asof, subtitle=ctx.subtitle)
    mine = everyone.participation[(everyone.participation["party_id"] == party)
                                  & everyone.participation["instrument_id"].isin(rows["instrument_id"])]  # fmt: skip
    chart_rows = participation_rows(mine, ctx.atlas.parties, ctx.atlas.instruments)
    return ctx.chart("profile_chart", fig, chart_rows, profile_summary(rows, name))


def institutes_column(ctx: Context, everyone: Slice, party: str) -> list[Block]:
    institutes = everyone.institutes[everyone.institutes["party_id"] == party]
    out: list[Block] = [Text(_("**AI safety institute**"))]
    if institutes.empty:
        return out + [Text(_("None recorded."), caption=True)]
    table = institute_rows(institutes, ctx.atlas.parties)[["name_as_of", "founded", "former_name", "renamed"]]
    return out + [Table("institutes_table", table)]


def partners_column(ctx: Context, everyone: Slice, party: str) -> list[Block]:
    pairs = partnerships(everyone.instruments, ctx.atlas.participation, keep={party})
    out: list[Block] = [Text(_("**Bilateral AI-safety partnerships**"))]
    if pairs.empty:
        return out + [Text(_("None recorded."), caption=True)]
    partner = pairs.apply(lambda r: r["b"] if r["a"] == party else r["a"], axis=1)
    names = ctx.names
    return out + [Table("partnerships_table", pairs.assign(partner=partner.map(names))[["partner", "name", "adopted"]])]


def _region(atlas: Atlas, party: str) -> str:
    """The party's UN region ('South America'), or '' when it has none."""
    region = atlas.parties.set_index("id").at[party, "region"]
    return str(region) if pd.notna(region) else ""


def peers_label(atlas: Atlas, party: str, by: str) -> str:
    """'South America' (the party's UN region) or a grouping's name ('G20')."""
    if by != "region":
        return label(by)
    return _region(atlas, party) or _(NO_REGION)


def peer_summary(gaps: pd.DataFrame, mine: int, name: str, group: str, n: int, at_least: int) -> str:
    """'Brazil has not joined 45 instruments that at least 1 of its 18 peers (G20) joined: Wassenaar Arrangement
    (15 of 18), … Brazil itself has joined 13.'"""
    missing = names_list([_("{instrument} ({k} of {n})").format(instrument=r.instrument, k=r.peers_joined, n=n)
                          for r in gaps.itertuples()], limit=8)  # fmt: skip
    peers = ngettext("{n} peer", "{n} peers", n).format(n=number(n))
    text = ngettext("{name} has not joined {n} instrument that at least {at_least} of its {peers} ({group}) joined: "
                    "{missing}.",
                    "{name} has not joined {n} instruments that at least {at_least} of its {peers} ({group}) joined: "
                    "{missing}.", len(gaps)).format(name=name, n=number(len(gaps)), at_least=at_least, peers=peers,
                                                    group=group, missing=missing)  # fmt: skip
    return text + " " + ngettext("{name} itself has joined {n} instrument.", "{name} itself has joined {n} instruments.",
                                 mine).format(name=name, n=number(mine))  # fmt: skip


def peers_section(ctx: Context, everyone: Slice, party: str, name: str, by: str, at_least: int = 1) -> list[Block]:
    """The party beside its peers (its UN region, or a grouping): what they joined that it did not, with a threshold
    (joined by at least k of the n peers; every instrument by default), as a named chart and a table."""
    blocks: list[Block] = [Heading(_("What its peers joined that it did not"), brief=False), Slot("peers", brief=False)]
    peers = peers_of(party, ctx.atlas.parties, by=by)
    group = peers_label(ctx.atlas, party, by)
    if peers.empty:
        blocks.append(Text(_("{name} has no peers in this grouping.").format(name=md(name)), caption=True, brief=False))
        return blocks
    n = len(peers)
    at_least = min(max(at_least, 1), n)
    blocks.append(Slot("at_least", choices=tuple(str(k) for k in range(1, n + 1)), brief=False))
    table = peer_table(party, peers, everyone.participation, everyone.instruments)
    gaps = table[~table["party_joined"] & (table["peers_joined"] >= at_least)]
    if gaps.empty:
        blocks.append(Notice(_("{name} has joined every instrument that at least {at_least} of its {n} peers "
                               "({group}) joined.").format(name=md(name), at_least=at_least, n=n, group=md(group)),
                             kind="success", brief=False))  # fmt: skip
        return blocks
    fig = peer_figure(gaps, party_name=name, peers_label=group, asof=ctx.slice.asof, subtitle=ctx.subtitle)
    rows = gaps.assign(party=name, legal_force=gaps["legal_force"].map(label))[
        ["party", "instrument_id", "instrument", "legal_force", "peers_joined", "peers", "joined_by"]
    ]
    summary = peer_summary(gaps, int(table["party_joined"].sum()), name, group, n, at_least)
    blocks.append(ctx.chart("peer_chart", fig, rows, summary))
    instruments = ngettext("{n} instrument", "{n} instruments", len(gaps)).format(n=number(len(gaps)))
    blocks.append(Text(_("Joined by at least **{at_least} of the {n} peers** ({group}) and not by {name}: "
                         "{instruments}.").format(at_least=at_least, n=n, group=md(group), name=md(name),
                                                  instruments=instruments), caption=True, brief=False))  # fmt: skip
    gap_table = (gaps.assign(legal_force=gaps["legal_force"].map(label), share=(gaps["share"] * 100).round().astype(int))
                 [list(GAP_COLUMNS)].rename(columns=translated(GAP_COLUMNS)))  # fmt: skip
    blocks.append(Table("peer_gaps_table", gap_table, brief=False, height=fit_height(len(gap_table)),
                        download=_("What {name}'s peers ({group}) joined that {name} did not").format(
                            name=name, group=group)))  # fmt: skip
    return blocks


# ---------------------------------------------------------------- 2–4 parties


def comparison(ctx: Context, everyone: Slice, chosen: list[str]) -> list[Block]:
    """Commitments by legal force side by side, and the matrix of their strongest actions."""
    atlas, names = ctx.atlas, ctx.names
    compared = everyone.participation[everyone.participation["party_id"].isin(chosen)]
    if compared.empty:
        who = names_list([md(names.get(p, p)) for p in chosen])
        return [Notice(_("No commitment of {name} is recorded for these filters on this date.").format(name=who),
                       icon="info")]  # fmt: skip
    counts = compare_counts(chosen, everyone.participation, everyone.instruments)
    fig = compare_figure(counts, names, asof=ctx.slice.asof, subtitle=ctx.subtitle)
    joined = {
        (p, i) for p in chosen for i in commitments(p, everyone.participation, everyone.instruments)["instrument_id"]
    }
    counted = compared[[pair in joined for pair in zip(compared["party_id"], compared["instrument_id"], strict=True)]]
    rows = participation_rows(counted, atlas.parties, atlas.instruments)  # what the bars count: no withdrawn party
    blocks: list[Block] = [ctx.chart("compare_chart", fig, rows, compare_summary(counts, names))]
    instruments = everyone.instruments[everyone.instruments["id"].isin(compared["instrument_id"])]
    fig = matrix_figure(compared, atlas.parties[atlas.parties["id"].isin(chosen)], instruments, asof=ctx.slice.asof,
                        sort="name", subtitle=ctx.subtitle, claims=atlas.claims, flag_counts=False)  # fmt: skip
    rows = participation_rows(compared, atlas.parties, atlas.instruments)
    blocks.append(ctx.chart("compare_matrix", fig, rows, matrix_summary(compared, chosen, names, ctx.short)))
    return blocks


# ---------------------------------------------------------------- the view


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    chosen = list(filters.party)
    blocks: list[Block] = [Slot("party", brief=False)]  # the party picker, on the page
    if not chosen:
        blocks.append(Notice(
            _("Choose a party above for its profile, and add up to three to compare them. For example:"),
            icon="person_search"))  # fmt: skip
        names = ctx.names
        blocks.append(Links([(names_list([names.get(i, i) for i in ids.split(",")]), "countries", {"party": ids})
                             for ids in EXAMPLES], brief=False))  # fmt: skip
        return ViewContent(TITLE, SUBTITLE, blocks, filters=ctx.subtitle, asof=view.asof)
    if len(chosen) > MAX_COMPARED:
        blocks.append(Notice(_("Comparing the first four of the {n} parties chosen.").format(n=len(chosen)),
                             kind="warning", icon="compare"))  # fmt: skip
        chosen = chosen[:MAX_COMPARED]
    everyone = slice_of(atlas, filters.without_parties())  # peers and partners: every party, same date and instruments
    if len(chosen) == 1:
        at_least = int((options.get("at_least") or ("1",))[0])
        blocks += profile(ctx, everyone, chosen[0], (options.get("peers") or ("region",))[0], at_least)
    else:
        blocks += comparison(ctx, everyone, chosen)
    return ViewContent(TITLE, SUBTITLE, blocks, filters=ctx.subtitle, asof=view.asof)
