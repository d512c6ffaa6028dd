"""Issue 20, helper B: the overview, timeline, signatories, overlap, landscape and institutes views, their charts and
the panels they share say everything of their own through the translation function.

Built in the pseudo-locale (every translated string in ⟦ ⟧), their subtitles, headings, notices, sections, metrics,
chart titles, axes, legends, trace names, hovers, source lines and text summaries are wrapped. With a catalog made
from the staged French and Spanish translations (docs/research/issue20/po/B.json), the same builds read in French and
Spanish, numbers and dates included, and no hover names a month in English; English is unchanged."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from components.content.base import Chart, Heading, Metrics, Notice, Section, Text, names_list, walk
from components.content.registry import view
from components.data import i18n
from components.data.i18n import CLOSE, OPEN, speaking
from components.model.filters import Filters

STAGED = Path(__file__).resolve().parents[2] / "docs" / "research" / "issue20" / "po" / "B.json"
PAIR = ("bletchley-declaration", "paris-ai-action-statement")
CASES = [  # (case, view, options): one tuple per build, so that no literal lists the views (tests/unit/test_registry)
    ("overview", "overview", {}),
    ("timeline", "timeline", {"lane": ("mechanism",)}),
    ("timeline-forum", "timeline", {"lane": ("forum",)}),
    ("signatories", "signatories", {"compare": PAIR, "focus": ("differ",)}),
    ("signatories-one", "signatories", {"compare": PAIR[:1]}),
    ("overlap", "overlap", {"measure": ("shared",)}),
    ("landscape", "landscape", {}),
    ("landscape-theme", "landscape", {"by": ("theme",), "measure": ("instruments",)}),
    ("landscape-region", "landscape", {"by": ("region",), "measure": ("commitments",)}),
    ("institutes", "institutes", {}),
]
MONTHS = re.compile(r"%\{[^}|]*\|[^}]*%[bB]")  # a plotly date format that writes English month names


def options_of(atlas, name: str, options: dict) -> dict:
    """The view's options: its defaults, with `options` over them (what a detail panel reads)."""
    return {**{p.name: p.default for p in view(name).params(atlas)}, **options}


def made(atlas, name: str, options: dict, filters: Filters | None = None):
    return view(name).build(atlas, filters or Filters(), options)


def wrapped(text) -> bool:
    return OPEN in str(text) and CLOSE in str(text)


def figure_texts(chart: Chart):
    """(where, text) of what a chart writes itself: title, axes, legend and colour bar titles, trace names and hovers
    that hold words, and its source line."""
    layout = chart.figure.layout
    yield "title", layout.title.text
    for axis in ("xaxis", "yaxis", "xaxis2", "yaxis2"):
        if axis in layout and layout[axis].title.text:
            yield axis, layout[axis].title.text
    if layout.legend.title.text:
        yield "legend", layout.legend.title.text
    for trace in chart.figure.data:
        if trace.name and trace.showlegend is not False:
            yield "trace.name", trace.name
        if trace.hovertemplate and re.search(r"[a-z]{3}", re.sub(r"%\{[^}]*\}|<[^>]+>", "", trace.hovertemplate)):
            yield "trace.hovertemplate", trace.hovertemplate
        title = getattr(trace, "legendgrouptitle", None)
        if title is not None and title.text:
            yield "legendgroup", title.text
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None and colorbar.title.text and colorbar.title.text != "Jaccard":
            yield "colorbar", colorbar.title.text
    source = next(a.text for a in layout.annotations if a.name == "source")
    yield "source", source.split("<br>")[0]


def interface(content):
    """(kind, text) of every text a view writes itself."""
    yield "subtitle", content.subtitle
    for block in walk(content.blocks):
        if isinstance(block, Notice):
            yield "Notice", block.text
        elif isinstance(block, Heading) and not block.text.startswith("**"):
            yield "Heading", block.text
        elif isinstance(block, Section) and block.title:
            yield "Section", block.title
        elif isinstance(block, Metrics):
            yield from (("Metric", m.label) for m in block.items)
            yield from (("Metric.help", m.help) for m in block.items if m.help)
        elif isinstance(block, Chart):
            yield "Chart.summary", block.summary
            yield from ((f"Chart.{where}", text) for where, text in figure_texts(block))


@pytest.fixture(scope="module")
def pseudo(bundled_atlas):
    with speaking("en-XA"):
        return {case: made(bundled_atlas, name, options) for case, name, options in CASES}


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_what_a_view_writes_itself_is_translated(pseudo, case):
    texts = list(interface(pseudo[case]))
    assert len(texts) > 3, case
    bare = [(kind, text) for kind, text in texts if not wrapped(text)]
    assert not bare, bare


def test_the_overview_says_how_firm_the_data_is_in_whole_sentences(pseudo):
    paragraphs = [b.text for b in walk(pseudo["overview"].blocks) if isinstance(b, Text)]
    firm = [p for p in paragraphs if "basis_rule" in p or "(freshness)" in p]
    assert len(firm) == 3 and all(p.startswith(OPEN) and p.endswith(CLOSE) for p in firm), firm  # one template each
    table = pseudo["overview"].tables["latest_instruments"]
    assert all(wrapped(c) for c in table.data.columns) and set(table.links) <= set(table.data.columns)


def test_the_matrix_hovers_and_marks_are_translated(pseudo):
    matrix = pseudo["signatories"].charts["matrix_chart"]
    cells = next(t for t in matrix.figure.data if t.customdata is not None)
    assert all(wrapped(text) for text in cells.text)  # every cell, whether it holds an action or none
    assert wrapped(matrix.summary.split(". ")[-1])  # the focused matrix says what it keeps, in the language
    diff = pseudo["signatories"].charts["diff_chart"]
    assert all(wrapped(x) for x in diff.figure.data[0].x)  # Only …, Both, Only …
    tables = pseudo["signatories"].tables
    assert set(tables["diff_table"].data["set"]) == set(diff.figure.data[0].x)  # the data file names the sets alike
    assert all(wrapped(c) for c in tables["matrix_table"].data.columns[:3])  # party, region, total


def test_an_incomplete_comparison_explains_itself(pseudo):
    notices = [b.text for b in walk(pseudo["signatories-one"].blocks) if isinstance(b, Notice)]
    assert notices and all(wrapped(n) for n in notices)


def test_the_detail_panels_are_translated(bundled_atlas):
    summit = bundled_atlas.events["id"].iloc[0]
    asked = [("timeline", "coe-framework-convention-ai"), ("timeline", "event:" + summit), ("timeline", None),
             ("signatories", ("GBR", PAIR[0])), ("signatories", None), ("landscape", ("legally_binding", "treaty")),
             ("landscape", None)]  # fmt: skip
    with speaking("en-XA"):
        panels = {
            (name, str(selection)): view(name)
            .content()
            .detail(bundled_atlas, Filters(), options_of(bundled_atlas, name, {}), selection)
            for name, selection in asked
        }
    for key, blocks in panels.items():
        texts = [b.text for b in walk(blocks) if isinstance(b, Text | Notice)]
        assert texts, key
        names = re.compile(r"\*\*[^*]+ — [^*]+\*\*")  # '**United Kingdom — Bletchley Declaration**': data
        ours = [t for t in texts if ("·" in t or t.startswith(("**", OPEN))) and not names.fullmatch(t)]
        assert all(wrapped(t) for t in ours), (key, [t for t in ours if not wrapped(t)])
    instrument = panels[("timeline", "coe-framework-convention-ai")]
    lines = [b.text for b in walk(instrument) if isinstance(b, Text)]
    assert any(line.startswith(OPEN + "**Parties recorded as of") for line in lines), lines
    parties = next(b for b in walk(instrument) if (getattr(b, "key", None) or "").startswith("parties_"))
    assert all(wrapped(c) for c in parties.data.columns) and set(parties.links) <= set(parties.data.columns)
    cell = panels[("landscape", "('legally_binding', 'treaty')")]
    assert wrapped(cell[0].text) and wrapped(cell[1].links["source_url"])


def test_module_constants_follow_the_language_of_each_run():
    from components.content import overlap, panels, timeline

    assert panels.EMPTY.text.startswith("No instruments match")
    assert (
        timeline.LANE_LABELS["mechanism"] == "By mechanism" and overlap.MEASURE_LABELS.get("shared") == "Shared parties"
    )
    with speaking("en-XA"):
        assert wrapped(panels.EMPTY.text) and wrapped(timeline.HINT.text)
        assert wrapped(timeline.LANE_LABELS["forum"]) and all(wrapped(v) for v in overlap.MEASURE_LABELS.values())
    assert panels.EMPTY.text.startswith("No instruments match") and panels.EMPTY == panels.EMPTY


def test_no_hover_names_a_month_in_english(pseudo):
    for case, content in pseudo.items():
        for chart in content.charts.values():
            for trace in chart.figure.data:
                assert not MONTHS.search(trace.hovertemplate or ""), (case, trace.hovertemplate)


def test_english_is_unchanged(bundled_atlas):
    content = made(bundled_atlas, "landscape", {})
    assert OPEN not in content.text()
    assert content.charts["heatmap_chart"].figure.layout.title.text == (
        "Binding vs soft law: instruments by legal force and mechanism"
    )
    source = next(a.text for a in content.charts["heatmap_chart"].figure.layout.annotations if a.name == "source")
    assert source.startswith("Source: AI Governance Atlas; data as of ")
    overlap = made(bundled_atlas, "overlap", {})
    assert re.search(r"^Of \d+ pairs, .+ overlap most \(Jaccard index 0\.\d\d, \d+ shared parties\); ",
                     overlap.charts["overlap_chart"].summary)  # fmt: skip
    assert names_list(["A", "B", "C"]) == "A, B and C" and names_list(list("abcdefgh")) == "a, b, c, d, e, f and 2 more"


# ---------------------------------------------------------------- French and Spanish, from the staged catalog


def staged_catalog(code: str):
    """The Atlas's catalog for `code` with the strings staged in B.json added, as gettext reads it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with open(i18n.LOCALE_DIR / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po", "rb") as fh:
        catalog = read_po(fh, locale=code)
    for msgid, entry in json.loads(STAGED.read_text(encoding="utf-8")).items():
        if "plural" in entry:
            forms = list(entry[code])
            catalog.add((msgid, entry["plural"]), tuple((forms + forms[-1:] * 4)[: max(2, catalog.num_plurals)]))
        elif not (catalog.get(msgid) and catalog.get(msgid).string):
            catalog.add(msgid, entry[code])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=i18n.DOMAIN)


@pytest.fixture(scope="module")
def catalogs():
    return {code: staged_catalog(code) for code in ("fr", "es")}


@pytest.fixture
def staged(monkeypatch, catalogs):
    monkeypatch.setattr(i18n, "_translations", lambda code: catalogs[code])


def test_the_staged_translations_keep_their_placeholders():
    placeholder = re.compile(r"%\{[^}]*\}|(?<!%)\{[a-z_]*\}")
    for msgid, entry in json.loads(STAGED.read_text(encoding="utf-8")).items():
        wanted = set(placeholder.findall(msgid + entry.get("plural", "")))
        for code in ("fr", "es"):
            forms = entry[code] if isinstance(entry[code], list) else [entry[code]]
            assert set(placeholder.findall("".join(forms))) == wanted, (code, msgid)
            assert all(form.count("**") % 2 == 0 for form in forms), (code, msgid)


def test_a_french_timeline(bundled_atlas, staged):
    with speaking("fr"):
        content = made(bundled_atlas, "timeline", {})
    chart = content.charts["timeline_chart"]
    assert chart.figure.layout.title.text == "Les instruments de gouvernance de l'IA dans le temps, par mécanisme"
    assert re.match(r"\d+ instruments adoptés en \d{4}–\d{4} dans \d+ couloirs par mécanisme, dont \d+ juridiquement",
                    chart.summary)  # fmt: skip
    source = next(a.text for a in chart.figure.layout.annotations if a.name == "source")
    assert (
        source.startswith("Source\u00a0: Atlas de la gouvernance de l'IA\u00a0; données au ") and "décembre" in source
    )
    lanes = chart.figure.layout.yaxis.categoryarray
    assert "Sommets et réunions" in lanes and "Summits and meetings" not in lanes
    assert content.subtitle.startswith("Quand chaque instrument a été adopté")


def test_a_french_overlap_writes_decimals_the_french_way(bundled_atlas, staged):
    with speaking("fr"):
        content = made(bundled_atlas, "overlap", {})
    summary = content.charts["overlap_chart"].summary
    assert summary.startswith("Sur 10 paires, ") and re.search(r"indice de Jaccard 0,\d\d", summary), summary
    assert " and " not in content.charts["patterns_chart"].summary  # names_list: 'A, B et C'
    heatmap = content.charts["overlap_chart"].figure.data[0]
    assert all("," in cell.split("<br>")[1] for row in heatmap.text for cell in row)


def test_a_spanish_signatories_view(bundled_atlas, staged):
    with speaking("es"):
        content = made(bundled_atlas, "signatories", {"compare": PAIR})
    diff = content.charts["diff_chart"]
    assert diff.figure.data[0].x[1] == "Ambos" and diff.figure.data[0].x[0].startswith("Solo ")
    assert re.match(r"\d+ partes se sumaron tanto a ", diff.summary)
    matrix = content.charts["matrix_chart"]
    assert matrix.figure.layout.title.text == "Quién se sumó a qué: acción más fuerte por parte e instrumento"
    cells = next(t for t in matrix.figure.data if t.customdata is not None)
    assert any("ninguna acción registrada" in text for text in cells.text)
    assert any("evidencia: oficial" in text for text in cells.text)  # the evidence's label, not its code
    assert not any("no action recorded" in text for text in cells.text)


def test_a_french_landscape_and_institutes(bundled_atlas, staged):
    with speaking("fr"):
        landscape = made(bundled_atlas, "landscape", {"by": ("theme",)})
        institutes = made(bundled_atlas, "institutes", {})
    heatmap = landscape.charts["heatmap_chart"]
    assert (
        heatmap.figure.layout.title.text
        == "Contraignant ou droit souple\u00a0: instruments par force juridique et thème"
    )
    assert heatmap.figure.layout.xaxis.title.text == "Thème"
    assert landscape.charts["cumulative_chart"].summary.startswith("Au ")
    summary = institutes.charts["institutes_map"].summary
    assert re.match(
        r"\d+ pays ont un institut de sécurité de l'IA ou équivalent sur la carte\u00a0: \d+ actifs", summary
    )
    network = institutes.tables["network_table"].data
    assert list(network.columns) == ["Membre", "Institut", "Appartenance", "Depuis", "Preuve"]
