"""Margins set before the browser draws (components/charts/margins.py): wide enough for labels, legend and colour
bar, never narrower than the figure asked for. Whether plotly then draws once is checked in chromium
(tests/browser/test_chart_margins_in_browser.py)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from components.charts.margins import needed_margins, settle_margins, text_px
from components.charts.theme import finish_figure


def test_text_width_follows_the_letters_and_the_font_size():
    assert text_px("iiii", 14) < text_px("MMMM", 14)
    assert text_px("Treaty", 28) == pytest.approx(2 * text_px("Treaty", 14))
    assert text_px("<b>Treaty</b>", 14) == text_px("Treaty", 14)  # tags are not drawn
    assert text_px("Council of<br>Europe", 14) == text_px("Council of", 14)  # the widest line
    assert text_px("Côte d’Ivoire", 14) > text_px("Cote d'Ivoire", 14)  # other characters counted wide
    assert text_px("", 14) == 0


def _figure(**layout) -> go.Figure:
    import datetime as dt

    fig = go.Figure(
        [
            go.Scatter(x=[1, 2], y=["Multilateral institutional", "Treaty"], name="Voluntary self-regulation"),
            go.Scatter(x=[1, 2], y=["Bilateral", "Treaty"], name="Legally binding"),
        ]
    )
    fig.update_layout(**layout)
    return finish_figure(fig, title="A chart", asof=dt.date(2026, 11, 26))


def test_long_labels_and_a_legend_beside_the_plot_widen_left_and_right():
    need = needed_margins(_figure().to_dict())
    assert need["l"] > text_px("Multilateral institutional", 14)
    assert need["r"] > text_px("Voluntary self-regulation", 14)
    settled = settle_margins(_figure().to_dict())["layout"]["margin"]
    assert settled["l"] >= need["l"] and settled["r"] >= need["r"]


def test_a_margin_is_never_made_narrower_and_a_legend_above_needs_no_right_margin():
    wide = settle_margins(_figure(margin=dict(l=500, r=400)).to_dict())["layout"]["margin"]
    assert (wide["l"], wide["r"]) == (500, 400)
    above = _figure(legend=dict(orientation="h", x=0, y=1.1))
    assert needed_margins(above.to_dict())["r"] == 0


def test_a_map_needs_no_axis_margin_and_a_colour_bar_does():
    world = go.Figure(go.Choropleth(locations=["BRA"], z=[1], showscale=False))
    assert needed_margins(world.to_dict()) == {"l": 0, "r": 0}
    heat = go.Figure(go.Heatmap(z=[[1, 2]], y=["Paris AI Action Summit Statement"], colorbar=dict(title="Jaccard")))
    need = needed_margins(heat.to_dict())
    assert need["l"] > text_px("Paris AI Action Summit Statement", 14) and need["r"] > text_px("Jaccard", 14)


def test_the_figure_sent_is_made_once_and_not_copied_on_each_run():
    from components.ui.chart import _Sent

    fig = _figure()
    first, second = _Sent(fig).to_dict(), _Sent(fig).to_dict()
    assert first is second  # the dict kept with the shared figure: no deep copy per run
    assert first["layout"]["margin"]["l"] >= needed_margins(fig.to_dict())["l"]
    assert fig.layout.margin.l != first["layout"]["margin"]["l"]  # the shared figure itself is left as it was
    phone = _figure()
    assert _Sent(phone, settle=False).to_dict()["layout"].get("margin") == phone.to_dict()["layout"].get("margin")
