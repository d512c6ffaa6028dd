"""Binding vs soft law: heatmap counts equal the number of matching instruments; cell listing; cumulative counts."""

from __future__ import annotations

import pytest

from components.charts.heatmap import cumulative_table, force_counts, heatmap_figure, instruments_in_cell
from components.model.atlas import load_atlas
from tests.conftest import VALID


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def counts(atlas, **options):
    return force_counts(atlas.instruments, atlas.participation, atlas.parties, **options)


def test_instruments_by_mechanism(atlas):
    table = counts(atlas, by="mechanism")
    assert table.at["legally_binding", "treaty"] == 1
    assert table.at["political_commitment", "soft_law"] == 1
    assert table.at["voluntary_self_regulation", "industry_led"] == 1
    assert table.to_numpy().sum() == len(atlas.instruments)


def test_instruments_by_theme_count_each_theme(atlas):
    table = counts(atlas, by="theme")
    assert table.at["voluntary_self_regulation", "transparency"] == 1
    assert table.at["legally_binding", "human_rights"] == 1
    assert table["safety"].sum() == 2


def test_commitments_count_party_instrument_pairs(atlas):
    table = counts(atlas, by="mechanism", measure="commitments")
    assert table.at["legally_binding", "treaty"] == 3  # GBR, USA, EUU (GBR's signature and ratification: one pair)
    assert table.at["political_commitment", "soft_law"] == 3


def test_by_region_uses_party_continents(atlas):
    table = counts(atlas, by="region", measure="commitments")
    assert table.at["political_commitment", "Africa"] == 2  # NAM, KEN
    assert table.at["legally_binding", "European Union"] == 1


def test_cell_lists_its_instruments(atlas):
    listed = instruments_in_cell(
        atlas.instruments,
        atlas.participation,
        atlas.parties,
        by="mechanism",
        legal_force="legally_binding",
        column="treaty",
    )
    assert listed["id"].tolist() == ["test-convention"]


def test_figure_and_cumulative(atlas):
    fig = heatmap_figure(atlas.instruments, atlas.participation, atlas.parties, asof=atlas.asof)
    table = counts(atlas, by="mechanism")
    heatmap = fig.data[0]
    for r, level in enumerate(table.index):
        for c, column in enumerate(table.columns):
            assert list(heatmap.customdata[r][c]) == [level, column]
            assert heatmap.z[r][c] == table.at[level, column]
    table = cumulative_table(atlas.instruments)
    assert table.iloc[-1]["Legally binding"] == 1 and table.iloc[-1]["Not legally binding"] == 2


def test_selected_cell_reads_selection_events():
    from components.charts.heatmap import selected_cell

    assert selected_cell({"selection": {"points": [{"customdata": ["legally_binding", "treaty"]}]}}) == (
        "legally_binding",
        "treaty",
    )
    assert selected_cell({"selection": {"points": []}}) is None
    assert selected_cell(object()) is None  # a chart that was not selectable
