"""Uploading tables on the data page, in chromium: a broken file shows what to fix; a valid one is used."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"


def upload(page, server: str, path: Path) -> None:
    page.goto(f"{server}/data")
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached", timeout=60_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    button = page.get_by_role("button", name="Check and use these tables")
    expect(button).to_be_enabled(timeout=30_000)  # the upload reached the server
    button.click()


def test_broken_upload_shows_file_row_column_and_problem(server, page):
    upload(page, server, BROKEN / "unknown_party_reference" / "participation.csv")
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="nothing was changed")).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stDataFrame"]').last).to_be_visible()
    # the fixture's instruments are not in the bundled data, so those rows are reported too; the party is named
    expect(page.locator('[data-testid="stCode"]').last).to_contain_text(
        "participation.csv:4:party_id: 'UAS' is not an id in parties.csv (did you mean 'USA'"
    )
    assert page.locator('[data-testid="stException"]').count() == 0


def test_valid_upload_switches_this_session_only(server, browser, page, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text((Path(__file__).resolve().parents[2] / "data" / "events.csv").read_text())
    upload(page, server, path)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="your uploaded data")).to_be_visible(timeout=60_000)
    other = browser.new_context().new_page()
    other.goto(f"{server}/data")
    other.wait_for_selector('[data-testid="stExpander"]', timeout=60_000)
    assert other.locator('[data-testid="stAlert"]').filter(has_text="your uploaded data").count() == 0
    other.context.close()
