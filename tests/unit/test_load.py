"""The loader's types and derived columns."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from components.data.validate import DataPackageError
from components.model.atlas import load_atlas
from tests.conftest import VALID, overlay


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def test_vocabularies_are_categoricals(atlas):
    legal_force = atlas.instruments["legal_force"]
    assert isinstance(legal_force.dtype, pd.CategoricalDtype)
    assert legal_force.cat.ordered
    assert list(legal_force.cat.categories)[0] == "legally_binding"
    assert legal_force.min() == "legally_binding"
    assert isinstance(atlas.participation["action"].dtype, pd.CategoricalDtype)


def test_dates_are_timestamps_with_labels_keeping_precision(atlas):
    instruments = atlas.instruments.set_index("id")
    assert instruments.at["test-convention", "adopted"] == pd.Timestamp("2024-05-17")
    assert instruments.at["test-declaration", "adopted"] == pd.Timestamp("2023-11-01")
    assert instruments.at["test-declaration", "adopted_label"] == "2023-11"
    assert pd.isna(instruments.at["test-convention", "entry_into_force"])


def test_themes_are_lists(atlas):
    themes = atlas.instruments.set_index("id")["themes"]
    assert themes["test-commitments"] == ["safety", "transparency"]


def test_state_groupings_come_from_library_and_groupings_table(atlas):
    parties = atlas.parties.set_index("id")
    assert {"G7", "G20", "OECD"} <= set(parties.at["GBR", "groups"])
    assert "EU" not in parties.at["GBR", "groups"]
    assert parties.at["NAM", "groups"] == ["AU"]  # Namibia's ISO2 'NA' must not be read as missing
    assert parties.at["KEN", "region"] == "Eastern Africa"
    assert parties.at["example-ai", "groups"] == []


def test_income_group_is_an_ordered_categorical_on_parties(atlas):
    parties = atlas.parties.set_index("id")
    assert parties.at["KEN", "income_group"] == "lower_middle"
    assert pd.isna(parties.at["USA", "income_group"])  # not in the fixture's income table
    assert parties["income_group"].cat.ordered
    codes = parties["income_group"].cat.codes
    assert codes["GBR"] > codes["KEN"]  # high ranks above lower-middle


def test_asof_is_latest_checked_date(atlas):
    assert atlas.asof == dt.date(2026, 11, 2)


def test_invalid_package_raises_with_every_problem(tmp_path):
    with pytest.raises(DataPackageError) as info:
        load_atlas(overlay("unknown_party_reference", tmp_path / "pkg"))
    assert any(p.column == "party_id" and p.row == 4 for p in info.value.problems)


def test_env_var_points_loader_at_another_package(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    assert len(load_atlas().instruments) == 3


def test_g20_is_the_nineteen_member_countries():
    from components.data.country_codes import country_table

    g20 = set(country_table().query("G20").index)
    assert len(g20) == 19
    assert {"FRA", "DEU", "ITA", "USA", "CHN", "IND", "ZAF", "ARG"} <= g20
    assert not {"AUT", "NLD", "POL"} & g20  # EU members take part through the EU
