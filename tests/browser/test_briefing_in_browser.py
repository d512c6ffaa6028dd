"""Briefing output in chromium: the brief layout is free of app chrome; the PNG download is a real image."""

from __future__ import annotations

import struct

import pytest
from playwright.sync_api import expect

from components.content.registry import tour_views

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"] .main-svg'
CHROME = [
    '[data-testid="stSidebar"]',
    '[data-testid="stSidebarNav"]',
    '[data-testid="stToolbar"]',
    '[data-testid="stHeader"]',
    '[data-testid="stExpandSidebarButton"]',
]


# Every view a tour may show (the ones made for briefings and projectors), with what it needs to draw for G20 members.
NEEDS = {"countries": "party=BRA&", "industry": "theme=safety&"}
BRIEFED = [f"{v.path}?{NEEDS.get(v.name, '')}" for v in tour_views().values() if v.name != "industry"]


@pytest.mark.parametrize("view", BRIEFED)
def test_brief_layout_has_no_sidebar_or_toolbar(server, page, view, tmp_path):
    page.goto(f"{server}/{view}group=G20&layout=brief")
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(500)
    page.screenshot(path=tmp_path / "brief.png")
    for selector in CHROME:
        visible = [e for e in page.locator(selector).all() if e.is_visible()]
        assert not visible, f"{selector} is visible in the briefing layout"
    popovers = [e for e in page.locator('[data-testid="stPopover"]').all() if e.is_visible()]
    assert not popovers  # no download controls in the picture (the hidden sidebar has the As-of calendar's)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart).to_contain_text("Source: AI Governance Atlas")
    expect(chart).to_contain_text("G20 members")
    expect(chart).to_contain_text("group=G20")  # the view URL printed in the source line
    assert page.locator('[data-testid="stException"]').count() == 0


def test_png_download_from_the_chart_panel(server, page, tmp_path):
    page.goto(f"{server}/landscape")
    page.wait_for_selector(CHART, timeout=60_000)
    page.locator("summary").filter(has_text="Download or cite this chart").first.click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="PNG (2×)").first.click()
    download = info.value
    assert download.suggested_filename.startswith("atlas-landscape-") and download.suggested_filename.endswith(
        "-slide.png"
    )
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (3200, 1800)
