"""Gaps computations on the fixture: Global South share, US-China co-participation, fewest, time to binding."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from components.charts.gaps import fewest_commitments, global_south_share, time_to_binding, us_china
from components.model.atlas import load_atlas
from tests.conftest import VALID


@pytest.fixture(scope="module")
def atlas():
    atlas = load_atlas(VALID)
    parties = atlas.parties.copy()
    parties.loc[parties["id"] == "KEN", "groups"] = pd.Series(
        [["AU", "G77"]], index=parties.index[parties["id"] == "KEN"]
    )
    return dataclasses.replace(atlas, parties=parties)


def test_global_south_share_counts_states_only(atlas):
    table = global_south_share(atlas.participation, atlas.parties, atlas.instruments).set_index("instrument_id")
    # declaration: GBR, NAM, KEN; KEN is G77 in this fixture -> 1 of 3; low/middle income: KEN, NAM -> 2 of 3
    assert table.at["test-declaration", "states"] == 3
    assert table.at["test-declaration", "global_south"] == 1
    assert table.at["test-declaration", "global_south_share"] == pytest.approx(1 / 3)
    assert table.at["test-declaration", "developing_share"] == pytest.approx(2 / 3)
    assert table.at["test-convention", "states"] == 2  # GBR, USA; the EU is not a state
    assert "test-commitments" not in table.index  # companies only


def test_us_china(atlas):
    table = us_china(atlas.participation, atlas.instruments, atlas.parties).set_index("instrument_id")["us_china"]
    assert table["test-convention"] == "United States only"
    assert table["test-declaration"] == "Neither"
    assert "test-commitments" not in table.index


def test_the_eu_is_not_a_state_for_us_china(atlas):
    import pandas as pd

    eu_only = atlas.participation[atlas.participation["party_id"] == "EUU"].assign(instrument_id="test-commitments")
    participation = pd.concat([atlas.participation, eu_only])
    table = us_china(participation, atlas.instruments, atlas.parties)
    assert "test-commitments" not in set(table["instrument_id"])


def test_un_share_reference_counts_un_members_only(atlas):
    from components.charts.gaps import un_share

    assert un_share(atlas.parties) == (1, 4)  # KEN of GBR, USA, NAM, KEN


def test_assembly_adoption_is_not_a_commitment(atlas):
    import pandas as pd

    extra = atlas.participation.iloc[[0]].assign(party_id="NAM")
    extra["action"] = pd.Categorical(["adopted"], categories=atlas.participation["action"].cat.categories)
    table = fewest_commitments(pd.concat([atlas.participation, extra]), atlas.parties, n=1).set_index("id")
    assert table.at["NAM", "instruments"] == 1  # the declaration only


def test_fewest_commitments_are_un_members_with_ties(atlas):
    table = fewest_commitments(atlas.participation, atlas.parties, n=1)
    assert table["instruments"].tolist() == [1, 1, 1]  # KEN, NAM, USA tie at one instrument
    assert set(table["id"]) == {"KEN", "NAM", "USA"}


def test_time_to_binding_per_forum(atlas):
    table = time_to_binding(atlas.instruments).set_index("forum")
    assert table.at["Council of Europe", "years"] == 0.0
    assert table.at["AI Safety Summit series", "first_binding"] == "none yet"
    assert "Industry" not in table.index
    assert time_to_binding(atlas.instruments.iloc[0:0]).empty  # no instruments: an empty table, not an error


def test_by_region(atlas):
    from components.charts.gaps import by_region

    table = by_region(atlas.participation, atlas.parties).set_index("region")
    assert table.at["Africa", "states"] == 2 and table.at["Africa", "with_any"] == 2
    assert table.at["Europe", "median"] == 2  # GBR: convention and declaration
