"""Overlap of signatory sets on the fixture: shared counts, Jaccard, exact membership patterns."""

from __future__ import annotations

import pytest

from components.charts.overlap import membership_patterns, overlap_figure, overlap_table, patterns_figure
from components.model.atlas import load_atlas
from tests.conftest import VALID

PAIR = ("test-convention", "test-declaration")


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def test_shared_union_and_jaccard(atlas):
    table = overlap_table(atlas.participation, PAIR).set_index(["a", "b"])
    # convention: GBR, USA, EUU; declaration: GBR, NAM, KEN -> shared 1, union 5
    assert table.at[PAIR, "shared"] == 1
    assert table.at[PAIR, "union"] == 5
    assert table.at[PAIR, "jaccard"] == pytest.approx(0.2)
    assert table.at[(PAIR[0], PAIR[0]), "jaccard"] == 1.0


def test_membership_patterns_partition_the_parties(atlas):
    patterns = membership_patterns(atlas.participation, PAIR)
    by_key = {(row[PAIR[0]], row[PAIR[1]]): row["members"] for _, row in patterns.iterrows()}
    assert by_key[(True, True)] == ["GBR"]
    assert by_key[(True, False)] == ["EUU", "USA"]
    assert by_key[(False, True)] == ["KEN", "NAM"]
    assert patterns["parties"].sum() == 5


def test_figures(atlas):
    fig = overlap_figure(atlas.participation, PAIR, {}, asof=atlas.asof)
    assert fig.data[0].z[0][1] == pytest.approx(0.2)
    patterns = membership_patterns(atlas.participation, PAIR)
    fig = patterns_figure(patterns, PAIR, {}, {}, asof=atlas.asof)
    assert list(fig.data[0].y) == [2, 2, 1]
