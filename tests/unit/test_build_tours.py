"""The Guided tours view's content (components/content/tours.py), built without Streamlit."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from components.content import tours
from components.content.base import Section, Slot, Text
from components.content.registry import view
from components.model.filters import Filters


def build(atlas, filters=None):
    return view("tours").build(atlas, filters or Filters())


def steps_shown(section: Section) -> list[tuple[int, str, str]]:
    """(number, caption, link) of each numbered step line."""
    text = next(b.text for b in section.blocks if isinstance(b, Text) and not b.caption)
    return [(int(n), caption, link) for n, caption, link in re.findall(r"^(\d+)\. \[(.+)\]\((.+)\)$", text, re.M)]


def test_every_bundled_tour_with_its_steps(bundled_atlas):
    files = sorted(tours.TOURS_DIR.glob("*.yaml"))
    raw = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files]
    content = build(bundled_atlas)
    sections = [b for b in content.blocks if isinstance(b, Section)]
    assert len(sections) == len(files) >= 3 and not content.notices  # every bundled tour is valid
    for section, tour in zip(sections, raw, strict=True):
        assert section.title.replace("\\", "") == f"### {tour['title']}" and not section.folded
        assert f"For: {tour['audience']} · {len(tour['steps'])} steps" == section.blocks[0].text.replace("\\", "")
        shown = steps_shown(section)
        assert [n for n, _, _ in shown] == list(range(1, len(tour["steps"]) + 1))
        for (number, caption, link), step in zip(shown, tour["steps"], strict=True):
            assert caption.replace("\\", "") == step["caption"]
            address = urlsplit(link)
            assert address.path == step["view"] and not link.startswith("/")  # relative, as before
            query = {k: v[0] for k, v in parse_qs(address.query).items()}
            assert query == {**{k: ",".join(v) if isinstance(v, list) else str(v) for k, v in
                                (step.get("query") or {}).items()},
                             "layout": "present", "tour": tour["id"], "step": str(number)}  # fmt: skip
        assert isinstance(section.blocks[-1], Slot) and section.blocks[-1].name == f"tour_{tour['id']}"


def test_filters_do_not_apply(bundled_atlas):
    assert build(bundled_atlas, Filters(group=("G20",))).text() == build(bundled_atlas).text()


@pytest.fixture
def own_tours(tmp_path, monkeypatch):
    """A tours folder with one good tour (opening on the home page) and one broken file."""
    (tmp_path / "home.yaml").write_text(yaml.safe_dump({"id": "home", "title": "Home <b>first</b>", "audience": "All",
        "steps": [{"view": "overview", "chart": "legal_force_chart", "query": {}, "caption": "The whole picture.",
                   "question": "Where next?"},
                  {"view": "countries", "chart": "profile_chart", "query": {"party": "GBR"}, "caption": "Britain.",
                   "question": "Why?"}]}),
        encoding="utf-8")  # fmt: skip
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: Broken\nsteps: [{view: nowhere}]\n", encoding="utf-8")
    monkeypatch.setattr(tours, "TOURS_DIR", tmp_path)
    return tmp_path


def test_problems_are_errors_and_the_home_page_link_stays_relative(valid_atlas, own_tours):
    content = build(valid_atlas)
    _, problems = tours.load_tours(own_tours)
    assert len(problems) >= 2  # the missing audience and the unknown view
    assert [n.kind for n in content.notices] == ["error"] * len(problems), [n.text for n in content.notices]
    assert all(n.text.startswith("Tour file problem: broken\\.yaml") for n in content.notices)
    (section,) = [b for b in content.blocks if isinstance(b, Section)]
    assert "<b>" not in section.title and "\\<b\\>" in section.title  # a title is shown as written
    links = [link for _, _, link in steps_shown(section)]
    assert links == ["./?layout=present&tour=home&step=1", "countries?party=GBR&layout=present&tour=home&step=2"]


def test_a_step_whose_chart_the_view_does_not_draw_is_a_problem(valid_atlas, tmp_path):
    """A step names the one chart it shows; a key its view does not draw for the step's query is refused, by name."""
    (tmp_path / "t.yaml").write_text(yaml.safe_dump({"id": "t", "title": "T", "audience": "A", "steps": [
        {"view": "countries", "chart": "peer_chart", "query": {"party": "GBR,USA"}, "caption": "C", "question": "Q"},
        {"view": "overview", "query": {}, "caption": "C", "question": "Q"}]}), encoding="utf-8")  # fmt: skip
    found, problems = tours.load_tours(tmp_path)
    assert problems == ["t.yaml: step 2: 'chart' is missing"] and not found
    (tmp_path / "t.yaml").write_text((tmp_path / "t.yaml").read_text().replace("query: {}", "chart: legal_force_chart"))
    found, problems = tours.load_tours(tmp_path)
    assert not problems
    wrong = tours.chart_problems(valid_atlas, found)
    assert wrong == ["t: step 1: the countries view draws no chart 'peer_chart' for this query (it draws: compare_chart, "
                     "compare_matrix)"]  # fmt: skip


def test_no_tours_no_sections(valid_atlas, tmp_path, monkeypatch):
    monkeypatch.setattr(tours, "TOURS_DIR", tmp_path)
    content = build(valid_atlas)
    assert not content.blocks and content.title == "Guided tours"
