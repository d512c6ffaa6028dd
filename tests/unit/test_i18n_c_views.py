"""Issue 20, helper C: the countries, gaps, industry, assessments, changes, freshness and data views say everything
of their own through the translation function. Built in the pseudo-locale (every translated string in ⟦ ⟧), their
headings, notices, folded sections, metrics, downloads, chart titles and axes, text summaries and table headers are
wrapped; a fake French catalog shows the same strings, and dates, in French; English is unchanged."""

from __future__ import annotations

import pytest

from components.content.base import Chart, Download, Heading, Metrics, Notice, Section, Text, walk
from components.content.registry import view, views
from components.data import i18n
from components.data.i18n import CLOSE, OPEN, speaking
from components.model.filters import Filters
from components.text import md

CASES = {v.name: {} for v in views()}  # view -> options (the views' defaults otherwise): every view of the registry
PARTY = {"countries-one": ("BRA",), "countries-compare": ("USA", "CHN", "IND")}
RENAMED_TABLES = {  # tables whose headers the views name themselves: every header is translated
    "commitments_table", "peer_gaps_table", "share_table", "region_table", "binding_table", "linked_table",
}  # fmt: skip


def build(atlas, name: str, party: tuple[str, ...] = (), **options):
    return view(name).build(atlas, Filters(party=party), {k: (v,) for k, v in options.items()})


def wrapped(text: str) -> bool:
    return OPEN in str(text) and CLOSE in str(text)


def interface(content, data: set[str]):
    """(kind, text) of every text a view writes itself (not a data value in `data`, e.g. a party's name heading)."""
    if content.subtitle:
        yield "subtitle", content.subtitle
    for block in walk(content.blocks):
        if isinstance(block, Heading | Notice) and block.text not in data:
            yield type(block).__name__, block.text
        elif isinstance(block, Section):
            yield "Section", block.title
        elif isinstance(block, Metrics):
            yield from (("Metric", m.label) for m in block.items)
        elif isinstance(block, Download):
            yield "Download", block.label
        elif isinstance(block, Chart):
            yield "Chart.title", block.figure.layout.title.text
            yield "Chart.summary", block.summary
            for axis in ("xaxis", "yaxis"):
                title = block.figure.layout[axis].title.text
                if title:
                    yield f"Chart.{axis}", title


@pytest.fixture(scope="module")
def pseudo(bundled_atlas):
    """Each case built in the pseudo-locale."""
    with speaking("en-XA"):
        out = {name: build(bundled_atlas, name, **options) for name, options in CASES.items()}
        out.update({name: build(bundled_atlas, "countries", party) for name, party in PARTY.items()})
    return out


@pytest.mark.parametrize("case", [*CASES, *PARTY])
def test_what_a_view_writes_itself_is_translated(pseudo, bundled_atlas, case):
    content = pseudo[case]
    names = {md(n) for n in bundled_atlas.parties["name"]} | {md(t) for t in bundled_atlas.assessments["table_title"]}
    texts = list(interface(content, names))
    assert texts, case
    bare = [(kind, text) for kind, text in texts if not wrapped(text)]
    assert not bare, bare


@pytest.mark.parametrize("case", [*CASES, *PARTY])
def test_the_headers_a_view_names_are_translated(pseudo, case):
    for key, table in pseudo[case].tables.items():
        if key in RENAMED_TABLES:
            assert all(wrapped(c) for c in table.data.columns), (key, list(table.data.columns))


def test_the_path_table_and_the_profile_texts(pseudo):
    content = pseudo["countries-one"]
    path = content.tables["path_table"].data
    assert {c for c in path.columns if not wrapped(c)} == set(), list(path.columns)
    texts = [b.text for b in walk(content.blocks) if isinstance(b, Text)]
    assert any(wrapped(t) and "(World Bank FY2026)" in t for t in texts)  # the card's line, one template
    chart = content.charts["peer_chart"]
    assert all(wrapped(t) for trace in chart.figure.data for t in trace.text)  # '15 of 18' on the bars
    assert all(wrapped(trace.hovertemplate) and "%{x}" in trace.hovertemplate for trace in chart.figure.data)


def test_the_us_china_chart_names_its_bars_in_the_language(pseudo):
    chart = pseudo["gaps"].charts["us_china_chart"]
    assert all(wrapped(x) for x in chart.figure.data[0].x)
    assert chart.rows["us_china"].isin(["Both", "United States only", "China only", "Neither"]).all()  # data stays


def test_the_events_table_keeps_its_links_column(pseudo):
    table = pseudo["changes"].tables["events"]
    assert "source_url" in table.data.columns and wrapped(table.links["source_url"])
    assert all(wrapped(c) for c in table.data.columns if c != "source_url")


def test_english_is_unchanged(bundled_atlas):
    plain = build(bundled_atlas, "gaps")
    with speaking("en"):
        again = build(bundled_atlas, "gaps")
    assert plain.text() == again.text() and OPEN not in plain.text()
    assert "Is the Global South in the room?" in plain.charts["share_chart"].title


# ---------------------------------------------------------------- French, with a catalog of our own


class _French:
    """A stand-in French catalog: a few strings translated, the rest marked so that a test sees they went through it."""

    WORDS = {
        "Fewest commitments": "Le moins d'engagements",
        "Is the Global South in the room?": "Le Sud global est-il dans la salle ?",
        "Where sources disagree": "Là où les sources divergent",
    }

    def gettext(self, message):
        return self.WORDS.get(message, f"fr:{message}")

    def ngettext(self, singular, plural, n):
        return f"fr:{singular if n == 1 else plural}"


@pytest.fixture
def french(monkeypatch):
    monkeypatch.setattr(i18n, "_translations", lambda code: _French())
    with speaking("fr"):
        yield


def test_a_french_build_shows_the_catalogs_words_and_french_dates(bundled_atlas, french):
    content = build(bundled_atlas, "gaps")
    headings = [b.text for b in walk(content.blocks) if isinstance(b, Heading)]
    assert "Le moins d'engagements" in headings and "Fewest commitments" not in content.text()
    assert content.charts["share_chart"].figure.layout.title.text.startswith("Le Sud global est-il dans la salle ?")
    fewest = next(
        b.text for b in walk(content.blocks) if isinstance(b, Text) and "UN member states have joined" in b.text
    )
    assert fewest.startswith("fr:**")
    assert f"{bundled_atlas.asof.day} décembre {bundled_atlas.asof.year}" in fewest  # long_date, in French
    assert content.subtitle.startswith("fr:**Global South**")
    freshness = build(bundled_atlas, "freshness")
    assert "Là où les sources divergent" in [b.text for b in walk(freshness.blocks) if isinstance(b, Heading)]


def test_the_months_of_what_changed_are_named_in_the_language():
    from components.content.changes import month_label

    assert month_label("2025-03") == "March 2025"
    with speaking("fr"):
        assert month_label("2025-03") == "mars 2025"
    with speaking("es"):
        assert month_label("2025-03") == "marzo de 2025"
    with speaking("en-XA"):
        assert wrapped(month_label("2025-03"))


def test_the_period_labels_of_freshness():
    from components.content.freshness import period_labels

    assert period_labels()["6"] == "6 months"
    with speaking("en-XA"):
        assert all(wrapped(v) for v in period_labels().values())


def test_the_peers_control_labels(bundled_atlas):
    from components.content.countries import peer_labels, peers_label

    assert peer_labels(bundled_atlas, Filters(party=("BRA",))) == {"region": "Same UN region (South America)"}
    with speaking("en-XA"):
        assert wrapped(peer_labels(bundled_atlas, Filters())["region"])
        assert peers_label(bundled_atlas, "BRA", "OECD") == f"{OPEN}OECD{CLOSE}"  # a grouping as the sidebar names it


def test_the_example_links_name_parties_in_the_language(bundled_atlas):
    from components.content.base import Links

    content = build(bundled_atlas, "countries")
    [links] = [b for b in walk(content.blocks) if isinstance(b, Links)]
    assert [label for label, _v, _q in links.items] == ["Brazil", "India", "Kenya", "United States, China and India"]
    with speaking("fr"):
        content = build(bundled_atlas, "countries")
    [links] = [b for b in walk(content.blocks) if isinstance(b, Links)]
    assert links.items[0][0] == "Brésil" and links.items[0][2] == {"party": "BRA"}


def test_module_notices_are_not_frozen_at_import(bundled_atlas):
    """Module constants are marked, not translated: two languages in a row each get their own words."""
    with speaking("en-XA"):
        first = build(bundled_atlas, "assessments")
    second = build(bundled_atlas, "assessments")
    assert wrapped(first.notices[0].text) and not wrapped(second.notices[0].text)
