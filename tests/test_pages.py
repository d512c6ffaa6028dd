"""Every page runs under AppTest, on the fixture package and on an invalid package."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, VALID, overlay

PAGES = ["views/overview.py", "views/data.py"]


def run(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_bundled_data(page):
    at = run(page)
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_fixture(page, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    at = run(page)
    assert not at.exception, at.exception


def test_overview_shows_headline_figures(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    at = run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Instruments"] == "3"
    assert metrics["Legally binding"] == "1"
    assert "data as of 2 November 2026" in at.code[0].value


def test_invalid_package_shows_problems_not_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(overlay("unknown_party_reference", tmp_path / "pkg")))
    at = run()
    assert not at.exception
    assert "did not pass validation" in at.error[0].value
    problems = at.dataframe[0].value
    assert ((problems["file"] == "participation.csv") & (problems["row"] == 4)).any()


def test_missing_data_folder_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(tmp_path / "nowhere"))
    at = run()
    assert not at.exception
    assert "does not exist" in at.error[0].value
