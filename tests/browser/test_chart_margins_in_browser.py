"""Every chart of every view is drawn once: the margins sent with it already fit its labels, legend and colour bar,
so plotly's automargin has nothing to widen (when it has, plotly.js draws the whole figure a second time — the
timeline at 100× data took 1.5 s instead of 0.9 s). Checked in the real app in chromium, at a desktop width."""

from __future__ import annotations

import pytest

from components.content.registry import views

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"] .main-svg'
# a view's address with what it needs to draw its charts (Countries a party)
ADDRESSES = {
    v.name: "/" + v.path + ("?party=BRA" if v.name == "countries" else "")
    for v in views()
    if v.filtered and v.name != "changes"  # What changed lists changes in tables; it draws no chart
}
# what plotly drew against what it was sent, per chart on the page: equal sides mean one drawing
MARGINS = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(g => g._fullLayout).map(g => {
    const sent = g._fullLayout.margin, drawn = g._fullLayout._size;
    return {title: (g.layout.title && g.layout.title.text) || '', grown: ['l', 'r', 't', 'b']
        .filter(side => drawn[side] > sent[side] + 0.5).map(side => `${side} ${sent[side]} → ${drawn[side]}`)};
})"""


@pytest.mark.parametrize("name", sorted(ADDRESSES))
def test_each_chart_is_drawn_with_the_margins_it_was_sent(server, browser, name):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + ADDRESSES[name])
        page.wait_for_selector('html[data-atlas-whole="true"]', state="attached", timeout=60_000)
        page.wait_for_selector(CHART, timeout=60_000)
        page.wait_for_timeout(500)  # every chart of the page drawn
        charts = page.evaluate(MARGINS)
    finally:
        context.close()
    assert charts, f"{name}: no chart drawn"
    grown = [c for c in charts if c["grown"]]
    assert not grown, f"{name}: plotly widened the margins (and drew the chart twice): {grown}"
