"""Overlap of signatory sets: pairwise shared parties and Jaccard index; membership patterns (UpSet-style)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.charts.theme import finish_figure
from components.data.i18n import _
from components.data.labels import number
from components.model.counting import counted_rows
from components.model.participation import active
from components.text import plotly_text

MEASURES = ("jaccard", "shared")


def party_sets(participation: pd.DataFrame, instrument_ids: tuple[str, ...]) -> dict[str, set[str]]:
    """The parties (not withdrawn, counted under the instrument's rule) of each instrument, in the order given."""
    rows = counted_rows(active(participation))
    return {i: set(rows.loc[rows["instrument_id"] == i, "party_id"]) for i in instrument_ids}


def overlap_table(participation: pd.DataFrame, instrument_ids: tuple[str, ...]) -> pd.DataFrame:
    """Long table of every ordered pair: shared parties, union and Jaccard index (shared / union)."""
    sets = party_sets(participation, instrument_ids)
    rows = []
    for a in instrument_ids:
        for b in instrument_ids:
            shared, union = len(sets[a] & sets[b]), len(sets[a] | sets[b])
            rows.append({"a": a, "b": b, "shared": shared, "union": union, "jaccard": shared / union if union else 0.0})
    return pd.DataFrame(rows, columns=["a", "b", "shared", "union", "jaccard"])


def overlap_figure(
    participation: pd.DataFrame,
    instrument_ids: tuple[str, ...],
    names: dict[str, str],
    *,
    asof: dt.date,
    measure: str = "jaccard",
    subtitle: str | None = None,
) -> go.Figure:
    table = overlap_table(participation, instrument_ids)
    labels = [names.get(i, i) for i in instrument_ids]
    n = len(instrument_ids)
    values = table[measure].to_numpy().reshape(n, n)
    shared = table["shared"].to_numpy().reshape(n, n)
    jaccard = table["jaccard"].to_numpy().reshape(n, n)
    text = [[f"{shared[r][c]}<br>{number(jaccard[r][c], 2)}" for c in range(n)] for r in range(n)]
    fig = go.Figure(
        go.Heatmap(
            z=values, x=labels, y=labels, colorscale="Blues", xgap=2, ygap=2, text=text, texttemplate="%{text}",
            hovertemplate=_("<b>%{y}</b> and <b>%{x}</b><br>shared parties and Jaccard index: %{text}<extra></extra>"),
            colorbar=dict(title="Jaccard" if measure == "jaccard" else _("Shared parties")),
            zmin=0, zmax=1 if measure == "jaccard" else None,
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title=None, type="category")
    fig.update_xaxes(title=None, tickangle=-30, type="category")
    fig.update_layout(height=max(420, 200 + 60 * n), margin=dict(l=220, b=190))
    return finish_figure(
        fig,
        title=_("Overlap of signatory sets: shared parties and Jaccard index"),
        subtitle=subtitle or _("Each cell: parties in both, and shared ÷ in either"),
        asof=asof,
    )


def membership_patterns(participation: pd.DataFrame, instrument_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per combination of the instruments that some party shares exactly, with the parties in it."""
    sets = party_sets(participation, instrument_ids)
    parties = sorted(set().union(*sets.values())) if sets else []
    patterns: dict[tuple[bool, ...], list[str]] = {}
    for party in parties:
        key = tuple(party in sets[i] for i in instrument_ids)
        patterns.setdefault(key, []).append(party)
    rows = [{**{i: flag for i, flag in zip(instrument_ids, key, strict=True)}, "parties": len(members), "members": members}
            for key, members in patterns.items()]  # fmt: skip
    table = pd.DataFrame(rows, columns=[*instrument_ids, "parties", "members"])
    return table.sort_values("parties", ascending=False).reset_index(drop=True)


def patterns_figure(
    patterns: pd.DataFrame,
    instrument_ids: tuple[str, ...],
    names: dict[str, str],
    party_names: dict[str, str],
    *,
    asof: dt.date,
    top: int = 15,
    subtitle: str | None = None,
) -> go.Figure:
    """UpSet-style: bars of parties per exact combination, with a dot grid below showing the combination."""
    shown = patterns.head(top)
    columns = list(range(len(shown)))
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.6, 0.4], vertical_spacing=0.03)
    hover = ["<br>".join(plotly_text(party_names.get(p, p)) for p in members[:25]) + (" …" if len(members) > 25 else "")
             for members in shown["members"]]  # fmt: skip
    fig.add_trace(
        go.Bar(x=columns, y=shown["parties"], marker_color="#0072B2", text=hover, texttemplate="%{y}",
               textposition="outside", hovertemplate=_("%{y} parties<br>%{text}<extra></extra>"), showlegend=False),
        row=1, col=1,
    )  # fmt: skip
    for instrument in instrument_ids:
        flags = shown[instrument].tolist()
        fig.add_trace(
            go.Scatter(
                x=columns, y=[names.get(instrument, instrument)] * len(columns), mode="markers", showlegend=False,
                marker=dict(size=13, color=["#1f2933" if f else "#e5e7eb" for f in flags]), hoverinfo="skip",
            ),
            row=2, col=1,
        )  # fmt: skip
    fig.update_xaxes(showticklabels=False, row=1, col=1)
    fig.update_xaxes(showticklabels=False, title=_("Exact combinations of instruments, most common first"), row=2,
                     col=1)  # fmt: skip
    fig.update_yaxes(title=_("Parties"), rangemode="tozero", row=1, col=1)
    fig.update_yaxes(autorange="reversed", type="category", row=2, col=1)
    fig.update_layout(height=max(520, 380 + 28 * len(instrument_ids)), margin=dict(l=220))
    return finish_figure(
        fig,
        title=_("Who shares which combination of instruments"),
        subtitle=subtitle or _("Filled dot: in the instrument"),
        asof=asof,
    )
