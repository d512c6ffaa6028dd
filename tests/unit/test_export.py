"""Briefing output: images at the requested size carrying title, filters, source and URL; data files; citations."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest

from components.charts.overview import legal_force_chart
from components.export.citation import ViewMeta, cite_view, file_name
from components.export.images import SIZES, briefing_figure
from components.export.rows import (
    csv_bytes,
    instrument_rows,
    neutralise,
    package_zip,
    participation_rows,
    read_exported_csv,
    xlsx_bytes,
)
from components.model.atlas import load_atlas
from components.model.filters import Filters, apply_filters, describe
from tests.conftest import VALID

URL = "https://atlas.example/timeline?group=G20"


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


@pytest.fixture(scope="module")
def meta(atlas):
    return ViewMeta(
        view="timeline", title="Instruments by legal force", filters=describe(Filters(group=("G20",)), atlas.asof),
        asof=atlas.asof, url=URL, citation="AI Governance Atlas (2026).",
    )  # fmt: skip


@pytest.fixture(scope="module")
def figure(atlas, meta):
    return legal_force_chart(atlas, subtitle=meta.filters)


def test_briefing_figure_carries_title_subtitle_source_and_url(figure, meta):
    out = briefing_figure(figure, url=URL, size="document")
    assert out.layout.title.text == "Instruments by legal force"
    assert out.layout.title.subtitle.text == "G20 members · as of 2 November 2026"
    source = [a.text for a in out.layout.annotations if a.name == "source"][0]
    assert "Source: AI Governance Atlas" in source and "data as of 2 November 2026" in source and URL in source
    assert (out.layout.width, out.layout.height) == SIZES["document"]
    assert URL not in [a.text for a in figure.layout.annotations if a.name == "source"][0]  # the original is untouched


def test_file_names_follow_view_date_and_size(meta):
    assert file_name(meta, "png", "slide") == "atlas-timeline-2026-11-02-slide.png"
    assert file_name(meta, "xlsx") == "atlas-timeline-2026-11-02.xlsx"
    assert file_name(meta, "png", "slide", chart="diff_chart") == "atlas-timeline-diff-chart-2026-11-02-slide.png"


def test_bibtex_escapes_latex_specials(meta):
    from dataclasses import replace

    odd = replace(meta, title="50% of R&D_costs", url="https://atlas.example/x?forum=A%20B#top")
    _, bibtex = cite_view(odd, accessed=dt.date(2026, 11, 26), chart="diff_chart")
    assert r"50\% of R\&D\_costs" in bibtex
    assert r"\url{https://atlas.example/x?forum=A\%20B\#top}" in bibtex
    assert bibtex.startswith("@misc{atlas_timeline_diff_chart_20261102,")


def test_formulas_hidden_behind_spaces_or_full_width_signs_are_inert():
    frame = pd.DataFrame({"a": ["  =1+1", "＝SUM(A1)", "\n=cmd"]})
    assert neutralise(frame)["a"].tolist() == ["'  =1+1", "'＝SUM(A1)", "'\n=cmd"]


def formula_rows(atlas) -> pd.DataFrame:
    rows = participation_rows(atlas.participation, atlas.parties, atlas.instruments)
    rows.loc[0, "party"] = '=HYPERLINK("http://evil.example","click")'
    rows.loc[1, "notes"] = "+1 and @sum"
    return rows


def test_csv_round_trips_with_header_sources_and_inert_formulas(atlas, meta):
    rows = formula_rows(atlas)
    data = csv_bytes(rows, meta)
    text = data.decode("utf-8")
    assert "# citation: AI Governance Atlas (2026)." in text
    assert (
        "# licence: Data: CC BY 4.0" in text
        and "# filters: G20 members" in text
        and "# data as of: 2 November 2026" in text
    )
    back = read_exported_csv(data)
    assert len(back) == len(rows) and list(back.columns) == list(rows.columns)
    assert back.loc[0, "party"] == '\'=HYPERLINK("http://evil.example","click")'
    assert back.loc[1, "notes"] == "'+1 and @sum"
    assert back["source_url"].str.startswith("https://").all()
    assert back["party_id"].tolist() == rows["party_id"].tolist()


def test_xlsx_round_trips_with_about_sheet_and_no_formulas(atlas, meta):
    from openpyxl import load_workbook

    rows = formula_rows(atlas)
    data = xlsx_bytes(rows, meta)
    back = pd.read_excel(io.BytesIO(data), sheet_name="data", dtype=str, keep_default_na=False)
    assert len(back) == len(rows) and back["source_url"].str.startswith("https://").all()
    workbook = load_workbook(io.BytesIO(data))
    cell = workbook["data"].cell(row=2, column=list(rows.columns).index("party") + 1)
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")
    about = dict(pd.read_excel(io.BytesIO(data), sheet_name="about").values)
    assert about["citation"] == "AI Governance Atlas (2026)." and about["view"] == URL


def test_neutralise_leaves_ordinary_text_and_numbers(atlas):
    frame = pd.DataFrame({"a": ["2024-05", "-x", "\tTab", "ok"], "n": [-1, 2, 3, 4]})
    out = neutralise(frame)
    assert out["a"].tolist() == ["2024-05", "'-x", "'\tTab", "ok"]
    assert out["n"].tolist() == [-1, 2, 3, 4]


def test_instrument_rows_count_parties_as_of_the_view(atlas):
    view = apply_filters(atlas, Filters(asof=dt.date(2024, 12, 31)))
    rows = instrument_rows(view.instruments, view.participation).set_index("id")
    assert rows.at["test-convention", "parties"] == 3
    assert {"source_url", "checked"} <= set(rows.columns)


def test_cite_view_sentence_and_bibtex(meta):
    sentence, bibtex = cite_view(meta, accessed=dt.date(2026, 11, 26))
    assert URL in sentence and "data as of 2 November 2026" in sentence
    assert bibtex.startswith("@misc{atlas_timeline_20261102,") and f"\\url{{{URL}}}" in bibtex


def test_package_zip_holds_the_package_and_citation():
    with zipfile.ZipFile(io.BytesIO(package_zip(VALID, "Cite me."))) as archive:
        names = set(archive.namelist())
        assert "ai-governance-atlas/instruments.csv" in names
        assert archive.read("ai-governance-atlas/CITATION.txt").decode() == "Cite me.\n"


def test_a_view_of_an_earlier_day_names_both_dates_in_its_files_and_citation():
    """T3: a CSV or citation of the landscape as of 1 January 2024 does not pass that day off as the data's date."""
    from components.export.rows import csv_bytes

    meta = ViewMeta(view="landscape", title="Binding vs soft law", filters="as of 1 January 2024",
                    asof=dt.date(2024, 1, 1), url="u", citation="c", data_asof=dt.date(2026, 11, 26))  # fmt: skip
    head = csv_bytes(pd.DataFrame({"a": [1]}), meta).decode()
    assert "# data as of: 26 November 2026" in head and "# view as of: 1 January 2024" in head
    sentence, _ = cite_view(meta)
    assert "data as of 26 November 2026; view as of 1 January 2024" in sentence
    latest = ViewMeta(view="landscape", title="t", filters="f", asof=dt.date(2026, 11, 26), url="u", citation="c",
                      data_asof=dt.date(2026, 11, 26))  # fmt: skip
    assert "view as of" not in csv_bytes(pd.DataFrame({"a": [1]}), latest).decode()
