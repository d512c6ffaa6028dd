"""Country lens computations on the fixture: commitments, peers and their gaps, comparison."""

from __future__ import annotations

import pytest

from components.charts.country_profile import (
    commitments,
    compare_counts,
    compare_figure,
    party_card,
    peer_gaps,
    peers_of,
    profile_figure,
)
from components.model.atlas import load_atlas
from tests.conftest import VALID


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def test_commitments_one_row_per_instrument_strongest_first(atlas):
    rows = commitments("GBR", atlas.participation, atlas.instruments)
    assert rows["instrument_id"].tolist() == ["test-convention", "test-declaration"]
    assert rows["action"].tolist() == ["ratified", "endorsed"]
    assert rows["legal_force"].tolist() == ["legally_binding", "political_commitment"]


def test_profile_figure_has_a_lane_per_level(atlas):
    rows = commitments("GBR", atlas.participation, atlas.instruments)
    fig = profile_figure(rows, party_name="United Kingdom", asof=atlas.asof)
    assert [t.name for t in fig.data] == ["Legally binding", "Political commitment"]
    assert "United Kingdom" in fig.layout.title.text
    assert sorted(y for trace in fig.data for y in trace.y) == ["Test Convention", "Test Declaration"]  # named rows


def test_a_long_profile_names_the_most_binding_then_the_most_recent_and_says_so(atlas, monkeypatch):
    import components.charts.country_profile as profile

    rows = commitments("GBR", atlas.participation, atlas.instruments)
    monkeypatch.setattr(profile, "PROFILE_ROWS", 1)
    fig = profile.profile_figure(rows, party_name="United Kingdom", asof=atlas.asof, subtitle="United Kingdom")
    assert [y for trace in fig.data for y in trace.y] == ["Test Convention"]  # the binding one
    assert "Showing 1 of 2: the most binding, then the most recent" in fig.layout.title.subtitle.text


def test_peers_by_region_and_grouping(atlas):
    assert set(peers_of("KEN", atlas.parties, by="AU")["id"]) == {"NAM"}
    assert peers_of("KEN", atlas.parties, by="region").empty  # Namibia is in Southern, Kenya in Eastern Africa
    assert set(peers_of("GBR", atlas.parties, by="G7")["id"]) == {"USA"}


def test_peer_gaps_list_what_peers_joined(atlas):
    # USA's only G7 peer in the fixture is GBR, which endorsed the declaration that the USA did not
    gaps = peer_gaps("USA", peers_of("USA", atlas.parties, by="G7"), atlas.participation, atlas.instruments)
    assert gaps["instrument_id"].tolist() == ["test-declaration"]
    assert gaps["share"].tolist() == [1.0]
    none = peer_gaps("GBR", peers_of("GBR", atlas.parties, by="G7"), atlas.participation, atlas.instruments)
    assert none.empty  # GBR joined everything USA joined


def test_card_and_comparison(atlas):
    card = party_card("KEN", atlas.parties)
    assert card["income"] == "Lower-middle" and card["groups"] == "AU" and card["region"] == "Eastern Africa"
    counts = compare_counts(["GBR", "USA", "KEN"], atlas.participation, atlas.instruments)
    assert counts.loc["GBR", "legally_binding"] == 1 and counts.loc["GBR", "political_commitment"] == 1
    assert counts.loc["KEN"].sum() == 1 and counts.loc["USA"].sum() == 1
    fig = compare_figure(counts, {"GBR": "United Kingdom"}, asof=atlas.asof)
    assert fig.data[0].x[0] == "United Kingdom"


def test_ladder_lists_every_action_in_order_and_entry_into_force():
    import pandas as pd

    from components.charts.country_profile import ladder
    from components.model.atlas import load_atlas
    from tests.conftest import VALID

    atlas = load_atlas(VALID)
    table = ladder("GBR", atlas.participation, atlas.instruments, {"test-convention": pd.Timestamp("2025-07-01")})
    convention = table.set_index("instrument_id").loc["test-convention"]
    assert convention["Path"] == "Signed 2024-09-05 → Ratified 2025-03-01 → in force for it 2025-07-01"
    assert convention["In force for it"] == "2025-07-01"
    declaration = table.set_index("instrument_id").loc["test-declaration"]
    assert declaration["Path"] == "Endorsed 2023-11-01" and declaration["In force for it"] == ""
    assert ladder("XXX", atlas.participation, atlas.instruments).empty
