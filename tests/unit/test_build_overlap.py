"""The overlap view's content (components/content/overlap.py): the pairwise heatmap and the combinations, checked
against party sets read from the participation table; summaries against the cells and bars drawn."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pandas as pd
import pytest

from components.content.base import Section
from components.content.overlap import DEFAULT, overlap_summary, patterns_summary
from components.content.registry import view
from components.model.filters import Filters, slice_of

OVERLAP = view("overlap")
PAIR = ("bletchley-declaration", "paris-ai-action-statement")


def build(atlas, filters=None, **options):
    return OVERLAP.build(atlas, filters or Filters(), options)


def party_sets(atlas, filters: Filters, ids) -> dict[str, set[str]]:
    """Each instrument's counted parties that have not withdrawn, read from the participation table."""
    rows = slice_of(atlas, filters).participation
    rows = rows[rows["counted"].astype(bool) & ~rows["withdrawn"] & (rows["action"].astype(str) != "withdrew")]
    return {i: set(rows.loc[rows["instrument_id"] == i, "party_id"]) for i in ids}


def test_options_keep_the_old_page_choices(bundled_atlas):
    instrument, measure = OVERLAP.params(bundled_atlas)
    assert instrument.default == DEFAULT and instrument.multiple and instrument.max_items == 8
    assert measure.options == ("jaccard", "shared") and measure.default == ("jaccard",)


@pytest.mark.parametrize(
    "filters, options",
    [
        (Filters(), {}),
        (Filters(group=("G20",)), {"measure": ("shared",)}),
        (Filters(asof=dt.date(2025, 6, 1)), {"instrument": PAIR}),
    ],
)
def test_heatmap_cells_and_summary(bundled_atlas, filters, options):
    content = build(bundled_atlas, filters, **options)
    assert set(content.charts) == {"overlap_chart", "patterns_chart"}
    ids = options.get("instrument", DEFAULT)
    sets = party_sets(bundled_atlas, filters, ids)
    chart = content.charts["overlap_chart"]
    heatmap = chart.figure.data[0]
    assert len(heatmap.z) == len(ids) == chart.rows["instrument_id"].nunique()  # n × n cells, one per instrument pair
    assert all(len(row) == len(ids) for row in heatmap.z)
    measure = options.get("measure", ("jaccard",))[0]
    for r, c in itertools.product(range(len(ids)), repeat=2):
        a, b = sets[ids[r]], sets[ids[c]]
        jaccard = len(a & b) / len(a | b) if a | b else 0.0
        assert heatmap.text[r][c] == f"{len(a & b)}<br>{jaccard:.2f}"
        assert heatmap.z[r][c] == pytest.approx(jaccard if measure == "jaccard" else len(a & b))
    # the summary names the pair that overlaps most by the measure shown, with its numbers
    short = bundled_atlas.instruments.set_index("id")["short_name"]
    stats = {(x, y): (len(sets[x] & sets[y]), len(sets[x] & sets[y]) / len(sets[x] | sets[y]))
             for x, y in itertools.combinations(ids, 2)}  # fmt: skip
    best = max(stats.values(), key=lambda s: s[0] if measure == "shared" else s[1])
    if len(ids) == 2:
        found = re.match(r"(.+) and (.+) share (\d+) part(?:y|ies) of (\d+) in either \(Jaccard index ([\d.]+)\)\.$",
                         chart.summary)  # fmt: skip
        assert found, chart.summary
        assert (found[1], found[2]) == (short[ids[0]], short[ids[1]])
        assert int(found[3]) == len(sets[ids[0]] & sets[ids[1]]) and int(found[4]) == len(sets[ids[0]] | sets[ids[1]])
    else:
        found = re.match(
            r"Of (\d+) pairs, (.+?) overlap most \(Jaccard index ([\d.]+), (\d+) shared part", chart.summary
        )
        assert found, chart.summary
        assert int(found[1]) == len(stats)
        assert (int(found[4]), found[3]) == (best[0], f"{best[1]:.2f}")
        named = [(x, y) for x, y in stats if found[2] == f"{short[x]} and {short[y]}"]
        assert named and stats[named[0]] == best


@pytest.mark.parametrize("filters, ids", [(Filters(), DEFAULT), (Filters(region=("Africa",)), PAIR)])
def test_combinations_bars_table_and_summary(bundled_atlas, filters, ids):
    content = build(bundled_atlas, filters, instrument=ids)
    sets = party_sets(bundled_atlas, filters, ids)
    everyone = set().union(*sets.values())
    combos = pd.Series({p: tuple(p in sets[i] for i in ids) for p in everyone}).value_counts()
    chart = content.charts["patterns_chart"]
    bars = chart.figure.data[0]
    assert len(bars.y) == min(15, len(combos))
    assert sorted(bars.y, reverse=True) == sorted(combos.to_numpy(), reverse=True)[:15]
    if len(combos) <= 15:
        assert sum(bars.y) == len(everyone)
    counted = chart.rows[chart.rows["counted"].astype(bool) & (chart.rows["action"] != "withdrew")]
    assert everyone <= set(counted["party_id"]) and set(chart.rows["instrument_id"]) <= set(ids)
    table = content.tables["patterns_table"].data
    assert len(table) == len(combos) and table["parties"].sum() == len(everyone)
    found = re.match(r"(\d+) part(?:y|ies) took part in at least one of the (\d+) instruments, in (\d+) exact "
                     r"combinations?.*; the most common: .+? \((\d+) part", chart.summary)  # fmt: skip
    assert found, chart.summary
    assert [int(g) for g in found.groups()] == [len(everyone), len(ids), len(combos), combos.max()]


def test_two_instruments_in_words(bundled_atlas):
    sets = party_sets(bundled_atlas, Filters(), PAIR)
    first, second = sets.values()
    summary = build(bundled_atlas, instrument=PAIR).charts["patterns_chart"].summary
    said = dict((what, int(n)) for what, n in re.findall(r"(both|only [A-Za-z ]+?) \((\d+)", summary))
    assert said == {"both": len(first & second), "only Bletchley Declaration": len(first - second),
                    "only Paris AI Action Summit Statement": len(second - first)}  # fmt: skip


def test_fewer_than_two_instruments_in_view_gets_the_notice(bundled_atlas, valid_atlas):
    for content in (
        build(bundled_atlas, Filters(asof=dt.date(2000, 1, 1))),
        build(bundled_atlas, instrument=("bletchley-declaration",)),
        build(valid_atlas),
    ):  # fmt: skip  (the fixture has none of the default instruments)
        assert not content.charts and not content.tables
        [notice] = content.notices
        assert notice.text.startswith("Choose at least two instruments")


def test_fixture_pair(valid_atlas):
    ids = ("test-convention", "test-declaration")
    content = build(valid_atlas, instrument=ids)
    sets = party_sets(valid_atlas, Filters(), ids)
    a, b = sets.values()
    assert content.charts["overlap_chart"].figure.data[0].text[0][1] == f"{len(a & b)}<br>{len(a & b) / len(a | b):.2f}"
    table = content.tables["patterns_table"].data
    assert set(table.columns) >= {"Test Convention", "Test Declaration", "parties", "members"}
    section = next(b for b in content.blocks if isinstance(b, Section))
    assert section.title == "Every combination and its parties" and not section.brief  # left out of the brief
    assert content.tables["patterns_table"] in section.blocks


def test_summary_builders():
    table = pd.DataFrame([
        {"a": x, "b": y, "shared": s, "union": u, "jaccard": s / u}
        for x, y, s, u in [("p", "p", 4, 4), ("p", "q", 2, 6), ("p", "r", 3, 4), ("q", "p", 2, 6), ("q", "q", 4, 4),
                           ("q", "r", 1, 7), ("r", "p", 3, 4), ("r", "q", 1, 7), ("r", "r", 3, 3)]
    ])  # fmt: skip
    short = {"p": "Pe", "q": "Cue", "r": "Are"}
    assert overlap_summary(table, short) == (
        "Of 3 pairs, Pe and Are overlap most (Jaccard index 0.75, 3 shared parties); "
        "Cue and Are least (Jaccard index 0.14, 1 shared party).")  # fmt: skip
    patterns = pd.DataFrame({"p": [True, False], "q": [True, True], "parties": [5, 2], "members": [[], []]})
    assert patterns_summary(patterns, ("p", "q"), short) == (
        "7 parties took part in at least one of the 2 instruments, in 2 exact combinations; the most common: "
        "both (5 parties); only Cue (2).")  # fmt: skip
