"""Production settings (issue 9): an unexpected error shows users no traceback, and the server logs it in full."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, streamlit_server

pytestmark = pytest.mark.browser

FAILING_PAGE = """
import streamlit as st
st.title("A page with a bug")
secret = "/srv/atlas/private/path.csv"
raise RuntimeError(f"boom while reading {secret}")
"""


def test_unexpected_error_is_hidden_from_users_and_logged(browser, tmp_path):
    (tmp_path / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", tmp_path / ".streamlit" / "config.toml")  # the Atlas's settings
    (tmp_path / "failing.py").write_text(FAILING_PAGE)
    log = tmp_path / "server.log"
    with streamlit_server("failing.py", cwd=tmp_path, log_path=log) as url:
        page = browser.new_page()
        page.goto(url)
        expect(page.locator("body")).to_contain_text("A page with a bug", timeout=60_000)
        page.wait_for_timeout(1500)
        text = page.locator("body").inner_text()
        assert "boom" not in text and "private/path" not in text and "Traceback" not in text, text
        assert "RuntimeError" not in text
        assert "This app has encountered an error" in text and "redacted" in text  # users are told, not shown
        page.context.close()
    logged = log.read_text(errors="replace")
    assert "RuntimeError: boom while reading /srv/atlas/private/path.csv" in logged, logged[-2000:]
