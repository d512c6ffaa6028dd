"""Timeline: the plotted table, the figure, selection events and the detail panel."""

from __future__ import annotations

import pytest

from components.charts.timeline import instrument_detail, selected_instrument, timeline_figure, timeline_table
from components.model.atlas import load_atlas
from tests.conftest import VALID


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def test_party_counts_are_distinct_parties(atlas):
    table = timeline_table(atlas.instruments, atlas.participation).set_index("id")
    assert table.at["test-convention", "parties"] == 3
    assert table.at["test-convention", "lane"] == "Treaty"
    by_forum = timeline_table(atlas.instruments, atlas.participation, lane="forum").set_index("id")
    assert by_forum.at["test-convention", "lane"] == "Council of Europe"


def test_figure_has_a_trace_per_legal_force_and_the_summits(atlas):
    fig = timeline_figure(atlas.instruments, atlas.participation, atlas.events, asof=atlas.asof)
    names = [trace.name for trace in fig.data]
    assert names == ["Legally binding", "Political commitment", "Voluntary self-regulation", "Summit or meeting"]
    assert "Summits and meetings" in fig.layout.yaxis.categoryarray
    assert any(a.name == "source" for a in fig.layout.annotations)


def test_selecting_a_summit_is_told_apart_from_an_instrument():
    from components.charts.timeline import selected_event

    event = {"selection": {"points": [{"customdata": ["event:test-summit", "Test AI Safety Summit"]}]}}
    assert selected_event(event) == "test-summit"
    assert selected_instrument(event) is None


def test_selection_event_gives_instrument_id():
    event = {"selection": {"points": [{"customdata": ["test-convention", "Test Convention on AI"]}]}}
    assert selected_instrument(event) == "test-convention"
    assert selected_instrument({"selection": {"points": []}}) is None
    assert selected_instrument(None) is None


def test_detail_lists_parties_with_sources(atlas):
    row, members = instrument_detail("test-convention", atlas.instruments, atlas.participation, atlas.parties)
    assert row["name"] == "Test Convention on AI"
    assert set(members["Party"]) == {"United Kingdom", "United States", "European Union"}
    assert members["Source"].str.startswith("https://").all()


def test_outlying_old_instruments_are_named_not_hidden(atlas):
    import pandas as pd

    rows = [
        atlas.instruments.iloc[[1]].assign(id=f"i{n}", short_name=f"I{n}", adopted=pd.Timestamp(2020 + n % 5, 1, 1))
        for n in range(12)
    ]
    old = atlas.instruments.iloc[[1]].assign(
        id="old", short_name="Old Regime", adopted=pd.Timestamp(1996, 1, 1), adopted_label="1996"
    )
    instruments = pd.concat([*rows, old])
    fig = timeline_figure(instruments, atlas.participation, atlas.events.iloc[0:0], asof=atlas.asof)
    assert fig.layout.xaxis.range[0].year == 2019
    assert any("Old Regime (1996)" in a.text for a in fig.layout.annotations)


def test_a_crowded_timeline_sends_a_lean_hover_and_a_selection_still_names_the_instrument(atlas, monkeypatch):
    import components.charts.timeline as timeline

    full = timeline_figure(atlas.instruments, atlas.participation, atlas.events, asof=atlas.asof)
    monkeypatch.setattr(timeline, "LEAN_ABOVE", 0)
    lean = timeline_figure(atlas.instruments, atlas.participation, atlas.events, asof=atlas.asof)
    assert len(lean.to_json()) < len(full.to_json())
    binding = next(t for t in lean.data if t.name == "Legally binding")
    point = binding.customdata[0].tolist()
    row = atlas.instruments.set_index("id").loc[point[0]]
    assert point[1] == row["short_name"] and row["name"] not in point  # the short name, not the full one
    assert "Select it for its full name" in binding.hovertemplate
    assert selected_instrument({"selection": {"points": [{"customdata": point}]}}) == point[0]
