"""The seed documents' tables rebuilt as published."""

from __future__ import annotations

from components.model.assessments import catalogue, instruments_spoken_of, wide_table
from components.model.atlas import load_atlas
from tests.conftest import VALID


def test_catalogue_and_wide_table():
    atlas = load_atlas(VALID)
    tables = catalogue(atlas.assessments)
    assert tables.to_dict("records")[0] == {
        "table_id": "test-mechanisms",
        "title": "Mechanisms by binding effect",
        "seed_file": "000_test.txt",
        "source_url": "https://example.org/seed",
        "rows": 2,
        "columns": 2,
    }
    wide = wide_table(atlas.assessments, "test-mechanisms")
    assert wide.columns.tolist() == ["", "Binding effect"]
    assert wide.values.tolist() == [["Treaties", "Legally binding"], ["Declarations", "Political only"]]
    assert instruments_spoken_of(atlas.assessments, "test-mechanisms") == ["test-convention", "test-declaration"]
