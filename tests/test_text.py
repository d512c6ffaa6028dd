"""Data text is shown as text (issue 9): escaping for Markdown and plotly, and every page on a hostile package."""

from __future__ import annotations

import html
import json
import re

import plotly.graph_objects as go
import pytest

from components.charts.theme import finish_figure
from components.model.atlas import load_atlas
from components.text import WORD_JOINER, escape_figure, md, md_link, md_url, plotly_text
from tests.hostile import PAYLOADS, hostile_package
from tests.test_pages import PAGES, run


def test_markdown_escaping_leaves_no_syntax():
    for payload in PAYLOADS:
        escaped = md(payload)
        unescaped = escaped.replace("\\", "").replace(WORD_JOINER, "")
        assert unescaped == payload.replace("\\", ""), payload  # the text itself is unchanged
        assert re.fullmatch(r"(?:\\[^\sA-Za-z0-9]|[A-Za-z0-9\s/,;?%\u2060])*", escaped), (
            payload,
            escaped,
        )  # all punctuation escaped


def test_markdown_text_is_one_line():
    assert md("a\n\n# heading\n    code\n> quote") == r"a \# heading code \> quote"


def test_links_only_to_web_addresses():
    assert md_url("javascript:alert(1)") == "" and md_url("data:text/html,x") == ""
    assert md_url("https://example.org/a (b)") == "https://example.org/a%20%28b%29"
    assert md_link("**Source**", "https://example.org/x)[y](javascript:z") == (
        r"[\*\*Source\*\*](https://example.org/x%29%5By%5D%28javascript:z)"
    )
    assert md_link("x", "javascript:alert(1)") == "x"


def test_plotly_text_round_trips():
    for payload in PAYLOADS:
        assert html.unescape(plotly_text(payload)) == payload
        assert "<" not in plotly_text(payload) and ">" not in plotly_text(payload)
    assert plotly_text("plain") == "plain"


def test_finished_figures_escape_axes_customdata_names_and_titles():
    fig = go.Figure(
        go.Scatter(x=[1, 2], y=["<b>a</b>", "b"], customdata=[["id", "<i>x</i>"], ["id2", "y"]], name="<u>n</u>")
    )
    fig.add_trace(go.Bar(x=["a&b"], y=[3], text=["<br>kept"]))
    import datetime as dt

    finish_figure(fig, title="<b>Title</b>", subtitle="$x$ <s>", asof=dt.date(2026, 1, 1))
    first, second = fig.data
    assert list(first.y) == ["&lt;b&gt;a&lt;/b&gt;", "b"]
    assert first.customdata[0][1] == "&lt;i&gt;x&lt;/i&gt;" and first.name == "&lt;u&gt;n&lt;/u&gt;"
    assert tuple(first.x) == (1, 2)  # numbers untouched
    assert list(second.x) == ["a&amp;b"] and tuple(second.text) == ("<br>kept",)  # text is the chart's own HTML
    assert fig.layout.title.text == "&lt;b&gt;Title&lt;/b&gt;" and fig.layout.title.subtitle.text == "$x$ &lt;s&gt;"


def test_escape_figure_leaves_dates_and_numbers():
    import pandas as pd

    fig = go.Figure(go.Scatter(x=pd.to_datetime(["2024-01-01"]), y=[1.5]))
    before = fig.to_plotly_json()
    escape_figure(fig)
    assert fig.to_plotly_json() == before


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return hostile_package(tmp_path_factory.mktemp("hostile") / "data")


def _markdown_sources(at) -> list[str]:
    elements = [*at.markdown, *at.caption, *at.subheader, *at.title, *at.info, *at.warning, *at.success, *at.error]
    return [e.value for e in elements]


RAW_HTML = [p for p in PAYLOADS if "<" in p]  # what plotly would read as markup if a figure carried it unescaped
VARIANTS = [*PAGES, "views/countries.py?party=USA,CHN", "views/assessments.py?table=any", "views/overview.py?forum=*",
            "views/timeline.py?lane=forum&forum=*", "views/landscape.py?by=forum", "views/gaps.py?forum=*"]  # fmt: skip


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
