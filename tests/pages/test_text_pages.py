"""Data text is shown as text (issue 9): escaping for Markdown and plotly, and every page on a hostile package."""

from __future__ import annotations

import json

import pytest

from components.content.registry import views
from components.model.atlas import load_atlas
from tests.helpers import run
from tests.hostile import PAYLOADS, hostile_package


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return hostile_package(tmp_path_factory.mktemp("hostile") / "data")


def _markdown_sources(at) -> list[str]:
    elements = [*at.markdown, *at.caption, *at.subheader, *at.title, *at.info, *at.warning, *at.success, *at.error]
    return [e.value for e in elements]


RAW_HTML = [p for p in PAYLOADS if "<" in p]  # what plotly would read as markup if a figure carried it unescaped


def variants() -> list[str]:
    """Every view (Countries with two parties), then by forum where a view can be drawn by forum, and the home page
    filtered by every forum ('*'): forum names are data text too."""
    atlas = load_atlas()
    out = [f"{v.script}?party=USA,CHN" if v.name == "countries" else v.script for v in views()]
    for view in views():
        out += [f"{view.script}?{p.name}=forum&forum=*" for p in view.params(atlas) if "forum" in p.options]
    home = next(v for v in views() if v.default)
    return [*out, f"{home.script}?forum=*"]


VARIANTS = variants()


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.mark.parametrize("page", VARIANTS)
def test_pages_on_a_hostile_package_render_data_as_text(page, hostile_dir, monkeypatch):
    """Markdown sources and figure specs as the browser receives them: no payload unescaped ("*": every forum)."""
    monkeypatch.setenv("ATLAS_DATA_DIR", str(hostile_dir))
    path, _, query = page.partition("?")
    params = dict(item.split("=") for item in query.split("&")) if query else None
    if params and params.get("forum") == "*":
        params["forum"] = ",".join(load_atlas(hostile_dir).instruments["forum"].unique())
    at = run(path, params)
    assert not at.exception, at.exception
    sources = _markdown_sources(at)
    assert sources, "the page showed no text"
    for source in sources:
        for payload in PAYLOADS:
            assert payload not in source, (page, payload, source[:300])  # only ever escaped
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for text in _strings(spec):
            for payload in RAW_HTML:
                assert payload not in text, (page, payload, text[:300])


def test_picker_options_are_plain_text():
    """Multiselect options are not Markdown: escaping them would show backslashes (they did, briefly)."""
    at = run("views/overlap.py")
    options = [option for box in at.multiselect for option in box.options]
    assert options and not [o for o in options if "\\" in o], [o for o in options if "\\" in o][:3]
