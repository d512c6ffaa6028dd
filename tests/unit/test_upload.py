"""Bring your own data: uploads checked by the validator, with the uploaded file's name in every problem."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from components.data.upload import MAX_BYTES, check_upload, template_zip
from tests.conftest import BROKEN, VALID


def upload(**files: bytes) -> dict[str, bytes]:
    return {name.replace("__", "."): data for name, data in files.items()}


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_valid_csv_upload_makes_a_separate_package(tmp_path):
    text = (
        VALID / "participation.csv"
    ).read_text() + "test-declaration,USA,endorsed,2023-11-01,official,https://example.org/d,2026-11-01,\n"
    result = check_upload({"participation.csv": text.encode()}, base_dir=VALID, workdir=tmp_path)
    assert result.ok and result.tables == ["participation.csv"]
    assert "USA,endorsed" in (result.data_dir / "participation.csv").read_text()
    assert "USA,endorsed" not in (VALID / "participation.csv").read_text()  # the bundled data is untouched
    assert (result.data_dir / "instruments.csv").read_text() == (VALID / "instruments.csv").read_text()


@pytest.mark.parametrize(
    "case", ["unknown_party_reference", "impossible_date", "unknown_column", "not_utf8", "ragged_row"]
)
def test_broken_upload_names_file_row_and_column(case, tmp_path):
    file = next((BROKEN / case).glob("*.csv"))
    result = check_upload({file.name: file.read_bytes()}, base_dir=VALID, workdir=tmp_path)
    expected = (BROKEN / case / "expected.txt").read_text().strip()
    assert not result.ok and result.data_dir is None
    assert any(m.startswith(expected) for m in messages(result)), messages(result)


def test_problems_in_a_workbook_name_the_workbook_and_sheet(tmp_path):
    frame = pd.read_csv(BROKEN / "unknown_party_reference" / "participation.csv", dtype=str, keep_default_na=False)
    buffer = io.BytesIO()
    frame.to_excel(buffer, sheet_name="participation", index=False)
    result = check_upload({"mine.xlsx": buffer.getvalue()}, base_dir=VALID, workdir=tmp_path)
    assert any(m.startswith("mine.xlsx[participation]:4:party_id: 'UAS'") for m in messages(result)), messages(result)


def test_unknown_party_code_suggests_the_closest(tmp_path):
    file = BROKEN / "unknown_party_reference" / "participation.csv"
    result = check_upload({"participation.csv": file.read_bytes()}, base_dir=VALID, workdir=tmp_path)
    assert any("'UAS'" in m and "did you mean 'USA'" in m for m in messages(result))


def test_limits_and_wrong_files(tmp_path):
    result = check_upload(
        {"notes.txt": b"x", "big.csv": b"a" * (MAX_BYTES + 1), "instrumnets.csv": b"id\n"},
        base_dir=VALID,
        workdir=tmp_path,
    )
    text = " | ".join(messages(result))
    assert "notes.txt:-:-: unsupported file type '.txt'" in text
    assert "big.csv:-:-: file is 10,485,761 bytes (10.0 MB); the limit is 10 MB" in text
    assert "instrumnets.csv:-:-: not a table of the Atlas (did you mean 'instruments.csv'?)" in text
    assert check_upload({}, base_dir=VALID).problems[0].message == "no file was uploaded"


def test_xlsx_sheets_and_zip_packages(tmp_path):
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.read_csv(VALID / "events.csv", dtype=str, keep_default_na=False).to_excel(
            writer, sheet_name="events", index=False
        )
    result = check_upload({"mine.xlsx": buffer.getvalue()}, base_dir=VALID, workdir=tmp_path)
    assert result.ok and result.tables == ["events.csv"]

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("pkg/parties.csv", (BROKEN / "unknown_country_code" / "parties.csv").read_text())
    result = check_upload({"pkg.zip": archive.getvalue()}, base_dir=VALID, workdir=tmp_path)
    assert any(m.startswith("pkg.zip/pkg/parties.csv:5:id: 'KNY'") for m in messages(result)), messages(result)


def test_template_has_every_table_and_the_dictionary():
    with zipfile.ZipFile(io.BytesIO(template_zip())) as archive:
        names = set(archive.namelist())
        assert "atlas-template/participation.csv" in names and "atlas-template/data-dictionary.csv" in names
        header = archive.read("atlas-template/participation.csv").decode().strip()
        assert header.startswith("instrument_id,party_id,action,date,evidence")
