"""Issue 20, helper D: the validator's and the upload's messages on the data page. Each keeps its `file:row:column:`
place and says what is wrong in the view's language; English (the command line's) is unchanged."""

from __future__ import annotations

import pytest

from components.data.dictionary import column_label, field_table
from components.data.i18n import CLOSE, OPEN, PSEUDO, speaking
from components.data.schema import bundled_package
from components.data.upload import check_upload
from components.data.validate import TableCount, problems_table, read_and_validate
from tests.conftest import BROKEN, broken_cases, overlay
from tests.unit.test_i18n_d_model import staged_language


@pytest.mark.parametrize("case", broken_cases())
def test_every_message_of_the_validator_goes_through_the_catalog(case, tmp_path):
    package = overlay(case, tmp_path / case)
    with speaking(PSEUDO):
        _, problems = read_and_validate(package)
    assert problems
    for problem in problems:
        assert problem.message.startswith(OPEN) and problem.message.endswith(CLOSE), str(problem)
    expected = (BROKEN / case / "expected.txt").read_text().strip()
    place = expected.split(": ", 1)[0]
    assert any(str(p).startswith(f"{place}: {OPEN}") for p in problems)  # the place itself is not translated


def test_french_messages_keep_their_place(tmp_path, monkeypatch):
    package = overlay("unknown_party_reference", tmp_path / "pkg")
    with staged_language("fr", monkeypatch):
        _, problems = read_and_validate(package)
    lines = [str(p) for p in problems]
    assert "participation.csv:4:party_id: « UAS » n'est pas un identifiant de parties.csv (vouliez-vous dire 'USA' ?)" \
        in lines, lines  # fmt: skip


def test_upload_problems_in_spanish_and_english(tmp_path, monkeypatch):
    uploads = [("notes.txt", b"x"), ("instrumnets.csv", b"id\n")]
    with staged_language("es", monkeypatch):
        spanish = [str(p) for p in check_upload(uploads, workdir=tmp_path).problems]
        table = problems_table(check_upload(uploads, workdir=tmp_path).problems)
    assert "notes.txt:-:-: tipo de archivo «.txt» no admitido; suba un .csv, .xlsx o .zip" in spanish
    assert any(line.startswith("instrumnets.csv:-:-: no es una tabla del Atlas (¿quiso decir «instruments.csv»?)")
               for line in spanish)  # fmt: skip
    assert list(table.columns) == ["archivo", "fila", "columna", "problema"]
    english = [str(p) for p in check_upload(uploads, workdir=tmp_path).problems]
    assert "notes.txt:-:-: unsupported file type '.txt'; upload .csv, .xlsx or .zip" in english
    assert list(problems_table([]).columns) == ["file", "row", "column", "problem"]


def test_counts_of_rows_read_in_french(monkeypatch):
    count = TableCount("instruments.csv", 12, 10, 2, False)
    assert str(count) == "instruments.csv: 12 rows read, 10 accepted, 2 reported"
    with staged_language("fr", monkeypatch):
        assert str(count) == "instruments.csv : 12 lignes lues, 10 acceptée(s), 2 signalée(s)"
        assert str(TableCount("x.csv", 1, 0, 1, True)).startswith("x.csv : 1 ligne lue, 0 acceptée(s)")


def test_the_data_dictionary_and_column_labels(monkeypatch):
    resource = bundled_package().resource("participation")
    assert list(field_table(resource).columns) == ["column", "required", "type", "allowed values", "description"]
    assert column_label("party_id") == "Party (identifier)" and column_label("Instrument") is None
    with staged_language("fr", monkeypatch):
        table = field_table(resource)
        assert list(table.columns) == ["colonne", "obligatoire", "type", "valeurs admises", "description"]
        assert table.set_index("colonne").at["source_url", "type"] == "adresse web"
        assert column_label("party_id") == "Partie (identifiant)"
    every = {f.name for r in bundled_package().resources for f in r.fields}
    assert all(column_label(name) for name in every), sorted(n for n in every if not column_label(n))
