"""Country lens: one party's commitments, its peers' commitments it lacks, and side-by-side comparison."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.matrix import strongest_actions
from components.charts.theme import LEGAL_FORCE_COLOURS, OUTLINE, finish_figure, legend_above
from components.charts.timeline import LEGAL_FORCE_SYMBOLS
from components.data.i18n import DEFAULT, _, collation_key, language, number, territory
from components.data.labels import label, legal_force_levels


def commitments(party_id: str, participation: pd.DataFrame, instruments: pd.DataFrame) -> pd.DataFrame:
    """The party's instruments, one row each: strongest action, its date, and the instrument's legal force."""
    best = strongest_actions(participation[participation["party_id"] == party_id])
    best = best[~best["withdrew"]]
    info = instruments.set_index("id")
    rows = best.assign(
        instrument=best["instrument_id"].map(info["short_name"]),
        legal_force=best["instrument_id"].map(info["legal_force"].astype(str)),
        mechanism=best["instrument_id"].map(info["mechanism"].astype(str)),
        forum=best["instrument_id"].map(info["forum"]),
        adopted=best["instrument_id"].map(info["adopted"]),
    )
    rows["when"] = rows["date"].fillna(rows["adopted"])  # undated actions are placed at the instrument's adoption
    rows = rows[rows["legal_force"].notna()]
    strength = rows["legal_force"].map({level: i for i, level in enumerate(legal_force_levels())})
    return (
        rows.assign(_strength=strength)
        .sort_values(["_strength", "when"])
        .drop(columns="_strength")
        .reset_index(drop=True)
    )


ROW_HEIGHT = 30  # px per instrument in the charts that name one instrument per row
PROFILE_ROWS = 60  # instruments named in a party's profile chart (the most any party has joined here: 36)


def profile_figure(rows: pd.DataFrame, *, party_name: str, asof: dt.date, subtitle: str | None = None) -> go.Figure:
    """The party's commitments, one named row per instrument (earliest at the top), placed at the date of its
    strongest action and coloured by legal force: a slide that names what the party joined, and when. Beyond
    PROFILE_ROWS instruments it draws the most binding, then the most recent, and says so."""
    if len(rows) > PROFILE_ROWS:
        strength = rows["legal_force"].map({level: i for i, level in enumerate(legal_force_levels())})
        kept = rows.assign(_s=strength).sort_values(["_s", "when"], ascending=[True, False], kind="stable")
        rows = kept.head(PROFILE_ROWS).drop(columns="_s")
        shown = _("Showing {shown} of {total}: the most binding, then the most recent; the table and its CSV list "
                  "every one").format(shown=PROFILE_ROWS, total=number(len(kept)))  # fmt: skip
        subtitle = f"{subtitle} · {shown}" if subtitle else shown
    ordered = rows.sort_values(["when", "instrument"], kind="stable")
    order = ordered["instrument"].tolist()
    fig = go.Figure()
    for level in legal_force_levels():
        mine = ordered[ordered["legal_force"] == level]
        if mine.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=mine["when"], y=mine["instrument"], mode="markers", name=label(level),
                marker=dict(size=14, color=LEGAL_FORCE_COLOURS[level], symbol=LEGAL_FORCE_SYMBOLS.get(level, "circle"),
                            line=OUTLINE),
                customdata=mine.assign(action=mine["action"].astype(str).map(label))[
                    ["instrument", "action", "date_label", "forum"]].fillna("").astype(str).to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} %{customdata[2]}<br>%{customdata[3]}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None, automargin=True,
                     showgrid=True, gridcolor="#e4e7eb")  # fmt: skip
    fig.update_xaxes(title=_("Date of its strongest action (or of adoption when undated)"), type="date")
    fig.update_layout(height=_height(len(order)))
    legend_above(fig)
    return finish_figure(fig, title=_("What {name} has joined, by legal force").format(name=party_name),
                         subtitle=subtitle, asof=asof)  # fmt: skip


def _height(rows: int) -> int:
    return 240 + ROW_HEIGHT * max(rows, 3)


def peers_of(party_id: str, parties: pd.DataFrame, *, by: str = "region") -> pd.DataFrame:
    """Other UN member states in the same UN region (by='region') or sharing a grouping (e.g. 'G20')."""
    me = parties.set_index("id").loc[party_id]
    others = parties[(parties["id"] != party_id) & (parties["party_type"] == "state") & parties["un_member"]]
    if by == "region":
        return others[others["region"] == me["region"]]
    return others[others["groups"].map(lambda groups: by in groups)]


PEER_COLUMNS = ["instrument_id", "instrument", "legal_force", "party_joined", "peers_joined", "peers", "share",
                "joined_by"]  # fmt: skip


def joiners(participation: pd.DataFrame) -> dict[str, set[str]]:
    """Per instrument: the parties that joined it and did not leave (whose strongest action stands, strongest_actions)."""
    best = strongest_actions(participation)
    best = best[~best["withdrew"]]
    out: dict[str, set[str]] = {}
    for instrument, party in zip(best["instrument_id"], best["party_id"], strict=True):
        out.setdefault(instrument, set()).add(party)
    return out


def peer_table(
    party_id: str,
    peers: pd.DataFrame,
    participation: pd.DataFrame,
    instruments: pd.DataFrame,
    *,
    joined: Mapping[str, set[str]] | None = None,
) -> pd.DataFrame:
    """Every instrument the party or any of its peers joined (and did not leave): whether the party joined it, how
    many of the peers did (`peers_joined` of `peers`, and `share`), and which (`joined_by`, names).

    `joined`: joiners(participation), when many tables are made from the same participation (the published party
    pages: once for all parties, not per party and peer group); the same table either way, as whether a party joined
    an instrument depends on its own rows only."""
    if joined is None:
        involved = participation["party_id"].isin(peers["id"]) | (participation["party_id"] == party_id)
        joined = joiners(participation[involved])
    short = dict(zip(instruments["id"], instruments["short_name"], strict=True))
    force = dict(zip(instruments["id"], instruments["legal_force"], strict=True))
    names = {pid: territory(pid, name) for pid, name in zip(peers["id"], peers["name"], strict=True)}  # CLDR names
    mine = {i for i, who in joined.items() if i in short and party_id in who}
    theirs: dict[str, set[str]] = {}  # instrument -> the names of the peers that joined it
    for instrument, who in joined.items():
        if instrument in short and (by := {names[p] for p in who if p in names}):
            theirs[instrument] = by
    ids = sorted(mine | set(theirs))
    table = pd.DataFrame({
        "instrument_id": ids,
        "instrument": [short[i] for i in ids],
        "legal_force": [str(force[i]) for i in ids],
        "party_joined": [i in mine for i in ids],
        "peers_joined": np.array([len(theirs.get(i, ())) for i in ids], dtype=int),
        "peers": len(peers),
    }, columns=PEER_COLUMNS[:-2])  # fmt: skip
    table["share"] = table["peers_joined"] / len(peers) if len(peers) else 0.0
    by_name = str.lower if language() == DEFAULT else collation_key  # accented names with their letter ('Égypte')
    table["joined_by"] = ["; ".join(sorted(theirs[i], key=by_name)) if i in theirs else "" for i in ids]
    return table.sort_values(["party_joined", "peers_joined", "instrument"], ascending=[True, False, True],
                             key=lambda s: s.str.lower() if s.dtype == object else s).reset_index(drop=True)  # fmt: skip


def peer_gaps(
    party_id: str,
    peers: pd.DataFrame,
    participation: pd.DataFrame,
    instruments: pd.DataFrame,
    *,
    at_least: int = 1,
) -> pd.DataFrame:
    """Instruments that at least `at_least` of the peers joined and the party did not, most-joined first."""
    if peers.empty:
        return pd.DataFrame(columns=PEER_COLUMNS)
    table = peer_table(party_id, peers, participation, instruments)
    return table[~table["party_joined"] & (table["peers_joined"] >= at_least)].reset_index(drop=True)


MOST_BARS = 20  # a named bar chart beyond this many rows no longer reads on a slide


def peer_figure(gaps: pd.DataFrame, *, party_name: str, peers_label: str, asof: dt.date,
                subtitle: str | None = None, most: int = MOST_BARS) -> go.Figure:  # fmt: skip
    """Horizontal bars, one named row per instrument the peers joined and the party did not: how many of the peers
    joined it ('15 of 18'), coloured by legal force. The `most` joined by most peers when there are more, said in the
    figure."""
    n = int(gaps["peers"].iloc[0]) if len(gaps) else 0
    shown = gaps.sort_values(["peers_joined", "instrument"], ascending=[False, True]).head(most)
    order = shown["instrument"].tolist()
    fig = go.Figure()
    for level in legal_force_levels():
        part = shown[shown["legal_force"] == level]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["peers_joined"], y=part["instrument"], orientation="h", name=label(level),
                marker=dict(color=LEGAL_FORCE_COLOURS[level], line=OUTLINE),
                text=[_("{k} of {n}").format(k=k, n=n) for k in part["peers_joined"]], textposition="outside",
                cliponaxis=False, customdata=part[["joined_by"]].to_numpy(),
                hovertemplate="<b>%{y}</b><br>" + _("%{x} of {n} peers joined").replace("{n}", str(n))
                + "<br>%{customdata[0]}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None, automargin=True)
    fig.update_xaxes(title=_("Peers that joined (of {n})").format(n=n), range=[0, max(n, 1) * 1.18], rangemode="tozero")
    fig.update_layout(height=_height(len(order)), bargap=0.25)
    legend_above(fig)
    if len(gaps) > len(shown):
        title = _(
            "What {name}'s {n} peers ({group}) joined that {name} has not: {count} (the {shown} joined by most peers)"
        )
    else:
        title = _("What {name}'s {n} peers ({group}) joined that {name} has not: {count}")
    title = title.format(name=party_name, n=n, group=peers_label, count=len(gaps), shown=len(shown))
    return finish_figure(fig, title=title, subtitle=subtitle, asof=asof)


def party_card(party_id: str, parties: pd.DataFrame) -> dict[str, str]:
    """Name (a state's from CLDR in the view's language), type, region, income group and groupings, for the profile
    header."""
    row = parties.set_index("id").loc[party_id]
    return {
        "name": territory(party_id, row["name"]),
        "type": label(row["party_type"]),
        "region": str(row["region"]) if pd.notna(row["region"]) else label(row["party_type"]),
        "income": label(row["income_group"]) if pd.notna(row.get("income_group")) else "—",
        "groups": ", ".join(row["groups"]) if row["groups"] else "—",
    }


def compare_counts(party_ids: list[str], participation: pd.DataFrame, instruments: pd.DataFrame) -> pd.DataFrame:
    """Instruments joined by each party, by legal force (rows: parties, columns: levels)."""
    rows = {pid: commitments(pid, participation, instruments)["legal_force"].value_counts() for pid in party_ids}
    table = pd.DataFrame(rows).T.reindex(columns=legal_force_levels()).fillna(0).astype(int)
    return table.reindex(party_ids)


def compare_figure(
    counts: pd.DataFrame, names: dict[str, str], *, asof: dt.date, subtitle: str | None = None
) -> go.Figure:
    """Stacked bars: each party's instruments by legal force."""
    fig = go.Figure()
    for level in counts.columns:
        if counts[level].sum() == 0:
            continue
        fig.add_trace(
            go.Bar(
                x=[names.get(p, p) for p in counts.index], y=counts[level], name=label(level),
                marker=dict(color=LEGAL_FORCE_COLOURS[level], line=OUTLINE),
                hovertemplate=_("%{x}: %{y} {level}").replace("{level}", label(level).lower()) + "<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(barmode="stack", height=440)
    legend_above(fig)
    fig.update_yaxes(title=_("Instruments joined"), rangemode="tozero")
    fig.update_xaxes(title=None)
    return finish_figure(fig, title=_("Commitments compared, by legal force"), subtitle=subtitle, asof=asof)


def ladder(
    party_id: str,
    participation: pd.DataFrame,
    instruments: pd.DataFrame,
    in_force: dict[str, pd.Timestamp | None] | None = None,
) -> pd.DataFrame:
    """The party's path through each instrument, in date order: 'Signed 2024-09-05 → Ratified 2025-03-01 → in force
    for it 2025-07-01', with a withdrawal last. `in_force` gives, per treaty with an entry-into-force condition, the
    day it is (or will be) in force for the party (components.model.entry.party_in_force)."""
    mine = participation[participation["party_id"] == party_id]
    if mine.empty:
        return pd.DataFrame(columns=["instrument_id", "Instrument", "Legal force", "Path", "In force for it"])
    info = instruments.set_index("id")
    ids = mine["instrument_id"].astype(object)
    doubt = mine["evidence"].astype(str).eq("unverified") if "evidence" in mine else pd.Series(False, mine.index)
    steps = (mine["action"].astype(str).map(label) + " " + mine["date_label"].fillna("").astype(str)).str.strip()
    acts = pd.DataFrame({
        "instrument_id": ids,
        "step": steps.where(~doubt, steps + " " + _("(unverified)")),
        "_when": mine["date_by"].fillna(ids.map(info["adopted"])),  # undated: from the adoption
        "_last": mine["action"].astype(str).eq("withdrew"),  # a withdrawal comes last
    }).sort_values(["_last", "_when"], kind="stable")  # fmt: skip
    paths = acts.groupby("instrument_id", sort=False)["step"].agg(" → ".join)  # one pass, not one frame per instrument
    forces = [(in_force or {}).get(i) for i in paths.index]
    table = pd.DataFrame({
        "instrument_id": paths.index,
        "Instrument": [info["short_name"].get(i, i) for i in paths.index],
        "Legal force": [label(str(info["legal_force"].get(i, ""))) for i in paths.index],
        "Path": [p + (" → " + _("in force for it {date}").format(date=f"{f:%Y-%m-%d}") if f is not None else "")
                 for p, f in zip(paths, forces, strict=True)],
        "In force for it": [f.date().isoformat() if f is not None else "" for f in forces],
    })  # fmt: skip
    return table.sort_values("Instrument", key=lambda s: s.str.lower()).reset_index(drop=True)
