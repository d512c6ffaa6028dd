"""Tour files validate; every step of every bundled tour renders; step URLs round-trip."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.content.tours import TOURS_DIR, VIEW_PAGES, load_tours, read_tour, step_query
from components.model.atlas import load_atlas
from components.model.query import Vocabulary
from tests.conftest import ROOT

VOCABULARY = Vocabulary.of(load_atlas())
TOURS, PROBLEMS = load_tours(vocabulary=VOCABULARY)


def test_bundled_tours_are_valid():
    assert PROBLEMS == []
    assert len(TOURS) >= 3
    assert all(len(tour.steps) >= 3 for tour in TOURS.values())


def test_broken_tour_reports_each_problem(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(
        "id: other\ntitle: T\naudience: A\nsteps:\n"
        "  - {view: timetable, caption: c, question: q}\n"
        "  - {view: timeline, query: {colour: red, group: G99}, caption: c}\n"
    )
    tour, problems = read_tour(path, VOCABULARY)
    assert tour is None
    assert "broken.yaml: id 'other' should match the file name 'broken'" in problems
    assert any(p.startswith("broken.yaml: step 1: unknown view 'timetable'") for p in problems)
    assert "broken.yaml: step 2: 'question' is missing" in problems
    assert "broken.yaml: step 2: 'colour' is not a filter or option of the timeline view" in problems
    assert any(p.startswith("broken.yaml: step 2: `group`: unknown value(s) `G99`") for p in problems)


def test_not_yaml(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: [unclosed")
    assert read_tour(path)[1][0].startswith("bad.yaml: not valid YAML")


@pytest.mark.parametrize(("tour_id", "number"), [(t.id, n) for t in TOURS.values() for n in range(1, len(t.steps) + 1)])
def test_every_step_renders_with_its_caption(tour_id, number):
    tour = TOURS[tour_id]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(VIEW_PAGES[tour.steps[number - 1].view])
    for key, value in step_query(tour, number).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert any(tour.steps[number - 1].caption in m.value for m in at.markdown)
    assert at.get("plotly_chart"), "a step shows its view's chart"


def test_next_goes_to_the_next_steps_url():
    tour = TOURS["bletchley-to-paris"]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(VIEW_PAGES[tour.steps[0].view])
    for key, value in step_query(tour, 1).items():
        at.query_params[key] = value
    at.run()
    at.button(key="tour_next").click().run()
    assert at.query_params["step"] == "2" and at.query_params["tour"] == tour.id
    assert TOURS_DIR.is_dir()
