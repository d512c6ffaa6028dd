"""Stepping through a guided tour with the keyboard, in chromium, in presentation layout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"] .main-svg'
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_arrow_keys_step_through_a_tour(server, page):
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{server}/timeline?lane=forum&from=2023&forum=AI+Safety+Summit+series&layout=present"
              "&tour=bletchley-to-paris&step=1")  # fmt: skip
    page.wait_for_selector(CHART, timeout=60_000)
    expect(page.locator("body")).to_contain_text("step 1 of 4")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    if os.environ.get("ATLAS_UPDATE_SCREENSHOTS"):
        page.wait_for_timeout(2500)
        page.screenshot(path=SCREENSHOTS / "presentation.png")
    page.mouse.click(5, 5)  # focus the page, not a widget
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => location.pathname.endsWith('/signatories') && location.search.includes('step=2')", timeout=60_000
    )
    expect(page.locator("body")).to_contain_text("step 2 of 4", timeout=60_000)
    assert "/signatories" in page.url
    page.wait_for_selector(CHART, timeout=60_000)
    page.mouse.click(5, 5)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "() => location.pathname.endsWith('/timeline') && location.search.includes('step=1')", timeout=60_000
    )
    assert "/timeline" in page.url
    page.reload()  # a step survives a reload (recovering after a crash)
    expect(page.locator("body")).to_contain_text("step 1 of 4", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_offline_pack_downloads_from_the_tours_page(server, page, tmp_path):
    import io
    import zipfile

    page.goto(f"{server}/tours")
    button = page.get_by_role("button", name="Offline pack").first
    expect(button).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=180_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("atlas-tour-") and path.suffix == ".zip"
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        names = archive.namelist()
    assert "README.md" in names and any(n.endswith(".png") for n in names)
    readme_links = zipfile.ZipFile(path).read("README.md").decode()
    assert server in readme_links  # the step links point at this Atlas
