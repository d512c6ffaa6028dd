"""Open the running app in chromium as a user would and read the overview."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from components.charts.overview import headline
from components.model.atlas import load_atlas

pytestmark = pytest.mark.browser


def test_overview_serves_correct_headline_figures(server, page):
    page.goto(server + "/")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    figures = headline(load_atlas())
    metric = page.locator('[data-testid="stMetric"]', has_text="Instruments").first
    assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(figures.instruments)
    assert "Data as of" in page.locator("body").inner_text()


def test_data_page_lists_every_table(server, page):
    page.goto(server + "/data")
    body = page.locator("body")
    for file in ["instruments.csv", "parties.csv", "participation.csv", "events.csv", "institutes.csv"]:
        expect(body).to_contain_text(file, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
