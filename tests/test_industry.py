"""Industry view computations on the fixture."""

from __future__ import annotations

import pandas as pd

from components.industry import actor_participation, industry_instruments, linked_events
from components.load import load_atlas
from tests.conftest import VALID


def test_actors_and_their_instruments():
    atlas = load_atlas(VALID)
    rows = actor_participation(atlas.participation, atlas.parties)
    assert rows["party_id"].tolist() == ["example-ai"]
    assert industry_instruments(atlas.instruments, atlas.participation, atlas.parties)["id"].tolist() == [
        "test-commitments"
    ]


def test_events_where_both_tracks_met():
    atlas = load_atlas(VALID)
    events = atlas.events.copy()
    events["instrument_ids"] = pd.Series([["test-declaration", "test-commitments"]], index=events.index)
    linked = linked_events(events, atlas.instruments)
    assert linked.to_dict("records") == [
        {
            "event": "Test AI Safety Summit",
            "date": "2023-11-01",
            "industry": ["test-commitments"],
            "government": ["test-declaration"],
        }
    ]
    assert linked_events(atlas.events, atlas.instruments).empty  # the fixture summit produced only the declaration
