"""Images as kaleido draws them through the system chromium (a real browser process, about 2 s to start): the
briefing PNG and SVG, a hostile package's SVG, the T1 and T2 pictures, and the institutes map drawn offline.
(The figures themselves, without a browser, are tested in tests/unit.)"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest

from components.charts.institutes import map_figure
from components.charts.overview import legal_force_chart
from components.charts.timeline import timeline_figure
from components.content.registry import view
from components.export.images import SIZES, image_bytes
from components.model.atlas import load_atlas
from components.model.filters import Filters, apply_filters, describe
from tests.conftest import VALID
from tests.hostile import PAYLOADS, hostile_package

URL = "https://atlas.example/timeline?group=G20"


@pytest.fixture(scope="module")
def figure():
    atlas = load_atlas(VALID)
    return legal_force_chart(atlas, subtitle=describe(Filters(group=("G20",)), atlas.asof))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", list(SIZES))
def test_png_has_twice_the_requested_pixels(figure, size):
    width, height = SIZES[size]
    assert png_size(image_bytes(figure, fmt="png", size=size, url=URL)) == (2 * width, 2 * height)


def test_svg_has_size_and_text(figure):
    svg = image_bytes(figure, fmt="svg", size="slide", url=URL).decode("utf-8")
    assert re.search(r'<svg[^>]*width="1600"[^>]*height="900"', svg)
    for text in ("Instruments by legal force", "G20 members", "Source: AI Governance Atlas", "atlas.example/timeline"):
        assert text in svg.replace("&amp;", "&"), text


def test_svg_of_hostile_data_is_inert_and_shows_the_text(tmp_path):
    atlas = load_atlas(hostile_package(tmp_path / "data"))
    fig = timeline_figure(atlas.instruments, atlas.participation, atlas.events, asof=atlas.asof, lane="forum")
    svg = image_bytes(fig, fmt="svg", size="slide")
    root = ET.fromstring(svg)  # well-formed XML: every '<' of the data is an entity
    elements = list(root.iter())
    assert not [e for e in elements if e.tag.rsplit("}", 1)[-1] in ("script", "foreignObject", "iframe")]
    assert not [(e.tag, a) for e in elements for a in e.attrib if a.lower().startswith("on")]
    hrefs = [v for e in elements for k, v in e.attrib.items() if k.endswith("href")]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript")]
    styled = [e for e in elements if "font-weight:bold" in e.get("style", "") and (e.text or "").strip() == "bold"]
    assert not styled, "a <b> in the data was drawn as bold"
    text = "".join(root.itertext())
    shown = [p for p in PAYLOADS if p in text]
    assert len(shown) >= 5, shown  # forum lanes carry payloads; they are drawn as written


def test_brazil_beside_its_g20_peers_names_the_gaps_in_the_slide(bundled_atlas):
    """T1: what Brazil joined, what its G20 peers joined that it did not, named in the exported picture."""
    content = view("countries").build(bundled_atlas, Filters(party=("BRA",)), {"peers": ("G20",)})
    svg = image_bytes(
        content.charts["peer_chart"].figure, fmt="svg", size="slide", url="http://atlas/countries"
    ).decode()
    for name in ("Wassenaar Arrangement", "Hiroshima AI Process Code of Conduct", "CoE AI Framework Convention"):
        assert name in svg
    assert "4 of 18" in svg  # CETS 225: 4 of Brazil's 18 G20 peers
    profile = image_bytes(content.charts["profile_chart"].figure, fmt="svg", size="slide", url="http://x").decode()
    for name in ("OECD AI Principles", "Bletchley Declaration", "New Delhi Declaration"):
        assert name in profile


def test_a_picture_of_the_comparison_names_the_parties(bundled_atlas):
    """T2: the comparison of Bletchley and the Paris statement, its parties named in the exported picture."""
    pair = ("bletchley-declaration", "paris-ai-action-statement")
    chart = view("signatories").build(bundled_atlas, Filters(), {"compare": pair}).charts["diff_chart"]
    svg = image_bytes(chart.figure, fmt="svg", size="slide", url="https://atlas.example/signatories").decode()
    for name in ("Israel", "Saudi Arabia", "United Kingdom", "United States", "Australia", "Vatican"):
        assert f">{name}" in svg or f" {name}" in svg, name


def test_map_exports_offline_from_the_bundled_outline():
    atlas = load_atlas(VALID)
    shown = apply_filters(atlas, Filters())
    data = image_bytes(map_figure(shown.institutes, atlas.parties, asof=shown.asof), fmt="svg", size="document")
    assert b'class="choroplethlocation"' in data  # the country shape was found in the outline
    assert len(data) > 200_000  # and the world's outlines were drawn (without them the file is a few kB)
