"""Signatory matrix: strongest actions, the wide table and figure, and the diff of two instruments."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from components.charts.matrix import diff, matrix_figure, matrix_table, strongest_actions
from components.model.atlas import load_atlas
from components.model.filters import Filters, apply_filters
from components.model.participation import withdrawn_flags
from tests.conftest import VALID


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def test_cell_is_the_strongest_action(atlas):
    best = strongest_actions(atlas.participation).set_index(["party_id", "instrument_id"])
    assert best.at[("GBR", "test-convention"), "action"] == "ratified"  # signed, then ratified
    assert best.at[("GBR", "test-convention"), "date_label"] == "2025-03-01"
    assert best.at[("USA", "test-convention"), "action"] == "signed"
    assert len(best) == 7  # 8 rows, GBR's two actions on the convention collapse into one cell


def test_strongest_action_respects_asof(atlas):
    view = apply_filters(atlas, Filters(asof=dt.date(2024, 12, 31)))
    best = strongest_actions(view.participation).set_index(["party_id", "instrument_id"])
    assert best.at[("GBR", "test-convention"), "action"] == "signed"


def test_withdrawal_is_flagged_and_excluded_from_diff(atlas):
    extra = atlas.participation.iloc[[0]].copy()
    extra["action"] = pd.Categorical(["withdrew"], categories=atlas.participation["action"].cat.categories)
    extra[["date", "date_by"]] = pd.Timestamp(2026, 1, 1)  # after GBR's ratification
    participation = pd.concat([atlas.participation, extra])
    stale = strongest_actions(participation).set_index(["party_id", "instrument_id"])
    assert not stale.at[("GBR", "test-convention"), "withdrew"]  # appended rows need the flag recomputed, as below
    participation = participation.assign(withdrawn=withdrawn_flags(participation))
    best = strongest_actions(participation).set_index(["party_id", "instrument_id"])
    assert bool(best.at[("GBR", "test-convention"), "withdrew"])
    assert bool(
        strongest_actions(participation.drop(columns="withdrawn"))
        .set_index(["party_id", "instrument_id"])
        .at[("GBR", "test-convention"), "withdrew"]
    )  # without the column it is computed on the spot
    assert "GBR" not in diff(participation, "test-convention", "test-declaration").both


def test_matrix_table_totals_and_sorting(atlas):
    table = matrix_table(atlas.participation, atlas.parties, atlas.instruments, sort="count")
    assert table.index[0] == "GBR"  # two instruments
    assert table.at["GBR", "total"] == 2
    assert table.at["GBR", "test-convention"] == "ratified"
    assert pd.isna(table.at["KEN", "test-convention"])
    by_region = matrix_table(atlas.participation, atlas.parties, atlas.instruments, sort="region")
    assert by_region["region"].tolist() == sorted(by_region["region"].tolist())


def test_matrix_figure_labels_carry_totals(atlas):
    fig = matrix_figure(atlas.participation, atlas.parties, atlas.instruments, asof=atlas.asof, sort="name")
    heatmap = fig.data[0]
    assert "Test Convention (3)" in heatmap.x
    assert "United Kingdom (2)" in heatmap.y
    assert fig.layout.title.text.startswith("Who joined what")


def test_diff_sets(atlas):
    result = diff(atlas.participation, "test-convention", "test-declaration")
    assert result.both == ("GBR",)
    assert result.only_first == ("EUU", "USA")
    assert result.only_second == ("KEN", "NAM")


def test_cell_colour_band_is_the_actions_band(atlas):
    from components.charts.matrix import ACTION_COLOURS, ACTION_STRENGTH

    fig = matrix_figure(atlas.participation, atlas.parties, atlas.instruments, asof=atlas.asof, sort="name")
    heatmap = fig.data[0]
    row = [y.split(" (")[0] for y in heatmap.y].index("United Kingdom")
    column = [x.split(" (")[0] for x in heatmap.x].index("Test Convention")
    code = heatmap.z[row][column]
    assert ACTION_STRENGTH[int(code)] == "ratified"
    n = len(ACTION_STRENGTH)
    band = dict(heatmap.colorscale)[code / n]  # zmin -0.5 / zmax n-0.5: a code sits inside its band
    assert band == ACTION_COLOURS["ratified"] or heatmap.colorscale[2 * int(code)][1] == ACTION_COLOURS["ratified"]
    legend = [t.name for t in fig.data[1:]]
    assert (
        legend == ["Ratified", "Signed", "Founding member", "Endorsed", "Committed"][: len(legend)]
        or "Ratified" in legend
    )


def test_a_withdrawal_before_rejoining_does_not_count():
    from components.model.counting import party_counts
    from components.model.participation import withdrawn_pairs

    rows = pd.DataFrame(
        {
            "party_id": ["USA", "USA", "USA"],
            "instrument_id": ["x", "x", "x"],
            "action": ["member", "withdrew", "member"],
            "date_by": pd.to_datetime(["2020-01-01", "2021-01-01", "2023-01-01"]),
        }
    )
    assert withdrawn_pairs(rows) == set()
    assert party_counts(rows)["x"] == 1
    assert withdrawn_pairs(rows.iloc[:2]) == {("USA", "x")}
    assert party_counts(rows.iloc[:2]).get("x", 0) == 0


def test_strongest_actions_of_nothing_is_an_empty_frame_with_a_boolean_flag(atlas):
    best = strongest_actions(atlas.participation.iloc[0:0])
    assert best.empty and best["withdrew"].dtype == bool
    assert best[~best["withdrew"]].columns.tolist() == best.columns.tolist()


def test_rows_appended_without_the_withdrawn_flag_are_computed_not_assumed(atlas):
    extra = atlas.participation.iloc[[0]].drop(columns="withdrawn").assign(party_id="KEN")
    participation = pd.concat([atlas.participation, extra], ignore_index=True)  # the new row's flag is NaN
    best = strongest_actions(participation).set_index(["party_id", "instrument_id"])
    assert not best.at[("KEN", extra["instrument_id"].iloc[0]), "withdrew"]
