"""The validator: clean on the bundled data and the valid fixture; precise on every broken fixture."""

from __future__ import annotations

import subprocess
import sys

import pytest

from components.data.schema import DEFAULT_DATA_DIR
from components.data.validate import read_and_validate
from tests.conftest import BROKEN, ROOT, VALID, broken_cases, overlay


def test_bundled_data_is_valid():
    tables, problems = read_and_validate(DEFAULT_DATA_DIR)
    assert [str(p) for p in problems] == []
    assert set(tables) == {
        "instruments",
        "parties",
        "participation",
        "events",
        "institutes",
        "groupings",
        "income_groups",
        "assessments",
        "entry_conditions",
        "claims",
        "event_instruments",
        "assessment_instruments",
        "instrument_translations",
    }


def test_valid_fixture_is_valid():
    _, problems = read_and_validate(VALID)
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("case", broken_cases())
def test_broken_fixture_yields_its_message(case, tmp_path):
    expected = (BROKEN / case / "expected.txt").read_text().strip()
    _, problems = read_and_validate(overlay(case, tmp_path / case))
    messages = [str(p) for p in problems]
    assert any(m.startswith(expected) for m in messages), messages


def test_there_is_a_broken_fixture_per_kind_of_error():
    assert len(broken_cases()) >= 15


def test_cli_prints_every_problem_and_fails(tmp_path):
    package = overlay("unknown_party_reference", tmp_path / "pkg")
    (package / "parties.csv").write_text((BROKEN / "unknown_country_code" / "parties.csv").read_text())
    result = subprocess.run(
        [sys.executable, "-m", "components.data.validate", str(package)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("parties.csv:5:id: 'KNY'") for line in lines)
    assert any(line.startswith("participation.csv:4:party_id: 'UAS'") for line in lines)
    assert lines[-1].startswith("FAILED: ")


def test_cli_succeeds_on_valid_package():
    result = subprocess.run(
        [sys.executable, "-m", "components.data.validate", str(VALID)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK: ")


def test_missing_file_is_reported(tmp_path):
    package = overlay("unknown_column", tmp_path / "pkg")
    (package / "institutes.csv").unlink()
    _, problems = read_and_validate(package)
    assert any(p.file == "institutes.csv" and "file is missing" in p.message for p in problems)


def test_every_bundled_row_has_source_and_checked():
    tables, _ = read_and_validate(DEFAULT_DATA_DIR)
    for table in tables.values():
        if table.resource.list_for is not None:  # a link table: its rows are sourced by the rows they link
            continue
        if table.resource.name == "instrument_translations":  # a translation cites where its name was read, if any
            for row in table.rows:
                sourced = row["name_status"] in ("official", "reported")
                assert row["name_source"].startswith("http") == sourced, (table.file, row["__row__"])
                assert row["checked"], (table.file, row["__row__"])
            continue
        for row in table.rows:
            assert row["source_url"].startswith("http"), (table.file, row["__row__"])
            assert row["checked"], (table.file, row["__row__"])
            if "reliability" in table.header:  # every bundled row's source is classified
                assert row["reliability"], (table.file, row["__row__"])
            if "basis" in table.header:
                assert row["basis"], (table.file, row["__row__"])


def test_cosponsoring_a_draft_before_adoption_is_not_an_error(tmp_path):
    package = overlay("unknown_column", tmp_path / "pkg")
    (package / "events.csv").write_text((VALID / "events.csv").read_text())
    participation = (VALID / "participation.csv").read_text()
    participation += "test-declaration,USA,co_sponsored,2023-10-01,official,https://example.org/d,2026-11-01,\n"
    (package / "participation.csv").write_text(participation)
    _, problems = read_and_validate(package)
    assert [str(p) for p in problems] == []
