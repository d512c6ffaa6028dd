"""Issue 20, helper D: files and images in the view's language. CSV and XLSX keep the machine column names in their
header row and carry a reader's label for each column beside it (CSV: the `# columns:` line; XLSX: the sheet
'columns'); their header lines, the citation and an image's own words follow the view's language, even when the file
is made later, outside the page's run (a download made on click)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from components.charts.overview import legal_force_chart
from components.data.i18n import CLOSE, OPEN, PSEUDO, speaking
from components.export.citation import ViewMeta, cite_view
from components.export.images import briefing_figure
from components.export.rows import csv_bytes, participation_rows, read_exported_csv, xlsx_bytes
from components.model.atlas import load_atlas
from tests.conftest import VALID
from tests.unit.test_i18n_d_model import staged_language

URL = "https://atlas.example/signatories?lang=fr"


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


@pytest.fixture(scope="module")
def rows(atlas):
    return participation_rows(atlas.participation, atlas.parties, atlas.instruments)


def meta(**changes) -> ViewMeta:
    return ViewMeta(view="signatories", title="Signataires", filters="Membres : G20 · au 2 novembre 2026",
                    asof=dt.date(2026, 11, 2), url=URL, citation="AI Governance Atlas (2026).", **changes)  # fmt: skip


def header(data: bytes) -> dict[str, str]:
    lines = [line[2:] for line in data.decode("utf-8").splitlines() if line.startswith("# ")]
    return dict(line.split(": ", 1) for line in lines)


def test_an_english_csv_keeps_its_lines_and_adds_the_column_labels(rows):
    with speaking("en"):
        data = csv_bytes(rows, meta(data_asof=dt.date(2026, 11, 26)))
    lines = header(data)
    assert lines["data as of"] == "26 November 2026" and lines["view as of"] == "2 November 2026"
    assert lines["licence"].startswith("Data: CC BY 4.0")
    assert lines["columns"].startswith("party_id = Party (identifier); party = Party; instrument_id = Instrument")
    back = read_exported_csv(data)
    assert list(back.columns) == list(rows.columns) and len(back) == len(rows)  # machine reading is unchanged


def test_a_french_csv_written_after_the_page_run_is_still_french(rows, monkeypatch):
    with staged_language("fr", monkeypatch):
        french = meta(data_asof=dt.date(2026, 11, 26))  # built during the page's run, in French
    with staged_language("en", monkeypatch):  # the click's download runs outside it: English context
        data = csv_bytes(rows, french)
    lines = header(data)
    assert lines["données au"] == "26 novembre 2026" and lines["vue au"] == "2 novembre 2026"
    assert lines["licence"].startswith("Données : CC BY 4.0")
    assert "party_id = Partie (identifiant)" in lines["colonnes"] and "source_url = Source" in lines["colonnes"]
    assert lines["citation"] == "AI Governance Atlas (2026)."
    back = read_exported_csv(data)
    assert list(back.columns) == list(rows.columns)  # the header row: machine names in every language


def test_the_pseudo_locale_wraps_every_header_key(rows):
    with speaking(PSEUDO):
        data = csv_bytes(rows, meta())
    assert all(key.startswith(OPEN) and key.endswith(CLOSE) for key in header(data)), header(data)


def test_a_table_of_readers_headers_gets_no_columns_line():
    data = csv_bytes(pd.DataFrame({"Instrument": ["x"], "Parties recorded": [1]}), meta(lang="en"))
    assert "columns" not in header(data)


def test_an_xlsx_has_its_labels_on_a_sheet_of_their_own(rows, monkeypatch):
    with staged_language("es", monkeypatch):
        data = xlsx_bytes(rows, meta())
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["data", "about", "columns"]
    assert list(sheets["data"].columns) == list(rows.columns) and len(sheets["data"]) == len(rows)
    labels = sheets["columns"]
    assert list(labels.columns) == ["columna", "etiqueta"]
    assert labels["columna"].tolist() == list(rows.columns)
    assert dict(zip(labels["columna"], labels["etiqueta"], strict=True))["party_id"] == "Parte (identificador)"
    about = dict(sheets["about"].values)
    assert about["licencia"].startswith("Datos: CC BY 4.0")


def test_an_exported_workbook_uploaded_back_is_not_taken_for_a_table(rows, tmp_path):
    from components.data.upload import check_upload

    result = check_upload([("export.xlsx", xlsx_bytes(rows, meta(lang="en")))], workdir=tmp_path)
    assert not any("[columns]" in p.file or "[about]" in p.file for p in result.problems)


def test_the_citation_sentence_follows_the_view(monkeypatch):
    with staged_language("fr", monkeypatch):
        french = meta(data_asof=dt.date(2026, 11, 26))
    sentence, bibtex = cite_view(french, accessed=dt.date(2026, 12, 1))
    assert sentence == ("AI Governance Atlas, « Signataires » (Membres : G20 · au 2 novembre 2026), données au 26 "
                        "novembre 2026 ; vue au 2 novembre 2026, https://atlas.example/signatories?lang=fr (consulté "
                        "le 1 décembre 2026).")  # fmt: skip
    assert "Données au 2026-11-02. CC BY 4.0" in bibtex
    english, _bib = cite_view(meta(lang="en"), accessed=dt.date(2026, 12, 1))
    assert english.endswith("(accessed 1 December 2026).") and "data as of 2 November 2026" in english


def test_an_image_adds_its_words_in_the_language_of_its_address(atlas, monkeypatch):
    figure = legal_force_chart(atlas, subtitle="")

    def source(fig) -> str:
        return next(a.text for a in fig.layout.annotations if a.name == "source")

    with staged_language("en", monkeypatch):  # a click's download: no language set, the address says French
        assert source(briefing_figure(figure, url=URL)).endswith(f"<br>Vue : {URL}")
        english = "https://atlas.example/signatories"
        assert source(briefing_figure(figure, url=english)).endswith(f"<br>View: {english}")
        assert source(briefing_figure(figure, url=english, lang="es")).endswith(f"<br>Vista: {english}")
    with speaking(PSEUDO):
        assert f"{OPEN}View: {english}{CLOSE}" in source(briefing_figure(figure, url=english))
