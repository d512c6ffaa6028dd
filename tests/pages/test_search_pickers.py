"""Long lists are searched on the server (components/ui/pickers.py): here SEARCH_ABOVE is set below the bundled
data's 323 parties and 103 instruments, so the pickers behave as they do with a dataset of thousands."""

from __future__ import annotations

import pytest

import components.ui.pickers as pickers
from tests.helpers import run, typed


@pytest.fixture
def searched(monkeypatch):
    monkeypatch.setattr(pickers, "SEARCH_ABOVE", 50)


def test_the_countries_picker_sends_a_short_list_and_finds_a_typed_name(searched):
    at = run("views/countries.py")
    box = at.selectbox(key="f_party_one")
    assert len(box.options) == pickers.OFFERED < 323  # the most active parties, not all 323
    assert "United States (USA)" in box.options and "Tuvalu (TUV)" not in box.options
    typed(box, "brazil").run()  # any case, the whole name
    assert not at.exception
    assert at.query_params["party"] == "BRA"
    assert at.selectbox(key="f_party_one").value == "BRA"
    assert any("Brazil" in t.value for t in [*at.subheader, *at.markdown, *at.caption])


def test_a_code_a_unique_part_or_a_listed_label_each_choose_one_party(searched):
    for text, party in [("KEN", "KEN"), ("tuval", "TUV"), ("Kenya (KEN)", "KEN")]:
        at = run("views/countries.py")
        typed(at.selectbox(key="f_party_one"), text).run()
        assert not at.exception and at.query_params["party"] == party, text


def test_several_matches_are_offered_and_none_is_chosen(searched):
    at = run("views/countries.py", {"party": "BRA"})
    typed(at.selectbox(key="f_party_one"), "united").run()
    assert not at.exception
    assert at.query_params["party"] == "BRA"  # unchanged: "united" names no one party
    [note] = [i.value for i in at.info if "match" in i.value]
    assert "match “united”" in note and "pick one" in note
    options = at.selectbox(key="f_party_one").options
    assert {"United Kingdom (GBR)", "United States (USA)", "United Arab Emirates (ARE)"} <= set(options[:10])


def test_no_match_is_named_with_the_closest_names(searched):
    at = run("views/countries.py", {"party": "BRA"})
    typed(at.selectbox(key="f_party_one"), "Brazl").run()
    assert not at.exception and at.query_params["party"] == "BRA"
    [note] = [i.value for i in at.info if "matches" in i.value]
    assert "No party matches “Brazl”" in note and "Did you mean Brazil" in note


def test_the_sidebar_party_filter_and_an_instrument_list_search_too(searched):
    at = run("views/timeline.py")
    picker = at.multiselect(key="f_party")
    assert len(picker.options) == pickers.OFFERED
    typed(picker, "Kenya").run()
    assert not at.exception and at.query_params["party"] == "KEN"
    typed(at.multiselect(key="f_party"), "japan").run()
    assert at.query_params["party"] == "KEN,JPN"  # added to what was chosen

    sig = run("views/signatories.py")
    compare = sig.multiselect(key="v_compare")
    assert len(compare.options) <= pickers.OFFERED
    typed(compare, "bletchley").run()
    typed(sig.multiselect(key="v_compare"), "Paris AI Action Summit Statement").run()
    assert not sig.exception
    assert sig.query_params["compare"] == "bletchley-declaration,paris-ai-action-statement"
    assert sig.subheader[0].value == "Compare two instruments"
