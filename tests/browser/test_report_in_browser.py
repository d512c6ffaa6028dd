"""'Report a problem' and 'Suggest a correction' in chromium against the real server: a matrix cell clicked on
Signatories opens its detail with a report link whose title and body carry the fact; a row of Brazil's path on
Countries has its own link, and its correction downloads as the one-row CSV the upload check accepts."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from components.data.schema import bundled_package
from components.data.upload import check_upload

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"] .main-svg'
EXCEPTION = '[data-testid="stException"]'
SHOTS = os.environ.get("ATLAS_REPORT_SHOTS")  # a folder: the test saves what it saw there, at its viewport's size
KEY = "participation: oecd-ai-principles / BRA / adhered"

# The pixel centre of the matrix cell whose customdata is [party, instrument], in the page's viewport: the row's
# tick label scrolled to the middle of the window gives its height, plotly's x axis the column's centre.
CELL_CENTRE = """([party, instrument]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g.data && g.data[0].type === 'heatmap');
  const cells = gd.data.find(t => t.name === 'cells');
  const i = cells.customdata.findIndex(c => c[0] === party && c[1] === instrument);
  const tick = [...gd.querySelectorAll('.ytick text')].find(t => t.textContent === cells.y[i]);
  tick.scrollIntoView({block: 'center', behavior: 'instant'});  // not smooth: measured at once
  const label = tick.getBoundingClientRect(), box = gd.getBoundingClientRect(), xa = gd._fullLayout.xaxis;
  return [box.left + xa._offset + xa.d2p(cells.x[i]), label.top + label.height / 2];
}"""


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=False)


def settled(page) -> None:
    """The page's controls and the filter panel have come (components/ui/probe.py) and the run is over, so nothing
    moves the chart any more."""
    expect(page.locator('[data-testid="stMultiSelect"]').first).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first).to_be_visible(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(300)


def report_fields(href: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(href).query)
    return query["title"][0], query["body"][0]


def test_a_clicked_matrix_cell_offers_a_report_of_its_fact(server, page):
    page.goto(f"{server}/signatories?instrument=oecd-ai-principles,bletchley-declaration")
    page.wait_for_selector(CHART, timeout=60_000)
    settled(page)
    x, y = page.evaluate(CELL_CENTRE, ["BRA", "oecd-ai-principles"])
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    link = page.get_by_role("link", name="Report a problem")
    expect(link).to_be_visible(timeout=30_000)
    assert page.locator(EXCEPTION).count() == 0
    expect(page.locator("strong", has_text="Brazil — OECD AI Principles")).to_be_visible()  # the detail's heading
    title, body = report_fields(link.get_attribute("href"))
    assert KEY in title and f"Fact: {KEY}" in body
    assert "Source: https://aihub.org/" in body and "Checked: 2026-11-26" in body
    view = next(line.removeprefix("View: ") for line in body.splitlines() if line.startswith("View: "))
    assert view.startswith(server) and "/signatories?" in view and "oecd-ai-principles" in view
    link.focus()  # a plain link: reachable from the keyboard
    expect(link).to_be_focused()
    link.scroll_into_view_if_needed()
    shoot(page, f"signatories-detail-{page.viewport_size['width']}.png")


def test_a_path_row_of_brazil_has_a_report_and_its_correction_downloads(server, page):
    page.goto(f"{server}/countries?party=BRA")
    page.wait_for_selector(CHART, timeout=60_000)
    settled(page)
    page.get_by_text("Path through each instrument").click()
    table = page.locator('[data-testid="stTable"]').filter(has=page.get_by_role("columnheader", name="Path"))
    expect(table).to_be_visible(timeout=30_000)
    row = table.locator("tr").filter(has_text="OECD AI Principles")
    link = row.get_by_role("link", name="Report")
    expect(link).to_be_visible()
    title, body = report_fields(link.get_attribute("href"))
    assert KEY in title and "Shown: Brazil — OECD AI Principles: Adhered 2019-05-22" in body
    assert "/countries?party=BRA" in body
    table.scroll_into_view_if_needed()
    shoot(page, f"countries-path-{page.viewport_size['width']}.png")

    page.get_by_text("Suggest a correction to one of these rows").click()
    buttons = page.get_by_role("button", name="Suggest a correction (CSV)")
    expect(buttons.first).to_be_visible(timeout=30_000)
    # the button that follows the line naming OECD AI Principles
    index = page.evaluate("""() => {
      const lines = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')];
      const buttons = [...document.querySelectorAll('[data-testid="stDownloadButton"] button')]
        .filter(b => b.innerText.includes('Suggest a correction'));
      const line = lines.find(l => l.innerText.startsWith('OECD AI Principles: Adhered'));
      return buttons.findIndex(b => line.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert index >= 0
    with page.expect_download(timeout=30_000) as download:
        buttons.nth(index).click()
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "participation.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows[0] == bundled_package().resource("participation").field_names
    assert rows[1][:5] == ["oecd-ai-principles", "BRA", "adhered", "2019-05-22", "secondary"] and len(rows) == 2
    assert check_upload([("participation.csv", data)]).ok
    assert page.locator(EXCEPTION).count() == 0
