"""The industry view's content (components/content/industry.py), built without Streamlit."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from components.content import industry
from components.content.base import Text
from components.content.panels import EMPTY
from components.content.registry import view
from components.model.filters import Filters, slice_of

NON_STATE = {"company", "industry_body", "research_org", "civil_society"}


def build(atlas, filters=None):
    return view("industry").build(atlas, filters or Filters())


def actor_rows(atlas, filters=None):
    """The slice's rows of companies and other non-state actors, picked by hand."""
    actors = set(atlas.parties.loc[atlas.parties["party_type"].astype(str).isin(NON_STATE), "id"])
    rows = slice_of(atlas, filters or Filters()).participation
    return rows[rows["party_id"].isin(actors)]


def cells(figure) -> int:
    """Filled cells of the matrix heatmap."""
    z = np.asarray(figure.data[0].z, dtype=float)
    return int((~np.isnan(z)).sum())


def test_matrix_shows_every_actor_and_commitment(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas)
    assert list(content.charts) == ["industry_matrix"]
    chart = content.charts["industry_matrix"]
    rows = actor_rows(atlas)
    pairs = rows[["party_id", "instrument_id"]].drop_duplicates()
    assert len(chart.rows) == len(rows)  # the download has every row
    assert cells(chart.figure) == len(pairs)  # not capped: one cell per actor and instrument
    z = np.asarray(chart.figure.data[0].z, dtype=float)
    assert z.shape == (pairs["party_id"].nunique(), pairs["instrument_id"].nunique())
    found = re.match(r"(\d+) actors joined (\d+) instruments \((\d+) actor–instrument cells\)", chart.summary)
    assert found, chart.summary
    assert [int(n) for n in found.groups()] == [
        pairs["party_id"].nunique(),
        pairs["instrument_id"].nunique(),
        len(pairs),
    ]
    per_actor = pairs.groupby("party_id").size()
    per_instrument = pairs.groupby("instrument_id").size()
    assert int(re.search(r"Most commitments: .+? (\d+)[,;]", chart.summary)[1]) == per_actor.max()
    assert int(re.search(r"most actors: .+? (\d+)[,.]", chart.summary)[1]) == per_instrument.max()
    top = atlas.parties.set_index("id")["name"][per_actor.idxmax()]
    assert top in chart.summary
    assert not any(isinstance(b, Text) and "Showing the" in b.text for b in content.blocks)  # no cap, no caption


def test_a_capped_matrix_says_so(bundled_atlas, monkeypatch):
    atlas = bundled_atlas
    monkeypatch.setitem(industry.CAPS, "max_actors", 10)
    monkeypatch.setitem(industry.CAPS, "max_instruments", 3)
    content = build(atlas)
    chart = content.charts["industry_matrix"]
    rows = actor_rows(atlas)
    n_actors, n_instruments = rows["party_id"].nunique(), rows["instrument_id"].nunique()
    z = np.asarray(chart.figure.data[0].z, dtype=float)
    assert z.shape == (10, 3)
    assert len(chart.rows) == len(rows)  # the download still has every row
    caption = next(b for b in content.blocks if isinstance(b, Text) and b.text.startswith("Showing the"))
    assert f"the 3 of {n_instruments} instruments with most actors and the 10 of {n_actors} actors" in caption.text
    assert caption.brief  # shown in the briefing too: it says what the chart leaves out
    assert chart.summary.startswith(f"The matrix shows the 3 of {n_instruments} instruments with most actors and the "
                                    f"10 of {n_actors} actors")  # fmt: skip
    found = re.search(r"\((\d+) actor–instrument cells\)", chart.summary)
    assert int(found[1]) == cells(chart.figure)


def test_linked_events_by_hand(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas)
    sl = slice_of(atlas, Filters())
    kind = sl.instruments.set_index("id")["mechanism"].astype(str)
    expected = []
    for event in sl.events.itertuples():
        produced = [i for i in event.instrument_ids if i in kind.index]
        if any(kind[i] == "industry_led" for i in produced) and any(kind[i] != "industry_led" for i in produced):
            expected.append(event.name)
    table = content.tables["linked_table"]
    assert list(table.data["Event"]) == expected and expected
    assert table.brief is False


def test_one_actor(bundled_atlas):
    atlas = bundled_atlas
    filters = Filters(party=("openai",))
    chart = build(atlas, filters).charts["industry_matrix"]
    rows = actor_rows(atlas, filters)
    assert set(chart.rows["party_id"]) == {"openai"}
    assert len(chart.rows) == len(rows)
    instruments = rows["instrument_id"].nunique()
    assert cells(chart.figure) == instruments
    assert chart.summary.startswith(f"1 actor joined {instruments} instruments ({instruments} actor–instrument cells)")
    assert "Most commitments: OpenAI " in chart.summary


def test_nothing_selected_is_the_empty_state(bundled_atlas):
    content = build(bundled_atlas, Filters(asof=dt.date(2015, 1, 1)))
    assert content.charts == {}
    assert content.notices == [EMPTY]
    assert "No event in view produced both an industry-led and a government instrument." in content.text()


def test_fixture_package(valid_atlas):
    chart = build(valid_atlas).charts["industry_matrix"]
    assert list(chart.rows["party_id"]) == ["example-ai"]
    assert cells(chart.figure) == 1
    assert chart.summary.startswith("1 actor joined 1 instrument (1 actor–instrument cell)")
