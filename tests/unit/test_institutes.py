"""Institutes view: founding/rename figure with names as of a date, network members, bilateral pairs."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components.charts.institutes import founding_figure, network_members, partnership_figure, partnerships
from components.model.atlas import load_atlas
from components.model.filters import Filters, apply_filters
from tests.conftest import VALID


def test_founding_figure_uses_names_as_of_the_date():
    atlas = load_atlas(VALID)
    before = apply_filters(atlas, Filters(asof=dt.date(2024, 6, 1)))
    fig = founding_figure(before.institutes, atlas.parties, asof=before.asof)
    assert "United Kingdom — Test AI Safety Institute" in fig.data[-1].y
    after = apply_filters(atlas, Filters())
    fig = founding_figure(after.institutes, atlas.parties, asof=after.asof)
    assert [t.name for t in fig.data if t.name] == ["Founded or announced", "Renamed"]


def test_network_members_and_partnerships_from_rows():
    atlas = load_atlas(VALID)
    participation = pd.DataFrame(
        {
            "instrument_id": ["international-network-ai-safety-institutes"] * 2 + ["mou"] * 2,
            "party_id": ["GBR", "KEN", "GBR", "USA"],
            "action": pd.Categorical(["founding_member", "founding_member", "signed", "signed"]),
            "date_label": ["2024-11-20"] * 2 + ["2024-04-01"] * 2,
            "evidence": ["official"] * 4,
        }
    )
    institutes = apply_filters(atlas, Filters()).institutes
    members = network_members(participation, atlas.parties, institutes)
    assert members["Member"].tolist() == ["Kenya", "United Kingdom"]
    assert members.set_index("Member").at["Kenya", "Institute"] == "—"
    instruments = pd.DataFrame(
        {
            "id": ["mou"],
            "mechanism": ["bilateral"],
            "themes": [["safety"]],
            "short_name": ["UK–US MoU"],
            "adopted_label": ["2024-04-01"],
        }
    )
    pairs = partnerships(instruments, participation)
    assert pairs[["a", "b"]].values.tolist() == [["GBR", "USA"]]
    assert len(partnerships(instruments, participation, keep={"GBR"})) == 1  # the partner need not be selected
    assert partnerships(instruments, participation, keep={"KEN"}).empty
    fig = partnership_figure(pairs, atlas.parties, asof=atlas.asof)
    assert fig.data[0].z[0][1] == 1 and fig.data[0].z[1][0] == 1


def test_map_shows_state_institutes_and_names_the_eu_office():
    from components.charts.institutes import map_figure

    atlas = load_atlas(VALID)
    view = apply_filters(atlas, Filters())
    eu = view.institutes.iloc[[0]].assign(id="eu-office", party_id="EUU", name_then="EU AI Office")
    fig = map_figure(pd.concat([view.institutes, eu]), atlas.parties, asof=view.asof)
    locations = [loc for trace in fig.data for loc in trace.locations]
    assert locations == ["GBR"]
    assert "EU AI Office is not a country" in fig.layout.title.subtitle.text
