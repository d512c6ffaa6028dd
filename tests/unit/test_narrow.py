"""Every chart of every view can be laid out for a phone (components/charts/narrow.py): no error, the title, subtitle
and source line wrapped to the width, the names under bars left to the page's text, the figure's own size unset."""

from __future__ import annotations

import json
import re

import pytest

from components.charts.narrow import WIDTH, narrow_figure
from components.content.registry import views
from components.model.filters import Filters
from tests.helpers import NEEDS


def lines(text: str | None) -> list[str]:
    return [re.sub(r"<[^>]+>", "", line) for line in (text or "").split("<br>")]


@pytest.mark.parametrize("page", views(), ids=lambda v: v.name)
def test_every_chart_lays_out_for_a_phone(bundled_atlas, page):
    filters = (
        Filters(**{k: tuple(v.split(",")) for k, v in NEEDS.get(page.name, {}).items()}) if page.filtered else None
    )
    content = page.build(bundled_atlas, filters)
    for key, chart in content.charts.items():
        before = json.loads(chart.figure.to_json())
        out = narrow_figure(chart.figure)
        assert out is not chart.figure and out.layout.width is None, key
        assert all(len(line) <= 42 for line in lines(out.layout.title.text)), (key, out.layout.title.text)  # 16 px
        assert all(len(line) <= 60 for line in lines(out.layout.title.subtitle.text)), key
        [source] = [a for a in out.layout.annotations if a.name == "source"]
        assert all(len(line) <= WIDTH / 5 for line in lines(source.text)), key
        assert not [a for a in out.layout.annotations if a.name == "names"]
        assert json.loads(chart.figure.to_json()) == before, key  # the shared figure is not changed
        rows = {y for t in out.data if t.type == "heatmap" for y in t.y}
        if rows:  # a matrix's marks stay on its rows
            assert all(y in rows for t in out.data if t.type == "scatter" and t.y is not None for y in t.y
                       if y is not None), key  # fmt: skip


def test_the_names_under_a_comparisons_bars_stay_in_the_desktop_figure(bundled_atlas):
    page = next(v for v in views() if v.name == "signatories")
    chart = page.build(bundled_atlas, None, {"compare": ("bletchley-declaration", "paris-ai-action-statement")})
    figure = chart.charts["diff_chart"].figure
    assert [a for a in figure.layout.annotations if a.name == "names"]
    assert not [a for a in narrow_figure(figure).layout.annotations if a.name == "names"]
