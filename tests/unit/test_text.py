"""Data text is shown as text (issue 9): escaping for Markdown and plotly; every page on a hostile package is in tests/pages."""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go

from components.charts.theme import finish_figure
from components.text import WORD_JOINER, escape_figure, md, md_link, md_url, plotly_text
from tests.hostile import PAYLOADS


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
