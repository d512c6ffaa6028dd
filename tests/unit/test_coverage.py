"""Coverage figures computed from the fixture."""

from __future__ import annotations

from components.model.atlas import load_atlas
from components.model.coverage import coverage_table, evidence_counts, party_list_counts
from tests.conftest import VALID


def test_evidence_counts_include_every_level():
    assert evidence_counts(load_atlas(VALID)) == {"official": 8, "secondary": 0, "unverified": 0}


def test_party_list_counts():
    assert party_list_counts(load_atlas(VALID)) == {"complete": 3, "partial": 0, "not_recorded": 0}


def test_coverage_table_counts_distinct_parties_per_instrument():
    table = coverage_table(load_atlas(VALID)).set_index("Instrument")
    assert table.at["Test Convention", "Parties recorded"] == 3  # GBR signs and ratifies: one party
    assert table.at["Test Convention", "Official rows"] == 4
