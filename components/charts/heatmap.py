"""Binding vs soft law: legal force × mechanism (or forum, theme, region) heatmap, and binding vs non-binding over time."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from components.charts.selection import selected_customdata
from components.charts.theme import LEGAL_FORCE_COLOURS, finish_figure
from components.data.i18n import N_, _
from components.data.labels import data_label, label, legal_force_levels
from components.model.counting import counted_rows
from components.model.participation import active, region_labels
from components.text import fill

AXES = ("mechanism", "forum", "theme", "region")
AXIS_LABELS = {"mechanism": N_("Mechanism"), "forum": N_("Forum"), "theme": N_("Theme"), "region": N_("Region")}
MEASURES = ("instruments", "commitments")


def axis_label(by: str) -> str:
    """'Mechanism', 'Mécanisme', 'Mecanismo': what the heatmap's columns are, in the view's language."""
    return _(AXIS_LABELS[by]) if by in AXIS_LABELS else label(by)


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
    x = [label(c) if by in ("mechanism", "theme") else data_label(str(c)) for c in columns]
    y = [label(level) for level in table.index]
    z = table.to_numpy()
    axis = axis_label(by)
    if measure == "instruments":
        hover = _("<b>%{y}</b> × %{x}<br>%{z} instruments<extra></extra>")
        unit = _("Instruments")
        title = _("Binding vs soft law: instruments by legal force and {axis}").format(axis=axis.lower())
    else:
        hover = _("<b>%{y}</b> × %{x}<br>%{z} party commitments<extra></extra>")
        unit = _("Party commitments")
        title = _("Binding vs soft law: party commitments by legal force and {axis}").format(axis=axis.lower())
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
            hovertemplate=hover,
            colorbar=dict(title=unit),
        )
    )
    fig.update_yaxes(autorange="reversed", title=_("Legal force"), type="category")
    fig.update_xaxes(title=axis, tickangle=-30 if len(columns) > 6 else 0, type="category")
    fig.update_layout(height=520 if by != "forum" else 700, margin=dict(b=270 if by == "forum" else 180, l=190))
    return finish_figure(fig, title=title, subtitle=subtitle, asof=asof)


def selected_cell(selection) -> tuple[str, str] | None:
    """(legal_force, column) of the selected heatmap cell, from a plotly selection event."""
    cells = [custom for custom in selected_customdata(selection) if len(custom) == 2]
    return (str(cells[0][0]), str(cells[0][1])) if cells else None


def cumulative_table(instruments: pd.DataFrame) -> pd.DataFrame:
    """Running totals of legally binding and non-binding instruments by adoption date (its columns' names are
    English: the figure names its lines in the view's language)."""
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
    names = {"Legally binding": _("Legally binding"), "Not legally binding": _("Not legally binding")}
    for column, (colour, dash) in colours.items():
        name = names[column]
        fig.add_trace(
            go.Scatter(
                x=table["adopted"],
                y=table[column],
                mode="lines",
                line=dict(shape="hv", width=3, color=colour, dash=dash),
                name=name,
                # the month as ISO: plotly's %b writes English month names
                hovertemplate=fill(_("{name}: %{y} by %{x|%Y-%m}<extra></extra>"), name=name),
            )
        )
    fig.update_yaxes(title=_("Instruments (cumulative)"), rangemode="tozero")
    fig.update_xaxes(title=_("Date adopted"), type="date")
    fig.update_layout(height=400, legend=dict(x=0.01, y=0.98, yanchor="top", bgcolor="rgba(255,255,255,0.85)"))
    return finish_figure(fig, title=_("Binding and non-binding instruments over time"), subtitle=subtitle, asof=asof)
