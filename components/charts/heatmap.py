"""Binding vs soft law: legal force × mechanism (or forum, theme, region) heatmap, and binding vs non-binding over time."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from components.charts.selection import selected_customdata
from components.charts.theme import LEGAL_FORCE_COLOURS, finish_figure
from components.data.labels import label, legal_force_levels
from components.model.counting import counted_rows
from components.model.participation import active, region_labels

AXES = ("mechanism", "forum", "theme", "region")
MEASURES = ("instruments", "commitments")


def _long(
    instruments: pd.DataFrame, participation: pd.DataFrame, parties: pd.DataFrame, by: str, measure: str
) -> pd.DataFrame:
    """One row per counted unit with its legal force, the column value and the instrument id.

    instruments: a unit is an instrument (per theme when by=theme; per party region when by=region, counted once per
    region it reaches). commitments: a unit is a (party, instrument) pair.
    """
    base = instruments[["id", "legal_force", "mechanism", "forum", "themes"]].rename(columns={"id": "instrument_id"})
    base["legal_force"] = base["legal_force"].astype(str)
    base["mechanism"] = base["mechanism"].astype(str)
    if measure == "commitments" or by == "region":
        pairs = counted_rows(active(participation))[["instrument_id", "party_id"]].drop_duplicates()  # by its rule
        pairs = pairs.merge(parties[["id", "continent", "party_type"]], left_on="party_id", right_on="id", how="left")
        pairs["region"] = region_labels(pairs)
        base = base.merge(pairs[["instrument_id", "party_id", "region"]], on="instrument_id", how="inner")
    if by == "theme":
        base = base.explode("themes").rename(columns={"themes": "theme"})
    if measure == "instruments":
        base = base.drop_duplicates(["instrument_id", by] if by in ("theme", "region") else ["instrument_id"])
    column = {"mechanism": "mechanism", "forum": "forum", "theme": "theme", "region": "region"}[by]
    return base.rename(columns={column: "column"})[["instrument_id", "legal_force", "column"]]


def force_counts(
    instruments: pd.DataFrame,
    participation: pd.DataFrame,
    parties: pd.DataFrame,
    *,
    by: str = "mechanism",
    measure: str = "instruments",
) -> pd.DataFrame:
    """Counts with legal force as rows (strongest first) and the chosen dimension as columns."""
    long = _long(instruments, participation, parties, by, measure)
    table = long.groupby(["legal_force", "column"]).size().unstack("column", fill_value=0)
    table = table.reindex(legal_force_levels(), fill_value=0)
    return table.loc[:, table.sum() > 0] if len(table.columns) else table


def instruments_in_cell(
    instruments: pd.DataFrame,
    participation: pd.DataFrame,
    parties: pd.DataFrame,
    *,
    by: str,
    legal_force: str,
    column: str,
) -> pd.DataFrame:
    """The instruments behind one heatmap cell."""
    long = _long(instruments, participation, parties, by, "instruments")
    ids = long.loc[(long["legal_force"] == legal_force) & (long["column"].astype(str) == column), "instrument_id"]
    return instruments[instruments["id"].isin(ids)]


def heatmap_figure(
    instruments: pd.DataFrame,
    participation: pd.DataFrame,
    parties: pd.DataFrame,
    *,
    asof: dt.date,
    by: str = "mechanism",
    measure: str = "instruments",
    subtitle: str | None = None,
) -> go.Figure:
    table = force_counts(instruments, participation, parties, by=by, measure=measure)
    columns = list(table.columns)
    x = [label(c) if by in ("mechanism", "theme") else str(c) for c in columns]
    y = [label(level) for level in table.index]
    z = table.to_numpy()
    unit = "instruments" if measure == "instruments" else "party commitments"
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            colorscale="Blues",
            xgap=2,
            ygap=2,
            text=z,
            texttemplate="%{text}",
            customdata=[[[level, c] for c in columns] for level in table.index],
            hovertemplate=f"<b>%{{y}}</b> × %{{x}}<br>%{{z}} {unit}<extra></extra>",
            colorbar=dict(title=unit.capitalize()),
        )
    )
    fig.update_yaxes(autorange="reversed", title="Legal force", type="category")
    fig.update_xaxes(title=label(by), tickangle=-30 if len(columns) > 6 else 0, type="category")
    fig.update_layout(height=520 if by != "forum" else 700, margin=dict(b=270 if by == "forum" else 180, l=190))
    title = f"Binding vs soft law: {unit} by legal force and {label(by).lower()}"
    return finish_figure(fig, title=title, subtitle=subtitle, asof=asof)


def selected_cell(selection) -> tuple[str, str] | None:
    """(legal_force, column) of the selected heatmap cell, from a plotly selection event."""
    cells = [custom for custom in selected_customdata(selection) if len(custom) == 2]
    return (str(cells[0][0]), str(cells[0][1])) if cells else None


def cumulative_table(instruments: pd.DataFrame) -> pd.DataFrame:
    """Running totals of legally binding and non-binding instruments by adoption date."""
    frame = instruments[["adopted", "legal_force"]].sort_values("adopted")
    frame = frame.assign(binding=(frame["legal_force"].astype(str) == "legally_binding").astype(int))
    frame["Legally binding"] = frame["binding"].cumsum()
    frame["Not legally binding"] = (1 - frame["binding"]).cumsum()
    return frame[["adopted", "Legally binding", "Not legally binding"]].reset_index(drop=True)


def cumulative_figure(instruments: pd.DataFrame, *, asof: dt.date, subtitle: str | None = None) -> go.Figure:
    table = cumulative_table(instruments)
    fig = go.Figure()
    # Vermillion for the non-binding line: 3.9:1 against white (the legal-force gold would be 2.2:1), and dashed,
    # so the two lines differ without colour too.
    colours = {
        "Legally binding": (LEGAL_FORCE_COLOURS["legally_binding"], "solid"),
        "Not legally binding": ("#D55E00", "dash"),
    }
    for name, (colour, dash) in colours.items():
        fig.add_trace(
            go.Scatter(
                x=table["adopted"],
                y=table[name],
                mode="lines",
                line=dict(shape="hv", width=3, color=colour, dash=dash),
                name=name,
                hovertemplate=f"{name}: %{{y}} by %{{x|%b %Y}}<extra></extra>",
            )
        )
    fig.update_yaxes(title="Instruments (cumulative)", rangemode="tozero")
    fig.update_xaxes(title="Date adopted", type="date")
    fig.update_layout(height=400, legend=dict(x=0.01, y=0.98, yanchor="top", bgcolor="rgba(255,255,255,0.85)"))
    return finish_figure(fig, title="Binding and non-binding instruments over time", subtitle=subtitle, asof=asof)
