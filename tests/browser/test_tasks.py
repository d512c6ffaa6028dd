"""The users' tasks of issue 17, as a user does them in chromium: clicks, typing and keys, each counted as a step.

T1  a policy officer: what Brazil joined and what its G20 peers joined that it did not, and a slide naming them
T2  an analyst: who endorsed Bletchley but not the Paris statement, named at the top, and a CSV of exactly them
T3  the landscape as of 2024-01-01, by typing the date and pressing Enter
T5  T1 and T2 by touch on a phone (390×844), with no clipped or overlapping chart text; and on a tablet (768×1024)
(T4, the projector, is tests/browser/test_tour_in_browser.py.)
"""

from __future__ import annotations

import struct

import pytest
from playwright.sync_api import expect

from components.export.rows import read_exported_csv

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"] .main-svg'
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 "
               "Mobile Safari/537.36")  # fmt: skip
TABLETS = {  # an Android tablet's Chrome (no "Mobile" in its agent) and an iPad (Safari asks for the desktop site)
    "android tablet": "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Safari/537.36",
    "ipad": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 "
    "Safari/605.1.15",
}
ONLY_BLETCHLEY = {"Israel", "Philippines", "Saudi Arabia", "Türkiye", "United Arab Emirates", "United Kingdom",
                  "United States"}  # fmt: skip


class Steps:
    """Counts what the user does: each click, tap, choice or typed entry is one step."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def tap(self, locator):
        self.count += 1
        locator.tap()

    def type_and_enter(self, locator, text: str):
        self.count += 1
        locator.fill(text)
        locator.press("Enter")


def chart_titled(page, words: str):
    """The chart (its Streamlit element) whose SVG text contains `words`."""
    charts = page.locator('[data-testid="stPlotlyChart"]').filter(has_text=words)
    expect(charts.first).to_be_visible(timeout=60_000)
    return charts.first


def svg_text(chart) -> str:
    return " ".join(chart.locator("svg text").all_text_contents())


def download(page, steps: Steps, button, *, tap: bool = False) -> bytes:
    with page.expect_download(timeout=120_000) as info:
        (steps.tap if tap else steps.click)(button)
    return open(info.value.path(), "rb").read()


def text_problems(chart) -> list[str]:
    """Text of a drawn chart that is clipped (outside the chart's box) or overlaps other text, from the bounding boxes
    of its SVG text elements as chromium lays them out."""
    boxes = chart.evaluate(
        """(element) => {
            const frame = element.getBoundingClientRect();
            const out = [];
            for (const t of element.querySelectorAll('svg text')) {
                const r = t.getBoundingClientRect();
                if (!t.textContent.trim() || r.width === 0 || r.height === 0) continue;
                const hidden = getComputedStyle(t).visibility === 'hidden' || getComputedStyle(t).opacity === '0';
                if (hidden) continue;
                out.push({text: t.textContent, x0: r.left - frame.left, x1: r.right - frame.left,
                          y0: r.top - frame.top, y1: r.bottom - frame.top, w: frame.width, h: frame.height});
            }
            return out;
        }"""
    )
    problems = []
    for box in boxes:
        if box["x0"] < -1 or box["x1"] > box["w"] + 1 or box["y0"] < -1 or box["y1"] > box["h"] + 1:
            problems.append(f"clipped: {box['text'][:40]!r} (x {box['x0']:.0f}–{box['x1']:.0f} of {box['w']:.0f}, "
                            f"y {box['y0']:.0f}–{box['y1']:.0f} of {box['h']:.0f})")  # fmt: skip
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            height = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
            smaller = min((a["x1"] - a["x0"]) * (a["y1"] - a["y0"]), (b["x1"] - b["x0"]) * (b["y1"] - b["y0"]))
            if width > 2 and height > 2 and width * height > 0.15 * smaller:
                problems.append(f"overlap: {a['text'][:30]!r} and {b['text'][:30]!r}")
    return problems


# ---------------------------------------------------------------- T1


def brazil_and_its_g20_peers(page, steps: Steps, server: str, *, tap: bool = False):
    act = steps.tap if tap else steps.click
    page.goto(server)
    page.wait_for_selector(CHART, timeout=60_000)
    if tap and page.get_by_test_id("stExpandSidebarButton").is_visible():  # a phone: the navigation is behind it
        act(page.get_by_test_id("stExpandSidebarButton"))
    act(page.get_by_role("link", name="Countries"))
    picker = page.get_by_role("combobox", name="Party", exact=True)
    expect(picker).to_be_visible(timeout=60_000)
    steps.type_and_enter(picker, "Brazil")
    expect(page.get_by_text("What Brazil has joined").first).to_be_attached(timeout=60_000)
    act(page.get_by_role("radio", name="G20", exact=True).or_(page.get_by_role("button", name="G20", exact=True)).first)
    return chart_titled(page, "18 peers (G20)")


def check_t1_answer(page, peers):
    # the answer in names: what Brazil joined, and what its G20 peers joined that it did not (with k of 18)
    from components.model.atlas import load_atlas

    joined = load_atlas().participation.query("party_id == 'BRA'")["instrument_id"].nunique()
    expect(page.get_by_text(f"Brazil has joined {joined} instruments").first).to_be_visible()
    drawn = "".join(svg_text(peers).split())  # a phone wraps long names over lines
    for name in ("Wassenaar Arrangement", "Hiroshima AI Process Code of Conduct", "4 of 18"):
        assert "".join(name.split()) in drawn, name
    expect(page.get_by_text("Joined by at least").first).to_be_visible()


def test_t1_brazil_and_its_g20_peers_in_five_steps(server, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    steps = Steps(page)
    peers = brazil_and_its_g20_peers(page, steps, server)
    check_t1_answer(page, peers)
    peers.scroll_into_view_if_needed()
    popover = page.locator("summary").filter(has_text="Download or cite this chart").nth(1)  # the peers' chart
    steps.click(popover)
    png = download(page, steps, page.get_by_role("button", name="PNG (2×)").last)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (3200, 1800)
    assert steps.count <= 5, steps.count
    # the same picture as SVG (its text can be read): the instruments by name, with k of n
    svg = download(page, Steps(page), page.get_by_role("button", name="SVG").last).decode()
    assert "Wassenaar Arrangement" in svg and "CoE AI Framework Convention" in svg and "4 of 18" in svg


# ---------------------------------------------------------------- T2


def bletchley_not_paris(page, steps: Steps, server: str, *, tap: bool = False):
    act = steps.tap if tap else steps.click
    page.goto(server)
    page.wait_for_selector(CHART, timeout=60_000)
    if tap and page.get_by_test_id("stExpandSidebarButton").is_visible():
        act(page.get_by_test_id("stExpandSidebarButton"))
    act(page.get_by_role("link", name="Signatories"))
    act(page.get_by_role("link", name="Bletchley Declaration and Paris statement"))
    return chart_titled(page, "who is in which")


def test_t2_bletchley_but_not_paris_as_csv_in_four_steps(server, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    steps = Steps(page)
    chart = bletchley_not_paris(page, steps, server)
    box = chart.bounding_box()
    assert box["y"] < 900, "the comparison is at the top of the view"
    named = svg_text(chart)
    assert all(name in named for name in ONLY_BLETCHLEY)  # the names, in the chart itself
    expect(page.get_by_text("Only Bletchley Declaration (7):").first).to_be_visible()
    csv = download(page, steps, page.get_by_role("button", name="Only Bletchley Declaration (CSV)"))
    rows = read_exported_csv(csv)
    assert set(rows["party"]) == ONLY_BLETCHLEY and len(rows) == 7
    assert set(rows["set"]) == {"Only Bletchley Declaration"} and rows["party_id"].str.len().eq(3).all()
    assert steps.count <= 4, steps.count


# ---------------------------------------------------------------- T3


def test_t3_the_landscape_as_of_a_typed_date_with_enter(server, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server}/landscape")
    chart = chart_titled(page, "Binding vs soft law")
    before = svg_text(chart)
    assert "as of 1 January 2024" not in before
    field = page.get_by_label("As of", exact=True).and_(page.locator("input[type=text]"))
    field.fill("2024-01-01")
    field.press("Enter")
    expect(page.get_by_text("Viewing the Atlas").first).to_be_visible(timeout=60_000)
    page.wait_for_function("() => location.search.includes('asof=2024-01-01')", timeout=60_000)
    chart = chart_titled(page, "as of 1 January 2024")
    after = svg_text(chart)
    assert after != before and "view as of 1 January 2024" in after  # the source line names both dates
    # a wrong date is named and changes nothing
    field.fill("2024-02-30")
    field.press("Enter")
    expect(page.get_by_text("is not a date").first).to_be_visible(timeout=60_000)
    assert "asof=2024-01-01" in page.url
    steps = Steps(page)  # back to the latest data: one click
    steps.click(page.get_by_role("button", name="Latest data"))
    page.wait_for_function("() => !location.search.includes('asof=')", timeout=60_000)
    expect(page.get_by_text("Viewing the Atlas")).to_have_count(0, timeout=60_000)


# ---------------------------------------------------------------- T5


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_AGENT, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)  # fmt: skip
    page = context.new_page()
    yield page
    context.close()


def test_t5_t1_by_touch_on_a_phone(server, phone):
    steps = Steps(phone)
    peers = brazil_and_its_g20_peers(phone, steps, server, tap=True)
    check_t1_answer(phone, peers)
    profile = chart_titled(phone, "What Brazil has joined")
    for chart in (profile, peers):
        chart.scroll_into_view_if_needed()
        assert text_problems(chart) == []
    assert steps.count <= 6, steps.count  # one more than on a laptop: the navigation's button


def test_t5_t2_by_touch_on_a_phone(server, phone):
    steps = Steps(phone)
    chart = bletchley_not_paris(phone, steps, server, tap=True)
    chart.scroll_into_view_if_needed()
    assert text_problems(chart) == []
    expect(phone.get_by_text("Only Bletchley Declaration (7):").first).to_be_visible()
    csv = download(phone, steps, phone.get_by_role("button", name="Only Bletchley Declaration (CSV)"), tap=True)
    assert set(read_exported_csv(csv)["party"]) == ONLY_BLETCHLEY
    assert steps.count <= 5, steps.count


# A browser whose main column cannot be measured (clientWidth always wide): the figure is chosen by user agent alone.
UNMEASURED = (
    "Object.defineProperty(HTMLElement.prototype, 'clientWidth', {get() { return 5000; }, configurable: true});"
)


def charts_laid_out(page, kind: str) -> None:
    """Wait until the page has drawn its charts for a `kind` ("narrow" or "wide") column: the width probe marks the
    document with what its run drew (components/ui/probe.py), after the charts of that run."""
    page.wait_for_selector(f'html[data-atlas-charts="{kind}"]', state="attached", timeout=60_000)
    page.wait_for_timeout(300)


def test_the_text_check_finds_clipped_and_overlapping_text(server, browser):
    """The check itself: the desktop figure squeezed into a phone's width clips and overlaps its labels."""
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a desktop browser's agent
    page = context.new_page()
    page.add_init_script(UNMEASURED)
    try:
        page.goto(f"{server}/signatories?compare=bletchley-declaration,paris-ai-action-statement")
        charts_laid_out(page, "wide")
        assert text_problems(chart_titled(page, "who is in which"))
    finally:
        context.close()


@pytest.mark.parametrize(("width", "kind"), [(390, "narrow"), (700, "narrow"), (1024, "narrow"), (1440, "wide")])
def test_a_desktop_browser_gets_the_figure_its_column_fits(server, browser, width, kind):
    """A desktop browser (its agent says nothing of a phone) in a narrow window, or with the sidebar beside a column
    under 800 px, gets the narrow figure; at 1440 px the desktop one. The page measures its column (the agent alone
    would give the desktop figure to all four); nothing clipped or overlapping."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}/signatories?compare=bletchley-declaration,paris-ai-action-statement")
        charts_laid_out(page, kind)
        chart = chart_titled(page, "who is in which")
        assert text_problems(chart) == [], width
        page.goto(f"{server}/countries?party=BRA&peers=G20")
        charts_laid_out(page, kind)
        for title in ("What Brazil has joined", "18 peers (G20)"):
            chart = chart_titled(page, title)
            chart.scroll_into_view_if_needed()
            assert text_problems(chart) == [], (width, title)
    finally:
        context.close()


@pytest.mark.parametrize("agent", ["android tablet", "ipad"])
def test_t1_and_t2_by_touch_on_a_tablet(server, browser, agent):
    """768×1024 in portrait: the tasks by touch, and no chart text clipped or overlapping. (An iPad asks for the desktop
    site: its agent says Macintosh; the page measures its column, 436 px beside the sidebar, and narrows the charts.)"""
    context = browser.new_context(viewport={"width": 768, "height": 1024}, user_agent=TABLETS[agent], is_mobile=True,
                                  has_touch=True, device_scale_factor=2)  # fmt: skip
    tablet = context.new_page()
    try:
        steps = Steps(tablet)
        peers = brazil_and_its_g20_peers(tablet, steps, server, tap=True)
        check_t1_answer(tablet, peers)
        charts_laid_out(tablet, "narrow")
        for chart in (chart_titled(tablet, "What Brazil has joined"), chart_titled(tablet, "18 peers (G20)")):
            chart.scroll_into_view_if_needed()
            assert text_problems(chart) == [], agent
        comparison = bletchley_not_paris(tablet, Steps(tablet), server, tap=True)
        charts_laid_out(tablet, "narrow")
        comparison = chart_titled(tablet, "who is in which")
        comparison.scroll_into_view_if_needed()
        assert text_problems(comparison) == [], agent
        expect(tablet.get_by_text("Only Bletchley Declaration (7):").first).to_be_visible()
    finally:
        context.close()
