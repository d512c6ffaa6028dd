"""The published site in English, French and Spanish (issue 20, components/publish): the same pages under fr/ and es/,
each with its <html lang>, reciprocal hreflang alternates and a language switcher; the sitemap lists the three; the
templates' words go through gettext (a French catalog reaches the page; the pseudo-locale leaves no hard-coded template
text); the charts are drawn per language; the API stays one copy and carries the instruments' French and Spanish
names, described by openapi.json.

The tiny fixture package is published (a few seconds), with a stand-in French catalog for a few strings (the real
catalogs are merged later) and a French name for one instrument.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from markupsafe import escape

from components.data import i18n
from components.data.i18n import PSEUDO, language
from components.model.atlas import load_atlas
from components.publish import charts as chart_files
from components.publish.api import API
from components.publish.build import publish
from tests.conftest import PUBLISHED_BASE, PUBLISHED_LIVE, VALID
from tests.pseudo import leftovers
from tests.unit.test_publish import Page, target

BASE = PUBLISHED_BASE
CODES = ("en", "fr", "es")
FRENCH = {  # a stand-in French catalog: strings of the templates and of the publish code
    "Key facts": "Faits essentiels",
    "Search the Atlas": "Rechercher dans l'Atlas",
    "Source of these facts: %(source)s, checked %(checked)s.": "Source de ces faits : %(source)s, vérifiée le "
    "%(checked)s.",
    "Legal force": "Force juridique",
    "Parties and their actions": "Les parties et leurs actes",
    "Instruments": "Instruments",
    "AI Governance Atlas": "Atlas de la gouvernance de l'IA",  # an apostrophe: in attributes and the print footer
}
NAME_FR = "Convention d'essai sur l'IA"


class StandIn:
    """A gettext catalog with a few French strings (the rest untranslated: English)."""

    def gettext(self, message: str) -> str:
        return FRENCH.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return FRENCH.get(message, message)


def with_french_name(atlas):
    """The fixture atlas with a French (and a Spanish) name for test-convention, as instrument_translations.csv
    gives them."""
    rows = pd.DataFrame({
        "instrument_id": ["test-convention", "test-convention"], "lang": ["fr", "es"],
        "name": [NAME_FR, "Convenio de prueba sobre la IA"], "short_name": ["Convention d'essai", "Convenio de prueba"],
        "summary": ["Un traité de test.", "Un tratado de prueba."], "name_status": ["translated", "official"],
    })  # fmt: skip
    return dataclasses.replace(atlas, instrument_translations=rows)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture package published in the three languages (with the stand-in French catalog), its charts drawn
    by a stand-in that records the language each batch is drawn in."""
    out = tmp_path_factory.mktemp("site-i18n")
    batches: list[tuple[str, int]] = []

    def draw(figures, *, size):
        batches.append((language(), len(figures)))
        return [b'<svg xmlns="http://www.w3.org/2000/svg"/>' for _figure in figures]

    real = i18n._translations
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chart_files, "svg_images", draw)
        patch.setattr(i18n, "_translations", lambda code: StandIn() if code == "fr" else real(code))
        written = publish(out, with_french_name(load_atlas(VALID)), base_url=BASE, live_url=PUBLISHED_LIVE)
    return out, written, batches


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


def english_pages(site: Path) -> list[str]:
    """The English pages' folders ('' for the home page, 'parties/GBR/')."""
    out = []
    for path in sorted(site.rglob("index.html")):
        folder = path.parent.relative_to(site).as_posix()
        if folder.split("/")[0] in ("fr", "es", "pagefind"):
            continue
        out.append("" if folder == "." else f"{folder}/")
    return out


def read(site: Path, folder: str) -> str:
    return (site / folder / "index.html").read_text(encoding="utf-8")


def alternates(text: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))


# ---------------------------------------------------------------- pages, lang, hreflang, switcher, sitemap


def test_every_page_has_a_french_and_a_spanish_twin_with_its_html_lang(site, built):
    folders = english_pages(site)
    assert len(folders) > 12 and "" in folders and "parties/GBR/" in folders
    for folder in folders:
        for code in CODES:
            prefix = "" if code == "en" else f"{code}/"
            text = read(site, f"{prefix}{folder}")
            assert f'<html lang="{code}" ' in text, (code, folder)
    assert built[1]["html files"] == 3 * len(folders) and built[1]["languages"] == 3


def test_hreflang_links_are_reciprocal_and_name_every_language(site):
    for folder in english_pages(site):
        links = {}
        for code in CODES:
            prefix = "" if code == "en" else f"{code}/"
            text = read(site, f"{prefix}{folder}")
            found = alternates(text)
            assert set(found) == {"en", "fr", "es", "x-default"}, folder
            assert found[code] == f"{BASE}/{prefix}{folder}" == re.search(r'rel="canonical" href="([^"]+)"', text)[1]
            assert found["x-default"] == found["en"]
            links[code] = found
        assert links["en"] == links["fr"] == links["es"], folder  # each page names the others, and they it


def test_the_language_switcher_links_each_language_of_the_same_page(site):
    for folder in ("", "instruments/test-convention/", "parties/GBR/"):
        for code in CODES:
            page = site / ("" if code == "en" else f"{code}/") / folder / "index.html"
            text = page.read_text(encoding="utf-8")
            nav = text.split('<nav class="languages"')[1].split("</nav>")[0]
            names = dict(re.findall(r'hreflang="(\w+)" lang="\w+"[^>]*>([^<]+)</a>', nav))
            assert names == {"en": "English", "fr": "Français", "es": "Español"}
            assert re.search(rf'hreflang="{code}" lang="{code}" aria-current="page"', nav), (code, folder)
            for href in re.findall(r'href="([^"]+)"', nav):
                file, _fragment = target(page, href)
                assert file.exists(), (page, href)
                other = file.read_text(encoding="utf-8")
                assert alternates(other) == alternates(text)  # the same page in another language


def test_every_relative_link_of_a_french_or_spanish_page_resolves(site):
    checked = 0
    for path in sorted(site.rglob("index.html")):
        if path.relative_to(site).parts[0] not in ("fr", "es"):
            continue
        for href in Page(path.read_text(encoding="utf-8")).links:
            if urlsplit(href).scheme:
                continue
            file, _fragment = target(path, href)
            assert file.exists(), (path.relative_to(site), href)
            checked += 1
    assert checked > 500


def test_the_sitemap_lists_the_pages_of_the_three_languages_with_their_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for folder in english_pages(site):
        assert {f"{BASE}/{folder}", f"{BASE}/fr/{folder}", f"{BASE}/es/{folder}"} <= locs, folder
    assert len(locs) == 3 * len(english_pages(site))
    assert sitemap.count('<xhtml:link rel="alternate" hreflang="fr"') == len(locs)
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap


# ---------------------------------------------------------------- translated words


def test_the_templates_and_the_code_speak_the_pages_language(site):
    french = read(site, "fr/instruments/test-convention/")
    english = read(site, "instruments/test-convention/")
    assert ">Faits essentiels</h2>" in french and "Key facts" not in french
    assert ">Key facts</h2>" in english and "Faits essentiels" not in english
    assert "<dt>Force juridique</dt>" in french and "<dt>Legal force</dt>" in english  # a fact label (Python)
    assert 'data-placeholder="Rechercher dans l&#39;Atlas"' in french
    assert "Source de ces faits : " in french
    assert ">Les parties et leurs actes</h2>" in french
    # a quote in a translation stays inside its attribute, and inside the print footer's CSS string
    assert '<meta property="og:site_name" content="Atlas de la gouvernance de l&#39;IA">' in french
    footer = re.search(r'<html lang="fr" style="--print-footer: \'([^"]*)\'">', french)[1]
    assert "'" not in footer and footer.startswith("Atlas de la gouvernance de l\\27 IA · ")
    # the live Atlas opens in the page's language
    assert f'href="{PUBLISHED_LIVE}/signatories?instrument=test-convention&amp;lang=fr"' in french
    assert "lang=" not in re.search(r'<p class="live"><a href="([^"]+)"', english)[1]


def test_an_instruments_page_has_its_name_in_the_language_and_says_whether_it_is_official(site):
    french, spanish = read(site, "fr/instruments/test-convention/"), read(site, "es/instruments/test-convention/")
    assert f"<h1>{escape(NAME_FR)}</h1>" in french and "<h1>Convenio de prueba sobre la IA</h1>" in spanish
    assert 'Unofficial translation of the name; in English: <span lang="en">Test Convention on AI</span>' in french
    assert 'En inglés: <span lang="en">Test Convention on AI</span>' in spanish  # an official name
    assert "<h1>Test Convention on AI</h1>" in read(site, "instruments/test-convention/")
    assert escape(NAME_FR) in read(site, "fr/instruments/")  # the index too


def test_country_names_and_dates_follow_the_language(site):
    french = read(site, "fr/parties/USA/")
    assert "<h1>États-Unis</h1>" in french
    footer = french.split('<footer class="site">')[1]
    assert re.search(r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) "
                     r"\d{4}", footer), footer  # fmt: skip
    spanish = read(site, "es/parties/USA/")
    assert "<h1>Estados Unidos</h1>" in spanish and re.search(r"\d{1,2} de \w+ de \d{4}", spanish)


def test_the_charts_are_drawn_once_per_language_in_that_language(site, built):
    batches = built[2]
    assert [code for code, _n in batches] == list(CODES)
    assert len({n for _code, n in batches}) == 1 and batches[0][1] > 0
    english = {p.relative_to(site).as_posix() for p in site.rglob("*.svg") if p.relative_to(site).parts[0] not in
               ("fr", "es")}  # fmt: skip
    assert english and built[1]["charts"] == 3 * len(english)
    for path in english:
        assert (site / "fr" / path).exists() and (site / "es" / path).exists(), path


# ---------------------------------------------------------------- the API: one copy, with the translated names


def test_the_api_is_one_copy_with_the_instruments_french_and_spanish_names(site):
    assert not (site / "fr" / "api").exists() and not (site / "es" / "api").exists()
    records = {r["id"]: r for r in json.loads((site / API / "instruments.json").read_text("utf-8"))["instruments"]}
    convention = records["test-convention"]
    assert convention["name"] == "Test Convention on AI"  # the data's own name
    assert (convention["name_fr"], convention["short_name_fr"], convention["name_status_fr"]) == (
        NAME_FR, "Convention d'essai", "translated")  # fmt: skip
    assert (convention["name_es"], convention["name_status_es"]) == ("Convenio de prueba sobre la IA", "official")
    other = records["test-declaration"]
    assert other["name_fr"] == other["short_name_fr"] == other["name_status_fr"] == ""
    single = json.loads((site / API / "instruments" / "test-convention.json").read_text("utf-8"))
    assert single["instrument"]["name_fr"] == NAME_FR
    header = (site / API / "instruments.csv").read_text("utf-8").splitlines()[0].split(",")
    assert header[-6:] == ["name_fr", "short_name_fr", "name_status_fr", "name_es", "short_name_es", "name_status_es"]


def test_openapi_describes_the_translated_name_fields(site):
    document = json.loads((site / API / "openapi.json").read_text("utf-8"))
    properties = document["components"]["schemas"]["Instrument"]["properties"]
    for code in ("fr", "es"):
        assert properties[f"name_{code}"]["type"] == "string" and properties[f"name_{code}"]["x-derived"]
        assert properties[f"name_status_{code}"]["enum"] == ["official", "reported", "translated", ""]
        assert "`translated`" in properties[f"name_status_{code}"]["description"]
    record = json.loads((site / API / "instruments.json").read_text("utf-8"))["instruments"][0]
    assert set(record) == set(properties)


# ---------------------------------------------------------------- the pseudo-locale: no hard-coded template text


# What the pages show that is not the templates' or the publish code's words: the live views' own content (the home
# page's Overview, an index's "What the live view shows"), the citation sentence and BibTeX (components/export), the
# search index's hidden aliases (ids, short names) and the API's file names.
NOT_OURS = [r'<section aria-labelledby="overview">.*?</section>(?=\s*<section aria-labelledby="open-data")',
            r'<section aria-labelledby="live-view">.*?</section>', r'<section class="cite".*?</section>',
            r'<p class="search-aliases" hidden[^>]*>.*?</p>', r"<script.*?</script>", r"<head>.*?</head>"]  # fmt: skip


def data_words(atlas) -> list[str]:
    """Every text of the fixture package's tables, and the hosts of its addresses (a source cell names its host)."""
    words = set()
    for field in dataclasses.fields(atlas):
        frame = getattr(atlas, field.name)
        if isinstance(frame, pd.DataFrame):
            for column in frame.columns:
                for value in frame[column].dropna():
                    if isinstance(value, str) and len(value) > 1:
                        words.add(value.strip())
                        if value.startswith("http"):
                            words.add((urlsplit(value).hostname or "").removeprefix("www."))
    return sorted(words - {""}, key=len, reverse=True)


def test_the_pseudo_locale_leaves_no_hard_coded_text_in_the_templates_or_the_publish_code(tmp_path):
    atlas = load_atlas(VALID)
    publish(tmp_path, atlas, base_url=BASE, live_url=PUBLISHED_LIVE, charts=False, languages=(PSEUDO,))
    pages = sorted(p for p in (tmp_path / PSEUDO).rglob("index.html"))
    assert len(pages) > 12
    words = data_words(atlas)
    found = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{PSEUDO}" ' in text
        for pattern in NOT_OURS:
            text = re.sub(pattern, " ", text, flags=re.S)
        attributes = re.findall(r'(?:aria-label|title|data-placeholder|alt)="([^"]*)"', text)  # read aloud or shown
        visible = html.unescape(" ".join([re.sub(r"<[^>]+>", " ", text), *attributes]))
        visible = re.sub(r"\b\w+\.(json|csv)\b|https?://\S+", " ", visible)  # the API's file names, addresses
        for word in words:
            visible = visible.replace(word, " ")
        rest = leftovers(visible)
        if rest:
            found[page.relative_to(tmp_path).as_posix()] = rest
    assert not found, found
    instrument = (tmp_path / PSEUDO / "instruments" / "test-convention" / "index.html").read_text(encoding="utf-8")
    assert "⟦Key facts⟧" in instrument and "⟦Parties and their actions⟧" in instrument
    assert "⟦Source of these facts: " in instrument  # a {% trans %} block
