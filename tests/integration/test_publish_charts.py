"""Charts on the published pages (components/publish/charts.py): every chart a page shows from a live view (the home
page's Overview chart, the institutes index's charts, each party's profile chart) is an SVG file next to the page,
drawn by kaleido as the live "Download SVG" draws it (title, names, source line with the live view's address inside),
shown by an <img> whose alt text is the chart's text summary; hostile data stays text inside the SVG and the alt.

The tiny fixture package (six parties) is published with charts, plain and hostile: two kaleido browsers, ~7 s each,
too slow for make check (tests/unit/test_publish_charts.py checks the pages' images there with a stand-in drawing;
the bundled data's full site is built without charts for the other publish tests, tests/conftest.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from components.export.images import SIZES
from components.model.atlas import load_atlas
from components.publish.build import publish
from components.publish.charts import SIZE, file_stem, stable_ids
from tests.conftest import PUBLISHED_BASE, PUBLISHED_LIVE, VALID
from tests.hostile import PAYLOADS, hostile_package
from tests.unit.test_publish import TAGS, Page, pages
from tests.unit.test_publish_charts import expected  # per page, the live views' charts it shows

SVG = "{http://www.w3.org/2000/svg}svg"
IMG_ATTRIBUTES = {"src", "alt", "width", "height", "data-pagefind-ignore"}


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    out = tmp_path_factory.mktemp("charted")
    atlas = load_atlas(VALID)
    written = publish(out, atlas, base_url=PUBLISHED_BASE, live_url=PUBLISHED_LIVE)
    return out, atlas, written


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    atlas = load_atlas(hostile_package(tmp_path_factory.mktemp("hostile-charts") / "data", source=VALID))
    out = tmp_path_factory.mktemp("hostile-charted")
    publish(out, atlas, base_url=PUBLISHED_BASE, live_url=PUBLISHED_LIVE)
    return out, atlas


def images(page: Page) -> list[dict[str, str]]:
    return [attrs for tag, attrs in page.elements if tag == "img"]


def svg_text(path: Path) -> tuple[ET.Element, str]:
    """The parsed SVG (it must be well-formed XML) and all its text."""
    root = ET.fromstring(path.read_bytes())
    return root, " ".join("".join(root.itertext()).split())


# ---------------------------------------------------------------- every chart an image, its summary the alt text


def test_every_chart_a_page_shows_is_an_svg_beside_it_with_its_summary_as_alt_text(valid):
    site, atlas, written = valid
    shown = {path: charts for path, charts in expected(atlas).items() if charts}
    assert len(shown) >= 5 and any(p.startswith("parties/") for p in shown)
    width, height = SIZES[SIZE]
    for path, charts in shown.items():
        page = Page((site / path / "index.html").read_text(encoding="utf-8"))
        imgs = images(page)
        assert [img["src"] for img in imgs] == [f"{file_stem(c.key)}.svg" for c in charts], path
        for img, chart in zip(imgs, charts, strict=True):
            assert set(img) == IMG_ATTRIBUTES, (path, img)
            assert img["alt"] == chart.summary, path  # the live view's own words
            assert (img["width"], img["height"]) == (str(width), str(height))
            root, _ = svg_text(site / path / img["src"])
            assert root.tag == SVG and (root.get("width"), root.get("height")) == (str(width), str(height))
    svgs = list(site.rglob("*.svg"))
    per_language = sum(len(c) for c in shown.values())  # English at the root, French under fr/, Spanish under es/
    assert written["charts"] == len(svgs) == 3 * per_language
    for code in ("fr", "es"):
        assert len(list((site / code).rglob("*.svg"))) == per_language, code


def test_a_party_chart_is_the_live_views_profile_with_its_title_names_and_address(valid):
    site, atlas, _ = valid
    for path, charts in expected(atlas).items():
        if not path.startswith("parties/") or not charts:
            continue
        chart, party = charts[0], path.split("/")[1]
        _, text = svg_text(site / path / "profile.svg")
        assert chart.title in text, path
        for instrument in set(chart.rows["instrument"]):  # every instrument it joined, the summary's among them
            assert instrument in text, (path, instrument)
        assert "Source: AI Governance Atlas" in text
        assert f"View: {PUBLISHED_LIVE}/countries?party={party}" in text, path  # the page's live link, in the image
        page = (site / path / "index.html").read_text(encoding="utf-8")
        figure = page.split('<figure class="chart">')[1].split("</figure>")[0]
        assert "<details>" not in figure  # the rows behind it: the table of what it joined, right under it


def test_the_svg_files_are_the_same_on_every_build(valid, tmp_path):
    """plotly's random drawing id is replaced, so an unchanged chart is an unchanged file (caches keep it)."""
    site, atlas, _ = valid
    svg = (site / "parties" / "KEN" / "profile.svg").read_bytes()
    assert b'id="clipatlas0' in svg and not re.search(rb'id="clip(?!atlas0)[0-9a-f]{6}', svg)
    assert stable_ids(svg) == svg
    assert b'class="trace scatter trace0"' in svg  # the traces' fixed uids (svg_images)


# ---------------------------------------------------------------- hostile data


def test_hostile_data_stays_text_in_every_svg_and_alt(hostile):
    site, atlas = hostile
    svgs = sorted(site.rglob("*.svg"))
    assert len(svgs) >= 5
    drawn = ""
    for path in svgs:
        assert b"<script" not in path.read_bytes().lower(), path
        root, text = svg_text(path)  # well-formed: every '<' of the data an entity
        elements = list(root.iter())
        assert not [e.tag for e in elements if e.tag.rsplit("}", 1)[-1] in ("script", "foreignObject", "iframe")]
        assert not [(e.tag, a) for e in elements for a in e.attrib if a.lower().startswith("on")], path
        hrefs = [v for e in elements for k, v in e.attrib.items() if k.endswith("href")]
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript")], path
        drawn += text
    assert PAYLOADS[0] in drawn  # '<script>…</script>' drawn as the letters it is
    shown = [p for p in PAYLOADS if p in drawn]
    assert len(shown) >= 3, shown
    for path, page in pages(site).items():
        for img in images(page):
            assert set(img) == IMG_ATTRIBUTES, (path, img)  # a quote in the summary did not end the alt
            assert (path.parent / img["src"]).exists()
        assert {tag for tag, _ in page.elements} <= TAGS | {"img"}, path
    party = Page((site / "parties" / "KEN" / "index.html").read_text(encoding="utf-8"))
    alt = images(party)[0]["alt"]
    assert any(p in alt for p in PAYLOADS), alt  # the summary names instruments, payloads and all, as text
