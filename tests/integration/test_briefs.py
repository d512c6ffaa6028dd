"""Printed briefs (components/publish/briefs): Brazil's and the Bletchley Declaration's pages print on at most two A4
pages, and what prints still answers the question: what Brazil joined and what its peers joined that it did not, by
name; the declaration's key facts and its parties by name; every source as a full address; the as-of date and the
permanent link. No navigation prints.

The bundled data is published once for the module (about 15 s) and printed by the system chromium.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from components.data.dates import in_words
from components.publish.briefs import BriefError, briefs, print_pdfs
from components.publish.build import publish

BASE = "https://atlas.example.org"
MAX_PAGES = 2
BRIEFS = {"party": "BRA", "instrument": "bletchley-declaration"}
FOLDERS = {"party": "parties", "instrument": "instruments"}

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium (make test installs it)")

# ---------------------------------------------------------------- counting a PDF's pages


def page_count(pdf: Path) -> int:
    """Pages of a PDF, by pypdf (pinned in the test extra)."""
    return len(PdfReader(pdf).pages)


def pdf_text(pdf: Path) -> str:
    """The PDF's text, by pypdf."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


# ---------------------------------------------------------------- the site and its briefs


@pytest.fixture(scope="module")
def site(tmp_path_factory, bundled_atlas) -> Path:
    out = tmp_path_factory.mktemp("site")
    publish(out, bundled_atlas, base_url=BASE)
    return out


@pytest.fixture(scope="module")
def pdfs(site) -> dict[str, Path]:
    written = briefs(site, parties=[BRIEFS["party"]], instruments=[BRIEFS["instrument"]])
    return {kind: site / "briefs" / f"{kind}-{ident}.pdf" for kind, ident in BRIEFS.items()} | {"all": written}


def shown(browser, html: Path, media: str) -> dict:
    """What a page shows with screen or print media: its visible text, the first cell of each table row (the name) and the
    addresses its source cells link to, whether its navigation shows."""
    page = browser.new_page()
    try:
        page.emulate_media(media=media)
        page.goto(html.resolve().as_uri())
        return {
            "text": page.inner_text("body"),
            "rows": {
                key: page.locator(f"#table-{key} tbody tr > :first-child").all_inner_texts()
                for key in page.eval_on_selector_all("[id^=table-]", "els => els.map(e => e.id.slice(6))")
            },
            "sources": page.eval_on_selector_all(
                "main td a[href^=http]:not([rel~=nofollow])", "links => [...new Set(links.map(a => a.href))]"
            ),
            "nav": any(nav.is_visible() for nav in page.locator("header.site nav").all()),  # the site's, the languages'

        }
    finally:
        page.close()


def html_of(site: Path, kind: str) -> Path:
    return site / FOLDERS[kind] / BRIEFS[kind] / "index.html"


# ---------------------------------------------------------------- the tests


def test_the_page_counter_counts_a_known_three_page_pdf_as_three(tmp_path):
    html = tmp_path / "three.html"
    html.write_text("<!doctype html><title>3</title>"
                    + "".join(f'<p style="break-after: page">page {n}</p>' for n in (1, 2)) + "<p>page 3</p>")  # fmt: skip
    printed = print_pdfs([(html, tmp_path / "printed.pdf")])[0]
    assert page_count(printed) == 3


@pytest.mark.parametrize("kind", BRIEFS)
def test_the_brief_fits_on_two_a4_pages(pdfs, kind):
    pdf = pdfs[kind]
    assert pdf in pdfs["all"]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert 1 <= page_count(pdf) <= MAX_PAGES
    first = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    width, height = (float(v) for v in first.groups())
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points


@pytest.mark.parametrize("kind", BRIEFS)
def test_print_keeps_every_name_of_the_answer_and_sources_as_full_addresses(site, browser, kind, bundled_atlas):
    screen = shown(browser, html_of(site, kind), "screen")
    printed = shown(browser, html_of(site, kind), "print")
    assert screen["nav"] and not printed["nav"]
    # every table the screen page answers with (joined, peers, parties, claims) prints, every row named
    assert screen["rows"].keys() == printed["rows"].keys()
    for key, names in screen["rows"].items():
        assert names and printed["rows"][key] == names, key
        for name in names:
            assert name in printed["text"], (key, name)
    assert screen["sources"]
    for address in screen["sources"]:
        assert address in printed["text"]  # the Sources list gives each address in full
    permalink = f"{BASE}/{FOLDERS[kind]}/{BRIEFS[kind]}/"
    assert f"Permanent link: {permalink}" in printed["text"]
    assert f"Data as of {in_words(bundled_atlas.asof)}" in printed["text"]
    assert "BibTeX" not in printed["text"] and "Explore this in the live Atlas" not in printed["text"]


def test_brazils_brief_names_what_it_joined_and_its_peers_gaps(site, browser):
    printed = shown(browser, html_of(site, "party"), "print")
    assert {"joined", "peers-g20"} <= printed["rows"].keys()
    assert {"Bletchley Declaration", "OECD AI Principles", "GPAI"} <= set(printed["rows"]["joined"])
    assert {"Wassenaar Arrangement", "Seoul Declaration"} <= set(printed["rows"]["peers-g20"])
    assert "What its peers joined that it did not" in printed["text"]


def test_bletchleys_brief_has_its_key_facts_and_parties_by_name(site, browser):
    printed = shown(browser, html_of(site, "instrument"), "print")
    parties = set(printed["rows"]["parties"])
    assert {"Brazil", "China", "European Union", "United Kingdom", "United States"} <= parties
    for fact in ("Legal force", "Political commitment", "Adopted", "1 November 2023", "Parties counted"):
        assert fact in printed["text"], fact


@pytest.mark.parametrize("kind", BRIEFS)
def test_the_pdf_itself_has_the_names_the_permanent_link_and_the_date_on_every_page(
    site, browser, pdfs, kind, bundled_atlas
):
    text = pdf_text(pdfs[kind])
    flat = re.sub(r"\s+", " ", text)
    printed = shown(browser, html_of(site, kind), "print")
    for names in printed["rows"].values():
        for name in names:
            assert re.sub(r"\s+", " ", name) in flat, name
    permalink = f"{BASE}/{FOLDERS[kind]}/{BRIEFS[kind]}/"
    # the running footer on each page, and the page's own footer at the end
    assert flat.count(permalink) >= page_count(pdfs[kind]) + 1
    assert flat.count(f"data as of {in_words(bundled_atlas.asof)}") >= page_count(pdfs[kind])


def test_a_missing_page_is_refused_by_name(site):
    with pytest.raises(BriefError, match="no page for party 'XXX'"):
        briefs(site, parties=["XXX"])
    with pytest.raises(BriefError, match="paper"):
        briefs(site, parties=["BRA"], paper="A3")
