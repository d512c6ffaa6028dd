"""Tour files validate against the registry and the data; each step has its address."""

from __future__ import annotations

from components.content.tours import load_tours, read_tour, step_address, untranslated
from components.model.atlas import load_atlas
from components.model.query import Vocabulary

VOCABULARY = Vocabulary.of(load_atlas())
TOURS, PROBLEMS = load_tours(vocabulary=VOCABULARY)


def test_bundled_tours_are_valid():
    assert PROBLEMS == []
    assert len(TOURS) >= 3
    assert all(len(tour.steps) >= 3 for tour in TOURS.values())


def test_bundled_tours_are_in_every_language():
    """A tour file may leave a translation out (its text then shows in English), but not the bundled ones."""
    assert untranslated(TOURS) == []


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


def test_a_steps_address_is_its_views_with_its_query_in_presentation_layout():
    tour = TOURS["bletchley-to-paris"]
    address = step_address(tour, 2, root="https://x.org", release="2026.11.1")
    assert address.startswith("https://x.org/signatories?")
    assert "layout=present" in address and "tour=bletchley-to-paris" in address and "step=2" in address
    assert address.endswith("v=2026.11.1")
