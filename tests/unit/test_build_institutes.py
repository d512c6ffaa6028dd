"""The institutes view's content (components/content/institutes.py), built without Streamlit."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pandas as pd

from components.content.base import Text
from components.content.registry import view
from components.model.filters import Filters, slice_of

NETWORK = "international-network-ai-safety-institutes"


def build(atlas, filters=None):
    return view("institutes").build(atlas, filters or Filters())


def institutes_on(atlas, asof: dt.date) -> pd.DataFrame:
    """Institutes founded by the date, and undated ones, picked by hand."""
    table = atlas.institutes
    return table[table["founded"].isna() | (table["founded_by"] <= pd.Timestamp(asof))]


def safety_pairs(atlas, asof: dt.date, keep: set[str] | None = None) -> dict[str, frozenset[str]]:
    """Bilateral instruments on safety or evaluation & testing adopted by the date, with exactly two parties."""
    instruments = atlas.instruments
    chosen = instruments[(instruments["mechanism"].astype(str) == "bilateral")
                         & instruments["themes"].map(lambda t: bool({"safety", "evaluation_testing"} & set(t)))
                         & (instruments["adopted_by"] <= pd.Timestamp(asof))]  # fmt: skip
    rows = atlas.participation[atlas.participation["instrument_id"].isin(chosen["id"])]
    pairs = {i: frozenset(g) for i, g in rows.groupby("instrument_id")["party_id"]}
    return {i: p for i, p in pairs.items() if len(p) == 2 and (keep is None or keep & p)}


def map_locations(figure) -> list[str]:
    return [loc for trace in figure.data for loc in trace.locations]


def test_default_view(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas)
    asof = atlas.asof
    assert list(content.charts) == ["institutes_map", "institutes_chart", "partnerships_chart"]
    institutes = institutes_on(atlas, asof)
    states = institutes[institutes["party_id"] != "EUU"]

    world = content.charts["institutes_map"]
    assert len(world.rows) == len(institutes)
    assert sorted(map_locations(world.figure)) == sorted(states["party_id"])  # the EU is not a country on the map
    found = re.match(r"(\d+) countries have an AI safety institute or equivalent on the map: (.+?) \(", world.summary)
    assert found and int(found[1]) == states["party_id"].nunique()
    statuses = Counter(states["status"].astype(str))
    assert found[2] == " and ".join(f"{n} {s}" for s, n in statuses.most_common())
    assert "is not a country and is not on the map" in world.summary

    timeline = content.charts["institutes_chart"]
    dated = institutes[institutes["founded"].notna()]
    markers = next(t for t in timeline.figure.data if t.name == "Founded or announced")
    assert len(markers.x) == len(timeline.rows) == len(dated)
    renamed = dated[dated["renamed"].notna() & (dated["renamed"] <= pd.Timestamp(asof))]
    found = re.match(r"(\d+) institutes founded or announced, from .+ (\d+) renamed by the date", timeline.summary)
    assert found and (int(found[1]), int(found[2])) == (len(dated), len(renamed))
    first = dated.sort_values("founded").iloc[0]
    assert first["founded_label"] in timeline.summary

    undated = institutes[institutes["founded"].isna()]
    caption = next(b for b in content.blocks if isinstance(b, Text) and b.text.startswith("Founding date not verified"))
    assert len(undated) and caption.brief is False
    assert all(atlas.parties.set_index("id")["name"][p] in caption.text for p in undated["party_id"])

    rows = slice_of(atlas, Filters()).participation
    assert len(content.tables["network_table"].data) == int((rows["instrument_id"] == NETWORK).sum())


def test_partnerships_counted_by_hand(bundled_atlas):
    atlas = bundled_atlas
    chart = build(atlas).charts["partnerships_chart"]
    pairs = safety_pairs(atlas, atlas.asof)
    assert set(chart.rows["instrument_id"]) == set(pairs)
    z = chart.figure.data[0].z
    assert sum(map(sum, z)) == 2 * len(pairs)  # each agreement fills its two symmetric cells
    governments = set().union(*pairs.values())
    assert len(z) == len(governments)
    found = re.match(r"(\d+) bilateral AI-safety agreements between (\d+) governments\. Most agreements: (.+?) (\d+),",
                     chart.summary)  # fmt: skip
    assert found, chart.summary
    counts = Counter(p for pair in pairs.values() for p in pair)
    assert (int(found[1]), int(found[2])) == (len(pairs), len(governments))
    assert int(found[4]) == max(counts.values())
    names = atlas.parties.set_index("id")["name"]
    assert counts[names[names == found[3]].index[0]] == max(counts.values())


def test_one_party_keeps_its_partners(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas, Filters(party=("GBR",)))
    assert list(content.charts) == ["institutes_map", "institutes_chart", "partnerships_chart"]
    assert map_locations(content.charts["institutes_map"].figure) == ["GBR"]
    assert content.charts["institutes_map"].summary.startswith("1 country has")
    chart = content.charts["partnerships_chart"]
    pairs = safety_pairs(atlas, atlas.asof, keep={"GBR"})
    assert set(chart.rows["instrument_id"]) == set(pairs)
    assert len(chart.figure.data[0].z) == len(set().union(*pairs.values())) > 1  # partners stay on the matrix
    assert chart.summary.startswith(f"{len(pairs)} bilateral AI-safety agreements")
    assert f"Most agreements: United Kingdom {len(pairs)}," in chart.summary


def test_before_any_institute(bundled_atlas):
    atlas = bundled_atlas
    asof = dt.date(2023, 1, 1)
    content = build(atlas, Filters(asof=asof))
    assert "institutes_map" not in content.charts and "institutes_chart" not in content.charts
    assert any("No institute had been founded by this date" in n.text for n in content.notices)
    assert any("The network had no members" in n.text for n in content.notices)
    pairs = safety_pairs(atlas, asof)
    chart = content.charts["partnerships_chart"]
    assert set(chart.rows["instrument_id"]) == set(pairs)
    assert chart.summary.startswith(f"{len(pairs)} bilateral AI-safety agreements")


def test_nothing_selected(bundled_atlas):
    content = build(bundled_atlas, Filters(asof=dt.date(1990, 1, 1)))
    assert content.charts == {}
    texts = [n.text for n in content.notices]
    assert any("No institute had been founded" in t for t in texts)
    assert any("No bilateral AI-safety agreement matches" in t for t in texts)


def test_fixture_package(valid_atlas):
    content = build(valid_atlas)
    assert list(content.charts) == ["institutes_map", "institutes_chart"]  # no bilateral agreement in the fixture
    assert map_locations(content.charts["institutes_map"].figure) == ["GBR"]
    assert content.charts["institutes_chart"].summary.startswith("1 institute founded or announced: ")
