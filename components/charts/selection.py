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
