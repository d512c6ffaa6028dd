"""WCAG 2.1 A/AA in chromium with axe-core: no serious or critical violation on any view of the registry, at desktop
and phone widths, and on a presentation step at projector size (what is rendered: folded sections stay folded)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from components.content.registry import views
from tests.helpers import NEEDS

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 "
               "Mobile Safari/537.36")  # fmt: skip
STEP = "timeline?lane=forum&from=2023&forum=AI+Safety+Summit+series&layout=present&tour=bletchley-to-paris&step=1"


def address(view) -> str:
    query = "&".join(f"{k}={v}" for k, v in NEEDS.get(view.name, {}).items())
    return f"{view.path}?{query}" if query else view.path


def serious(page, charted: bool = True) -> dict[str, list]:
    """Serious and critical violations once the page has rendered (its first chart, when it draws one): rule id ->
    the elements and axe's message."""
    page.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=60_000)
    if charted:  # a plotly chart, or a projector's picture of one
        page.wait_for_selector('.js-plotly-plot, [data-testid="stImage"] img', timeout=60_000)
    page.wait_for_timeout(2000)
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return {v["id"]: [(n["target"], (n.get("any") or [{}])[0].get("message", "")) for n in v["nodes"]]
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")}  # fmt: skip


def _filters(view, atlas):
    from components.model.query import Vocabulary, parse_query

    return parse_query(NEEDS.get(view.name, {}), Vocabulary.of(atlas)).filters


@pytest.mark.parametrize("size", list(SIZES))
def test_every_view_has_no_serious_violation(server, browser, size, bundled_atlas):
    phone = {"user_agent": PHONE_AGENT, "is_mobile": True, "has_touch": True} if size == "phone" else {}
    page = browser.new_context(viewport=dict(zip(("width", "height"), SIZES[size], strict=True)), **phone).new_page()
    found = {}
    for view in views():
        page.goto(f"{server}/{address(view)}")
        charted = bool(view.build(bundled_atlas, _filters(view, bundled_atlas)).charts)
        bad = serious(page, charted)
        if bad:
            found[view.name] = bad
    page.context.close()
    assert not found, found


def test_a_presentation_step_has_no_serious_violation(server, browser):
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(f"{server}/{STEP}")
    assert not serious(page)
    page.context.close()


FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    return {
        name: (e.getAttribute('aria-label') || e.innerText || e.value || e.tagName).replace(/\\s+/g, ' ').trim().slice(0, 80),
        order: Array.prototype.indexOf.call(document.querySelectorAll('*'), e),
        main: !!e.closest('[data-testid="stMain"]'),
    };
}"""


def focus_shows(page) -> bool:
    """Whether the focused element looks different focused and not (a ring, a border, a shade: whatever the widget
    draws), from two pictures of its box; focus is put back after."""
    element = page.evaluate_handle("document.activeElement")
    box = element.bounding_box()
    if not box:
        return False
    clip = {
        "x": max(box["x"] - 6, 0),
        "y": max(box["y"] - 6, 0),
        "width": box["width"] + 12,
        "height": box["height"] + 12,
    }
    focused = page.screenshot(clip=clip)
    element.evaluate("e => e.blur()")
    page.wait_for_timeout(150)
    blurred = page.screenshot(clip=clip)
    element.evaluate("e => e.focus()")
    page.wait_for_timeout(150)
    return focused != blurred


def tab_through(page, presses: int, *, check_focus: bool = False) -> list[dict]:
    out = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUSED)
        if found and check_focus and found["main"]:
            found["ring"] = focus_shows(page)
        out.append(found)
    return [f for f in out if f]


def test_export_controls_are_reached_by_keyboard_in_page_order_with_visible_focus(server, page):
    """From the page's title, Tab visits the main area's controls in the order they are drawn — each chart's
    "Download or cite" after that chart, each table's downloads after it — each visibly focused; Enter opens a
    chart's downloads, and the next Tabs reach its PNG and CSV buttons (not the rest of the page first)."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server}/countries?party=BRA&peers=G20")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    page.wait_for_timeout(1500)
    page.get_by_role("heading", name="Countries").click()  # start reading at the top of the main area
    visited = [f for f in tab_through(page, 60, check_focus=True) if f["main"]]
    names = [f["name"] for f in visited]
    orders = [f["order"] for f in visited]
    assert orders == sorted(orders), names  # page order, no jumps back
    assert all(f["ring"] for f in visited), [f["name"] for f in visited if not f["ring"]]
    cite = [i for i, n in enumerate(names) if "Download or cite this chart" in n]
    table = [i for i, n in enumerate(names) if "What Brazil has joined (CSV)" in n]
    assert len(cite) >= 2 and table, names  # the profile chart's, the profile table's, the peers chart's
    assert cite[0] < table[0] < cite[1], names

    page.keyboard.press("Shift+Tab")  # back to a "Download or cite" button, then open it with Enter
    while "Download or cite this chart" not in (page.evaluate(FOCUSED) or {}).get("name", ""):
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="PNG (2×)").first.wait_for(timeout=30_000)
    inside = [f["name"] for f in tab_through(page, 8)]
    assert any("PNG (2×)" in n for n in inside) and any("Data (CSV)" in n for n in inside), inside
