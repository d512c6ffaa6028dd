"""Headline figures and the overview chart, computed from the fixture."""

from __future__ import annotations

from components.charts.overview import headline, instruments_by_legal_force, latest_instruments, legal_force_chart
from components.model.atlas import load_atlas
from tests.conftest import VALID


def test_headline_counts():
    figures = headline(load_atlas(VALID))
    assert figures.instruments == 3
    assert figures.binding_instruments == 1
    assert figures.states == 4  # GBR and USA sign the convention, NAM and KEN endorse the declaration
    assert figures.organisations == 1
    assert figures.companies == 1
    assert figures.institutes == 1


def test_legal_force_table_keeps_every_level_in_order():
    table = instruments_by_legal_force(load_atlas(VALID))
    assert table["legal_force"].tolist()[0] == "legally_binding"
    assert table["legal_force"].tolist()[-2:] == ["voluntary_self_regulation", "no_commitment"]
    assert table.set_index("legal_force")["instruments"].to_dict() == {
        "legally_binding": 1,
        "institutional_soft_law": 0,
        "political_commitment": 1,
        "cooperation_arrangement": 0,
        "voluntary_self_regulation": 1,
        "no_commitment": 0,
    }


def test_chart_carries_title_and_source_line_with_asof():
    fig = legal_force_chart(load_atlas(VALID))
    assert fig.layout.title.text == "Instruments by legal force"
    source = [a.text for a in fig.layout.annotations if a.name == "source"]
    assert source and "data as of 2 November 2026" in source[0]


def test_latest_instruments_newest_first_with_party_counts():
    table = latest_instruments(load_atlas(VALID))
    assert table["Instrument"].tolist()[0] == "Test Convention on AI"
    assert table.set_index("Instrument").at["Test Convention on AI", "Parties"] == 3
