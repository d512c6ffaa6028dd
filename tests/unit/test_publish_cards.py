"""The published pages' preview cards (components/publish/cards.py): every page has an og.png beside it, a 1200×630
PNG named by its OpenGraph and Twitter meta with alt text; a long title stays inside the card; text the bundled font
lacks is folded, not drawn as boxes; the colours pass WCAG AA; the hostile package publishes cards and its meta stays
escaped.

The bundled data is published once per test process (tests/conftest.published_site), shared with test_publish.py.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from components.data.i18n import LANGUAGES, _, speaking
from components.model.atlas import load_atlas
from components.publish import cards
from components.publish.build import publish
from components.publish.site import FEEDS, KINDS, Site
from tests.conftest import PUBLISHED_BASE, PUBLISHED_LIVE, VALID
from tests.hostile import PAYLOADS, hostile_package

# one worker publishes the site for every publish module (make check: -n 2 --dist loadgroup)
pytestmark = pytest.mark.xdist_group("published_site")
BASE = PUBLISHED_BASE
MAX_BYTES = 60 * 1024


class Meta(HTMLParser):
    """A page's <meta> values by property or name (unescaped, as a crawler reads them)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key:
            self.values[key] = attrs.get("content") or ""


def folder(site: Path, page: Path) -> str:
    """A page's site path: '' for the home page, 'parties/BRA/'."""
    return "" if page.parent == site else f"{page.parent.relative_to(site).as_posix()}/"


def page_files(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if "pagefind" not in p.parts]


def check_cards(site: Path) -> dict[str, dict[str, str]]:
    """Every page's card meta, checked against the file it names; returns the meta by page."""
    found = {}
    for page in page_files(site):
        path = folder(site, page)
        meta = Meta(page.read_text(encoding="utf-8")).values
        assert meta["og:image"] == f"{BASE}/{path}og.png", path
        assert meta["twitter:image"] == meta["og:image"], path
        assert meta["twitter:card"] == "summary_large_image", path
        assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == ("1200", "630", "image/png")
        with speaking(path.split("/")[0] if path.split("/")[0] in LANGUAGES else "en"):  # fr/…, es/…: their language
            brand = _(cards.SITE_NAME)
        assert meta["og:image:alt"].startswith(f"{brand} · ") and len(meta["og:image:alt"]) <= 420, path
        assert meta["twitter:image:alt"] == meta["og:image:alt"], path
        card = site / path / "og.png"
        assert card.stat().st_size <= MAX_BYTES, (path, card.stat().st_size)
        with Image.open(card) as image:
            assert (image.format, image.size) == ("PNG", (cards.WIDTH, cards.HEIGHT)), path
            image.verify()  # the whole file: chunks and checksums
        found[path] = meta
    assert {folder(site, p) for p in site.rglob("og.png")} == set(found)  # no card without its page
    return found


# ---------------------------------------------------------------- the published site


@pytest.fixture(scope="module")
def published_cards(published_site) -> dict[str, dict[str, str]]:
    return check_cards(published_site)


def test_every_page_has_its_card_named_in_its_meta(published_cards, published_site):
    assert len(published_cards) > 450
    assert {"", "instruments/", "parties/BRA/", "institutes/uk-aisi/", "events/ai-action-summit-2025/"} <= set(
        published_cards
    )
    sizes = [p.stat().st_size for p in published_site.rglob("og.png")]
    assert max(sizes) <= MAX_BYTES and sum(sizes) / len(sizes) < 40 * 1024


def test_a_card_says_the_kind_title_one_key_line_and_the_date(published_cards, bundled_atlas):
    found = {path: meta["og:image:alt"] for path, meta in published_cards.items()}
    bletchley = found["instruments/bletchley-declaration/"]
    assert bletchley.startswith("AI Governance Atlas · Instrument · The Bletchley Declaration")
    assert re.search(r" · Political commitment · \d+ parties counted · Data as of ", bletchley), bletchley
    brazil = r"^AI Governance Atlas · Party · Brazil · Brazil has joined \d+ instruments: [^.]+(\.|…) · Data as of "
    assert re.search(brazil, found["parties/BRA/"]), found["parties/BRA/"]
    assert re.search(r"· Index · Parties · \d+ parties with a recorded action ·", found["parties/"])
    assert f"· Overview · AI Governance Atlas · {len(bundled_atlas.instruments)} instruments · " in found[""]
    event = found["events/ai-action-summit-2025/"]
    assert "· Summit or meeting · AI Action Summit · AI Safety Summit series, Paris, France" in event  # name once
    english = {path: alt for path, alt in found.items() if not path.startswith(("fr/", "es/"))}
    assert all(" · Data as of " in alt for alt in english.values())  # and the release, while the data is one
    assert all(" · Données au " in alt for path, alt in found.items() if path.startswith("fr/"))  # in its language
    assert all(" · Datos al " in alt for path, alt in found.items() if path.startswith("es/"))


def test_a_page_without_a_card_keeps_the_small_summary_card(valid_atlas, tmp_path):
    site = Site(valid_atlas, tmp_path, base_url=BASE)
    context = dict(root="", path="x/", title="T", description="D", canonical=f"{BASE}/x/", site=site, kinds=KINDS,
                   feeds=FEEDS, stylesheet="atlas.css", asof="1 December 2026")  # fmt: skip
    meta = Meta(site.env.get_template("base.html").render(**context, card=None)).values
    assert meta["twitter:card"] == "summary" and "og:image" not in meta and "twitter:image" not in meta


# ---------------------------------------------------------------- drawing


LONG = ("The Supercalifragilisticexpialidociousandevenlongerthanthatwithoutasinglespaceinside Convention on "
        + "Artificial Intelligence, Human Rights, Democracy and the Rule of Law " * 6)  # fmt: skip


def test_a_long_title_is_wrapped_into_three_lines_with_an_ellipsis_inside_the_card():
    card = cards.Card("Instrument", LONG, "Legally binding · 1,234 parties counted", "Data as of 1 December 2026")
    _, _, title, line, footer = card.blocks()
    assert len(title.lines) == 3 and title.lines[-1].endswith("…")
    for block in card.blocks():
        assert len(block.lines) <= block.spec[2]
        for text in block.lines:
            left, _, right, _ = cards.font(block.spec[0]).getbbox(text)
            assert cards.MARGIN + left >= cards.ACCENT and cards.MARGIN + right <= cards.WIDTH - cards.MARGIN, text
    assert line.box[3] <= cards.BAND_TOP <= footer.top  # the key line ends above the band, the date is on it
    image = card.image().convert("RGB")
    right = image.crop((cards.WIDTH - cards.MARGIN + 1, 0, cards.WIDTH, cards.BAND_TOP))
    assert right.getcolors() == [(right.width * right.height, (255, 255, 255))]  # nothing drawn in the right margin
    band = image.crop((cards.ACCENT, cards.BAND_TOP, cards.WIDTH, cards.HEIGHT)).getcolors(256)
    assert max(band)[1] == (0xEE, 0xF2, 0xF6) and len(band) > 2  # the band, with the date on it
    ink = image.crop((cards.MARGIN, title.top, cards.WIDTH - cards.MARGIN, title.box[3])).getcolors(256)
    assert (0x1F, 0x29, 0x33) in {colour for _, colour in ink}  # the title in its colour


def test_a_word_longer_than_a_line_is_broken_and_short_text_is_kept_whole():
    lines = cards.wrap("x" * 400, cards.TITLE[0], 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(cards.font(cards.TITLE[0]).getbbox(line)[2] <= cards.TEXT_WIDTH for line in lines)
    assert cards.wrap("Brazil", cards.TITLE[0], 3) == ["Brazil"]
    assert cards.wrap("", cards.TITLE[0], 3) == []


def test_names_keep_their_accents_and_what_no_font_has_is_folded_not_drawn_as_boxes():
    assert cards._source_sans() is not None  # the app's own type, from Streamlit's files
    assert cards.fold("Türkiye — São Tomé and\nPríncipe\x00 – Côte d’Ivoire") == (
        "Türkiye — São Tomé and Príncipe – Côte d’Ivoire"
    )
    assert cards.fold("中国 <script>") == "?? <script>"  # markup is letters on a card
    assert all(cards.drawable(c) for c in cards.fold("Curaçao · Zürich … “quoted” ©"))


def test_without_source_sans_the_bundled_font_draws_names_without_accents(monkeypatch):
    monkeypatch.setattr(cards, "_source_sans", lambda: None)
    for cached in (cards.font, cards._notdef, cards.drawable, cards.fold_char):
        cached.cache_clear()
    try:
        assert cards.fold("Türkiye — São Tomé – Côte d’Ivoire") == "Turkiye - Sao Tome - Cote d’Ivoire"
    finally:
        monkeypatch.undo()
        for cached in (cards.font, cards._notdef, cards.drawable, cards.fold_char):
            cached.cache_clear()


def test_the_cards_colours_pass_wcag_aa():
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for text, ground in cards.PAIRS:
        light, dark = sorted((luminance(text), luminance(ground)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (text, ground)

    def entry(index: int) -> str:
        return "#" + bytes(cards.PALETTE[3 * index : 3 * index + 3]).hex()

    for pair, (text, ground) in enumerate(cards.PAIRS):  # each ramp runs from the background to the text's colour
        assert (entry(pair * cards.LEVELS), entry((pair + 1) * cards.LEVELS - 1)) == (ground, text)


# ---------------------------------------------------------------- hostile data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The tiny fixture package with a payload in every free-text cell, published (without the chart images, which
    test_publish_charts.py tests)."""
    atlas = load_atlas(hostile_package(tmp_path_factory.mktemp("hostile") / "data", source=VALID))
    out = tmp_path_factory.mktemp("hostile-cards")
    publish(out, atlas, base_url=BASE, live_url=PUBLISHED_LIVE, charts=False)
    return out


def test_hostile_data_publishes_cards_and_its_meta_stays_escaped(hostile_site):
    found = check_cards(hostile_site)
    assert len(found) > 8
    alts = [meta["og:image:alt"] for meta in found.values()]
    assert any(PAYLOADS[0] in alt for alt in alts)  # the payload is the alt text's words...
    for page in page_files(hostile_site):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        for content in re.findall(r'<meta [^>]*content="([^"]*)"', head):
            assert "<" not in content and ">" not in content, (page, content)  # ...escaped in the attribute
        assert head.lower().count("<script") == 2, page  # base.html's search scripts only
    escaped = html.escape(PAYLOADS[0], quote=True)
    assert any(escaped in page.read_text(encoding="utf-8").split("</head>")[0] for page in page_files(hostile_site))
