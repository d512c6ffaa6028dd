"""Every view of the registry under AppTest (the real page scripts, headless): on the bundled data and the fixture
package, with filters, malformed and hostile addresses, filters that select nothing, and the briefing layout."""

from __future__ import annotations

import pytest

from components.model.query import NOTICE_CHARS
from components.text import md
from tests.conftest import VALID, overlay
from tests.helpers import page_cases, run, shown_tables

CASES = page_cases()
FILTERED = [(view, need) for view, need in CASES if view.filtered]


def ids(case) -> str:
    return case[0].name


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_view_runs_on_bundled_data_and_shows_its_content(case, bundled_atlas):
    view, need = case
    at = run(view.script, need)
    assert not at.exception, at.exception
    content = view.build(bundled_atlas, **({"filters": _filters(need, bundled_atlas)} if need else {}))
    shown = " ".join(t.value for t in at.title)
    assert content.title in shown
    assert len(at.get("plotly_chart")) == len(content.charts)  # every chart of its build, and only those
    captions = [c.value for c in at.caption]
    for chart in content.charts.values():  # each with its text summary under it
        assert md(chart.summary) in captions, chart.key


def _filters(need, atlas):
    from components.model.query import Vocabulary, parse_query

    return parse_query(need, Vocabulary.of(atlas)).filters


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_view_runs_on_the_fixture_package(case, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))
    view, _ = case
    at = run(view.script, {"party": "GBR"} if view.name == "countries" else {})
    assert not at.exception, at.exception


@pytest.mark.parametrize("case", FILTERED, ids=ids)
def test_view_runs_with_filters_in_the_url(case):
    view, need = case
    at = run(view.script, {**need, "group": "G20", "legal_force": "political_commitment,legally_binding",
                           "asof": "2024-06-01"})  # fmt: skip
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert at.query_params["group"] == "G20"
    assert at.session_state["f_group"] == ["G20"]


@pytest.mark.parametrize("case", FILTERED, ids=ids)
def test_malformed_parameters_give_a_notice_not_a_traceback(case):
    view, need = case
    at = run(view.script, {**need, "asof": "last-tuesday", "group": "G20,XYZ", "colour": "red"})
    assert not at.exception, at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "`asof=last-tuesday` is not a date" in notices
    assert "`XYZ`" in notices
    assert "Unknown parameter `colour`" in notices
    assert at.session_state["f_group"] == ["G20"]
    assert "colour" not in at.query_params  # the address is cleaned after the notice


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_a_hostile_address_is_named_not_obeyed(case):
    view, need = case
    hostile = {"<script>x</script>": "1", "group": "[x](javascript:alert(1))", "layout": "x" * 10_000, **need}
    at = run(view.script, hostile)
    assert not at.exception, at.exception
    notices = [w.value for w in at.warning]
    assert any("`<script>x</script>`" in n for n in notices), notices
    assert all(len(n) < 20 * NOTICE_CHARS for n in notices), "a long value was echoed back whole"
    assert "<script>x</script>" not in at.query_params


@pytest.mark.parametrize("case", FILTERED, ids=ids)
def test_filters_that_select_nothing_show_an_empty_state(case, bundled_atlas):
    view, need = case
    query = {**need, "asof": "2000-01-01", "theme": "military", "group": "ASEAN"}
    at = run(view.script, query)
    assert not at.exception, at.exception
    drawn = [chart.key for chart in at.get("plotly_chart")]
    # the countries view compares the party with its peers, read without the party filters: their chart may remain
    assert drawn in ([], ["peer_chart"] if view.name == "countries" else []), "no chart should be drawn for nothing"
    content = view.build(bundled_atlas, _filters(query, bundled_atlas))
    said = [n.text for n in content.notices if n.kind == "info"]
    assert said, f"{view.name} says nothing when nothing matches"
    shown = [i.value for i in at.info]
    assert all(text in shown for text in said), (said, shown)  # the view's own empty state, as its build says


@pytest.mark.parametrize("case", FILTERED, ids=ids)
def test_brief_layout_runs_and_hides_controls(case):
    view, need = case
    at = run(view.script, {**need, "layout": "brief", "group": "G20"})
    assert not at.exception, at.exception
    assert not at.warning
    assert not at.title  # charts only
    own = [w for kind in ("multiselect", "selectbox", "segmented_control") for w in at.get(kind)
           if (w.key or "").startswith("v_")]  # fmt: skip
    assert not own, [w.key for w in own]  # the view's own controls stay off a briefing picture
    assert at.query_params["layout"] == "brief"


def test_invalid_package_shows_problems_not_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(overlay("unknown_party_reference", tmp_path / "pkg")))
    at = run()
    assert not at.exception
    assert "did not pass validation" in at.error[0].value
    problems = shown_tables(at)[0]
    assert ((problems["file"] == "participation.csv") & (problems["row"] == 4)).any()


def test_missing_data_folder_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(tmp_path / "nowhere"))
    at = run()
    assert not at.exception
    assert "does not exist" in at.error[0].value


def test_a_page_without_filters_names_and_drops_what_its_address_cannot_hold():
    at = run("views/freshness.py", {"months": "5", "group": "G20", "v": "1999.1.0"})
    assert not at.exception, at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "no filters in its address: `group`" in notices
    assert "`months`: unknown value(s) `5`" in notices and "`v`: unknown value(s) `1999.1.0`" in notices
    assert dict(at.query_params) == {}  # the default period is not written; the bad values are gone
    at = run("views/freshness.py", {"months": "24"})
    assert not at.warning and at.query_params["months"] == "24"
    assert at.session_state["v_months"] == "24"
