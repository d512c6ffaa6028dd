"""The shared theme: one colour per level of legal force, for exactly the schema's levels."""

from __future__ import annotations

from components.charts.theme import LEGAL_FORCE_COLOURS
from components.data.labels import label, legal_force_definitions, legal_force_levels


def test_palette_covers_exactly_the_schema_levels_in_order():
    assert list(LEGAL_FORCE_COLOURS) == legal_force_levels()


def test_every_level_has_a_definition():
    definitions = legal_force_definitions()
    assert all(definitions.get(level) for level in legal_force_levels())


def test_binding_is_darker_than_voluntary():
    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    levels = legal_force_levels()[:5]  # the ordered scale; no_commitment sits outside it
    lum = [luminance(LEGAL_FORCE_COLOURS[level]) for level in levels]
    assert lum == sorted(lum)


def test_label():
    assert label("political_commitment") == "Political commitment"


def test_finished_figures_get_the_atlas_template_whatever_the_default(monkeypatch):
    import datetime as dt

    import plotly.graph_objects as go
    import plotly.io as pio

    from components.charts.theme import FONT, finish_figure

    for default in ("atlas", "streamlit", "plotly"):  # importing Streamlit's plotly support sets "streamlit"
        monkeypatch.setattr(pio.templates, "default", default if default in pio.templates else "plotly")
        fig = finish_figure(go.Figure(go.Bar(x=[1], y=[1])), title="t", asof=dt.date(2026, 1, 1))
        assert fig.layout.template.layout.font.family == FONT
        assert fig.layout.template.data.bar[0].marker.line.color == "white"  # simple_white's bar outline is kept
        assert "polar" not in fig.to_plotly_json()["layout"]["template"]["layout"]  # trimmed to what is drawn
