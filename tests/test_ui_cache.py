"""The dataset is cached as one shared object (not a pickled copy per rerun), so no page may modify it."""

from __future__ import annotations

import pandas as pd
import pytest

from components.model.atlas import load_atlas
from components.ui import frame as ui
from tests.conftest import VALID
from tests.test_pages import FILTERED_PAGES, run

QUERIES = [{}, {"group": "G20"}, {"asof": "2024-06-01", "legal_force": "legally_binding"}]


@pytest.mark.parametrize("page", FILTERED_PAGES)
def test_page_runs_leave_the_cached_dataset_unchanged(page, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    for query in QUERIES:
        at = run(page, {**query, **({"party": "FRA"} if page.endswith("countries.py") else {})})
        assert not at.exception, at.exception
    cached = ui._cached_atlas(str(VALID), repr((str(VALID), ui._fingerprint(VALID))))
    fresh = load_atlas(VALID)
    for table in ("instruments", "participation", "parties", "events", "institutes"):
        pd.testing.assert_frame_equal(getattr(cached, table), getattr(fresh, table), obj=table)


COLUMNS = {"instrument": "test-convention,test-declaration"}


def _chart_specs(at) -> list[str]:
    return [element.proto.spec for element in at.get("plotly_chart")]


def test_memoised_views_follow_their_options(monkeypatch):
    """Figures are computed once per filter state and view option: a new party or order gives a new figure."""
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    britain = _chart_specs(run("views/countries.py", {"party": "GBR"}))
    kenya = _chart_specs(run("views/countries.py", {"party": "KEN"}))
    assert any("United Kingdom" in spec for spec in britain) and not any("United Kingdom" in spec for spec in kenya)
    assert any("Kenya" in spec for spec in kenya)
    by_name = _chart_specs(run("views/signatories.py", {"sort": "name", **COLUMNS}))
    by_count = _chart_specs(run("views/signatories.py", {"sort": "count", **COLUMNS}))
    assert by_name[0] != by_count[0]
    again = _chart_specs(run("views/signatories.py", {"sort": "name", **COLUMNS}))
    assert again[0] == by_name[0]
