"""Charts on the published pages, without a browser (components/publish/charts.py): every chart a page shows from a
live view (the home page's Overview chart, the institutes index's charts, each party's profile chart) gets an SVG
file next to the page and an <img> whose alt text is the chart's text summary, hostile summaries included; a build
without charts has no image and no <img>; plotly's random ids are made fixed.

The drawing itself is a stand-in here (kaleido takes ~7 s a browser): tests/integration/test_publish_charts.py
draws the real pictures and checks what they say.
"""

from __future__ import annotations

import re

import pytest

from components.content.registry import view
from components.data.i18n import LANGUAGES
from components.export.images import SIZES
from components.model.atlas import load_atlas
from components.model.filters import Filters
from components.publish import charts as chart_files
from components.publish.__main__ import main
from components.publish.build import publish
from components.publish.charts import SIZE, file_stem, stable_ids
from tests.conftest import PUBLISHED_BASE, PUBLISHED_LIVE, VALID
from tests.hostile import PAYLOADS, hostile_package
from tests.unit.test_publish import TAGS, Page, pages

IMG_ATTRIBUTES = {"src", "alt", "width", "height", "data-pagefind-ignore"}


def stand_in(figures, *, size):
    """What svg_images returns, without a browser: a small SVG naming each figure's title and address."""
    width, height = SIZES[size]
    return [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"><text>{url}</text></svg>'
            .encode() for _, url in figures]  # fmt: skip


@pytest.fixture
def drawn(monkeypatch):
    """Record what the build asks kaleido to draw, and draw the stand-in."""
    asked: list[tuple[object, str]] = []

    def draw(figures, *, size):
        asked.extend(figures)
        return stand_in(figures, size=size)

    monkeypatch.setattr(chart_files, "svg_images", draw)
    return asked


def expected(atlas) -> dict[str, list]:
    """Per page (its folder in the site), the live views' charts it shows, in page order."""
    out = {
        "": list(view("overview").build(atlas, Filters(), {}).charts.values()),
        "institutes/": list(view("institutes").build(atlas, Filters(), {}).charts.values()),
    }
    for party in sorted(set(atlas.participation["party_id"].astype(str))):
        charts = view("countries").build(atlas, Filters(party=(party,)), {}).charts
        out[f"parties/{party}/"] = [charts["profile_chart"]] if "profile_chart" in charts else []
    return out


def images(page: Page) -> list[dict[str, str]]:
    return [attrs for tag, attrs in page.elements if tag == "img"]


def test_every_chart_a_page_shows_is_an_image_beside_it_with_its_summary_as_alt_text(tmp_path, drawn):
    atlas = load_atlas(VALID)
    written = publish(tmp_path, atlas, base_url=PUBLISHED_BASE, live_url=PUBLISHED_LIVE)
    shown = {path: charts for path, charts in expected(atlas).items() if charts}
    assert sum(p.startswith("parties/") for p in shown) >= 4 and "" in shown
    width, height = SIZES[SIZE]
    for path, charts in shown.items():
        page = (tmp_path / path / "index.html").read_text(encoding="utf-8")
        imgs = images(Page(page))
        assert [img["src"] for img in imgs] == [f"{file_stem(c.key)}.svg" for c in charts], path
        for img, chart in zip(imgs, charts, strict=True):
            assert set(img) == IMG_ATTRIBUTES, (path, img)
            assert img["alt"] == chart.summary, path  # the live view's own words
            assert (img["width"], img["height"]) == (str(width), str(height))
            assert (tmp_path / path / img["src"]).read_bytes().startswith(b"<svg")
        if path.startswith("parties/"):  # the summary is the lede and the rows the table under it: not repeated
            figure = page.split('<figure class="chart">')[1].split("</figure>")[0]
            assert "<details>" not in figure and "<p>" not in figure
    # every page is published in each language (fr/, es/), with its own images
    per_language = sum(map(len, shown.values()))
    assert written["charts"] == len(drawn) == len(list(tmp_path.rglob("*.svg"))) == len(LANGUAGES) * per_language
    urls = {url for _, url in drawn}  # each image's source line names the live view the page links to
    assert {f"{PUBLISHED_LIVE}/countries?party={p.split('/')[1]}" for p in shown if p.startswith("parties/")} <= urls


def test_hostile_summaries_stay_text_in_the_alt(tmp_path, drawn):
    atlas = load_atlas(hostile_package(tmp_path / "data", source=VALID))
    publish(tmp_path / "site", atlas, base_url=PUBLISHED_BASE, live_url=PUBLISHED_LIVE)
    alts = []
    for path, page in pages(tmp_path / "site").items():
        raw = path.read_text(encoding="utf-8")
        assert raw.lower().count("<script") == 2, path  # base.html's own two (search), no other
        for img in images(page):
            assert set(img) == IMG_ATTRIBUTES, (path, img)  # a quote in the summary did not end the alt
            alts.append(img["alt"])
        assert {tag for tag, _ in page.elements} <= TAGS | {"img"}, path
    assert len(alts) >= 5
    assert any(p in alt for alt in alts for p in PAYLOADS[:2])  # '<script>…', '<img …onerror…>' as text


def test_a_build_without_charts_has_no_images_and_no_img(tmp_path, capsys, drawn):
    out = tmp_path / "site"
    assert main([str(out), "--data", str(VALID), "--no-charts"]) == 0
    assert not drawn and not list(out.rglob("*.svg"))
    assert all("<img" not in path.read_text(encoding="utf-8") for path in out.rglob("*.html"))
    assert not re.search(r"\d charts", capsys.readouterr().err)  # none drawn, none counted


def test_plotlys_random_drawing_id_is_made_fixed():
    svg = (b'<svg><defs id="defs-3f9a2b"><clipPath id="clip3f9a2bxyplot"/></defs><g clip-path="url(#clip3f9a2bxyplot)"'
           b' class="legend3f9a2b"/><text>3f9a2b is data</text></svg>')  # fmt: skip
    fixed = stable_ids(svg)
    assert b"3f9a2b is data" in fixed and fixed.count(b"atlas0") == 4
    assert stable_ids(fixed) == fixed and stable_ids(b"<svg/>") == b"<svg/>"
