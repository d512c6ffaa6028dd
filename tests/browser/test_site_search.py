"""Site search in the published site, in chromium: the search box on a page (Pagefind's UI over the index the build
writes) finds the page a reader means first, says so when nothing matches, and is neither needed to read a page nor
printed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import served

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("published_site")]  # the publish tests' site, built once

SEARCH_BOX = "#search input"
RESULT_LINKS = "#search .pagefind-ui__result-link"
MESSAGE = "#search .pagefind-ui__message"
START = "institutes/uk-aisi/"  # a page two folders deep: the UI finds its bundle and results from the page's root
FIRST = {
    "cets 225": "instruments/coe-framework-convention-ai/",  # short name "CoE AI Framework Convention (CETS No. 225)"
    "brazil": "parties/BRA/",
    "bletchley": "instruments/bletchley-declaration/",
}
# Two institutes are CAISI: the US Center for AI Standards and Innovation (id us-caisi) and the Canadian Artificial
# Intelligence Safety Institute, whose name in the data ends "(CAISI)"; the search gives both, before anything else.
CAISI = {"institutes/us-caisi/", "institutes/canada-caisi/"}


@pytest.fixture(scope="module")
def site_url(published_site: Path) -> Iterator[str]:
    """The published site (tests/conftest.published_site, built once per test process) served on a free port."""
    with served(published_site) as url:
        yield url


@pytest.fixture
def searching(page, site_url):
    """A page with its search box ready; fails the test on any script error in the page."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + START)
    expect(page.locator(SEARCH_BOX)).to_be_visible(timeout=20_000)
    yield page
    assert not errors, errors


def search(page, query: str) -> None:
    """Types `query` into the search box and waits for Pagefind's answer to it."""
    page.locator(SEARCH_BOX).fill(query)
    expect(page.locator(MESSAGE)).to_contain_text(f"for {query}", timeout=20_000)


def hrefs(page, n: int) -> list[str]:
    return [link.get_attribute("href") for link in page.locator(RESULT_LINKS).all()[:n]]


def test_the_site_is_indexed(published_site):
    assert (published_site / "pagefind" / "pagefind-ui.js").is_file()
    assert (published_site / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.parametrize("query", FIRST)
def test_a_name_or_short_name_finds_its_page_first(searching, query):
    search(searching, query)
    expect(searching.locator(RESULT_LINKS).first).to_have_attribute("href", "/" + FIRST[query])


def test_caisi_finds_both_caisi_institutes_first(searching):
    search(searching, "caisi")
    expect(searching.locator(RESULT_LINKS).nth(1)).to_be_visible()
    assert {href.strip("/") + "/" for href in hrefs(searching, 2)} == CAISI


def test_a_word_in_no_page_finds_nothing(searching):
    search(searching, "zqxjkv")
    expect(searching.locator(MESSAGE)).to_have_text("No results for zqxjkv")
    expect(searching.locator(RESULT_LINKS)).to_have_count(0)


def test_a_result_opens_its_page(searching, site_url):
    search(searching, "brazil")
    searching.locator(RESULT_LINKS).first.click()
    expect(searching).to_have_url(site_url + FIRST["brazil"])
    expect(searching.locator("h1")).to_have_text("Brazil")


def test_without_javascript_the_box_links_to_the_indexes_and_print_leaves_it_out(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + START)
        fallback = page.locator("#search noscript a, #search a").first
        expect(fallback).to_be_visible()
        assert fallback.get_attribute("href") == "../../#browse"
    finally:
        context.close()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + START)
        expect(page.locator(SEARCH_BOX)).to_be_visible(timeout=20_000)
        page.emulate_media(media="print")
        expect(page.locator("#search")).to_be_hidden()
    finally:
        context.close()
