"""One look for every chart: the plotly template, the legal-force palette, and the title/source finishing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from components.data.dates import in_words
from components.data.i18n import N_, _
from components.text import escape_figure, plotly_text

TEMPLATE_NAME = "atlas"
FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
SOURCE_LINE = N_(
    "Source: AI Governance Atlas; data as of {asof}."  # what the rows rest on: the line under it (model/evidence)
)
# A view of an earlier day names both dates (name_the_data_date).
SOURCE_LINE_TWO_DATES = N_("Source: AI Governance Atlas; data as of {asof}; view as of {view}.")

# Ordered strongest -> weakest, sampled from cividis (designed to be read with every common colour-vision
# deficiency), so darker always means more binding.
LEGAL_FORCE_COLOURS = {
    "legally_binding": "#00224e",
    "institutional_soft_law": "#3d4d6d",
    "political_commitment": "#7c7b78",
    "cooperation_arrangement": "#bcaf6f",
    "voluntary_self_regulation": "#fee838",
    "no_commitment": "#d9d9d9",  # outside the scale: neutral grey
}
# The three lightest legal-force colours are below 3:1 against white (#bcaf6f 2.2, #fee838 1.3, #d9d9d9 1.4): every
# mark filled with a legal-force colour carries this outline (15:1), which WCAG 1.4.11 accepts as the boundary.
OUTLINE = dict(color="#1f2933", width=1)
LIGHT_LEGAL_FORCE = frozenset({"cooperation_arrangement", "voluntary_self_regulation", "no_commitment"})  # those three
# A horizontal legend above the plot, under the title and subtitle (legend_above()): it takes no
# width from the plot on a narrow screen.
LEGEND_ABOVE = dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", title=None)


def legend_above(fig: go.Figure) -> None:
    """Put the legend in one row (wrapping when it must) between the subtitle and the plot."""
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 90
    fig.update_layout(
        legend=LEGEND_ABOVE,
        margin=dict(t=max(top, 90) + 45),
        title=dict(yref="container", y=1, yanchor="top", pad=dict(t=14)),
    )  # title and subtitle on top


TRACE_TYPES = ("bar", "heatmap", "scatter", "choropleth")  # the trace types the Atlas draws
_UNUSED_LAYOUT = ("polar", "scene", "ternary")  # 3-D, polar and ternary axes: never drawn


def _register() -> None:
    """The Atlas template: plotly's simple_white, trimmed to what the Atlas draws, as the process-wide default.

    Speed matters here: naming a template on a figure (update_layout(template=...)) validates and deep-copies it
    every time — 14 ms per chart with the full simple_white template, most of a page's run — while plotly applies
    its default template without that copy. The trimmed template also keeps each chart's JSON small.
    """
    base = pio.templates["simple_white"].to_plotly_json()
    layout = {key: value for key, value in base["layout"].items() if key not in _UNUSED_LAYOUT}
    template = go.layout.Template(layout=layout, data={kind: base["data"][kind] for kind in TRACE_TYPES})
    template.layout.font = dict(family=FONT, size=14, color="#1f2933")
    template.layout.title = dict(x=0.012, xanchor="left", font=dict(size=20))
    template.layout.margin = dict(l=60, r=30, t=90, b=90)
    template.layout.colorway = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    template.layout.hoverlabel = dict(font=dict(family=FONT))
    pio.templates[TEMPLATE_NAME] = template
    pio.templates.default = TEMPLATE_NAME


_register()


def _apply_template(fig: go.Figure) -> None:
    """Give the figure the Atlas template the way plotly applies a default one: without validating a copy of it.

    Importing Streamlit's plotly support makes "streamlit" the default template, so depending on import order a
    figure may have been made with another default; then the template is set here, at the same low cost.
    """
    if fig.layout.template.layout.font.family == FONT:
        return
    layout = fig.layout
    validate = layout._validate  # the template is already valid: skip plotly's validate-and-copy, as it does
    layout._validate = False
    try:
        layout.template = pio.templates[TEMPLATE_NAME]
    finally:
        layout._validate = validate


def finish_figure(fig: go.Figure, *, title: str, asof: dt.date, subtitle: str | None = None) -> go.Figure:
    """Give a figure the Atlas template, its title, an optional subtitle and the source line with the as-of date.

    Data text in the traces (axis values, customdata, hover text, legend names) and in the titles is escaped here,
    so plotly shows it as written (see components/text.py). Call it once per figure.
    """
    _apply_template(fig)
    escape_figure(fig)
    subtitle = plotly_text(subtitle) if subtitle else None
    fig.update_layout(title=dict(text=plotly_text(title), subtitle=dict(text=subtitle) if subtitle else None))
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else 90
    fig.add_annotation(
        text=_(SOURCE_LINE).format(asof=in_words(asof)),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(bottom - 8),  # the foot of the bottom margin, below tick labels and axis title
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font=dict(size=11, color="#52606d"),
        name="source",
    )
    return fig


def name_the_data_date(fig: go.Figure, data_asof: dt.date, view_asof: dt.date) -> None:
    """A view of an earlier day: the source line names both dates ('data as of 26 November 2026; view as of 1 January
    2024'), not the view's day as the data's. Changes the figure (call it on a figure not yet shared)."""
    if view_asof == data_asof:
        return
    said = _(SOURCE_LINE).format(asof=in_words(view_asof))
    for annotation in fig.layout.annotations:
        if annotation.name == "source" and said in annotation.text:
            annotation.text = annotation.text.replace(
                said, _(SOURCE_LINE_TWO_DATES).format(asof=in_words(data_asof), view=in_words(view_asof))
            )


def add_source_line(fig: go.Figure, text: str, *, copy: bool = True) -> go.Figure:
    """A finished figure with one more line (our own text, not data) under its source line: a copy, or the figure
    itself (`copy=False`, for a figure just made and not yet shared; copying a large matrix takes ~20 ms)."""
    out = go.Figure(fig) if copy else fig
    bottom = out.layout.margin.b if out.layout.margin.b is not None else 90
    for annotation in out.layout.annotations:
        if annotation.name == "source" and text not in annotation.text:
            annotation.text = f"{annotation.text}<br>{text}"
            annotation.yshift = -(bottom + 16 - 8)  # one more line, one line lower
            out.update_layout(margin=dict(b=bottom + 16))
    return out


def focus_on_recent(fig: go.Figure, table: pd.DataFrame) -> None:
    """Start the time axis where most instruments are; name the few much older ones at the left edge.

    `table` needs columns adopted (Timestamp), short_name and adopted_label.
    """
    if len(table) < 10:
        return
    typical = table["adopted"].quantile(0.1, interpolation="higher")
    older = table[table["adopted"] < typical - pd.DateOffset(years=5)]
    if older.empty:
        return
    start = pd.Timestamp(table.loc[~table.index.isin(older.index), "adopted"].min().year - 1, 1, 1)
    end = table["adopted"].max() + pd.DateOffset(months=8)
    fig.update_xaxes(range=[start, end])
    names = "; ".join(f"{plotly_text(r.short_name)} ({r.adopted_label[:4]})" for r in older.itertuples())
    fig.add_annotation(
        text=_("◀ earlier: {names} — zoom out to see").format(names=names),
        xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom", showarrow=False,
        font=dict(size=11, color="#52606d"), name="earlier",
    )  # fmt: skip
