"""Issue 20, helper C: "Report a problem" and "Suggest a correction" read in the view's language while the links they
open stay as they are (English, machine-readable); the upload's messages and the workshop pack's handout are
translated; the country profile's charts name their axes, bars and hovers through the translation function."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from components.content.base import Download, Table, Text
from components.content.report import (
    LABEL,
    MAIL_LABEL,
    Report,
    ReportConfig,
    ReportTable,
    participation_fact,
    report_links,
)
from components.data.i18n import CLOSE, OPEN, speaking

CONFIG = ReportConfig("https://example.org/issues/new?title={title}&body={body}", "atlas@example.org")


def wrapped(text: str) -> bool:
    return str(text).startswith(OPEN) and str(text).endswith(CLOSE)


def test_the_labels_are_translated_the_addresses_are_not(bundled_atlas):
    fact = participation_fact(bundled_atlas, "gats", "BRA", "member")
    english = report_links(fact, CONFIG)
    assert [label for label, _href in english] == [LABEL, MAIL_LABEL]
    with speaking("en-XA"):
        pseudo = report_links(fact, CONFIG)
    assert [label for label, _href in pseudo] == [f"{OPEN}{LABEL}{CLOSE}", f"{OPEN}{MAIL_LABEL}{CLOSE}"]
    for (_l, href), (_p, pseudo_href) in zip(english, pseudo, strict=True):  # the title and body stay in English
        assert "Problem%20with%20participation" in pseudo_href and "What%20is%20wrong" in pseudo_href
        assert href == pseudo_href


def test_a_report_block_and_a_report_table_in_the_language(bundled_atlas):
    fact = participation_fact(bundled_atlas, "gats", "BRA", "member")
    block = Report(fact, key="k", correction=lambda: b"", file_name="participation.csv", title="**GATS**")
    with speaking("en-XA"):
        text, download = block.resolve("http://localhost/countries", "", CONFIG)
        table = ReportTable("t", pd.DataFrame({"x": [1]}), facts=(fact,)).resolve("http://localhost/", "", CONFIG)
    assert isinstance(text, Text) and f"[{OPEN}Report a problem{CLOSE}](https://example.org/" in text.text
    assert isinstance(download, Download) and wrapped(download.label)
    assert isinstance(table, Table)
    column = f"{OPEN}Report{CLOSE}"
    assert column in table.data.columns and table.links[column] == column
    assert table.data[column].iloc[0].startswith("https://example.org/issues/new?title=Problem%20with")
    with speaking("en"):
        plain = ReportTable("t", pd.DataFrame({"x": [1]}), facts=(fact,)).resolve("http://localhost/", "", CONFIG)
    assert "Report" in plain.data.columns  # English as before


def test_the_upload_messages(tmp_path):
    from components.content.sources import upload_accepted, upload_rejected
    from components.data.upload import UploadResult
    from components.data.validate import Problem

    accepted = UploadResult(tmp_path, tables=["parties"], ignored=["README.md"])
    assert upload_accepted(accepted) == ("Valid: parties (). Every view now shows your data, in this session only. "
                                         "Not tables, so not read: README\\.md.")  # fmt: skip
    with speaking("en-XA"):
        text = upload_accepted(accepted)
        blocks = upload_rejected(
            UploadResult(None, problems=[Problem("parties.csv", 2, "id", "missing")], ignored=["x.txt"])
        )
    assert text.startswith(f"{OPEN}Valid: parties ()")
    assert text.endswith(f"{OPEN}Not tables, so not read: README\\.md{CLOSE}.")
    assert wrapped(blocks[0].text) and "1 problem(s)" in blocks[0].text
    assert all(wrapped(b.label) for b in blocks if isinstance(b, Download))
    assert wrapped(blocks[-1].text)


def test_the_handout_speaks_the_language(bundled_atlas):
    from components.content.pack import handout

    tour = SimpleNamespace(title="A tour", audience="Delegates")
    steps = [{"number": 1, "caption": "First", "question": "Why?", "charts": [("step-01.png", "A summary")],
              "filters": "All instruments", "url": "https://atlas.example/overview?lang=fr",
              "files": ["step-01-overview-instruments.csv (3 instruments)"]}]  # fmt: skip
    english = handout(tour, bundled_atlas, steps)
    assert '<html lang="en">' in english and "Question for the room: Why?" in english
    assert "For: Delegates · 1 steps · data as of" in english
    with speaking("fr"):
        french = handout(tour, bundled_atlas, steps)
    assert '<html lang="fr">' in french
    with speaking("en-XA"):
        pseudo = handout(tour, bundled_atlas, steps)
    for text in ("Question for the room: Why?", "Step 1: First", "Filters: All instruments", "For: Delegates"):
        assert f"{OPEN}{text}" in pseudo, text
    assert f'{OPEN}Online: <a href="https://atlas.example/overview?lang=fr">' in pseudo  # the link stays a link


def test_the_profile_charts_axes_and_hovers(bundled_atlas):
    from components.charts.country_profile import commitments, compare_counts, compare_figure, ladder, profile_figure

    rows = commitments("BRA", bundled_atlas.participation, bundled_atlas.instruments)
    with speaking("en-XA"):
        fig = profile_figure(rows, party_name="Brazil", asof=bundled_atlas.asof)
        counts = compare_counts(["USA", "CHN"], bundled_atlas.participation, bundled_atlas.instruments)
        compared = compare_figure(counts, {"USA": "United States", "CHN": "China"}, asof=bundled_atlas.asof)
        path = ladder("GBR", bundled_atlas.participation, bundled_atlas.instruments,
                      {"test-convention": pd.Timestamp("2025-07-01")})  # fmt: skip
    assert OPEN in fig.layout.title.text and wrapped(fig.layout.xaxis.title.text)
    actions = {row[1] for trace in fig.data for row in trace.customdata}
    assert actions and all(wrapped(a) for a in actions)  # the action's label, not its code ('adhered')
    assert wrapped(compared.layout.yaxis.title.text)
    assert all(OPEN in t.hovertemplate and "%{x}" in t.hovertemplate for t in compared.data)
    assert all(OPEN in step for step in path["Path"])  # the actions' labels


def test_accented_letters_are_measured_as_their_letters():
    """French and Spanish labels (é, à, ñ) get the margins their glyphs need, not a capital's width each."""
    from components.charts.margins import text_px

    assert text_px("Société générale", 12) == text_px("Societe generale", 12)
    assert text_px("Año", 12) == text_px("Ano", 12)
    assert text_px("Côte d’Ivoire", 12) > text_px("Cote d'Ivoire", 12)  # a curly apostrophe is still counted wide
