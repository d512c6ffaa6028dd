"""Nothing lost (issue 9): every record of a file is either accepted or reported with its file, row and reason.

Hypothesis writes participation tables of valid rows (some with notes over several lines) mixed with broken ones
(empty, ragged, unknown party, impossible date, unknown action, a control character) and sometimes a broken header.
The generator knows how many records it wrote and which are broken; the validator's count must agree."""

from __future__ import annotations

import csv
import io
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.data.schema import bundled_package
from components.data.validate import account, read_and_validate
from components.model.atlas import load_atlas
from tests.conftest import VALID

HEADER, *GOOD = list(csv.reader(io.StringIO((VALID / "participation.csv").read_text())))
BROKEN = {
    "empty": lambda row: [],
    "ragged": lambda row: row[:3],
    "too many cells": lambda row: [*row, "extra"],
    "unknown party": lambda row: [row[0], "XXX", *row[2:]],
    "impossible date": lambda row: [*row[:3], "2024-02-30", *row[4:]],
    "unknown action": lambda row: [*row[:2], "flew", *row[3:]],
    "control character": lambda row: [*row[:7], "bell\x07"],
}
RECORDS = st.lists(
    st.one_of(
        st.tuples(st.just("good"), st.integers(0, len(GOOD) - 1), st.booleans()),
        st.tuples(st.sampled_from(sorted(BROKEN)), st.integers(0, len(GOOD) - 1), st.booleans()),
    ),
    max_size=30,
)
TABLE = bundled_package().resource("participation").path


def write(records, header: list[str]) -> tuple[str, set[int], int]:
    """The CSV text, the spreadsheet rows of the broken records, and the number of records written."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    used: set[int] = set()
    broken: set[int] = set()
    written = 0
    for kind, index, multiline in records:
        row = list(GOOD[index])
        if kind == "good":
            if index in used:  # a second copy would be a duplicate key: a broken row we did not mean
                continue
            used.add(index)
            if multiline:
                row[-1] = "first line\nsecond line, with a comma"  # one record over two lines
        else:
            row = BROKEN[kind](row)
            broken.add(written + 2)
        if row == []:
            buffer.write("\n")  # an empty line is a record the reader yields as []
        else:
            writer.writerow(row)
        written += 1
    return buffer.getvalue(), broken, written


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=RECORDS, bad_header=st.sampled_from([None, "duplicate", "missing", "unknown"]))
def test_rows_in_equal_rows_accepted_plus_rows_reported(records, bad_header, tmp_path_factory):
    header = list(HEADER)
    if bad_header == "duplicate":
        header = [*header[:-1], "checked"]
    elif bad_header == "missing":
        header = header[:-1]
    elif bad_header == "unknown":
        header = [*header[:-1], "remarks"]
    text, broken, written = write(records, header)
    folder = tmp_path_factory.mktemp("pkg") / "data"
    shutil.copytree(VALID, folder)
    (folder / TABLE).write_text(text, encoding="utf-8")

    tables, problems = read_and_validate(folder)
    count = next(c for c in account(folder, tables, problems) if c.file == TABLE)
    assert count.rows_in == written, (count, written)
    assert count.balanced, count
    reported_rows = {p.row for p in problems if p.file == TABLE}
    if bad_header:
        assert count.whole_file and count.reported == written and 1 in reported_rows
    else:
        assert broken <= reported_rows, broken - reported_rows  # every broken record is reported by its row
        assert all(2 <= row <= written + 1 for row in reported_rows), reported_rows  # and only real rows are
    if not problems:
        assert len(load_atlas(folder).participation) == written  # a valid table loads whole


def test_unreadable_file_reports_every_line(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    (folder / TABLE).write_bytes(
        (VALID / TABLE).read_bytes() + "x,USA,signed,2024,official,https://e.org,2026-11-01,Côte\n".encode("cp1252")
    )
    tables, problems = read_and_validate(folder)
    count = next(c for c in account(folder, tables, problems) if c.file == TABLE)
    assert count.whole_file and count.rows_in == count.reported == len(GOOD) + 1 and count.accepted == 0
    assert any(p.file == TABLE and "not UTF-8" in p.message and p.row == len(GOOD) + 2 for p in problems)
