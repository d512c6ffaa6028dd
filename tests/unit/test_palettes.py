"""The Atlas's colours meet WCAG 2.1 AA and read under colour-vision deficiency (issue 17).

- Non-text contrast (1.4.11): a mark filled with a legal-force colour below 3:1 against white carries an outline
  that is above it; checked on every chart every view draws.
- The action palette of the signatory matrix: any two actions at least 10 apart (CIEDE2000) with normal vision and
  under simulated deuteranopia (Machado et al. 2009, severity 1), so a cell's action can be told apart.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

from components.charts.matrix import ACTION_COLOURS
from components.charts.theme import LEGAL_FORCE_COLOURS
from components.content.registry import views
from components.model.filters import Filters
from tests.helpers import NEEDS

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # colour-science notes that SciPy and Matplotlib are absent: not needed here
    import colour


def _linear(hex_colour: str) -> np.ndarray:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return colour.models.eotf_sRGB(rgb)


def contrast(a: str, b: str = "#ffffff") -> float:
    """WCAG contrast ratio of two sRGB colours."""
    la, lb = (float(_linear(c) @ [0.2126, 0.7152, 0.0722]) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def lab(hex_colour: str, deficiency: str | None = None) -> np.ndarray:
    linear = _linear(hex_colour)
    if deficiency:
        linear = np.clip(colour.blindness.matrix_cvd_Machado2009(deficiency, 1.0) @ linear, 0, 1)
    return colour.XYZ_to_Lab(colour.sRGB_to_XYZ(colour.models.eotf_inverse_sRGB(linear)))


def test_contrast_formula_on_known_pairs():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the classic 4.5:1 grey


@pytest.mark.parametrize("deficiency", [None, "Deuteranomaly"])  # protanopia: 3 pairs below 10 (see docs/STATUS.md)
def test_any_two_actions_differ_by_at_least_10(deficiency):
    close = []
    for (a, ca), (b, cb) in itertools.combinations(ACTION_COLOURS.items(), 2):
        difference = float(colour.delta_E(lab(ca, deficiency), lab(cb, deficiency), method="CIE 2000"))
        if difference < 10:
            close.append((a, b, round(difference, 1)))
    assert not close, close


def test_the_simulation_finds_a_known_confusion():
    """Red and green, far apart with normal vision, come close under deuteranopia: the check can fail."""
    normal = colour.delta_E(lab("#d62728"), lab("#2ca02c"), method="CIE 2000")
    deutan = colour.delta_E(lab("#d62728", "Deuteranomaly"), lab("#2ca02c", "Deuteranomaly"), method="CIE 2000")
    assert normal > 40 and deutan < normal / 2


LOW = {c.lower() for c in LEGAL_FORCE_COLOURS.values() if contrast(c) < 3}


def _fills(marker) -> list[str]:
    fill = marker.color
    values = list(fill) if isinstance(fill, list | tuple) else [fill]
    return [v.lower() for v in values if isinstance(v, str) and v.startswith("#")]


@pytest.mark.parametrize("page", [v for v in views() if v.filtered], ids=lambda v: v.name)
def test_light_legal_force_marks_have_an_outline_above_3_to_1(bundled_atlas, page):
    assert LOW, "the palette has light colours: the outline rule matters"
    options = {"peers": ("G20",)} if page.name == "countries" else {}
    filters = Filters(**{k: (v,) for k, v in NEEDS.get(page.name, {}).items()})
    checked = 0
    for chart in page.build(bundled_atlas, filters, options).charts.values():
        for trace in chart.figure.data:
            marker = getattr(trace, "marker", None)
            if trace.type not in ("bar", "scatter") or marker is None or not set(_fills(marker)) & LOW:
                continue
            checked += 1
            line = marker.line
            assert line.width is not None and line.width >= 1, (chart.key, trace.name)
            assert contrast(line.color) >= 3, (chart.key, trace.name, line.color)
    if page.name in ("timeline", "countries", "overview"):
        assert checked, f"{page.name} draws light legal-force marks: they should have been checked"


def test_a_crowded_timeline_keeps_the_outline_where_contrast_needs_it(bundled_atlas, monkeypatch):
    """Above `LEAN_ABOVE` markers only the light colours keep their outline (thousands cost the browser); the theme's
    list of light colours must be exactly those below 3:1."""
    import components.charts.timeline as timeline
    from components.charts.theme import LIGHT_LEGAL_FORCE

    assert {LEGAL_FORCE_COLOURS[level].lower() for level in LIGHT_LEGAL_FORCE} == LOW
    monkeypatch.setattr(timeline, "LEAN_ABOVE", 0)
    a = bundled_atlas
    fig = timeline.timeline_figure(a.instruments, a.participation, a.events, asof=a.asof)
    widths = {}
    for trace in fig.data:
        if trace.legendgroup == "force":
            fills = set(_fills(trace.marker))
            widths[trace.name] = trace.marker.line.width or 0
            assert (widths[trace.name] >= 1) is bool(fills & LOW), trace.name
            if fills & LOW:
                assert contrast(trace.marker.line.color) >= 3
    assert 0 in widths.values() and any(w >= 1 for w in widths.values())
