"""Every step of every bundled tour shows one chart of its view, the caption speaks of that chart, and on a projector
the picture is readable: labels of at least 20 px on a 1920×1080 screen, and no matrix of hairlines."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from components.charts.matrix import FOCUS_ROWS
from components.content.tours import chart_problems, load_tours, step_content
from components.export.images import PROJECTOR_FONTS, projector_figure

TOURS, PROBLEMS = load_tours()
STEPS = [(t.id, n) for t in TOURS.values() for n in range(1, len(t.steps) + 1)]
STOP = set("the and that this with from their them they have been into each over what which where when whose most "
           "more than only also about after before between these those your".split())  # fmt: skip
# the room a step's picture has on a 1920×1080 screen (app.py: the image under the caption, 11rem for the rest)
SCREEN_WIDTH, SCREEN_HEIGHT = 1920 - 2 * 80, 1080 - 11 * 16


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOP}


def test_the_bundled_tours_are_valid_and_each_step_names_a_chart_its_view_draws(bundled_atlas):
    assert not PROBLEMS and TOURS
    assert chart_problems(bundled_atlas, TOURS) == []


@pytest.mark.parametrize(("tour_id", "number"), STEPS)
def test_the_caption_speaks_of_the_chart(bundled_atlas, tour_id, number):
    """At least two words of the caption are in the chart's title, summary or labels (a caption about another chart,
    such as the historical analogues of a table, fails)."""
    tour = TOURS[tour_id]
    step = tour.steps[number - 1]
    chart = step_content(bundled_atlas, tour, number).charts[step.chart]
    labels = " ".join(str(v) for trace in chart.figure.data for axis in ("x", "y", "text")
                      for v in list(getattr(trace, axis, None) if getattr(trace, axis, None) is not None else ()))  # fmt: skip
    shared = words(step.caption) & words(
        f"{chart.title} {chart.summary} {labels} {chart.figure.layout.title.subtitle.text}"
    )
    assert len(shared) >= 2, (step.caption, chart.title, shared)


@pytest.mark.parametrize(("tour_id", "number"), STEPS)
def test_on_a_projector_the_labels_are_at_least_20_px_and_a_matrix_has_few_rows(bundled_atlas, tour_id, number):
    tour = TOURS[tour_id]
    step = tour.steps[number - 1]
    chart = step_content(bundled_atlas, tour, number).charts[step.chart]
    picture = projector_figure(chart.figure)
    scale = min(1.0, SCREEN_WIDTH / picture.layout.width, SCREEN_HEIGHT / picture.layout.height)
    assert PROJECTOR_FONTS["ticks"] * scale >= 20 and PROJECTOR_FONTS["title"] * scale >= 28, (
        picture.layout.height,
        scale,
    )
    for axis in (picture.layout.xaxis, picture.layout.yaxis):
        assert axis.tickfont.size == PROJECTOR_FONTS["ticks"]
    rows = [len(t.y) for t in picture.data if t.type == "heatmap"]
    assert all(n <= FOCUS_ROWS for n in rows), rows
    if step.query.get("focus") == "differ":  # a cut matrix says so: compare with the whole matrix
        whole = {k: v for k, v in step.query.items() if k != "focus"}
        full = step_content(bundled_atlas, replace(tour, steps=(replace(step, query=whole),)), 1).charts[step.chart]
        full_rows = max(len(t.y) for t in full.figure.data if t.type == "heatmap")
        if full_rows > FOCUS_ROWS:
            assert "Showing" in chart.summary and f"(of {full_rows})" in chart.summary, chart.summary
