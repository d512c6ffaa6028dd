"""The binding-vs-soft-law view's content (components/content/landscape.py), built without Streamlit."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from components.content import landscape
from components.content.base import Notice, Section, Table, Text
from components.content.panels import EMPTY
from components.content.registry import view
from components.data.labels import label
from components.model.filters import Filters
from tests.helpers import by_hand

DEFAULT = {"by": ("mechanism",), "measure": ("instruments",)}


def build(atlas, filters=None, **options):
    return view("landscape").build(atlas, filters or Filters(), options)


def level_numbers(summary: str) -> dict[str, int]:
    """'… : Legally binding 13, Political commitment 28, … .' -> {'Legally binding': 13, …}"""
    listed = summary.split(": ", 1)[1].split(". ")[0]
    return {name: int(n.replace(",", "")) for name, n in re.findall(r"([A-Z][a-z -]+) ([\d,]+)", listed)}


def heatmap(chart):
    trace = chart.figure.data[0]
    return np.asarray(trace.z), list(trace.x), list(trace.y)


def test_heatmap_counts_instruments_by_legal_force_and_mechanism(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas)
    assert list(content.charts) == ["heatmap_chart", "cumulative_chart"]
    chart = content.charts["heatmap_chart"]
    assert chart.selectable
    instruments, _ = in_view(atlas, atlas.asof)
    z, x, y = heatmap(chart)
    assert z.sum() == len(chart.rows) == len(instruments)  # every instrument in exactly one cell
    by_hand = instruments.groupby([instruments["legal_force"].astype(str), instruments["mechanism"].astype(str)]).size()
    for (force, mechanism), n in by_hand.items():
        assert z[y.index(label(force)), x.index(label(mechanism))] == n
    assert int(re.match(r"([\d,]+) instruments", chart.summary)[1]) == len(instruments)
    levels = instruments["legal_force"].astype(str).value_counts()
    assert level_numbers(chart.summary) == {label(level): n for level, n in levels.items() if n}
    largest = re.search(r"Largest cell: (.+) × (.+), (\d+)\.$", chart.summary)
    n = by_hand.max()
    assert int(largest[3]) == n == z.max()
    assert z[y.index(largest[1]), x.index(largest[2])] == n


def test_cumulative_chart_ends_at_the_counts(bundled_atlas):
    atlas = bundled_atlas
    chart = build(atlas).charts["cumulative_chart"]
    instruments, _ = in_view(atlas, atlas.asof)
    binding = int((instruments["legal_force"].astype(str) == "legally_binding").sum())
    lines = {trace.name: list(trace.y) for trace in chart.figure.data}
    assert lines["Legally binding"][-1] == binding
    assert lines["Not legally binding"][-1] == len(instruments) - binding
    assert len(lines["Legally binding"]) == len(chart.rows) == len(instruments)  # a step per instrument
    found = re.match(r"By (.+?), (\d+) legally binding and (\d+) not legally binding instruments", chart.summary)
    assert (int(found[2]), int(found[3])) == (binding, len(instruments) - binding)
    assert found[1] == f"{instruments['adopted'].max():%d %B %Y}"
    latest = instruments[instruments["legal_force"].astype(str) == "legally_binding"].sort_values("adopted").iloc[-1]
    assert chart.summary.endswith(
        f"the latest legally binding one: {latest['short_name']} ({latest['adopted_label']})."
    )


def test_party_commitments_of_a_grouping(bundled_atlas):
    atlas = bundled_atlas
    g20 = set(atlas.parties.loc[atlas.parties["groups"].map(lambda g: "G20" in g), "id"])
    content = build(atlas, Filters(group=("G20",)), by=("mechanism",), measure=("commitments",))
    chart = content.charts["heatmap_chart"]
    instruments, rows = in_view(atlas, atlas.asof, g20)
    live = rows[rows["counted"] & ~rows["withdrawn"] & (rows["action"].astype(str) != "withdrew")]
    pairs = live.drop_duplicates(["instrument_id", "party_id"])
    z, _, _ = heatmap(chart)
    assert z.sum() == len(pairs)
    assert int(re.match(r"([\d,]+) party commitments", chart.summary)[1].replace(",", "")) == len(pairs)
    force = pairs["instrument_id"].map(atlas.instruments.set_index("id")["legal_force"].astype(str))
    assert level_numbers(chart.summary) == {label(level): n for level, n in force.value_counts().items() if n}
    assert len(chart.rows) == len(instruments)
    assert "G20 members" in chart.figure.layout.title.subtitle.text


def test_themes_count_an_instrument_once_per_theme(bundled_atlas):
    atlas = bundled_atlas
    chart = build(atlas, by=("theme",), measure=("instruments",)).charts["heatmap_chart"]
    instruments, _ = in_view(atlas, atlas.asof)
    pairs = sum(len(set(themes)) for themes in instruments["themes"])
    z, _, _ = heatmap(chart)
    assert z.sum() == pairs
    assert f"({pairs:,} in all)" in chart.summary and "once in every theme" in chart.summary


def test_selecting_a_cell_lists_its_instruments(bundled_atlas):
    atlas = bundled_atlas
    instruments, _ = in_view(atlas, atlas.asof)
    wanted = instruments[(instruments["legal_force"].astype(str) == "political_commitment")
                         & (instruments["mechanism"].astype(str) == "soft_law")]  # fmt: skip
    listing = landscape.detail(atlas, Filters(), DEFAULT, ("political_commitment", "soft_law"))
    heading, table = listing
    assert isinstance(heading, Text) and isinstance(table, Table) and not heading.brief and not table.brief
    assert heading.text == f"**Political commitment × Soft law: {len(wanted)} instruments**"
    assert set(table.data["short_name"]) == set(wanted["short_name"]) and len(table.data) == len(wanted)
    assert table.links == {"source_url": "source"}


def test_a_cell_of_another_axis_or_none_gives_the_hint(bundled_atlas):
    atlas = bundled_atlas
    for selection in (None, ("political_commitment", "Bilateral")):  # a forum, while the columns are mechanisms
        [hint] = landscape.detail(atlas, Filters(), DEFAULT, selection)
        assert isinstance(hint, Notice) and "Select a cell" in hint.text


def test_filters_that_select_nothing_give_the_empty_state(bundled_atlas):
    filters = Filters(asof=dt.date(2000, 1, 1), theme=("military",), group=("ASEAN",))
    content = build(bundled_atlas, filters)
    assert not content.charts
    assert content.notices == [EMPTY]
    assert landscape.detail(bundled_atlas, filters, DEFAULT, ("legally_binding", "treaty")) == []
    assert isinstance(content.blocks[-1], Section) and not content.blocks[-1].brief  # the definitions stay


def test_instruments_without_parties_cannot_be_counted_by_region(bundled_atlas):
    atlas = bundled_atlas
    filters = Filters(legal_force=("no_commitment",))
    content = build(atlas, filters, by=("region",), measure=("instruments",))
    instruments, _ = in_view(atlas, atlas.asof)
    n = int((instruments["legal_force"].astype(str) == "no_commitment").sum())
    assert not content.charts and content.notices == [EMPTY]
    caption = next(b for b in content.blocks if isinstance(b, Text) and "nothing to count" in b.text)
    assert caption.text.startswith(f"{n} instruments match")
    assert build(atlas, filters).charts  # by mechanism they are counted


def test_fixture_package(valid_atlas):
    chart = build(valid_atlas).charts["heatmap_chart"]
    z, _, _ = heatmap(chart)
    assert z.sum() == len(valid_atlas.instruments) == 3
    assert chart.summary.startswith("3 instruments by legal force and mechanism: Legally binding 1, ")


def test_a_cell_selection_is_read_as_the_figure_marks_it(bundled_atlas):
    chart = build(bundled_atlas).charts["heatmap_chart"]
    force, column = chart.figure.data[0].customdata[0][0]  # what a click on the top-left cell sends back
    event = {"selection": {"points": [{"customdata": [force, column]}]}}
    assert landscape.selected(event) == (force, column)
    assert landscape.selected(None) is None
    [heading, _] = landscape.detail(bundled_atlas, Filters(), DEFAULT, landscape.selected(event))
    assert heading.text.startswith(f"**{label(force)} × ")


def in_view(atlas, asof, parties: set[str] | None = None):
    """(instruments, participation rows) in view, by hand (tests/helpers.by_hand)."""
    return by_hand(atlas, asof, parties)[:2]


def test_a_view_of_an_earlier_day_names_both_dates_on_its_source_line(bundled_atlas):
    """T3: the source line of a view as of 1 January 2024 says so, and that the data goes to the data's own date."""
    from components.data.dates import in_words

    for filters, expected in [
        (Filters(asof=dt.date(2024, 1, 1)), f"data as of {in_words(bundled_atlas.asof)}; view as of 1 January 2024."),
        (Filters(), f"data as of {in_words(bundled_atlas.asof)}."),
    ]:
        content = build(bundled_atlas, filters)
        for chart in content.charts.values():
            [source] = [a.text for a in chart.figure.layout.annotations if a.name == "source"]
            assert expected in source, source
            assert "view as of" not in source or filters.asof
