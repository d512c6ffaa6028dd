"""A finished figure laid out for a phone (about 360 px wide): wrapped title, subtitle and source line, the legend
above the plot, long category labels wrapped, the names under bars left to the page's text. Pure plotly: a copy."""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

WIDTH = 360  # px: a 390 px phone less the page's padding
LABEL = 26  # characters per line of a category label (an instrument's name) before it wraps
CHAR = {11: 5.6, 12: 6.1, 13: 6.6, 16: 8.2}  # average width of a character (Source Sans/Helvetica) by font size


def _wrap(text: str, width: int) -> tuple[str, int]:
    lines = [line for part in str(text or "").split("<br>") for line in (textwrap.wrap(part, width) or [""])]
    return "<br>".join(lines), len(lines)


def _chars(font: int, room: float) -> int:
    return max(8, int(room / CHAR.get(font, font * 0.51)))


def _category_labels(trace) -> list:
    horizontal = getattr(trace, "orientation", None) == "h" or trace.type == "scatter"
    values = trace.y if horizontal else None
    return [v for v in (values if values is not None else []) if isinstance(v, str)]


def narrow_figure(fig: go.Figure) -> go.Figure:
    """The copy for a phone (see the module's docstring)."""
    out = go.Figure(fig)
    title_font, sub_font, tick_font = 16, 12, 11
    title, title_lines = _wrap(out.layout.title.text or "", _chars(title_font, WIDTH - 12))
    subtitle, sub_lines = _wrap(out.layout.title.subtitle.text or "", _chars(sub_font, WIDTH - 12))
    shown = [t for t in out.data if t.showlegend is not False and t.name]
    groups: dict[str, int] = {}
    for trace in shown:
        if trace.legendgrouptitle is not None and trace.legendgrouptitle.text:
            groups[trace.legendgroup or ""] = groups.get(trace.legendgroup or "", 0) + 1
    if groups:  # titled groups stand side by side, each a column: the tallest sets the rows (and its title one more)
        legend_rows = max(groups.values()) + 1
    else:
        legend_rows = math.ceil(sum(len(t.name) * CHAR[tick_font] + 40 for t in shown) / (WIDTH - 20)) if shown else 0
    above = [a for a in out.layout.annotations if a.yref == "paper" and a.y == 1 and a.yanchor == "bottom"]
    legend_rows += len(above)  # a note just above the plot (the timeline's "earlier: …") takes a row of its own
    top = 18 + title_lines * 21 + (sub_lines * 16 if subtitle else 0) + 10 + legend_rows * 22 + 8
    out.update_layout(
        title=dict(text=title, font=dict(size=title_font), x=0.02, xanchor="left", yref="container", y=1,
                   yanchor="top", pad=dict(t=18),
                   subtitle=dict(text=subtitle or None, font=dict(size=sub_font))),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", font=dict(size=tick_font),
                    title=None),
        font=dict(size=tick_font),
    )  # fmt: skip
    labels = [str(v) for t in out.data if t.type in ("bar", "scatter") for v in _category_labels(t)]
    left = min(max((len(v) for v in labels), default=0), LABEL) * CHAR[tick_font] + 16 if labels else 40
    # the legend from the figure's left edge (plotly places a legend in the plot's frame): back by the label column
    out.layout.legend.x = -(left - 8) / max(WIDTH - left - 12, 80)
    kept = []
    source_lines = 0
    for annotation in out.layout.annotations:
        if annotation.name == "names":  # the parties under each bar: the page lists them as text
            continue
        if annotation.name == "source":
            annotation.text, source_lines = _wrap(annotation.text, _chars(10, WIDTH - 16))
            annotation.font.size = 10
            annotation.x, annotation.xref, annotation.xanchor = 0, "paper", "left"
            annotation.xshift = -(left - 8)  # from the figure's left edge, not the plot's
        elif annotation.font is not None:
            at_left = annotation.xref == "paper" and annotation.x == 0 and annotation.xanchor == "left"
            annotation.text, _ = _wrap(annotation.text, _chars(tick_font, WIDTH - 16 if at_left else WIDTH - 40))
            annotation.font.size = min(annotation.font.size or tick_font, tick_font)
            if at_left:  # a note at the plot's left edge: from the figure's edge instead, like the source line
                annotation.xshift = -(left - 8)
        kept.append(annotation)
    out.layout.annotations = kept
    outside = False
    matrix = any(t.type == "heatmap" for t in out.data)  # its marks sit on its rows: their labels stay as they are
    for trace in out.data:  # category labels wrapped: long instrument and party names
        horizontal = getattr(trace, "orientation", None) == "h"
        if trace.type == "bar" and horizontal and trace.y is not None:
            trace.y = [_wrap(str(v), LABEL)[0] for v in trace.y]
        if trace.type == "bar" and not horizontal and trace.x is not None and isinstance(trace.x[0], str):
            trace.x = [_wrap(str(v), 12)[0] for v in trace.x]
        if (trace.type == "scatter" and not matrix and trace.y is not None and len(trace.y)
                and isinstance(trace.y[0], str)):  # fmt: skip
            trace.y = [_wrap(str(v), LABEL)[0] for v in trace.y]
        if getattr(trace, "textfont", None) is not None and trace.type in ("bar", "scatter"):
            trace.textfont.size = tick_font
        outside = outside or (trace.type == "bar" and horizontal and trace.textposition == "outside")
    if outside and out.layout.xaxis.range:
        low, high = out.layout.xaxis.range  # room for '15 of 18' beyond the longest bar
        out.layout.xaxis.range = [low, high * 1.3]
    for axis in ("xaxis", "yaxis"):
        layout_axis = out.layout[axis]
        array = layout_axis.categoryarray
        if array is not None:
            layout_axis.categoryarray = [_wrap(str(v), LABEL if axis == "yaxis" else 12)[0] for v in array]
        layout_axis.tickfont = dict(size=tick_font)
        layout_axis.title.font = dict(size=12)
        if layout_axis.title.text:  # centred on the plot, which is the figure less the label column
            room = WIDTH - left - 12 if axis == "xaxis" else WIDTH
            layout_axis.title.text = _wrap(layout_axis.title.text, _chars(12, room))[0]
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    bottom = 50 + source_lines * 13 + (40 if out.layout.xaxis.title.text else 0)
    rows = out.layout.yaxis.categoryarray
    height = out.layout.height or 450
    if rows is not None and len(rows):  # named rows: room for their wrapped lines
        lines = sum(str(v).count("<br>") + 1 for v in rows)
        height = max(height, lines * 16 + len(rows) * 11 + top + bottom)
    out.update_layout(margin=dict(l=8, r=12, t=top, b=bottom), width=None, autosize=True, height=height)
    if above:  # the legend above that note
        out.layout.legend.y = 1 + 20 * len(above) / max(height - top - bottom, 100)
    for annotation in out.layout.annotations:
        if annotation.name == "source":
            annotation.yshift = -(bottom - 6)
    return out
