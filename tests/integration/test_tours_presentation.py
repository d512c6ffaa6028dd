"""Every step of every bundled tour renders in presentation layout, with its caption and its view's charts."""

from __future__ import annotations

import html
import re
from functools import cache

import pytest

from components.content.registry import tour_views
from components.content.tours import load_tours, step_content, step_link, step_query
from components.model.atlas import load_atlas
from components.text import md
from tests.helpers import run

TOURS, _ = load_tours()


@cache
def bundled():
    return load_atlas(None)


@pytest.mark.parametrize(("tour_id", "number"), [(t.id, n) for t in TOURS.values() for n in range(1, len(t.steps) + 1)])
def test_every_step_renders_with_its_caption(tour_id, number):
    tour = TOURS[tour_id]
    at = run(tour_views()[tour.steps[number - 1].view].script, step_query(tour, number))
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    step = tour.steps[number - 1]
    assert any(html.escape(step.caption) in m.value for m in at.markdown)
    # its one chart, as the projector's picture with the chart's summary as its text alternative
    [image] = at.get("image")
    chart = step_content(bundled(), tour, number).charts[step.chart]
    assert [img.alt for img in image.proto.imgs] == [chart.summary]
    assert not at.get("plotly_chart")
    assert any(md(chart.summary) in c.value for c in at.caption)
    assert any(step.question in m.value for m in at.markdown)


def test_previous_next_and_exit_are_links_to_the_steps_addresses():
    """Plain links that load each step's address: one entry each in the browser's history (Back returns to the
    previous step), also when two steps show the same view."""
    tour = TOURS["bletchley-to-paris"]
    at = run(tour_views()[tour.steps[1].view].script, step_query(tour, 2))
    links = dict(re.findall(r'<a class="atlas-step-link[^"]*" href="([^"]+)" target="_self">([^<]+)</a>',
                            " ".join(m.value for m in at.markdown)))  # fmt: skip
    assert sorted(links.values()) == ["Next →", "← Previous", "✕ Exit the tour"]
    by_text = {text: html.unescape(href) for href, text in links.items()}
    assert by_text["← Previous"] == step_link(tour, 1) and by_text["Next →"] == step_link(tour, 3)
    assert by_text["✕ Exit the tour"] == "tours"
    last = run(tour_views()[tour.steps[-1].view].script, step_query(tour, len(tour.steps)))
    assert "Next →" not in " ".join(m.value for m in last.markdown)
