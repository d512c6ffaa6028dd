"""AI Safety Institutes: founding and renaming over time, the international network, and bilateral partnerships."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from components.charts.theme import finish_figure
from components.data.i18n import _
from components.data.labels import label
from components.text import plotly_text

NETWORK_ID = "international-network-ai-safety-institutes"
PARTNERSHIP_THEMES = {"safety", "evaluation_testing"}


def founding_figure(
    institutes: pd.DataFrame, parties: pd.DataFrame, *, asof: dt.date, subtitle: str | None = None
) -> go.Figure:
    """One row per institute: a dot when it was founded, a diamond when renamed, joined by a line."""
    names = parties.set_index("id")["name"]
    table = institutes.sort_values("founded", na_position="last").copy()
    table["row"] = table["party_id"].map(names).fillna(table["party_id"]) + " — " + table["name_then"]
    fig = go.Figure()
    renamed = table[table["renamed"].notna() & (table["renamed"] <= pd.Timestamp(asof))]
    for _index, row in renamed.iterrows():
        fig.add_trace(
            go.Scatter(
                x=[row["founded"], row["renamed"]], y=[row["row"]] * 2, mode="lines",
                line=dict(color="#7c7b78", width=2), showlegend=False, hoverinfo="skip",
            )
        )  # fmt: skip
    dated = table[table["founded"].notna()]
    status = dated["status"].astype(str)
    status = status.map({value: label(value).lower() for value in status.unique()})  # 'active', 'actif', 'activo'
    fig.add_trace(
        go.Scatter(
            x=dated["founded"],
            y=dated["row"],
            mode="markers",
            name=_("Founded or announced"),
            marker=dict(size=13, color="#0072B2", line=dict(color="#1f2933", width=1)),
            customdata=dated[["founded_label", "parent_body"]].astype(str).assign(status=status).to_numpy(),
            hovertemplate=_("<b>%{y}</b><br>founded %{customdata[0]}<br>%{customdata[1]}<br>status: %{customdata[2]}"
                            "<extra></extra>"),
        )
    )  # fmt: skip
    if not renamed.empty:
        fig.add_trace(
            go.Scatter(
                x=renamed["renamed"],
                y=renamed["row"],
                mode="markers",
                name=_("Renamed"),
                marker=dict(symbol="diamond", size=13, color="#E69F00", line=dict(color="#1f2933", width=1)),
                customdata=renamed[["former_name", "name", "renamed_label"]].astype(str).to_numpy(),
                hovertemplate="%{customdata[0]} → <b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", title=None, type="category")
    fig.update_xaxes(title=_("Date founded or announced"), type="date")
    fig.update_layout(
        height=max(380, 140 + 34 * len(table)),
        margin=dict(l=330),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
    )
    return finish_figure(fig, title=_("AI safety institutes: founded and renamed"), subtitle=subtitle, asof=asof)


def network_members(participation: pd.DataFrame, parties: pd.DataFrame, institutes: pd.DataFrame) -> pd.DataFrame:
    """Members of the International Network of AI Safety Institutes, with their institute (if any) and dates (columns
    headed in the view's language)."""
    rows = participation[participation["instrument_id"] == NETWORK_ID]
    names = parties.set_index("id")["name"]
    institute = institutes.drop_duplicates("party_id").set_index("party_id")["name_then"]
    member = _("Member")
    return (
        pd.DataFrame(
            {
                member: rows["party_id"].map(names).fillna(rows["party_id"]),
                _("Institute"): rows["party_id"].map(institute).fillna("—"),
                _("Membership"): rows["action"].astype(str).map(label),
                _("Since"): rows["date_label"],
                _("Evidence"): rows["evidence"].astype(str).map(lambda value: label(value).lower()),
            }
        )
        .sort_values(member)
        .reset_index(drop=True)
    )


def partnerships(instruments: pd.DataFrame, participation: pd.DataFrame, keep: set[str] | None = None) -> pd.DataFrame:
    """Bilateral instruments on AI safety (themes safety or evaluation & testing) as party pairs.

    Pairs come from all participation rows of the instruments, so a party filter (keep) selects the pairs that
    involve a chosen party without losing its partner.
    """
    bilateral = instruments[
        (instruments["mechanism"].astype(str) == "bilateral")
        & instruments["themes"].map(lambda themes: bool(PARTNERSHIP_THEMES.intersection(themes)))
    ]
    rows = participation.loc[participation["instrument_id"].isin(bilateral["id"]), ["instrument_id", "party_id"]]
    members = rows.drop_duplicates().groupby("instrument_id", observed=True)["party_id"].agg(lambda ids: sorted(ids))
    members = members[members.map(len) == 2]
    if keep is not None:
        members = members[members.map(lambda ids: bool(keep.intersection(ids)))]
    chosen = bilateral[bilateral["id"].isin(members.index)]  # in the instruments' order
    pairs = members.reindex(chosen["id"])
    return pd.DataFrame(
        {"a": pd.Series([ids[0] for ids in pairs], dtype=object), "b": pd.Series([ids[1] for ids in pairs], dtype=object),
         "instrument_id": chosen["id"].to_numpy(),
         "name": chosen["short_name"].to_numpy(), "adopted": chosen["adopted_label"].to_numpy()},
        columns=["a", "b", "instrument_id", "name", "adopted"],
    )  # fmt: skip


def partnership_figure(
    pairs: pd.DataFrame, parties: pd.DataFrame, *, asof: dt.date, subtitle: str | None = None
) -> go.Figure:
    """Symmetric party × party matrix: number of bilateral AI-safety instruments between each pair."""
    names = parties.set_index("id")["name"]
    members = sorted(set(pairs["a"]) | set(pairs["b"]), key=lambda pid: str(names.get(pid, pid)))
    index = {pid: i for i, pid in enumerate(members)}
    size = len(members)
    counts = [[0] * size for _row in range(size)]
    texts = [[""] * size for _row in range(size)]
    for _index, pair in pairs.iterrows():
        for x, y in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            counts[index[y]][index[x]] += 1
            texts[index[y]][index[x]] += f"<br>{plotly_text(pair['name'])} ({pair['adopted']})"
    labels = [str(names.get(pid, pid)) for pid in members]
    shown = [plotly_text(name) for name in labels]
    none = "<br>" + _("none")
    hover = [[f"<b>{shown[r]} – {shown[c]}</b>{texts[r][c] or none}" for c in range(size)] for r in range(size)]
    fig = go.Figure(
        go.Heatmap(
            z=counts, x=labels, y=labels, colorscale=[(0, "#f7fbff"), (1, "#08519c")], xgap=2, ygap=2,
            text=hover, hovertemplate="%{text}<extra></extra>", colorbar=dict(title=_("Instruments")),
            zmin=0, zmax=max(1, max((max(row) for row in counts), default=1)),
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title=None, type="category")
    fig.update_xaxes(title=None, tickangle=-40, type="category")
    fig.update_layout(height=max(420, 220 + 36 * size), margin=dict(l=160, b=170))
    return finish_figure(
        fig, title=_("Bilateral AI-safety partnerships between governments"), subtitle=subtitle, asof=asof
    )


def map_figure(
    institutes: pd.DataFrame, parties: pd.DataFrame, *, asof: dt.date, subtitle: str | None = None
) -> go.Figure:
    """World map: countries with an AI safety institute (or equivalent) on the date, by status."""
    names = parties.set_index("id")["name"]
    states = institutes[institutes["party_id"] != "EUU"]
    colours = {"active": "#0072B2", "renamed": "#0072B2", "announced": "#E69F00", "closed": "#999999"}
    fig = go.Figure()
    for status, rows in states.groupby(states["status"].astype(str)):
        fig.add_trace(
            go.Choropleth(
                locations=rows["party_id"], locationmode="ISO-3", z=[1] * len(rows),
                colorscale=[(0, colours.get(status, "#0072B2")), (1, colours.get(status, "#0072B2"))],
                showscale=False, marker_line_color="#ffffff", marker_line_width=0.5, name=label(status),
                customdata=list(zip(rows["party_id"].map(names), rows["name_then"], rows["founded_label"], strict=True)),
                hovertemplate=_(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>founded %{customdata[2]}<extra></extra>"
                ),
                showlegend=True,
            )
        )  # fmt: skip
    fig.update_geos(
        projection_type="natural earth", showcountries=True, countrycolor="#ffffff", showland=True,
        landcolor="#e5e7eb", showframe=False, showcoastlines=False, fitbounds=False, lataxis_range=[-58, 85],
    )  # fmt: skip
    fig.update_layout(height=480, margin=dict(l=10, r=10, t=90, b=60),
                      legend=dict(title=_("Institute"), x=0.01, y=0.05))  # fmt: skip
    eu = institutes[institutes["party_id"] == "EUU"]
    note = ""
    if len(eu):
        note = " · " + _("the EU's {institute} is not a country and is not on the map.").format(
            institute=eu["name_then"].iloc[0]
        )
    return finish_figure(
        fig,
        title=_("Where AI safety institutes are"),
        subtitle=(subtitle or "") + note,
        asof=asof,
    )
