"""What changed (issue 10): dated events, the page, and the Atom and JSON feeds."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

import pandas as pd

from components.model.atlas import load_atlas
from components.model.changes import ATOM, atom_feed, dated_events
from tests.conftest import VALID
from tests.helpers import run

LINK = "https://atlas.example"




def events():
    atlas = load_atlas(VALID)
    return dated_events(atlas.instruments, atlas.participation, atlas.parties, atlas.institutes)


def test_filtered_feeds_have_their_own_id_and_what_if_actions_are_not_events():
    table = events()
    ns = {"a": ATOM}
    whole = ET.fromstring(atom_feed(table, link=LINK, updated=dt.date(2026, 11, 26))).find("a:id", ns).text
    part = ET.fromstring(atom_feed(table, link=LINK, updated=dt.date(2026, 11, 26), selection="party=GBR"))
    assert part.find("a:id", ns).text != whole
    at = run("views/changes.py", {"whatif": "USA:bletchley-declaration:withdrew", "since": "2026-11"})
    assert not at.exception
    tables = [d.value for d in at.dataframe if "What happened" in d.value.columns]  # not the release changes
    shown = tables[0]["What happened"] if tables else []
    assert not any("withdrew" in text for text in shown)


def test_what_changed_for_a_party_since_a_month():
    at = run("views/changes.py", {"party": "BRA", "since": "2025-03"})
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) and table["What happened"].str.contains("Brazil").all()
    assert (pd.to_datetime(table["Date"].str[:7]) >= pd.Timestamp("2025-03-01")).all()
    bad = run("views/changes.py", {"since": "March"})
    assert any("since" in w.value for w in bad.warning)
