"""Data text is never markup (issue 9): the Atlas on a package whose every free-text cell holds HTML, JavaScript,
Markdown, LaTeX or a formula, in chromium against the real server. No script runs, and the text shows as written."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from components.content.registry import views
from components.model.atlas import load_atlas
from components.text import WORD_JOINER
from tests.browser.conftest import streamlit_server
from tests.hostile import PAYLOADS, hostile_package

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"] .main-svg'
EXCEPTION = '[data-testid="stException"]'
# Every view of the registry, with the address that shows most of its data text, and again by forum where the view
# can be drawn by forum (forum names are data text too).
QUERIES = {"countries": "party=USA,CHN", "changes": "since=2020-01"}
# Pages whose data text is only in tables (drawn on a canvas, not in the DOM), or that show authored text only.
AUTHORED = {"tours", "changes", "freshness"}


def pages(atlas) -> dict[str, bool]:
    """Address -> whether the page draws a chart (its build() says so)."""
    from components.content.urls import parse_address

    out = {}
    for view in views():
        path = f"{view.path}?{QUERIES[view.name]}" if view.name in QUERIES else view.path
        by_forum = [f"{view.path}?{p.name}=forum" for p in view.params(atlas) if "forum" in p.options]
        for address in (path, *by_forum):
            target, parsed = parse_address(f"http://h/{address}", atlas)
            out[address] = bool(target.build(atlas, parsed.filters, parsed.view).charts)
    return out


# What the browser would have made of the payloads had it read them as markup.
MARKUP = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,
  scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
  javascriptLinks: [...document.querySelectorAll('a[href], [href]')].filter(
    a => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript')).length,
  images: document.querySelectorAll('img[src="x"]').length,
  boldPayload: [...document.querySelectorAll('b, strong, tspan[style*="font-weight:bold"], tspan[style*="italic"]')]
    .filter(b => ['bold', 'i'].includes(b.textContent.trim())).length,
  maths: document.querySelectorAll('.katex').length,
})"""
CLEAN = {"pwned": None, "handlers": 0, "scripts": 0, "javascriptLinks": 0, "images": 0, "boldPayload": 0, "maths": 0}


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    return hostile_package(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_server(hostile_data):
    with streamlit_server(ATLAS_DATA_DIR=str(hostile_data)) as url:
        yield url


def text_of(page) -> str:
    return page.evaluate("() => document.body.textContent").replace(WORD_JOINER, "")  # invisible; see text.md


def test_every_page_shows_hostile_text_literally_and_runs_no_script(hostile_server, hostile_data, page):
    seen: dict[str, list[str]] = {}
    for path, charted in pages(load_atlas(hostile_data)).items():
        page.goto(f"{hostile_server}/{path}")
        if charted:
            page.wait_for_selector(CHART, timeout=60_000)
        else:
            page.wait_for_selector('[data-testid="stMarkdownContainer"]', timeout=60_000)
        page.wait_for_selector('html[data-atlas-whole="true"]', state="attached", timeout=60_000)  # not only the
        # first run: what follows the first chart comes once it is drawn (components/ui/probe.py)
        page.wait_for_timeout(1500)  # let late images, handlers and charts settle
        assert page.locator(EXCEPTION).count() == 0, path
        assert page.evaluate(MARKUP) == CLEAN, path
        text = text_of(page)
        seen[path] = [p for p in PAYLOADS if p in text]
        assert seen[path] or path.split("?")[0] in AUTHORED, f"/{path} shows none of the data text literally"
        assert "&lt;b&gt;bold" not in text and "&amp;amp;" not in text, f"/{path} escaped data twice"
    print("\npayloads shown literally per page:", {path: len(found) for path, found in seen.items()})
    missing = [p for p in PAYLOADS if not any(p in found for found in seen.values())]
    assert not missing, missing


def test_hover_and_detail_panel_show_hostile_text_literally(hostile_server, page):
    """Also the regression test for clicking a marker: with dragmode="select" the click never reached the panel."""
    page.goto(f"{hostile_server}/timeline")
    page.wait_for_selector(CHART, timeout=60_000)
    points = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point')
    points.first.scroll_into_view_if_needed()
    box = max((points.nth(i).bounding_box() for i in range(min(points.count(), 80))), key=lambda b: b["width"])
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*centre)  # plotly listens on the drag layer above the markers
    hover = page.locator('[data-testid="stPlotlyChart"] .hoverlayer').first
    expect(hover).not_to_be_empty(timeout=10_000)
    hover_text = hover.text_content()
    assert any(p in hover_text for p in PAYLOADS), hover_text
    page.mouse.click(*centre)  # selecting a marker opens its detail panel: name, summary and notes in Markdown
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Parties recorded as of", timeout=30_000)
    markdown = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]').all_text_contents()
    shown = " ".join(markdown).replace(WORD_JOINER, "")
    assert sum(p in shown for p in PAYLOADS) >= 3, shown  # name, summary and notes, as written
    assert page.evaluate(MARKUP) == CLEAN


def test_party_picker_lists_hostile_names_as_text(hostile_server, page):
    page.goto(f"{hostile_server}/signatories")
    page.wait_for_selector(CHART, timeout=60_000)
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Parties")
    box.locator("input").click()
    box.locator("input").fill("bold")
    option = page.get_by_role("option").filter(has_text="bold").first
    expect(option).to_be_visible(timeout=10_000)
    assert "<b>bold</b>" in option.text_content()
    option.click()
    page.keyboard.press("Escape")
    expect(box).to_contain_text("<b>bold</b>", timeout=30_000)  # the chosen tag, as written
    page.wait_for_function("() => location.search.includes('party=')", timeout=30_000)
    page.wait_for_timeout(1500)
    assert page.evaluate(MARKUP) == CLEAN
    assert page.locator(EXCEPTION).count() == 0
