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


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("zip bomb 1 GB", "unpacks to 1,024.0 MB"),
        ("million-row csv", "1,000,000 lines after the header; the limit is 50,000 rows"),
        ("zip nested 30 deep", "archives inside a zip are not opened"),
        ("utf-16 with BOM", "file is UTF-16 text; save it as UTF-8"),
    ],
)
def test_hostile_upload_gets_a_message_and_other_sessions_carry_on(server, browser, page, tmp_path, case, message):
    from tests.hostile_uploads import CASES

    [(name, data)] = CASES[case].files().items()
    path = tmp_path / name
    path.write_bytes(data)
    other = browser.new_context().new_page()  # another person, mid-session
    other.goto(f"{server}/timeline")
    other.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    upload(page, server, path)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="nothing was changed")).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stCode"]').last).to_contain_text(message)
    assert page.locator('[data-testid="stException"]').count() == 0
    other.goto(f"{server}/signatories")  # the server still serves everyone else
    other.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    assert other.locator('[data-testid="stException"]').count() == 0
    other.context.close()


def test_file_over_the_server_limit_is_refused_by_the_uploader(server, page, tmp_path):
    path = tmp_path / "participation.csv"
    path.write_bytes(b"a" * (11 * 2**20))
    page.goto(f"{server}/data")
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached", timeout=60_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    expect(page.locator('[data-testid="stFileUploader"]')).to_contain_text(
        "File must be 10.0MB or smaller", timeout=30_000
    )
    expect(page.get_by_role("button", name="Check and use these tables")).to_be_disabled()
    assert page.locator('[data-testid="stException"]').count() == 0
