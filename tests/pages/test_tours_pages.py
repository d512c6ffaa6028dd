"""Every step of every bundled tour renders in presentation layout, with its caption and its view's charts."""

from __future__ import annotations

import pytest

from components.content.registry import tour_views
from components.content.tours import load_tours, step_query
from tests.helpers import run

TOURS, _ = load_tours()


@pytest.mark.parametrize(("tour_id", "number"), [(t.id, n) for t in TOURS.values() for n in range(1, len(t.steps) + 1)])
def test_every_step_renders_with_its_caption(tour_id, number):
    tour = TOURS[tour_id]
    at = run(tour_views()[tour.steps[number - 1].view].script, step_query(tour, number))
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert any(tour.steps[number - 1].caption in m.value for m in at.markdown)
    assert at.get("plotly_chart"), "a step shows its view's chart"


def test_next_goes_to_the_next_steps_url():
    tour = TOURS["bletchley-to-paris"]
    at = run(tour_views()[tour.steps[0].view].script, step_query(tour, 1))
    at.button(key="tour_next").click().run()
    assert at.query_params["step"] == "2" and at.query_params["tour"] == tour.id
