"""Reading plotly selection events as st.plotly_chart returns them (a dict-like state, or nothing)."""

from __future__ import annotations

import html
from collections.abc import Mapping


def selected_customdata(event) -> list[list]:
    """The customdata of each selected point; empty when the chart was not selectable or nothing is selected."""
    selection = None
    if isinstance(event, Mapping):
        selection = event.get("selection")
    else:
        candidate = getattr(event, "selection", None)
        selection = candidate if isinstance(candidate, Mapping) else None
    points = selection.get("points", []) if isinstance(selection, Mapping) else []
    return [
        [html.unescape(v) if isinstance(v, str) else v for v in point["customdata"]]  # escaped by theme.finish_figure
        for point in points
        if isinstance(point, Mapping) and point.get("customdata")
    ]


def selected_pair(event) -> tuple[str, str] | None:
    """The first selected point whose customdata is a pair (a matrix cell's [party id, instrument id])."""
    pairs = [custom for custom in selected_customdata(event) if len(custom) == 2]
    return (str(pairs[0][0]), str(pairs[0][1])) if pairs else None
