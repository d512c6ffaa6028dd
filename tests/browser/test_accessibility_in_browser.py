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
