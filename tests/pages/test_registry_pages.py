"""Adding a view = one registry entry + one content module (+ its page script): it appears in the navigation, in the
tours' vocabulary and in the page tests without editing another file."""

from __future__ import annotations

import pytest

from components.content import registry
from components.content.tours import read_tour
from tests.helpers import page_cases, run
from tests.pages.dummy_view import PAGE


@pytest.fixture
def with_dummy(monkeypatch, tmp_path):
    script = tmp_path / "dummy.py"
    script.write_text(PAGE)
    dummy = registry.View("dummy", "Dummy view", ":material/star:", "tests.pages.dummy_view", options=("colour",),
                          tours=True, page=str(script))  # fmt: skip
    monkeypatch.setattr(registry, "VIEWS", (*registry.VIEWS, dummy))
    return dummy


def test_a_new_view_appears_in_navigation_tours_and_page_tests(with_dummy, tmp_path, bundled_atlas):
    at = run()
    assert not at.exception
    at.switch_page(with_dummy.script)
    at.query_params["colour"] = "blue"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Dummy view"
    assert f"{len(bundled_atlas.instruments)} instruments, in blue." in [m.value for m in at.markdown]

    tour = tmp_path / "t.yaml"
    tour.write_text("id: t\ntitle: T\naudience: A\nsteps:\n  - view: dummy\n    query: {colour: blue, group: G20}\n"
                    "    chart: dummy_chart\n    caption: C\n    question: Q\n")  # fmt: skip
    parsed, problems = read_tour(tour)
    assert problems == [] and parsed.steps[0].view == "dummy"

    assert with_dummy in [view for view, _ in page_cases()]


def test_without_the_entry_the_tour_is_refused(tmp_path):
    tour = tmp_path / "t.yaml"
    tour.write_text("id: t\ntitle: T\naudience: A\nsteps:\n  - view: dummy\n    caption: C\n    question: Q\n")
    _, problems = read_tour(tour)
    assert problems and "unknown view 'dummy'" in problems[0]
