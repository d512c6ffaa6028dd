"""Country lens: one party's commitments, its peers' commitments it lacks, and side-by-side comparison."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from components.charts.matrix import strongest_actions
from components.charts.theme import LEGAL_FORCE_COLOURS, finish_figure
from components.charts.timeline import LEGAL_FORCE_SYMBOLS
from components.data.labels import label, legal_force_levels

PEER_RULE = 0.5  # an instrument is a peer norm when at least half the peers joined it


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


def profile_figure(rows: pd.DataFrame, *, party_name: str, asof: dt.date, subtitle: str | None = None) -> go.Figure:
    """The party's commitments over time, one lane per level of legal force."""
    fig = go.Figure()
    for level in legal_force_levels():
        mine = rows[rows["legal_force"] == level]
        if mine.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=mine["when"], y=[label(level)] * len(mine), mode="markers", name=label(level),
                marker=dict(size=14, color=LEGAL_FORCE_COLOURS[level], symbol=LEGAL_FORCE_SYMBOLS.get(level, "circle"),
                            line=dict(color="#1f2933", width=1)),
                customdata=mine[["instrument", "action", "date_label", "forum"]].fillna("").astype(str).to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} %{customdata[2]}<br>%{customdata[3]}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=[label(v) for v in legal_force_levels()][::-1], title=None)
    fig.update_xaxes(title="Date of the action (or of adoption when the action is undated)", type="date")
    fig.update_layout(height=420, legend=dict(x=1.01, y=1))
    return finish_figure(fig, title=f"{party_name}: commitments by legal force over time", subtitle=subtitle, asof=asof)


def peers_of(party_id: str, parties: pd.DataFrame, *, by: str = "region") -> pd.DataFrame:
    """Other UN member states in the same UN region (by='region') or sharing a grouping (e.g. 'G20')."""
    me = parties.set_index("id").loc[party_id]
    others = parties[(parties["id"] != party_id) & (parties["party_type"] == "state") & parties["un_member"]]
    if by == "region":
        return others[others["region"] == me["region"]]
    return others[others["groups"].map(lambda groups: by in groups)]


def peer_gaps(
    party_id: str,
    peers: pd.DataFrame,
    participation: pd.DataFrame,
    instruments: pd.DataFrame,
    *,
    rule: float = PEER_RULE,
) -> pd.DataFrame:
    """Instruments that at least `rule` of the peers joined and the party did not, with the share of peers."""
    if peers.empty:
        return pd.DataFrame(columns=["instrument_id", "instrument", "legal_force", "peers_joined", "peers", "share"])
    involved = participation["party_id"].isin(peers["id"]) | (participation["party_id"] == party_id)
    best = strongest_actions(participation[involved])
    best = best[~best["withdrew"]]
    joined = best[best["party_id"].isin(peers["id"])].groupby("instrument_id")["party_id"].nunique()
    mine = set(best.loc[best["party_id"] == party_id, "instrument_id"])
    table = pd.DataFrame({"instrument_id": joined.index, "peers_joined": joined.to_numpy()})
    table["peers"] = len(peers)
    table["share"] = table["peers_joined"] / len(peers)
    table = table[(table["share"] >= rule) & ~table["instrument_id"].isin(mine)]
    info = instruments.set_index("id")
    table = table[table["instrument_id"].isin(info.index)]
    table.insert(1, "instrument", table["instrument_id"].map(info["short_name"]))
    table.insert(2, "legal_force", table["instrument_id"].map(info["legal_force"].astype(str)))
    return table.sort_values(["share", "instrument"], ascending=[False, True]).reset_index(drop=True)


def party_card(party_id: str, parties: pd.DataFrame) -> dict[str, str]:
    """Name, type, region, income group and groupings, for the profile header."""
    row = parties.set_index("id").loc[party_id]
    return {
        "name": row["name"],
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
                marker=dict(color=LEGAL_FORCE_COLOURS[level], line=dict(color="#1f2933", width=0.5)),
                hovertemplate=f"%{{x}}: %{{y}} {label(level).lower()}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(barmode="stack", height=420, legend=dict(x=1.01, y=1))
    fig.update_yaxes(title="Instruments joined", rangemode="tozero")
    fig.update_xaxes(title=None)
    return finish_figure(fig, title="Commitments compared, by legal force", subtitle=subtitle, asof=asof)


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
        "step": steps.where(~doubt, steps + " (unverified)"),
        "_when": mine["date_by"].fillna(ids.map(info["adopted"])),  # undated: from the adoption
        "_last": mine["action"].astype(str).eq("withdrew"),  # a withdrawal comes last
    }).sort_values(["_last", "_when"], kind="stable")  # fmt: skip
    paths = acts.groupby("instrument_id", sort=False)["step"].agg(" → ".join)  # one pass, not one frame per instrument
    forces = [(in_force or {}).get(i) for i in paths.index]
    table = pd.DataFrame({
        "instrument_id": paths.index,
        "Instrument": [info["short_name"].get(i, i) for i in paths.index],
        "Legal force": [label(str(info["legal_force"].get(i, ""))) for i in paths.index],
        "Path": [p + (f" → in force for it {f:%Y-%m-%d}" if f is not None else "") for p, f in zip(paths, forces, strict=True)],
        "In force for it": [f.date().isoformat() if f is not None else "" for f in forces],
    })  # fmt: skip
    return table.sort_values("Instrument", key=lambda s: s.str.lower()).reset_index(drop=True)
