"""The dataset is cached as one shared object (not a pickled copy per rerun), so no page may modify it."""

from __future__ import annotations

import pandas as pd
import pytest

from components import ui
from components.load import load_atlas
from tests.conftest import VALID
from tests.test_pages import FILTERED_PAGES, run

QUERIES = [{}, {"group": "G20"}, {"asof": "2024-06-01", "legal_force": "legally_binding"}]


@pytest.mark.parametrize("page", FILTERED_PAGES)
def test_page_runs_leave_the_cached_dataset_unchanged(page, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    for query in QUERIES:
        at = run(page, {**query, **({"party": "FRA"} if page.endswith("countries.py") else {})})
        assert not at.exception, at.exception
    cached = ui._cached_atlas(str(VALID), ui._fingerprint(VALID))
    fresh = load_atlas(VALID)
    for table in ("instruments", "participation", "parties", "events", "institutes"):
        pd.testing.assert_frame_equal(getattr(cached, table), getattr(fresh, table), obj=table)
