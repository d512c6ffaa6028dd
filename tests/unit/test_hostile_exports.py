"""Exports are safe to open (issue 9): hostile data text stays text in SVG, CSV and XLSX; file names are safe."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.export.citation import ViewMeta, file_name
from components.export.rows import (
    FORMULA_START,
    csv_bytes,
    instrument_rows,
    participation_rows,
    read_exported_csv,
    xlsx_bytes,
)
from components.model.atlas import load_atlas
from tests.hostile import hostile_package

SAFE_NAME = re.compile(r"^atlas-[a-z0-9]+(-[a-z0-9]+)*-\d{4}-\d{2}-\d{2}(-(slide|document))?\.(png|svg|csv|xlsx)$")


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    return load_atlas(hostile_package(tmp_path_factory.mktemp("hostile") / "data"))


@pytest.fixture(scope="module")
def meta(atlas):
    return ViewMeta(view="timeline", title="<b>bold</b> =1+1", filters="**stars** · $x$", asof=atlas.asof,
                    url="https://atlas.example/timeline", citation="=HYPERLINK(\"https://example.org\")")  # fmt: skip


def _cells(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [(column, str(value)) for column in frame.columns for value in frame[column]]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_hostile_rows_round_trip_with_formulas_inert(atlas, meta, kind):
    rows = pd.concat(
        [
            instrument_rows(atlas.instruments, atlas.participation)[["id", "name", "short_name", "summary", "notes"]],
            participation_rows(atlas.participation, atlas.parties, atlas.instruments)[["party", "notes"]].head(300),
        ],
        ignore_index=True,
    ).fillna("")
    if kind == "csv":
        back = read_exported_csv(csv_bytes(rows, meta))
    else:
        back = pd.read_excel(io.BytesIO(xlsx_bytes(rows, meta)), sheet_name="data", dtype=str, keep_default_na=False)
    assert back.shape == rows.shape  # no row or column lost
    formulas = 0
    for (column, original), (_, exported) in zip(_cells(rows), _cells(back), strict=True):
        if original.lstrip().startswith(FORMULA_START):
            formulas += 1
            assert exported == "'" + original, (column, exported)
        else:
            assert exported == original, (column, original, exported)
    assert formulas >= 20  # the formula payload reached many cells, and every one was made inert


def test_about_lines_are_never_formulas(meta):
    text = csv_bytes(pd.DataFrame({"a": ["x"]}), meta).decode()
    assert "# citation: '=HYPERLINK" in text
    assert all(line.startswith("# ") for line in text.splitlines()[:7])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(view=st.text(max_size=300), chart=st.text(max_size=300), extension=st.sampled_from(["png", "svg", "csv", "xlsx"]),
       size=st.sampled_from([None, "slide", "document"]))  # fmt: skip
def test_file_names_are_safe_whatever_the_view_and_chart(view, chart, extension, size):
    meta = ViewMeta(view=view, title="t", filters="f", asof=dt.date(2026, 11, 26), url="", citation="")
    name = file_name(meta, extension, size, chart=chart)
    assert SAFE_NAME.match(name), name  # no path separators, dots, spaces, control or non-ASCII characters
    assert len(name) <= 100


def test_selecting_a_cell_with_a_hostile_forum_name_finds_its_instruments(atlas):
    """customdata is escaped for display; a selection must come back as the data's own value (it did not)."""
    from components.charts.heatmap import force_counts, heatmap_figure, instruments_in_cell, selected_cell

    args = (atlas.instruments, atlas.participation, atlas.parties)
    fig = heatmap_figure(*args, asof=atlas.asof, by="forum")
    counts = force_counts(*args, by="forum")
    checked = 0
    for row in fig.data[0].customdata:
        for level, column in row:
            if "&" not in column:
                continue
            event = {"selection": {"points": [{"customdata": [level, column]}]}}  # as st.plotly_chart returns it
            force, forum = selected_cell(event)
            assert forum in set(counts.columns)
            listed = instruments_in_cell(*args, by="forum", legal_force=force, column=forum)
            assert len(listed) == counts.at[force, forum]
            checked += 1
    assert checked  # the hostile forums with '<' or '&' were exercised
