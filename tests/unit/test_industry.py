"""Industry view computations on the fixture."""

from __future__ import annotations

import pandas as pd

from components.charts.industry import actor_participation, industry_instruments, linked_events
from components.model.atlas import load_atlas
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


def test_a_large_matrix_keeps_the_busiest_instruments_and_actors():
    import pandas as pd

    from components.charts.industry import busiest

    rows = pd.DataFrame(
        {
            "party_id": ["a", "a", "a", "b", "b", "c", "d"],
            "instrument_id": ["x", "y", "z", "x", "y", "x", "w"],
        }
    )
    shown, actors, instruments = busiest(rows, max_actors=2, max_instruments=2)
    assert instruments == (2, 4) and actors == (2, 4)
    assert set(shown["instrument_id"]) == {"x", "y"}  # 3 and 2 actors; z and w have 1 (ties broken by id)
    assert set(shown["party_id"]) == {"a", "b"}  # 2 commitments each among x and y; c has 1
    everything, actors, instruments = busiest(rows)
    assert len(everything) == len(rows) and actors == (4, 4) and instruments == (4, 4)
