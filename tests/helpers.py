"""Helpers shared by the test tiers (imported by tests, never a test file itself)."""

from __future__ import annotations

import json

import plotly.graph_objects as go


def drawn_points(figure: go.Figure) -> int:
    """How many data points the figure's data traces draw (legend-only traces with x=[None] left out)."""
    total = 0
    for trace in figure.data:
        xs = getattr(trace, "x", None)
        if xs is None or all(x is None for x in xs):
            continue
        total += len(xs)
    return total


def figure_json(figure: go.Figure) -> dict:
    return json.loads(figure.to_json())
