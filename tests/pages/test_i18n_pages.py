"""Every view runs in French and Spanish; the language is part of the address (issue 20, first part)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import page_cases, run

CASES = page_cases()


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0].name)
def test_every_view_runs_in_french_and_spanish(case, lang):
    view, need = case
    at = run(view.script, {**need, "lang": lang})
    assert not at.exception, at.exception
    assert at.query_params["lang"] == [lang] or at.query_params["lang"] == lang  # kept in the address


def test_the_overview_chart_names_legal_force_in_french():
    at = run("views/overview.py", {"lang": "fr"})
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    labels = {str(y) for spec in specs for trace in spec["data"] for y in trace.get("y", [])}
    assert {"Juridiquement contraignant", "Engagement politique"} <= labels, labels
    assert any("décembre" in str(c.value) or "novembre" in str(c.value) for c in at.caption), "a date in French"


def test_an_unknown_language_is_named_and_english_is_shown():
    at = run("views/timeline.py", {"lang": "de"})
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "lang" in notices and "de" in notices
    assert "lang" not in at.query_params  # dropped from the address after the notice


def test_the_sidebar_picker_writes_the_language_into_the_address():
    at = run("views/signatories.py")
    assert at.selectbox(key="lang_picker").value == "en"
    at.selectbox(key="lang_picker").set_value("es").run()
    assert not at.exception
    assert at.query_params["lang"] in ("es", ["es"])
    assert at.selectbox(key="lang_picker").label == "Idioma"
