"""What changed (issue 10) under AppTest: what-if actions are not events; a party's changes since a month."""

from __future__ import annotations

import pandas as pd

from tests.helpers import run, shown_tables


def test_what_if_actions_are_not_events():
    at = run("views/changes.py", {"whatif": "USA:bletchley-declaration:withdrew", "since": "2026-11"})
    assert not at.exception
    tables = [t for t in shown_tables(at) if "What happened" in t.columns]  # not the release changes
    shown = tables[0]["What happened"] if tables else []
    assert not any("withdrew" in text for text in shown)


def test_what_changed_for_a_party_since_a_month():
    at = run("views/changes.py", {"party": "BRA", "since": "2025-03"})
    assert not at.exception
    table = shown_tables(at)[0]
    assert len(table) and table["What happened"].str.contains("Brazil").all()
    assert (pd.to_datetime(table["Date"].str[:7]) >= pd.Timestamp("2025-03-01")).all()
    bad = run("views/changes.py", {"since": "March"})
    assert any("since" in w.value for w in bad.warning)
