"""Guided tours in English, French and Spanish (issue 20): a tour's texts per language in its YAML file, chosen when
they are shown (not when the file is read), a step's address that keeps the language, and the Guided tours view's own
strings through the translation function."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from components.content import tours
from components.content.base import Section, Text
from components.content.registry import view
from components.data.i18n import CLOSE, OPEN, speaking
from components.model.filters import Filters

FILES = sorted(tours.TOURS_DIR.glob("*.yaml"))
RAW = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in FILES}
TOURS, PROBLEMS = tours.load_tours()


def build(atlas):
    return view("tours").build(atlas, Filters())


def wrapped(text: str) -> bool:
    return text.startswith(OPEN) and text.endswith(CLOSE)


@pytest.mark.parametrize("code", ["fr", "es"])
def test_every_bundled_text_is_translated_and_differs_from_the_english(code):
    assert not PROBLEMS and tours.untranslated(TOURS, (code,)) == []
    for tour_id, raw in RAW.items():
        tour = TOURS[tour_id]
        assert tour.title_in(code) == raw[f"title_{code}"] != raw["title"]
        assert tour.audience_in(code) == raw[f"audience_{code}"] != raw["audience"]
        for step, item in zip(tour.steps, raw["steps"], strict=True):
            for key in ("caption", "question"):
                assert getattr(step, f"{key}_in")(code) == item[f"{key}_{code}"] != item[key], (tour_id, key)
                assert "{" not in item[f"{key}_{code}"]


def test_the_text_follows_the_language_of_the_view_being_built():
    """The same parsed tour (cached once for every language) speaks the language of each page run."""
    tour = TOURS["bletchley-to-paris"]
    step = tour.steps[0]
    raw = RAW["bletchley-to-paris"]
    assert (tour.title, step.caption, step.question) == (raw["title"], raw["steps"][0]["caption"],
                                                        raw["steps"][0]["question"])  # fmt: skip
    with speaking("fr"):
        assert tour.title == raw["title_fr"] and tour.audience == raw["audience_fr"]
        assert step.caption == raw["steps"][0]["caption_fr"] and step.question == raw["steps"][0]["question_fr"]
        with speaking("es"):
            assert tour.title == raw["title_es"] and step.question == raw["steps"][0]["question_es"]
        assert tour.title == raw["title_fr"]
    with speaking("en-XA"):  # the pseudo-locale marks a tour's texts as translated ones
        assert all(wrapped(t) for t in (tour.title, tour.audience, step.caption, step.question))
    assert tour.title == raw["title"]


@pytest.fixture
def half_translated(tmp_path, monkeypatch):
    """A tour with its French title and first caption only."""
    (tmp_path / "half.yaml").write_text(yaml.safe_dump({
        "id": "half", "title": "Home", "title_fr": "Accueil", "audience": "All", "audience_fr": "Tous",
        "audience_es": "Todos",
        "steps": [{"view": "overview", "chart": "legal_force_chart", "query": {}, "caption": "The whole picture.",
                   "caption_fr": "Le tableau d'ensemble.", "question": "Where next?"},
                  {"view": "countries", "chart": "compare_chart", "query": {"party": "GBR,USA"}, "caption": "Two.",
                   "question": "Why?", "question_fr": "Pourquoi ?", "question_es": "¿Por qué?"}],
    }, allow_unicode=True), encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(tours, "TOURS_DIR", tmp_path)
    return tmp_path


def test_a_missing_translation_shows_in_english_and_is_listed(half_translated, valid_atlas):
    found, problems = tours.load_tours(half_translated)
    assert problems == []  # a tour file in English only stays valid
    tour = found["half"]
    with speaking("es"):
        assert tour.title == "Home" and tour.audience == "Todos"
        assert tour.steps[0].caption == "The whole picture." and tour.steps[1].question == "¿Por qué?"
    assert tours.untranslated(found) == [
        "half.yaml: 'title_es' is missing",
        "half.yaml: step 1: 'caption_es' is missing",
        "half.yaml: step 1: 'question_fr' is missing",
        "half.yaml: step 1: 'question_es' is missing",
        "half.yaml: step 2: 'caption_fr' is missing",
        "half.yaml: step 2: 'caption_es' is missing",
    ]
    assert tours.untranslated(found, ("fr",)) == ["half.yaml: step 1: 'question_fr' is missing",
                                                  "half.yaml: step 2: 'caption_fr' is missing"]  # fmt: skip
    assert tours.untranslated(found, ("en",)) == tours.untranslated(found, ("en-XA",)) == []
    # the Guided tours view warns of the gaps of its own language only
    with speaking("fr"):
        content = build(valid_atlas)
    warnings = [n for n in content.notices if n.kind == "warning"]
    assert len(warnings) == 2 and "question\\_fr" in warnings[0].text and "caption\\_fr" in warnings[1].text
    assert not [n for n in build(valid_atlas).notices if n.kind == "warning"]


def test_a_translation_into_another_language_is_refused(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("id: t\ntitle: T\ntitle_de: T\naudience: A\nsteps:\n  - view: overview\n    chart: c\n"
                    "    caption: C\n    caption_EN: C\n    question: Q\n    question_fr: Q ?\n")  # fmt: skip
    tour, problems = tours.read_tour(path)
    assert tour is None
    assert [p.split(" is not")[0] for p in problems] == ["t.yaml: 'title_de'", "t.yaml: step 1: 'caption_EN'"]
    assert "translations: caption_fr, caption_es" in problems[1]


def test_a_steps_address_keeps_the_language():
    tour = TOURS["safety-institutes"]
    assert "lang" not in tours.step_query(tour, 1) and "lang=" not in tours.step_address(tour, 1)
    for code in ("fr", "es", "en-XA"):
        with speaking(code):
            query = parse_qs(urlsplit(tours.step_address(tour, 2, root="https://x.org", release="2026.11.1")).query)
            assert query["lang"] == [code] and query["step"] == ["2"] and query["v"] == ["2026.11.1"]
            assert tours.step_query(tour, 1)["lang"] == code
            assert "lang=" + code in tours.step_link(tour, 3)


def test_the_view_in_the_pseudo_locale_wraps_every_text(bundled_atlas):
    with speaking("en-XA"):
        content = build(bundled_atlas)
    assert wrapped(content.title) and wrapped(content.subtitle)
    sections = [b for b in content.blocks if isinstance(b, Section)]
    assert len(sections) == len(FILES)
    for section in sections:
        assert section.title.startswith(f"### {OPEN}") and section.title.endswith(CLOSE)
        caption, steps = section.blocks[0], section.blocks[1]
        assert isinstance(caption, Text) and caption.caption and wrapped(caption.text)
        assert caption.text.count(OPEN) == 2  # the template and the audience
        for line in steps.text.splitlines():
            assert line.split(". [", 1)[1].startswith(OPEN) and "lang=en-XA" in line


def test_the_view_in_french_shows_the_french_tours_with_french_links(bundled_atlas):
    english = build(bundled_atlas)
    with speaking("fr"):
        french = build(bundled_atlas)
    assert not french.notices  # the bundled tours are complete: no warning
    assert build(bundled_atlas).text() == english.text()  # built in French in between: the English is unchanged
    for section, (tour_id, raw) in zip([b for b in french.blocks if isinstance(b, Section)], RAW.items(), strict=True):
        assert section.title.replace("\\", "") == f"### {raw['title_fr']}"
        assert raw["audience_fr"] in section.blocks[0].text.replace("\\", "")
        lines = section.blocks[1].text.splitlines()
        for line, item in zip(lines, raw["steps"], strict=True):
            assert item["caption_fr"] in line.replace("\\", "") and "lang=fr" in line and f"tour={tour_id}" in line


def test_problems_in_the_pseudo_locale_are_marked(valid_atlas, tmp_path, monkeypatch):
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: Broken\nsteps: [{view: nowhere}]\n", encoding="utf-8")
    monkeypatch.setattr(tours, "TOURS_DIR", tmp_path)
    with speaking("en-XA"):
        content = build(valid_atlas)
    assert content.notices and all(n.text.startswith(OPEN + "Tour file problem: ") for n in content.notices)
