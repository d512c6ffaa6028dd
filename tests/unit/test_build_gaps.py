"""The gaps view's content (components/content/gaps.py), built without Streamlit."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from components.content.base import Notice, Section, Text
from components.content.panels import EMPTY
from components.content.registry import view
from components.model.filters import Filters, slice_of
from tests.helpers import drawn_points


def build(atlas, filters=None):
    return view("gaps").build(atlas, filters or Filters())


def live_state_sets(atlas, filters=None) -> dict[str, set[str]]:
    """Instrument -> the states in it that have not withdrawn, counted by hand from the slice's rows."""
    rows = slice_of(atlas, filters or Filters()).participation
    rows = rows[~rows["withdrawn"].astype(bool) & (rows["action"] != "withdrew")]
    states = set(atlas.parties.loc[atlas.parties["party_type"] == "state", "id"])
    rows = rows[rows["party_id"].isin(states)]
    return rows.groupby("instrument_id")["party_id"].agg(set).to_dict()


def g77(atlas) -> set[str]:
    parties = atlas.parties
    return set(parties.loc[(parties["party_type"] == "state") & parties["groups"].map(lambda g: "G77" in g), "id"])


def un_members(atlas) -> set[str]:
    parties = atlas.parties
    return set(parties.loc[(parties["party_type"] == "state") & parties["un_member"].astype(bool), "id"])


def test_share_chart_counts_the_g77_by_hand(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas)
    assert list(content.charts) == ["share_chart", "us_china_chart"]
    chart = content.charts["share_chart"]
    sets = live_state_sets(atlas)
    south = g77(atlas)
    shares = {i: len(s & south) / len(s) for i, s in sets.items()}
    assert set(chart.rows["instrument_id"]) == set(shares)
    assert drawn_points(chart.figure) == len(chart.rows) == len(shares)  # one dot per instrument
    for row in chart.rows.itertuples():
        assert row.states == len(sets[row.instrument_id])
        assert row.global_south == len(sets[row.instrument_id] & south)
    members = un_members(atlas)
    reference = len(members & south) / len(members)
    found = re.search(
        r"UN member states \((\d+) of (\d+)\); .* below that in (\d+) of (\d+) instruments", chart.summary
    )
    assert found, chart.summary
    assert (int(found[1]), int(found[2])) == (len(members & south), len(members))
    assert int(found[3]) == sum(share < reference for share in shares.values())
    assert int(found[4]) == len(shares)
    assert int(re.search(r"Lowest: .*? (\d+)%", chart.summary)[1]) == round(min(shares.values()) * 100)
    assert int(re.search(r"highest: .*? (\d+)%", chart.summary)[1]) == round(max(shares.values()) * 100)
    folded = next(b for b in content.blocks if isinstance(b, Section) and b.title == "Shares per instrument")
    assert folded.brief is False and folded.blocks[0] is content.tables["share_table"]
    assert len(content.tables["share_table"].data) == len(shares)


def test_us_china_chart_counts_by_hand(bundled_atlas):
    atlas = bundled_atlas
    chart = build(atlas).charts["us_china_chart"]
    rows = slice_of(atlas, Filters()).participation
    rows = rows[~rows["withdrawn"].astype(bool) & (rows["action"] != "withdrew")]
    us = set(rows.loc[rows["party_id"] == "USA", "instrument_id"])
    cn = set(rows.loc[rows["party_id"] == "CHN", "instrument_id"])
    with_states = set(live_state_sets(atlas))
    expected = {
        "Both": len(with_states & us & cn),
        "United States only": len(with_states & us - cn),
        "China only": len(with_states & cn - us),
        "Neither": len(with_states - us - cn),
    }
    assert set(chart.rows["instrument_id"]) == with_states
    bars = dict(zip(chart.figure.data[0].x, chart.figure.data[0].y, strict=True))
    assert bars == expected
    assert sum(bars.values()) == len(chart.rows)
    found = re.search(r"Of (\d+) instruments .* both in (\d+).*, the United States only in (\d+), China only in (\d+) "
                      r"and neither in (\d+)\.", chart.summary)  # fmt: skip
    assert found, chart.summary
    assert [int(n) for n in found.groups()] == [len(with_states), *expected.values()]
    assert "Bletchley Declaration" in chart.summary  # one of the instruments both joined, by name


def test_fewest_and_regions_counted_by_hand(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas)
    rows = slice_of(atlas, Filters()).participation
    own = rows[~rows["withdrawn"].astype(bool) & ~rows["action"].isin(["withdrew", "adopted"])]
    members = un_members(atlas)
    joined = {p: 0 for p in members} | own[own["party_id"].isin(members)].groupby("party_id")[
        "instrument_id"
    ].nunique().to_dict()
    cut = sorted(joined.values())[14]
    fewest = sum(n <= cut for n in joined.values())
    text = content.text()
    found = re.search(r"\*\*(\d+)\*\* UN member states have joined \*\*(\d+)\*\* or fewer", text)
    assert found and (int(found[1]), int(found[2])) == (fewest, cut)
    regions = content.tables["region_table"].data
    assert regions["UN member states"].sum() == len(members)
    assert regions["Joined at least one instrument"].sum() == sum(n > 0 for n in joined.values())
    assert content.tables["region_table"].brief is False
    assert all(chart.brief for chart in content.charts.values())


def test_party_filters_select_instruments_but_count_every_party(bundled_atlas):
    atlas = bundled_atlas
    filters = Filters(group=("G20",))
    content = build(atlas, filters)
    selected = set(slice_of(atlas, filters).instruments["id"])
    sets = live_state_sets(atlas)  # every state, not just the G20's
    chart = content.charts["share_chart"]
    assert set(chart.rows["instrument_id"]) == selected & set(sets)
    assert len(chart.rows) < len(sets)
    for row in chart.rows.itertuples():
        assert row.states == len(sets[row.instrument_id])
    assert re.search(rf"below that in \d+ of {len(chart.rows)} instruments", chart.summary)
    assert set(content.charts["us_china_chart"].rows["instrument_id"]) == selected & set(sets)
    notes = [b for b in content.blocks if isinstance(b, Text) and "Party filters select the instruments" in b.text]
    assert notes and not notes[0].brief


def test_time_to_binding_reads_only_the_date(bundled_atlas):
    atlas = bundled_atlas
    asof = dt.date(2020, 1, 1)
    content = build(atlas, Filters(forum=("OECD",), asof=asof))
    table = content.tables["binding_table"].data
    adopted = atlas.instruments[atlas.instruments["adopted_by"] <= pd.Timestamp(asof)]
    forums = set(adopted["forum"].astype(str)) - {"Bilateral", "Industry"}
    assert set(table["Forum"]) == forums  # every forum on the date, not just the OECD
    assert len(forums) > 1
    counts = adopted["forum"].astype(str).value_counts()
    assert all(table.set_index("Forum")["Instruments"][f] == counts[f] for f in forums)
    assert "analogues_table" in content.tables


def test_nothing_selected_is_the_empty_state(bundled_atlas):
    content = build(bundled_atlas, Filters(asof=dt.date(1990, 1, 1)))
    assert content.charts == {} and content.tables == {}
    assert content.notices == [EMPTY]


def test_fixture_package(valid_atlas):
    content = build(valid_atlas)
    shares = content.charts["share_chart"].rows.set_index("instrument_id")
    assert shares["states"].to_dict() == {"test-convention": 2, "test-declaration": 3}
    assert (shares["global_south"] == 0).all()  # the fixture's states are not in the G77
    us_china = content.charts["us_china_chart"].rows.set_index("instrument_id")["us_china"].to_dict()
    assert us_china == {"test-convention": "United States only", "test-declaration": "Neither"}
    assert (
        "both in 0, the United States only in 1, China only in 0 and neither in 1"
        in content.charts["us_china_chart"].summary
    )
    assert not any(isinstance(b, Notice) for b in content.blocks)
