"""The Streamlit shell in the view's language (issue 20): the sidebar's filters and what-if panel, the notices of the
frame, a chart's downloads and citation, a tour step's controls, built in the pseudo-locale (every string wrapped in
⟦ ⟧) and in French with the staged translations (docs/research/issue20/po/A.json)."""

from __future__ import annotations

from types import SimpleNamespace

from components.data.i18n import CLOSE, OPEN, speaking
from tests.helpers import run
from tests.pseudo import page_texts, untranslated
from tests.unit.test_i18n_shell import use_staged

SCENARIO = "IND:coe-framework-convention-ai:signed"


def wrapped(text: str) -> bool:
    return text.startswith(OPEN) and text.endswith(CLOSE)


def opened(query: dict, lang: str):
    """The overview with its what-if panel and its first chart's 'Download or cite' section open. AppTest formats a
    widget's value in the test's thread: the reruns speak the page's language too."""
    at = run("views/overview.py", {**query, "lang": lang})
    at.session_state["whatif_open"] = True
    for key in [k for k in at.session_state.keys() if str(k).endswith("_cite")][:1]:
        at.session_state[key] = True
    with speaking(lang):
        at.run()
    assert not at.exception, at.exception
    return at


def test_the_sidebar_keeps_no_hard_coded_string_in_the_pseudo_locale():
    at = opened({"asof": "2024-01-01", "whatif": SCENARIO}, "en-XA")
    assert untranslated(page_texts(SimpleNamespace(_tree=at.sidebar))) == {}
    labels = {w.label for w in [*at.sidebar.multiselect, *at.sidebar.selectbox, *at.sidebar.button]}
    assert f"{OPEN}Reset filters{CLOSE}" in labels and f"{OPEN}Add to the scenario{CLOSE}" in labels
    assert any(c.value.startswith(f"{OPEN}Data as of **") for c in at.sidebar.caption)


def test_the_frame_notices_and_a_charts_downloads_are_wrapped():
    at = opened({"asof": "2024-01-01", "whatif": SCENARIO}, "en-XA")
    assert any(wrapped(i.value) and "Viewing the Atlas **as of" in i.value for i in at.info)  # the as-of banner
    assert any(wrapped(w.value) and w.value.startswith(f"{OPEN}**SCENARIO** — ") for w in at.warning)
    assert f"{OPEN}Download or cite this chart{CLOSE}" in [e.label for e in at.expander]
    assert [r.label for r in at.radio] == [f"{OPEN}Image size{CLOSE}"]
    assert f"{OPEN}Slide{CLOSE} (1600×900)" in at.radio[0].options
    downloads = {b.proto.label for b in at.get("download_button")}
    assert {f"{OPEN}Data (CSV){CLOSE}", f"{OPEN}Data (XLSX){CLOSE}"} <= downloads
    assert f"{OPEN}**Cite this view**{CLOSE}" in [m.value for m in at.markdown]
    assert any(wrapped(c.value) and "Briefing layout" in c.value for c in at.caption)


def test_the_sidebar_and_a_charts_downloads_speak_french(monkeypatch):
    use_staged(monkeypatch)
    at = opened({"asof": "2024-01-01"}, "fr")
    assert "Réinitialiser les filtres" in [b.label for b in at.sidebar.button]
    assert any(c.value.startswith("Données au **") and "décembre" in c.value for c in at.sidebar.caption)
    assert at.text_input(key="f_asof_text").label == "À la date du"
    assert {m.placeholder for m in at.sidebar.multiselect} >= {"Tous"}
    assert any(i.value.startswith("Vous consultez l'Atlas **au 1 janvier 2024**") for i in at.info)
    assert at.radio[0].label == "Taille de l'image" and "Diapositive (1600×900)" in at.radio[0].options
    assert "Scénario hypothétique" in [e.label for e in at.expander]


def test_a_callbacks_notice_speaks_the_pages_language():
    """A callback runs before the page's script sets the language: it sets it itself (a wrong date typed)."""
    at = run("views/timeline.py", {"lang": "en-XA"})
    with speaking("en-XA"):
        at.text_input(key="f_asof_text").set_value("nonsense").run()
    assert [e.value for e in at.error] == [
        f"{OPEN}`nonsense` is not a date. Type it as YYYY-MM-DD, for example 2024-01-01; the view stays as it was.{CLOSE}"
    ]


def test_a_plain_pages_address_notice_and_the_upload_notice_are_wrapped():
    at = run("views/freshness.py", {"junk": "1", "lang": "en-XA"})
    assert any(wrapped(w.value) and "This page has no filters in its address" in w.value for w in at.warning)
    from components.model.atlas import data_dir_from_env
    from components.ui.source import UPLOAD_KEY

    at.session_state[UPLOAD_KEY] = str(data_dir_from_env())  # the bundled package, as if uploaded
    with speaking("en-XA"):
        at.run()
    assert any(wrapped(i.value) and "your uploaded data" in i.value for i in at.info)


def test_a_tour_steps_header_and_controls_are_wrapped():
    from components.content.registry import tour_views
    from components.content.tours import load_tours, step_query

    tour = load_tours()[0]["bletchley-to-paris"]
    at = run(tour_views()[tour.steps[1].view].script, {**step_query(tour, 2), "lang": "en-XA"})
    assert not at.exception, at.exception
    assert any(wrapped(c.value) and "· step 2 of" in c.value for c in at.caption)
    texts = " ".join(m.value for m in at.markdown)
    assert f"{OPEN}**Question for the room:** " in texts
    assert f">{OPEN}Next →{CLOSE}</a>" in texts and f">{OPEN}← Previous{CLOSE}</a>" in texts
