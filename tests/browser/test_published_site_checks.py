"""The published site as a reader's tools see it, served over HTTP (issue 18, "Checked"): LinkChecker finds no broken
internal link anywhere in it; axe-core finds no serious or critical WCAG 2.1 A/AA violation on a page of each kind at
desktop and phone widths; and the hostile fixture package, published, runs no script in chromium on any page and shows
every payload as text.

The bundled data's site is tests/conftest.published_site (built once per test process, shared with the other publish
tests: one xdist group); the hostile package's site is published for this module (the tiny fixture package, ~3 s)."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from components.model.atlas import load_atlas
from components.publish.build import publish
from components.text import WORD_JOINER
from tests.browser.test_hostile_data_in_browser import CLEAN, MARKUP
from tests.browser.test_site_search import RESULT_LINKS, SEARCH_BOX
from tests.conftest import PUBLISHED_BASE, PUBLISHED_LIVE, VALID
from tests.helpers import served
from tests.hostile import PAYLOADS, hostile_package

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("published_site")]  # the publish tests' site, built once

LINKCHECKER = Path(sys.executable).with_name("linkchecker")  # PyPI LinkChecker, in the same environment
# One page of each kind; the search box (Pagefind's UI, drawn by script) is part of every page, so it is waited for.
KINDS = {
    "home": "",
    "index": "instruments/",
    "instrument": "instruments/bletchley-declaration/",
    "party": "parties/BRA/",
    "institute": "institutes/uk-aisi/",
    "event": "events/ai-safety-summit-2023/",
}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
# What a payload would have made had it been read as markup, beyond MARKUP's checks: inline scripts (the templates
# load two scripts by src only), and elements the templates never write.
MADE = """() => ({
  inlineScripts: [...document.scripts].filter(s => !s.src).length,
  payloadElements: document.querySelectorAll('main img, main svg, main b, main i, main iframe, main object').length,
})"""


@pytest.fixture(scope="module")
def site_url(published_site: Path):
    # LinkChecker waits 0.1-0.6 s between requests to a host (at most 10 a second, ~3 on average: 478 URLs took
    # 171 s) unless the host answers with a "LinkChecker" header; then its `maxrequestspersecond` applies.
    with served(published_site, headers={"LinkChecker": "local test server"}) as url:
        yield url


SKIPPED = {("pagefind",), ("v",)}  # the search UI's files; a release's API (no pages)


def html_pages(site: Path) -> list[str]:
    """Every page of a published site (home, indexes, records), as paths below its root."""
    found = [p.parent.relative_to(site) for p in site.rglob("index.html")]
    return sorted(("" if p == Path(".") else f"{p.as_posix()}/") for p in found if p.parts[:1] not in SKIPPED)


# ---------------------------------------------------------------- links


def linkcheck(urls: list[str], config: Path, recursion: int = -1) -> list[dict[str, str]]:
    """LinkChecker's CSV row for every URL it met from `urls` (recursing into the pages of the start URLs' site,
    external addresses only recorded, not fetched: its default)."""
    if not LINKCHECKER.exists():
        pytest.fail(f"LinkChecker is not installed in {LINKCHECKER.parent} (the test extra: pip install -e '.[test]')")
    config.write_text("[checking]\nmaxrequestspersecond=1000\n", encoding="utf-8")  # no user configuration
    command = [
        str(LINKCHECKER), "--config", str(config), "--verbose", "--no-status", "--output", "csv",
        "--threads", "8", "--timeout", "30", "--recursion-level", str(recursion), *urls,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-3000:]  # 1: broken links found (read from the rows)
    lines = [line for line in done.stdout.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=";"))


def test_linkchecker_finds_no_broken_internal_link(site_url, published_site, tmp_path):
    started = time.monotonic()
    rows = linkcheck([site_url], tmp_path / "linkcheckerrc")
    took = time.monotonic() - started
    internal = [r for r in rows if r["url"].startswith(site_url)]
    broken: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        if row["valid"] != "True":
            page = row["parentname"].removeprefix(site_url) or "(start)"
            broken[page].append((row["urlname"], row["result"]))
    checked = {r["url"].removeprefix(site_url) for r in internal}
    pages = set(html_pages(published_site))
    print(f"\nlinkchecker: {len(internal)} internal URLs ({len(pages)} pages) in {took:.0f} s;"
          f" {len(rows) - len(internal)} external addresses not fetched")  # fmt: skip
    assert not broken, dict(broken)
    assert not pages - checked, sorted(pages - checked)[:20]  # every page was reached from the home page


def test_linkchecker_as_run_here_reports_a_broken_link(tmp_path):
    """The control: a missing page and a missing stylesheet, linked from a served page, are reported by page."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>t</title><a href="a/">a</a> <a href="https://example.org/x">x</a>'
    )
    (site / "a" / "index.html").write_text('<!doctype html><title>a</title><link rel="stylesheet" href="../gone.css">'
                                           '<a href="../missing/">m</a>')  # fmt: skip
    with served(site, headers={"LinkChecker": "local test server"}) as url:
        rows = linkcheck([url], tmp_path / "linkcheckerrc")
    broken = {(r["parentname"].removeprefix(url), r["urlname"]) for r in rows if r["valid"] != "True"}
    assert broken == {("a/", "../gone.css"), ("a/", "../missing/")}, rows
    assert [r["valid"] for r in rows if r["url"].startswith("https://example.org")] == ["True"]  # not fetched


# ---------------------------------------------------------------- accessibility


def serious(page) -> dict[str, list]:
    """axe-core's serious and critical violations on the page: rule id -> the elements and axe's message."""
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    assert result.response["passes"], "axe-core checked nothing"
    others = {v["id"]: v["impact"] for v in result.response["violations"] if v["impact"] not in ("serious", "critical")}
    if others:
        print(f"\n{page.url}: moderate or minor: {others}")
    return {v["id"]: [(n["target"], (n.get("any") or [{}])[0].get("message", "")) for n in v["nodes"]]
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")}  # fmt: skip


@pytest.mark.parametrize("size", list(SIZES))
def test_a_page_of_each_kind_has_no_serious_accessibility_violation(site_url, browser, size):
    context = browser.new_context(viewport=dict(zip(("width", "height"), SIZES[size], strict=True)))
    try:
        page = context.new_page()
        found = {}
        for kind, path in KINDS.items():
            page.goto(site_url + path)
            expect(page.locator(SEARCH_BOX)).to_be_visible(timeout=20_000)
            bad = serious(page)
            if bad:
                found[f"{kind} /{path}"] = bad
    finally:
        context.close()
    assert not found, found


# ---------------------------------------------------------------- hostile data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The tiny fixture package with a payload in every free-text cell (as tests/unit/test_publish.py's `hostile`),
    published and served; yields its address and folder."""
    atlas = load_atlas(hostile_package(tmp_path_factory.mktemp("hostile") / "data", source=VALID))
    out = tmp_path_factory.mktemp("hostile-site")
    # without chart images: MADE counts every <img> as a payload's (the SVGs' inertness: tests/integration/
    # test_publish_charts.py)
    publish(out, atlas, base_url=PUBLISHED_BASE, live_url=PUBLISHED_LIVE, charts=False)
    with served(out) as url:
        yield url, out


def test_hostile_data_runs_no_script_in_chromium_and_shows_as_text(hostile_site, browser):
    url, site = hostile_site
    paths = html_pages(site)
    kinds = {p.split("/")[0] for p in paths}
    assert {"", "instruments", "parties", "institutes", "events"} <= kinds and len(paths) > 8, paths
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    errors: list[str] = []
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        seen: dict[str, list[str]] = {}
        for path in paths:
            page.goto(url + path)
            expect(page.locator(SEARCH_BOX)).to_be_visible(timeout=20_000)  # the page's own scripts have run
            page.wait_for_timeout(300)  # let late images and handlers settle
            assert page.evaluate(MARKUP) == CLEAN, path
            assert page.evaluate(MADE) == {"inlineScripts": 0, "payloadElements": 0}, path
            text = page.evaluate("() => document.body.textContent").replace(WORD_JOINER, "")
            seen[path] = [p for p in PAYLOADS if p in text]
            assert seen[path], f"/{path} shows none of the data text literally"
            assert "&lt;b&gt;bold" not in text and "&amp;amp;" not in text, f"/{path} escaped data twice"
    finally:
        context.close()
    assert not errors and not dialogs, (errors, dialogs)
    print("\npayloads shown literally per page:", {path: len(found) for path, found in seen.items()})
    shown = {p for found in seen.values() for p in found}
    assert {PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]} <= shown, set(PAYLOADS) - shown  # <script>, <img onerror>, <a>


def test_search_results_over_hostile_text_show_it_as_text(hostile_site, browser):
    """Pagefind's results (titles and excerpts, drawn by its script from the index) of a search that matches the
    payloads: no script runs, nothing the payloads describe is made, and the titles read as written."""
    url, _ = hostile_site
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "institutes/")
        page.locator(SEARCH_BOX).fill("window")  # in the <script>, <img>, <a> and <svg> payloads
        expect(page.locator(RESULT_LINKS).first).to_be_visible(timeout=20_000)
        page.wait_for_timeout(1000)  # let late images and handlers settle
        assert page.evaluate(MARKUP) == CLEAN
        assert page.evaluate(MADE)["inlineScripts"] == 0
        assert page.locator("#search img, #search iframe, #search object").count() == 0
        titles = " ".join(page.locator(RESULT_LINKS).all_text_contents()).replace(WORD_JOINER, "")
        assert any(p in titles for p in PAYLOADS if "window" in p), titles
    finally:
        context.close()
    assert not errors, errors
