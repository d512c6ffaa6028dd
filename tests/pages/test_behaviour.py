"""Page behaviour under AppTest: dates and options in the address, widgets writing the address back, sessions kept
apart, what-if scenarios, and each view's own cases (a diff, a profile, an assessment table)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import VALID
from tests.helpers import run, shown_tables, unfold


def test_overview_shows_headline_figures(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    at = run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Instruments"] == "3"
    assert metrics["Legally binding"] == "1"
    assert "data as of 2 November 2026" in at.code[0].value


@pytest.mark.parametrize("query", [{"asof": "1990-01-01"}, {"from": "1980"}, {"to": "2099"}])
def test_dates_outside_the_data_give_a_notice(query):
    at = run("views/timeline.py", query)
    assert not at.exception, at.exception
    assert at.warning


def test_clearing_the_asof_date_shows_the_data_as_of_date():
    at = run("views/timeline.py", {"asof": "2024-06-01"})
    at.text_input(key="f_asof_text").set_value("").run()
    assert not at.exception, at.exception
    assert "asof" not in at.query_params


def test_a_typed_date_applies_and_a_wrong_one_is_named_and_changes_nothing():
    at = run("views/landscape.py")
    at.text_input(key="f_asof_text").set_value("2024-01-01").run()  # what Enter (or leaving the field) sends
    assert not at.exception, at.exception
    assert at.query_params["asof"] == "2024-01-01"
    assert any("as of 1 January 2024" in i.value for i in at.info)  # the banner
    at.text_input(key="f_asof_text").set_value("2024-13-45").run()
    assert at.query_params["asof"] == "2024-01-01"  # unchanged
    [error] = at.error
    assert "`2024-13-45` is not a date" in error.value and "YYYY-MM-DD" in error.value
    assert at.text_input(key="f_asof_text").value == "2024-13-45"  # the entry is kept to correct it
    at.text_input(key="f_asof_text").set_value("1900/01/01").run()
    assert "outside it" in at.error[0].value and "asof" in at.query_params  # clamped to the first day, and said
    assert not at.date_input  # the calendar is drawn once its popover is opened
    at.session_state["f_asof_calendar_open"] = True
    at.run()
    at.date_input(key="f_asof_calendar").set_value(dt.date(2025, 2, 11)).run()  # the calendar
    assert at.query_params["asof"] == "2025-02-11" and at.text_input(key="f_asof_text").value == "2025-02-11"


def test_exact_from_date_is_kept():
    at = run("views/timeline.py", {"from": "2024-06-01"})
    assert not at.exception
    assert at.query_params["from"] == "2024-06-01"


def test_view_options_survive_a_page_switch():
    at = run("views/timeline.py", {"lane": "forum"})
    at.switch_page("views/landscape.py").run()
    at.switch_page("views/timeline.py").run()
    assert at.session_state["v_lane"] == "forum"


def test_view_options_are_read_from_the_url():
    at = run("views/timeline.py", {"lane": "forum"})
    assert at.session_state["v_lane"] == "forum"
    at = run("views/landscape.py", {"by": "theme", "measure": "commitments"})
    assert at.session_state["v_by"] == "theme"
    assert not at.warning


def test_changing_a_filter_writes_the_url():
    at = run("views/timeline.py")
    at.multiselect(key="f_group").set_value(["G7"]).run()
    assert at.query_params["group"] == "G7"
    at.button(key="reset_filters").click().run()
    assert "group" not in at.query_params


def test_signatories_diff_from_the_url():
    at = unfold(run("views/signatories.py", {"compare": "bletchley-declaration,paris-ai-action-statement"}))
    assert not at.exception
    tables = [t.rename(columns={"Set": "set"}) for t in shown_tables(at) if {"set", "Set"} & set(t.columns)]
    assert [set(t["set"]) for t in tables[:3]] == [
        {"Only Bletchley Declaration"},
        {"Both"},
        {"Only Paris AI Action Summit Statement"},
    ]  # one table per set
    assert len(tables[0]) == 7 and at.download_button(key="set_1_table_csv")  # …each with its own download
    assert set(tables[3]["set"]) == {"Both", "Only Bletchley Declaration", "Only Paris AI Action Summit Statement"}
    assert at.subheader[0].value == "Compare two instruments"  # the comparison comes first, the matrix after it
    assert any(m.value.startswith("**Only Bletchley Declaration (7):** Israel, Philippines") for m in at.markdown)


def test_comparing_an_instrument_outside_the_view_warns_instead_of_plotting():
    at = run(
        "views/signatories.py", {"compare": "bletchley-declaration,paris-ai-action-statement", "asof": "2024-06-01"}
    )
    assert not at.exception
    assert any("not in the current view" in w.value for w in at.warning)
    assert not any({"set", "Set"} & set(t.columns) for t in shown_tables(at))  # no comparison table


def test_heatmap_with_nothing_to_count_shows_an_empty_state():
    at = run("views/landscape.py", {"legal_force": "no_commitment", "by": "region"})
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("No instruments" in i.value for i in at.info)


def test_party_filter_keeps_that_partys_bilateral_partnerships():
    at = run("views/institutes.py", {"party": "GBR"})
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3  # map, founding timeline and the partnerships matrix


@pytest.mark.parametrize("party", ["BRA", "EUU", "openai", "USA,CHN,IND", "GBR,USA,FRA,DEU,JPN", "ABW", "oecd"])
def test_country_profiles_and_comparisons(party):
    at = run("views/countries.py", {"party": party})
    assert not at.exception, at.exception
    assert at.get("plotly_chart") or party in ("ABW", "oecd")  # parties without commitments get a notice
    if party == "BRA":
        assert at.metric[0].value == str(shown_tables(at)[0].shape[0])  # instruments joined = rows listed


def test_assessment_table_from_the_url():
    at = run("views/assessments.py", {"table": "seed001-barriers"})
    assert not at.exception
    assert "assessments published by the named sources" in at.info[0].value
    table = shown_tables(at)[0]
    assert len(table) == 5


@pytest.mark.parametrize("query", [{"forum": "Bilateral"}, {"forum": "Industry"}, {"group": "G77"}, {"party": "USA"}])
def test_gaps_survive_any_filter(query):
    at = run("views/gaps.py", query)
    assert not at.exception, at.exception


def test_country_with_early_asof():
    at = run("views/countries.py", {"party": "USA,CHN", "asof": "2016-01-01"})
    assert not at.exception, at.exception


def test_an_upload_belongs_to_its_own_session(tmp_path):
    from components.data.upload import check_upload
    from tests.conftest import VALID

    result = check_upload(
        {"instruments.csv": (VALID / "instruments.csv").read_bytes()}, base_dir=VALID, workdir=tmp_path
    )
    assert result.ok
    mine = run()
    mine.session_state["_uploaded_data_dir"] = str(result.data_dir)
    mine.run()
    other = run()
    assert {m.label: m.value for m in mine.metric}["Instruments"] == "3"  # the uploaded (fixture) package
    assert {m.label: m.value for m in other.metric}["Instruments"] != "3"  # another session: the bundled data
    assert any("your uploaded data" in i.value for i in mine.info)
    assert not any("your uploaded data" in i.value for i in other.info)


def test_what_if_scenario_is_announced_and_labels_the_charts():
    at = run("views/signatories.py", {"whatif": "IND:coe-framework-convention-ai:signed"})
    assert not at.exception, at.exception
    assert any("SCENARIO" in w.value and "India signed" in w.value for w in at.warning)
    assert at.query_params["whatif"] == "IND:coe-framework-convention-ai:signed"
    other = run("views/signatories.py")
    assert not any("SCENARIO" in w.value for w in other.warning)  # another session: the real data


def test_many_bad_parameters_give_a_few_notices_and_a_count(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    query = {"whatif": ",".join(f"bad{i}" for i in range(30)), **{f"junk{i}": "1" for i in range(30)}}
    at = run("views/timeline.py", query)
    assert not at.exception
    notices = [w.value for w in at.warning]
    assert notices[0].startswith("Unknown parameters `junk0`") and "and 25 more" in notices[0]
    assert len(notices) == 6 and "26 more problems in the address" in notices[-1]


def test_a_view_of_an_earlier_date_says_so_and_returns_in_one_click():
    at = run("views/landscape.py", {"asof": "2024-01-01"})
    banner = [i.value for i in at.info if i.value.startswith("Viewing the Atlas **as of 1 January 2024**")]
    from components.data.dates import in_words
    from components.model.atlas import load_atlas

    assert banner and f"The data goes to {in_words(load_atlas().asof)}" in banner[0]
    at.button(key="asof_latest").click().run()
    assert not at.exception
    assert "asof" not in at.query_params
    assert not any(i.value.startswith("Viewing the Atlas") for i in at.info)
    brief = run("views/landscape.py", {"asof": "2024-01-01", "layout": "brief"})
    assert not any(i.value.startswith("Viewing the Atlas") for i in brief.info)  # a briefing picture stays clean
