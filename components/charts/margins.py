"""Margins a figure needs, set before the browser draws it.

The Atlas template keeps plotly's `automargin` on, so a long label is never cut. But when a label or a legend needs
more room than the margin it was given, plotly.js draws the whole figure, measures, widens the margin and draws it
all again: every chart of the Atlas was drawn twice (measured in chromium: the timeline with 11,000 markers took
1.5 s instead of 0.9 s). Widening the margins here, from the labels' widths in Helvetica/Arial metrics (what the
browser falls back to, and no narrower than the Atlas's Source Sans), lets plotly draw once; automargin stays as the
safety net. Pure: a figure's dict (as `Figure.to_dict()` gives it) in, its margins out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Helvetica's advance widths (Adobe Core 14 AFM, per 1000 em) for printable ASCII; Arial shares them
_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        [
            278,
            278,
            355,
            556,
            556,
            889,
            667,
            191,
            333,
            333,
            389,
            584,
            278,
            333,
            278,
            278,
            *[556] * 10,
            278,
            278,
            584,
            584,
            584,
            556,
            1015,
            667,
            667,
            722,
            722,
            667,
            611,
            778,
            722,
            278,
            500,
            667,
            556,
            833,
            722,
            778,
            667,
            778,
            722,
            667,
            611,
            722,
            667,
            944,
            667,
            667,
            611,
            278,
            278,
            278,
            469,
            556,
            333,
            556,
            556,
            500,
            556,
            556,
            278,
            556,
            556,
            222,
            222,
            500,
            222,
            833,
            556,
            556,
            556,
            556,
            333,
            500,
            278,
            556,
            500,
            722,
            500,
            500,
            500,
            334,
            260,
            334,
            584,
        ],
        strict=True,
    )
)
_OTHER = 667  # any other character (symbols, other scripts): about a capital's width
SLACK = 1.08  # fonts wider than Helvetica (Helvetica Neue on a Mac) and rounding
_TAG = re.compile(r"<(?!br)[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)
NO_AXES = ("pie", "choropleth", "scattergeo", "sunburst", "treemap", "sankey")  # traces drawn without x/y axes
LEGEND_ITEM = 46  # px beside an entry's text: its symbol (itemwidth 30), the gap after it and the legend's padding
COLORBAR = 75  # px of a colour bar beside its tick labels: the bar, its padding and its offset from the plot
COLORBAR_TITLE = 70  # px beside a colour bar's title, which plotly sets above the bar (measured: 111 px for "Jaccard")


@lru_cache(maxsize=512)
def _width(ch: str) -> int:
    """A character's advance width: an accented letter (French and Spanish labels: é, à, ñ, ô) is as wide as its
    letter in Helvetica; any other character, _OTHER."""
    if ch in _WIDTHS:
        return _WIDTHS[ch]
    return _WIDTHS.get(unicodedata.normalize("NFD", ch)[:1], _OTHER)


def text_px(text: object, size: float) -> float:
    """Width in px of plotly text (tags ignored, <br> breaks lines: the widest line) at font size `size`."""
    plain = _ENTITY.sub("x", _TAG.sub("", str(text)))
    lines = _BREAK.split(plain)
    return max((sum(_width(ch) for ch in line) for line in lines), default=0) * size / 1000 * SLACK


def _get(tree: dict | None, *path, default=None):
    for key in path:
        if not isinstance(tree, dict) or key not in tree:
            return default
        tree = tree[key]
    return tree


def _strings(values) -> list[str]:
    if values is None or isinstance(values, (str, dict)):  # a dict: numbers packed as {"dtype", "bdata"}
        return []
    return [v for v in values if isinstance(v, str)]


def _numbers(values) -> list[float]:
    if values is None or isinstance(values, (str, dict)):
        return []
    return [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]


def _setting(layout: dict, template: dict, *path, default=None):
    value = _get(layout, *path)
    return value if value is not None else _get(template, *path, default=default)


def _font_size(layout: dict, template: dict, *path) -> float:
    return _setting(layout, template, *path, "font", "size") or _setting(layout, template, "font", "size", default=12)


def _left(data: list[dict], layout: dict, template: dict) -> float:
    """What the y axis (left side) needs: its widest tick label, the tick, its title."""
    axis = {**(_get(template, "yaxis") or {}), **(layout.get("yaxis") or {})}
    if axis.get("visible") is False or axis.get("showticklabels") is False or axis.get("side") == "right":
        return 0
    size = (_get(axis, "tickfont", "size") or _font_size(layout, template)) * 1.0
    labels: list[str] = []
    if axis.get("ticktext") is not None:
        labels = [str(t) for t in axis["ticktext"]]
    else:
        # every y axis on the left (a figure of two rows has y and y2): the widest label of any of them
        on_axis = [t for t in data if t.get("type") not in NO_AXES]
        if not on_axis:
            return 0
        for trace in on_axis:
            labels += _strings(trace.get("y"))
        labels += _strings(axis.get("categoryarray"))
        if not labels:  # numbers: the largest, as plotly writes it (a thousands separator, a decimal)
            numbers = [abs(v) for t in on_axis for v in _numbers(t.get("y"))]
            top = max(numbers, default=100)
            labels = [f"{top:,.1f}" if top < 10 else f"{top:,.0f}"]
    widest = max((text_px(label, size) for label in set(labels)), default=0)
    need = widest + (axis.get("ticklen") or 5 if axis.get("ticks") == "outside" else 0) + 10
    title = _get(axis, "title", "text")
    if title:
        title_size = _get(axis, "title", "font", "size") or _font_size(layout, template)
        need += title_size * 1.3 * (len(_BREAK.split(str(title)))) + (_get(axis, "title", "standoff") or 15)
    return need


def _legend_entries(data: list[dict], layout: dict) -> Iterable[tuple[str, float | None]]:
    shown = [t for t in data if t.get("showlegend") is not False and t.get("name") and t.get("type") != "heatmap"]
    if len(shown) < 2 and not layout.get("showlegend"):
        return []
    titles = {_get(t, "legendgrouptitle", "text") for t in shown} - {None, ""}
    return [(t["name"], None) for t in shown] + [(title, None) for title in titles]


def _right(data: list[dict], layout: dict, template: dict) -> float:
    """What a legend beside the plot, or a colour bar, needs on the right."""
    need = 0.0
    legend = {**(_get(template, "legend") or {}), **(layout.get("legend") or {})}
    vertical = legend.get("orientation", "v") == "v"
    beside = legend.get("x", 1.02) >= 1 and legend.get("xanchor", "left") in ("left", "auto")
    if layout.get("showlegend") is not False and vertical and beside:
        size = _get(legend, "font", "size") or _font_size(layout, template)
        entries = _legend_entries(data, layout)
        if entries:
            widest = max(text_px(text, size) for text, _ in entries)
            need = widest + LEGEND_ITEM + 0.02 * 1000  # legend.x beyond 1: a share of the plot's width (~1,000 px)
    for trace in data:
        has_scale = trace.get("type") in ("heatmap", "choropleth", "contour") or _get(trace, "marker", "showscale")
        if not has_scale or trace.get("showscale") is False or trace.get("coloraxis"):
            continue
        bar = trace.get("colorbar") or {}
        size = _get(bar, "tickfont", "size") or _font_size(layout, template)
        ticks = [str(t) for t in bar.get("ticktext") or []] or ["0.00"]
        title = _get(bar, "title", "text") or ""
        need = max(need, max(text_px(t, size) for t in ticks) + COLORBAR, text_px(title, size) + COLORBAR_TITLE)
    return need


def needed_margins(figure: dict) -> dict[str, float]:
    """The left and right margins a figure's labels, legend and colour bar need (px, rounded up)."""
    data = figure.get("data") or []
    layout = figure.get("layout") or {}
    template = _get(layout, "template", "layout") or {}
    return {"l": -(-_left(data, layout, template) // 1), "r": -(-_right(data, layout, template) // 1)}


def settle_margins(figure: dict) -> dict:
    """The figure's dict with its left and right margins at least what they need (the dict is changed and returned)."""
    layout = figure.setdefault("layout", {})
    template = _get(layout, "template", "layout") or {}
    margin = {**(_get(template, "margin") or {}), **(layout.get("margin") or {})}
    for side, need in needed_margins(figure).items():
        now = margin.get(side)
        if need and (now is None or now < need):
            margin[side] = int(need)
    layout["margin"] = margin
    return figure
