"""Stepping through a guided tour with the keyboard, in chromium, in presentation layout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PICTURE = '[data-testid="stImage"] img'  # a step's chart, as the projector's picture
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
FIRST = "/timeline?lane=forum&from=2023&forum=AI+Safety+Summit+series&layout=present&tour=bletchley-to-paris&step=1"


def at_step(page, number: int, total: int = 4):
    expect(page.locator("body")).to_contain_text(f"step {number} of {total}", timeout=60_000)
    page.wait_for_function(f"() => location.search.includes('step={number}')", timeout=60_000)
    picture = page.locator(PICTURE).first
    expect(picture).to_be_visible(timeout=60_000)
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=picture.element_handle(),
                           timeout=60_000)  # fmt: skip
    page.wait_for_function("() => window.__atlasTourKeys === true", timeout=60_000)  # the keys are listened to
    return picture.bounding_box()


def test_a_tour_on_a_projector_with_a_clicker(server, page):
    """T4: PageDown through a tour at 1920×1080; each step's chart fills the width and is seen whole; Space and the
    arrows move too, browser Back returns to the previous step, Esc exits to the tours page."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server + FIRST)
    for number in range(1, 5):
        box = at_step(page, number)
        # whole on the screen, and as large as it can be: the full width, or (a tall matrix) the full height left
        assert box["y"] + box["height"] <= 1080, (number, box)
        assert box["width"] >= 0.9 * 1760 or box["y"] + box["height"] >= 1080 - 40, (number, box)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        if number == 1 and os.environ.get("ATLAS_UPDATE_SCREENSHOTS"):
            page.wait_for_timeout(1000)
            page.screenshot(path=SCREENSHOTS / "presentation.png")
        if number < 4:
            page.mouse.click(5, 5)  # focus the page, not a widget (a clicker sends its keys to the page)
            page.keyboard.press("PageDown")
    page.go_back()  # the browser's Back: the previous step, not a page in between
    at_step(page, 3)
    assert "compare=" in page.url and "/signatories" in page.url
    page.mouse.click(5, 5)
    page.keyboard.press("PageUp")
    at_step(page, 2)
    page.mouse.click(5, 5)
    page.keyboard.press(" ")
    at_step(page, 3)
    page.mouse.click(5, 5)
    page.keyboard.press("ArrowLeft")
    at_step(page, 2)
    page.reload()  # a step survives a reload (recovering after a crash)
    at_step(page, 2)
    page.mouse.click(5, 5)
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.pathname.endsWith('/tours') && !location.search.includes('layout')",
                           timeout=60_000)  # fmt: skip
    expect(page.get_by_role("button", name="Start this tour").first).to_be_visible(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_at_1280_by_720_the_whole_chart_is_on_the_screen(server, page, number):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server + FIRST.replace("step=1", f"step={number}") if number == 1 else server + FIRST)
    for _ in range(number - 1):
        at_step(page, _ + 1)
        page.mouse.click(5, 5)
        page.keyboard.press("PageDown")
    box = at_step(page, number)
    assert box["y"] >= 0 and box["y"] + box["height"] <= 720, box
    assert box["width"] >= 600


def test_offline_pack_downloads_from_the_tours_page(server, page, tmp_path):
    import io
    import zipfile

    page.goto(f"{server}/tours")
    prepare = page.get_by_role("button", name="Prepare the offline pack").first
    expect(prepare).to_be_visible(timeout=60_000)
    prepare.click()
    expect(page.get_by_role("progressbar").first).to_be_visible(timeout=30_000)  # progress while it builds
    button = page.get_by_role("button", name="Download the offline pack").first
    expect(button).to_be_visible(timeout=180_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("atlas-tour-") and path.suffix == ".zip"
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        names = archive.namelist()
    assert "handout.html" in names and any(n.endswith(".png") for n in names)
    readme_links = zipfile.ZipFile(path).read("handout.html").decode()
    assert server in readme_links  # the step links point at this Atlas
