"""The signatories view's content (components/content/signatories.py): the matrix and the diff of two instruments,
checked against party sets read from the participation table; summaries against the cells and bars drawn."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from components.content.base import Notice, Section, Table
from components.content.registry import view
from components.model.filters import Filters, slice_of

SIGNATORIES = view("signatories")
PAIR = ("bletchley-declaration", "paris-ai-action-statement")


def build(atlas, filters=None, **options):
    return SIGNATORIES.build(atlas, filters or Filters(), options)


def active_sets(atlas, filters: Filters, ids) -> dict[str, set[str]]:
    """Parties of each instrument that have not withdrawn (any party type), from the participation table."""
    rows = slice_of(atlas, filters).participation
    rows = rows[~rows["withdrawn"] & (rows["action"].astype(str) != "withdrew")]
    return {i: set(rows.loc[rows["instrument_id"] == i, "party_id"]) for i in ids}


def counted(atlas, filters: Filters, instrument: str) -> int:
    rows = slice_of(atlas, filters).participation
    rows = rows[(rows["instrument_id"] == instrument) & rows["counted"].astype(bool) & ~rows["withdrawn"]
                & (rows["action"].astype(str) != "withdrew")]  # fmt: skip
    return rows["party_id"].nunique()


@pytest.mark.parametrize("filters", [Filters(), Filters(group=("G20",)), Filters(asof=dt.date(2024, 1, 1))])
def test_matrix_draws_one_cell_per_party_and_instrument_and_says_so(bundled_atlas, filters):
    instruments = ("bletchley-declaration", "paris-ai-action-statement", "coe-framework-convention-ai")
    content = build(bundled_atlas, filters, instrument=instruments)
    chart = content.charts["matrix_chart"]
    in_view = [i for i in instruments if i in set(slice_of(bundled_atlas, filters).instruments["id"])]
    rows = chart.rows
    assert set(rows["instrument_id"]) <= set(in_view)
    heatmap = chart.figure.data[0]
    cells = sum(1 for row in heatmap.z for z in row if z == z)  # NaN is an empty cell
    pairs = rows[["party_id", "instrument_id"]].drop_duplicates()
    assert cells == len(pairs), "one drawn cell per party and instrument in the rows behind the chart"
    assert len(heatmap.y) == pairs["party_id"].nunique()
    found = re.match(r"([\d,]+) part(?:y|ies) took part in at least one of the ([\d,]+) instruments? shown "
                     r"\(([\d,]+) party–instrument cells?\)\. Parties counted per instrument: (.+)\.$", chart.summary)  # fmt: skip
    assert found, chart.summary
    assert int(found[1].replace(",", "")) == pairs["party_id"].nunique()
    assert int(found[2]) == len(in_view)
    assert int(found[3].replace(",", "")) == cells
    short = bundled_atlas.instruments.set_index("id")["short_name"]
    for instrument in in_view:  # each column's count, under its rule, as the column label shows it
        n = counted(bundled_atlas, filters, instrument)
        assert f"{short[instrument]} {n}" in found[4]
        assert any(label.startswith(f"{short[instrument]} ({n}") for label in heatmap.x)


def test_the_default_columns_and_the_panels(bundled_atlas):
    content = build(bundled_atlas)
    chart = content.charts["matrix_chart"]
    assert set(chart.rows["instrument_id"]) == set(SIGNATORIES.params(bundled_atlas)[0].default)
    titles = [b.title for b in content.blocks if isinstance(b, Section)]
    assert "How these counts were counted, and where sources differ" in titles
    assert "matrix_table" in content.tables and not content.charts.get("diff_chart")
    assert any("Pick two instruments" in n.text for n in content.notices)
    # the treaty with an entry condition, with its consents, after the comparison
    assert any(b.title.startswith("**Entry into force of CoE AI Framework Convention") for b in content.blocks
               if isinstance(b, Section))  # fmt: skip


@pytest.mark.parametrize("filters", [Filters(), Filters(region=("Europe",))])
def test_diff_bars_are_the_set_differences_and_the_summary_names_them(bundled_atlas, filters):
    content = build(bundled_atlas, filters, compare=PAIR)
    chart = content.charts["diff_chart"]
    sets = active_sets(bundled_atlas, filters, PAIR)
    both, only_first, only_second = (
        sets[PAIR[0]] & sets[PAIR[1]],
        sets[PAIR[0]] - sets[PAIR[1]],
        sets[PAIR[1]] - sets[PAIR[0]],
    )
    assert list(chart.figure.data[0].y) == [len(only_first), len(both), len(only_second)]
    assert chart.summary == (
        f"{len(both)} {'party' if len(both) == 1 else 'parties'} joined both Bletchley Declaration and Paris AI Action "
        f"Summit Statement; {len(only_first)} only Bletchley Declaration and {len(only_second)} only Paris AI Action "
        "Summit Statement."
    )
    table = content.tables["diff_table"].data
    assert len(table) == len(both | only_first | only_second)
    assert set(table.loc[table["set"] == "Both", "party_id"]) == both
    # the data file: one row per party with its set, the first instrument's own parties first, by name within a set
    rows = chart.rows
    assert list(rows["set"].drop_duplicates()) == ["Only Bletchley Declaration", "Both",
                                                   "Only Paris AI Action Summit Statement"][: rows["set"].nunique()]  # fmt: skip
    first = rows[rows["set"] == "Only Bletchley Declaration"]
    assert set(first["party_id"]) == only_first and list(first["party"]) == sorted(first["party"], key=str.lower)
    assert rows["source_url"].str.startswith("http").all()
    names = bundled_atlas.parties.set_index("id")["name"]
    text = next(b.text for b in content.blocks if type(b).__name__ == "Text" and b.text.startswith("**Only"))
    for party in only_first:  # the names beside the chart, and in the chart itself (for a picture of it)
        assert names[party].split(" ")[0] in text
        assert any(names[party] in (a.text or "") for a in chart.figure.layout.annotations if a.name == "names")


@pytest.mark.parametrize("filters", [Filters(), Filters(region=("Europe",))])
def test_each_set_has_its_own_table_and_csv(bundled_atlas, filters):
    """T2: who endorsed Bletchley but not the Paris statement, as a file listing exactly them, with their set."""
    from components.export.citation import ViewMeta
    from components.export.rows import csv_bytes, read_exported_csv

    content = build(bundled_atlas, filters, compare=PAIR)
    sets = active_sets(bundled_atlas, filters, PAIR)
    expected = [sets[PAIR[0]] - sets[PAIR[1]], sets[PAIR[0]] & sets[PAIR[1]], sets[PAIR[1]] - sets[PAIR[0]]]
    labels = ["Only Bletchley Declaration", "Both", "Only Paris AI Action Summit Statement"]
    for i, (ids, name) in enumerate(zip(expected, labels, strict=True), start=1):
        table = content.tables[f"set_{i}_table"]
        assert table.download == name and set(table.data["party_id"]) == ids and len(table.data) == len(ids)
        meta = ViewMeta(view="signatories", title=name, filters="", asof=bundled_atlas.asof, url="u", citation="c")
        back = read_exported_csv(csv_bytes(table.data, meta))
        assert set(back["party_id"]) == ids and set(back["set"]) <= {name} and len(back) == len(ids)
    if filters == Filters():
        assert len(expected[0]) == 7  # the seven that endorsed Bletchley and not the Paris statement


def test_the_empty_comparison_links_an_example(bundled_atlas):
    from components.content.base import Links, walk

    content = build(bundled_atlas)
    assert any("Pick two instruments" in n.text for n in content.notices)
    [links] = [b for b in walk(content.blocks) if isinstance(b, Links)]
    assert links.items == [("Bletchley Declaration and Paris statement", "signatories", {"compare": ",".join(PAIR)})]


def test_comparing_an_instrument_not_yet_adopted_warns_instead_of_plotting(bundled_atlas):
    content = build(bundled_atlas, Filters(asof=dt.date(2024, 6, 1)), compare=PAIR)
    assert "diff_chart" not in content.charts
    warning = [n for n in content.notices if n.kind == "warning"]
    assert warning and "Paris AI Action Summit Statement is not in the current view" in warning[0].text


def test_filters_that_select_nothing_give_the_empty_state(bundled_atlas):
    content = build(bundled_atlas, Filters(asof=dt.date(2000, 1, 1)))
    assert not content.charts
    assert any(n.text.startswith("No instruments match these filters") for n in content.notices)


def test_brief_layout_keeps_the_charts_only(bundled_atlas):
    content = build(bundled_atlas, compare=PAIR)
    shown = [b for b in content.blocks if b.brief]
    assert {b.key for b in shown if hasattr(b, "figure")} == {"matrix_chart", "diff_chart"}
    assert not [b for b in shown if isinstance(b, Table | Section)]
    assert not [b for b in shown if isinstance(b, Notice) and "Pick two" in b.text]


def test_a_focused_matrix_where_no_party_differs_keeps_its_rows_and_says_why(bundled_atlas):
    """focus=differ when every party took the same action on each instrument: not an empty chart."""
    from components.charts.matrix import FOCUS_ROWS

    one = build(bundled_atlas, Filters(party=("GBR",)), instrument=("bletchley-declaration", "seoul-declaration"),
                focus=("differ",))  # fmt: skip
    [heatmap] = [t for t in one.charts["matrix_chart"].figure.data if t.type == "heatmap"]
    assert len(heatmap.y) == 1
    many = build(bundled_atlas, Filters(), instrument=("bletchley-declaration",), focus=("differ",))
    chart = many.charts["matrix_chart"]
    [heatmap] = [t for t in chart.figure.data if t.type == "heatmap"]
    assert len(heatmap.y) == FOCUS_ROWS and f"Showing the first {FOCUS_ROWS} parties (of 30)" in chart.summary
