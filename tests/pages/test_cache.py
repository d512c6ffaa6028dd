"""The dataset and each view's content are cached as shared objects (not pickled copies per rerun), so no page may
modify them; and a cached content follows its filters and options."""

from __future__ import annotations

import pandas as pd
import pytest

from components.content.registry import views
from components.model.atlas import load_atlas
from components.ui import source
from tests.conftest import VALID
from tests.helpers import NEEDS, run

QUERIES = [{}, {"group": "G20"}, {"asof": "2024-06-01", "legal_force": "legally_binding"}]


@pytest.mark.parametrize("view", [v for v in views() if v.filtered], ids=lambda v: v.name)
def test_page_runs_leave_the_cached_dataset_unchanged(view, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    for query in QUERIES:
        at = run(view.script, {**query, **({"party": "FRA"} if view.name in NEEDS else {})})
        assert not at.exception, at.exception
    cached = source._cached_atlas(str(VALID), repr((str(VALID), source._fingerprint(VALID))))
    fresh = load_atlas(VALID)
    for table in ("instruments", "participation", "parties", "events", "institutes"):
        pd.testing.assert_frame_equal(getattr(cached, table), getattr(fresh, table), obj=table)


COLUMNS = {"instrument": "test-convention,test-declaration"}


def _chart_specs(at) -> list[str]:
    return [element.proto.spec for element in at.get("plotly_chart")]


def test_memoised_views_follow_their_options(monkeypatch):
    """Content is built once per filter state and view option: a new party or order gives a new figure."""
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


def test_the_package_folder_is_read_once_per_run_and_a_changed_file_is_seen_on_the_next(tmp_path, monkeypatch):
    import shutil

    package = tmp_path / "package"
    shutil.copytree(VALID, package)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(package))
    reads = []
    real = source._read_fingerprint
    monkeypatch.setattr(source, "_read_fingerprint", lambda folder: reads.append(folder) or real(folder))
    at = run("views/timeline.py")
    runs = 2  # run() opens app.py, then switches to the page
    assert not at.exception and len(reads) == runs  # asked up to four times a run, read once
    name = "instruments.csv"
    text = (package / name).read_text(encoding="utf-8")
    (package / name).write_text(text.replace("Test Convention", "Test Convention (renamed)"), encoding="utf-8")
    at.run()
    assert len(reads) == runs + 1
    assert any("Test Convention (renamed)" in spec for spec in _chart_specs(at)) or any(
        "Test Convention (renamed)" in str(block.value) for block in at.markdown
    )
