"""Freshness (issue 10): every row's checked date, the rows due for re-checking, the last full check."""

from __future__ import annotations

from tests.conftest import VALID
from tests.helpers import run


def test_freshness_page_lists_due_rows_and_names_a_bad_period(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    at = run("views/freshness.py", {"months": "5"})
    assert not at.exception
    assert any("`months`" in w.value and "5" in w.value for w in at.warning)
    assert {m.label for m in at.metric} >= {"Last full check", "Rows with a checked date"}
    assert [m.value for m in at.metric if m.label == "Last full check"] == ["1 November 2026"]
