"""Gaps: is the Global South in the room, where do the US and China meet, who has the fewest commitments, and how
long forums took from their first AI instrument to a binding one.

"Global South" here means the Group of 77 (its official member list, data/groupings.csv); income groups are the
World Bank's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from components.charts.theme import finish_figure, focus_on_recent
from components.data.i18n import N_, _
from components.model.participation import active

GLOBAL_SOUTH = "G77"
DEVELOPING_INCOME = ("low", "lower_middle", "upper_middle")
# "Commitments" below are a state's own acts: adopting a text by consensus in an assembly (UNESCO's General
# Conference, the UN General Assembly) is not counted, or every member would have joined them.
ASSEMBLY_ONLY = ("adopted",)


def own_acts(participation: pd.DataFrame) -> pd.DataFrame:
    rows = active(participation)
    return rows[~rows["action"].astype(str).isin(ASSEMBLY_ONLY)]


def _state_pairs(participation: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """(instrument, state) pairs of states that have not withdrawn, with the state's groupings and income group."""
    pairs = active(participation)[["instrument_id", "party_id"]].drop_duplicates()
    states = parties[parties["party_type"] == "state"].set_index("id")
    pairs = pairs[pairs["party_id"].isin(states.index)]
    return pairs.assign(
        global_south=pairs["party_id"].map(states["groups"].map(lambda g: GLOBAL_SOUTH in g)).astype(bool),
        developing=pairs["party_id"].map(states["income_group"].astype(str).isin(DEVELOPING_INCOME)).astype(bool),
    )


def global_south_share(participation: pd.DataFrame, parties: pd.DataFrame, instruments: pd.DataFrame) -> pd.DataFrame:
    """Per instrument with state parties: states, G77 members among them and their share; low/middle-income share."""
    pairs = _state_pairs(participation, parties)
    table = pairs.groupby("instrument_id").agg(
        states=("party_id", "nunique"), global_south=("global_south", "sum"), developing=("developing", "sum")
    )
    table["global_south_share"] = table["global_south"] / table["states"]
    table["developing_share"] = table["developing"] / table["states"]
    info = instruments.set_index("id")
    table = table[table.index.isin(info.index)]
    table.insert(0, "instrument", table.index.map(info["short_name"]))
    table.insert(1, "adopted", table.index.map(info["adopted"]))
    return table.sort_values("global_south_share").reset_index()


def un_share(parties: pd.DataFrame) -> tuple[int, int]:
    """(G77 members that are UN members, UN members): the share the Global South has of the UN itself."""
    members = parties[(parties["party_type"] == "state") & parties["un_member"]]
    return int(members["groups"].map(lambda g: GLOBAL_SOUTH in g).sum()), len(members)


def share_figure(
    table: pd.DataFrame, *, reference: tuple[int, int], asof: dt.date, subtitle: str | None = None
) -> go.Figure:
    """Each instrument as a dot: adoption date against the Global South's share of its state parties."""
    fig = go.Figure(
        go.Scatter(
            x=table["adopted"], y=table["global_south_share"] * 100, mode="markers",
            marker=dict(size=8 + 2.2 * table["states"] ** 0.5, color="#0072B2", opacity=0.75,
                        line=dict(color="#1f2933", width=1)),
            customdata=table[["instrument", "global_south", "states"]].to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><br>"
            + _("%{customdata[1]} of %{customdata[2]} state parties in the G77 (%{y:.0f}%)") + "<extra></extra>",
        )
    )  # fmt: skip
    south, members = reference
    fig.add_hline(y=south / members * 100, line_dash="dot", line_color="#52606d", line_width=2,
                  annotation_text=_("G77 share of UN members ({south} of {members})").format(south=south, members=members),
                  annotation_position="top left")  # fmt: skip
    focus_on_recent(fig, table.assign(short_name=table["instrument"], adopted_label=table["adopted"].dt.strftime("%Y")))
    fig.update_yaxes(title=_("Global South (G77) share of state parties, %"), range=[0, 105])
    fig.update_xaxes(title=_("Date adopted"), type="date")
    fig.update_layout(height=440, showlegend=False)
    return finish_figure(fig, title=_("Is the Global South in the room?"), subtitle=subtitle, asof=asof)


# the table's values (kept in English in its rows and downloads); the chart and the page show them translated
US_CHINA = (N_("Both"), N_("United States only"), N_("China only"), N_("Neither"))


def us_china(participation: pd.DataFrame, instruments: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """For each instrument with state parties: whether the United States, China, both or neither take part."""
    rows = active(participation)
    us = set(rows.loc[rows["party_id"] == "USA", "instrument_id"])
    cn = set(rows.loc[rows["party_id"] == "CHN", "instrument_id"])
    ids = instruments["id"]
    status = [
        US_CHINA[0] if i in us and i in cn else US_CHINA[1] if i in us else US_CHINA[2] if i in cn else US_CHINA[3]
        for i in ids
    ]
    table = pd.DataFrame({"instrument_id": ids.to_numpy(), "instrument": instruments["short_name"].to_numpy(),
                          "legal_force": instruments["legal_force"].astype(str).to_numpy(), "us_china": status})  # fmt: skip
    states = set(parties.loc[parties["party_type"] == "state", "id"])
    with_states = set(rows.loc[rows["party_id"].isin(states), "instrument_id"])
    return table[table["instrument_id"].isin(with_states)].reset_index(drop=True)


def us_china_figure(table: pd.DataFrame, *, asof: dt.date, subtitle: str | None = None) -> go.Figure:
    counts = table["us_china"].value_counts().reindex(US_CHINA, fill_value=0)
    fig = go.Figure(
        go.Bar(x=[_(status) for status in counts.index], y=counts.to_numpy(), text=counts.to_numpy(),
               textposition="outside",
               marker=dict(color=["#7c7b78", "#0072B2", "#D55E00", "#d9d9d9"], line=dict(color="#1f2933", width=1)),
               hovertemplate=_("%{x}: %{y} instruments") + "<extra></extra>")
    )  # fmt: skip
    fig.update_yaxes(title=_("Instruments with state parties"), rangemode="tozero")
    fig.update_layout(height=380, showlegend=False)
    return finish_figure(fig, title=_("United States and China: in the same instruments?"), subtitle=subtitle,
                         asof=asof)  # fmt: skip


def fewest_commitments(participation: pd.DataFrame, parties: pd.DataFrame, *, n: int = 15) -> pd.DataFrame:
    """UN member states with the fewest instruments joined (ties at the cut-off included)."""
    members = parties[(parties["party_type"] == "state") & parties["un_member"]]
    counts = own_acts(participation).groupby("party_id")["instrument_id"].nunique()
    table = pd.DataFrame({"id": members["id"], "name": members["name"], "region": members["region"],
                          "instruments": members["id"].map(counts).fillna(0).astype(int)})  # fmt: skip
    table = table.sort_values(["instruments", "name"])
    cut = table["instruments"].iloc[min(n, len(table)) - 1] if len(table) else 0
    return table[table["instruments"] <= cut].reset_index(drop=True)


NOT_A_FORUM = ("Bilateral", "Industry")  # many separate arrangements, not one forum that could move to a treaty


def time_to_binding(instruments: pd.DataFrame) -> pd.DataFrame:
    """Per forum: its first AI instrument, its first legally binding one (if any) and the years between."""
    shown = instruments[~instruments["forum"].isin(NOT_A_FORUM)].sort_values("adopted", kind="stable")
    forum = shown["forum"].astype(str)
    shown = shown.assign(forum=forum)
    first = shown.drop_duplicates("forum").set_index("forum")
    binding = shown[(shown["legal_force"].astype(str) == "legally_binding").to_numpy()]
    binding = binding.drop_duplicates("forum").set_index("forum")
    count = forum.value_counts()
    rows = pd.DataFrame(
        {
            "forum": first.index,
            "first_instrument": first["short_name"].to_numpy(),
            "first_adopted": first["adopted_label"].to_numpy(),
            "first_binding": binding["short_name"].reindex(first.index).fillna(_("none yet")).to_numpy(),
            "binding_adopted": binding["adopted_label"].reindex(first.index).fillna("").to_numpy(),
            "years": ((binding["adopted"].reindex(first.index) - first["adopted"]).dt.days / 365.25)
            .round(1)
            .to_numpy(),
            "instruments": count.reindex(first.index).to_numpy(),
        }
    )
    return rows.sort_values(["instruments", "forum"], ascending=[False, True]).reset_index(drop=True)


ANALOGUES_TABLE = "seed001-treaty-timelines-other-domains"  # the seeds' own table of historical analogues


def by_region(participation: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Per continent: UN member states, how many joined at least one instrument, and the median joined."""
    members = parties[(parties["party_type"] == "state") & parties["un_member"]]
    counts = own_acts(participation).groupby("party_id")["instrument_id"].nunique()
    joined = members["id"].map(counts).fillna(0)
    table = (
        pd.DataFrame({"region": members["continent"], "joined": joined})
        .groupby("region")
        .agg(states=("joined", "size"), with_any=("joined", lambda j: int((j > 0).sum())), median=("joined", "median"))
    )
    return table.reset_index()
