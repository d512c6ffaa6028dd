"""What-if scenarios: applied purely (the data is unchanged), visible in views and labelled in exports."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from components.charts.matrix import strongest_actions
from components.model.atlas import load_atlas
from components.model.filters import Filters, apply_filters, describe
from components.model.query import Vocabulary, parse_query, to_query
from components.model.scenario import describe_scenario, read_scenario_yaml, scenario_yaml
from tests.conftest import VALID

SCENARIO = ("KEN:test-convention:signed", "USA:test-convention:withdrew")


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def test_scenario_changes_the_view_not_the_data(atlas):
    before = atlas.participation.copy()
    view = apply_filters(atlas, Filters(whatif=SCENARIO))
    pd.testing.assert_frame_equal(atlas.participation, before)  # nothing written into the real data
    best = strongest_actions(view.participation).set_index(["party_id", "instrument_id"])
    assert best.at[("KEN", "test-convention"), "action"] == "signed"
    assert bool(best.at[("USA", "test-convention"), "withdrew"])
    rows = view.participation
    assert rows.loc[rows["party_id"] == "KEN", "hypothetical"].any()
    assert not rows.loc[rows["party_id"] == "GBR", "hypothetical"].any()
    assert isinstance(rows["evidence"].dtype, pd.CategoricalDtype)


def test_scenario_in_the_url_with_notices(atlas):
    vocabulary = Vocabulary.of(atlas)
    parsed = parse_query({"whatif": "KEN:test-convention:signed,XX:nope:signed,broken"}, vocabulary)
    assert parsed.filters.whatif == ("KEN:test-convention:signed",)
    assert len(parsed.notices) == 2
    assert to_query(parsed.filters) == {"whatif": "KEN:test-convention:signed"}


def test_scenario_is_labelled_in_subtitles_and_shareable_as_yaml(atlas):
    text = describe(Filters(whatif=SCENARIO), dt.date(2026, 11, 2), {"KEN": "Kenya", "USA": "United States"})
    assert "SCENARIO: Kenya signed test-convention; United States withdrew from test-convention" in text
    assert read_scenario_yaml(scenario_yaml(SCENARIO)) == SCENARIO
    assert describe_scenario(SCENARIO, {}, {"test-convention": "TC"}) == "KEN signed TC; USA withdrew from TC"


def test_exports_of_a_scenario_mark_hypothetical_rows(atlas):
    from components.export.rows import participation_rows

    view = apply_filters(atlas, Filters(whatif=SCENARIO))
    rows = participation_rows(view.participation, atlas.parties, atlas.instruments)
    kenya = rows[rows["party_id"] == "KEN"].set_index("instrument_id")
    assert kenya.at["test-convention", "hypothetical"] and kenya.at["test-convention", "date"] == "hypothetical"
    assert not kenya.at["test-declaration", "hypothetical"]  # Kenya's real endorsement stays real


def test_hypothetical_cells_are_outlined_in_the_matrix(atlas):
    from components.charts.matrix import matrix_figure

    view = apply_filters(atlas, Filters(whatif=("KEN:test-convention:signed",)))
    fig = matrix_figure(view.participation, atlas.parties, atlas.instruments, asof=view.asof, sort="name")
    outline = [t for t in fig.data if t.name == "Hypothetical (scenario)"]
    assert len(outline) == 1 and outline[0].y[0].startswith("Kenya") and outline[0].x[0].startswith("Test Convention")


def test_malformed_scenario_files_name_the_problem():
    import pytest

    for text, message in [
        ("scenario: [{party: 'USA:x', instrument: a, action: signed}]", "action 1 needs"),
        ("scenario: [{party: USA, instrument: a}]", "action 1 needs"),
        ("scenario: [USA]", "action 1 needs"),
        ("scenario: nope", "no 'scenario' list"),
        ("- just a list", "no 'scenario' list"),
        ("scenario: [", "not readable YAML"),
        ("[" * 5000 + "]" * 5000, "not readable YAML"),
    ]:
        with pytest.raises(ValueError, match=message):
            read_scenario_yaml(text)
    assert describe_scenario(("USA:x", "KEN:test-convention:signed"), {}, {}) == "USA:x; KEN signed test-convention"
