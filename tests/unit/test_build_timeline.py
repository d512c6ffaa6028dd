"""The timeline view's content (components/content/timeline.py), built without Streamlit."""

from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd

from components.charts.timeline import EVENTS_LANE
from components.content import timeline
from components.content.base import Heading, Notice, Section, Table, Text, walk
from components.content.panels import EMPTY
from components.content.registry import view
from components.model.filters import Filters
from components.text import md
from tests.helpers import by_hand

SUMMARY = re.compile(
    r"(\d+) instruments? adopted (\d{4})(?:–(\d{4}))? in (\d+) lanes? by (\w+), (\d+) of them legally binding; "
    r"(\d+) (?:summit or meeting|summits and meetings)\."
)
LANE = {"lane": ("mechanism",)}


def build(atlas, filters=None, **options):
    return view("timeline").build(atlas, filters or Filters(), options)


def counted_parties(rows: pd.DataFrame) -> dict[str, int]:
    """Distinct parties per instrument that count under its rule and have not withdrawn."""
    live = rows[rows["counted"] & ~rows["withdrawn"] & (rows["action"].astype(str) != "withdrew")]
    return live.groupby("instrument_id")["party_id"].nunique().to_dict()


def markers(figure, name: str | None = None, *, stars: bool | None = None) -> int:
    """How many markers the named trace draws (or, with stars=False, every legal-force trace together)."""
    total = 0
    for trace in figure.data:
        is_star = trace.name == "Summit or meeting"
        if name is not None and trace.name != name:
            continue
        if stars is False and (is_star or trace.name == "Entry into force"):
            continue
        total += len(trace.x)
    return total


def check_summary(summary: str, instruments, events, rows, lanes: int, lane: str = "mechanism") -> None:
    found = SUMMARY.search(summary)
    assert found, summary
    years = instruments["adopted"].dt.year
    assert int(found[1]) == len(instruments)
    assert int(found[2]) == years.min() and int(found[3] or found[2]) == years.max()
    assert int(found[4]) == lanes and found[5] == lane
    assert int(found[6]) == int((instruments["legal_force"].astype(str) == "legally_binding").sum())
    assert int(found[7]) == len(events)
    counts = counted_parties(rows)
    top = sorted(counts.items(), key=lambda item: -item[1])[:3]
    named = re.findall(r"([^,:]+?) \((\d+)\)", summary.split("Most parties recorded: ")[1])
    short = atlas_short(instruments)
    assert [int(n) for _, n in named] == [n for _, n in top]
    assert short[top[0][0]] in named[0][0] or [n for _, n in top].count(top[0][1]) > 1  # ties may swap names


def atlas_short(instruments) -> dict[str, str]:
    return dict(zip(instruments["id"], instruments["short_name"], strict=True))


def test_default_timeline_draws_every_instrument_and_summit(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas)
    assert list(content.charts) == ["timeline_chart"]
    chart = content.charts["timeline_chart"]
    assert chart.selectable and chart.brief
    instruments, rows, events = by_hand(atlas, atlas.asof)
    assert set(chart.rows.loc[chart.rows["row"] == "instrument", "id"]) == set(instruments["id"])
    assert set(chart.rows.loc[chart.rows["row"] == "summit or meeting", "id"]) == set(events["id"])
    assert markers(chart.figure, stars=False) == len(instruments)  # one marker per instrument row
    assert markers(chart.figure, "Summit or meeting") == len(events)
    assert markers(chart.figure, "Entry into force") == int(instruments["entry_into_force"].notna().sum())
    lanes = instruments["mechanism"].astype(str).nunique()
    check_summary(chart.summary, instruments, events, rows, lanes)
    assert html.unescape(chart.figure.layout.meta["description"]) == chart.summary  # the text alternative
    lanes_drawn = set(chart.figure.layout.yaxis.categoryarray)
    assert len(lanes_drawn) == lanes + 1 and EVENTS_LANE in lanes_drawn


def test_forum_lanes(bundled_atlas):
    atlas = bundled_atlas
    chart = build(atlas, lane=("forum",)).charts["timeline_chart"]
    instruments, rows, events = by_hand(atlas, atlas.asof)
    assert "by forum" in chart.title
    check_summary(chart.summary, instruments, events, rows, instruments["forum"].nunique(), "forum")


def test_a_grouping_keeps_its_instruments_and_counts_its_members_only(bundled_atlas):
    atlas = bundled_atlas
    g20 = set(atlas.parties.loc[atlas.parties["groups"].map(lambda g: "G20" in g), "id"])
    content = build(atlas, Filters(group=("G20",)))
    chart = content.charts["timeline_chart"]
    instruments, rows, events = by_hand(atlas, atlas.asof, g20)
    assert 0 < len(instruments) < len(by_hand(atlas, atlas.asof)[0])
    assert markers(chart.figure, stars=False) == len(instruments)
    assert markers(chart.figure, "Summit or meeting") == len(events)
    check_summary(chart.summary, instruments, events, rows, instruments["mechanism"].astype(str).nunique())
    assert max(counted_parties(rows).values()) <= len(g20)
    assert "G20 members" in chart.figure.layout.title.subtitle.text


def test_an_earlier_date_shows_less(bundled_atlas):
    atlas = bundled_atlas
    asof = dt.date(2024, 1, 1)
    chart = build(atlas, Filters(asof=asof)).charts["timeline_chart"]
    instruments, rows, events = by_hand(atlas, asof)
    assert markers(chart.figure, stars=False) == len(instruments) < len(atlas.instruments)
    check_summary(chart.summary, instruments, events, rows, instruments["mechanism"].astype(str).nunique())
    assert int(SUMMARY.search(chart.summary)[3] or 0) <= 2023


def test_filters_that_select_nothing_give_the_empty_state(bundled_atlas):
    filters = Filters(asof=dt.date(2000, 1, 1), theme=("military",), group=("ASEAN",))
    content = build(bundled_atlas, filters)
    assert not content.charts
    assert content.notices == [EMPTY]
    assert timeline.detail(bundled_atlas, filters, LANE, "coe-framework-convention-ai") == []


def texts(blocks) -> str:
    return "\n".join(b.text for b in walk(blocks) if isinstance(b, Heading | Text | Notice))


def test_selecting_an_instrument_opens_its_panel(bundled_atlas):
    atlas = bundled_atlas
    chosen = "coe-framework-convention-ai"
    panel = timeline.detail(atlas, Filters(), LANE, chosen)
    assert len(panel) == 1 and isinstance(panel[0], Section) and not panel[0].brief
    _, rows, _ = by_hand(atlas, atlas.asof)
    parties = next(b for b in walk(panel) if isinstance(b, Table) and b.key == f"parties_{chosen}")
    assert len(parties.data) == int((rows["instrument_id"] == chosen).sum())  # one row per recorded action
    words = texts(panel)
    assert "Parties recorded as of" in words and "Legally binding" in words
    assert "Entry into force of" in " ".join(b.title for b in walk(panel) if isinstance(b, Section))


def test_selecting_a_summit_lists_what_it_produced(bundled_atlas):
    atlas = bundled_atlas
    summit = atlas.events.iloc[0]
    panel = timeline.detail(atlas, Filters(), LANE, timeline.EVENT + summit["id"])
    short = atlas_short(atlas.instruments)
    produced = texts(panel).split("Produced: ")[1].split("\n")[0]
    assert produced.count(";") == len(summit["instrument_ids"]) - 1
    for instrument in summit["instrument_ids"]:
        assert md(short[instrument]) in produced


def test_a_stale_or_missing_selection_gives_the_hint(bundled_atlas):
    atlas = bundled_atlas
    early = Filters(asof=dt.date(2020, 1, 1))
    assert timeline.detail(atlas, Filters(), LANE, None) == [timeline.HINT]
    assert timeline.detail(atlas, early, LANE, "coe-framework-convention-ai") == [timeline.HINT]  # not adopted yet
    late_summit = atlas.events.sort_values("start_date").iloc[-1]["id"]
    assert timeline.detail(atlas, early, LANE, timeline.EVENT + late_summit) == [timeline.HINT]


def test_selection_events_are_read_as_the_figure_marks_them():
    instrument = {"selection": {"points": [{"customdata": ["oecd-ai-principles", "OECD AI Principles"]}]}}
    summit = {"selection": {"points": [{"customdata": ["event:g7-hiroshima", "G7"]}]}}
    assert timeline.selected(instrument) == "oecd-ai-principles"
    assert timeline.selected(summit) == "event:g7-hiroshima"
    assert timeline.selected(None) is None


def test_fixture_package(valid_atlas):
    chart = build(valid_atlas).charts["timeline_chart"]
    instruments, rows, events = by_hand(valid_atlas, valid_atlas.asof)
    assert markers(chart.figure, stars=False) == len(instruments) == 3
    check_summary(chart.summary, instruments, events, rows, instruments["mechanism"].astype(str).nunique())
