"""Validate a data package against the Atlas schema; every problem is reported as file:row:column: message.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.

Usage: python -m components.data.validate [DATA_DIR]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from components.data.i18n import _, ngettext
from components.data.schema import DEFAULT_DATA_DIR, Package, Resource, bundled_package


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, with its place."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row if self.row is not None else '-'}:{self.column or '-'}: {self.message}"


class DataPackageError(Exception):
    """A data package that does not pass validation; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data package; first: {problems[0]}")


@dataclass
class RawTable:
    """A table as read from its file: all cells as stripped-of-nothing strings."""

    resource: Resource
    header: list[str]
    rows: list[dict[str, str]]  # rows[i] is spreadsheet row i + 2
    records: int = 0  # data records in the file (after the header), empty ones included

    @property
    def file(self) -> str:
        return self.resource.path


def read_raw(
    resource: Resource, data_dir: Path, problems: list[Problem], legacy: frozenset[str] = frozenset()
) -> RawTable | None:
    """Read one CSV file, reporting encoding, shape and header problems. None when unreadable. `legacy`: columns an
    older layout had that are read and then moved to their link table (components/data/migrate.py)."""
    path = Path(data_dir) / resource.path
    file = resource.path
    if not path.exists():
        problems.append(Problem(file, None, None, _("file is missing (expected {path})").format(path=path)))
        return None
    data = path.read_bytes()
    encoding = _wrong_encoding(data)
    if encoding:
        line, message = encoding
        problems.append(Problem(file, line, None, message))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                file,
                line,
                None,
                _("file is not UTF-8: byte {byte} cannot be decoded; save it as UTF-8").format(
                    byte=f"0x{data[exc.start]:02x}"
                ),
            )  # fmt: skip
        )
        return None
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        problems.append(Problem(file, None, None, _("malformed CSV: {error}").format(error=exc)))
        return None
    if not records:
        problems.append(Problem(file, 1, None, _("file is empty: expected a header row")))
        return None
    header = [h.strip() for h in records[0]]
    expected = resource.field_names
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, 1, name, _("column appears twice in the header")))
        seen.add(name)
        if name not in expected and name not in legacy:
            hint = did_you_mean(name, expected)
            problems.append(Problem(file, 1, name, _("unknown column{hint}; allowed: {allowed}").format(
                hint=hint, allowed=", ".join(expected))))  # fmt: skip
    optional = {f.name for f in resource.fields if f.optional_column}
    for name in expected:
        if name not in header and name not in optional:
            problems.append(Problem(file, 1, name, _("column is missing from the header")))
    rows: list[dict[str, str]] = []
    for index, record in enumerate(records[1:]):
        row_number = index + 2
        if not any(cell.strip() for cell in record):
            problems.append(Problem(file, row_number, None, _("empty row")))
            continue
        if len(record) != len(header):
            problems.append(
                Problem(
                    file,
                    row_number,
                    None,
                    _("row has {cells} cells but the header has {columns} columns").format(
                        cells=len(record), columns=len(header)
                    ),
                )  # fmt: skip
            )
        padded = record + [""] * (len(header) - len(record))
        row = {name: padded[i] for i, name in enumerate(header)}
        row["__row__"] = str(row_number)
        rows.append(row)
    return RawTable(resource=resource, header=header, rows=rows, records=len(records) - 1)


_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16",
}  # fmt: skip


def _wrong_encoding(data: bytes) -> tuple[int | None, str] | None:
    """(line, message) when the bytes are UTF-16/32 text or binary rather than UTF-8 text; None otherwise."""
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            return None, _("file is {encoding} text; save it as UTF-8 (in Excel: CSV UTF-8)").format(encoding=name)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        return line, _("file holds NUL bytes: it is binary, or UTF-16/32 text; save it as a UTF-8 CSV")
    return None


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as the table users read: file, row, column, problem (named in the view's language)."""
    columns = [_("file"), _("row"), _("column"), _("problem")]
    return pd.DataFrame([(p.file, p.row, p.column or "", p.message) for p in problems], columns=columns)


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return " " + _("(did you mean '{value}'?)").format(value=close[0]) if close else ""


def read_tables(data_dir: Path, package: Package) -> tuple[dict[str, RawTable], list[Problem]]:
    """Every table of the package as read, with the problems of reading (files, encodings, headers, shapes). A table
    that an older file still keeps as a list column (components/data/migrate.py) is not read from its own file."""
    from components.data.migrate import legacy_columns

    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    legacy = legacy_columns(package)
    for resource in package.resources:
        link = resource.list_for
        if link is not None and link.parent in tables and link.field in tables[link.parent].header:
            continue  # an older file's list column stands for this table (split_lists)
        table = read_raw(resource, Path(data_dir), problems, frozenset(legacy.get(resource.name, ())))
        if table is not None:
            tables[resource.name] = table
    return tables, problems


def read_and_validate(
    data_dir: Path, package: Package | None = None, today: dt.date | None = None
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every table of the package and check it; returns the raw tables and all problems (empty = valid)."""
    from components.data.checks import (
        check_cells,
        check_claims,
        check_dates,
        check_evidence,
        check_parties,
        check_title_sources,
    )
    from components.data.migrate import split_lists
    from components.data.standard import schema_problems

    package = package or bundled_package()
    today = today or dt.date.today()
    tables, problems = read_tables(data_dir, package)
    for table in tables.values():
        check_cells(table, problems, today)
    split_lists(tables, package)  # an older file's list column becomes its link table's rows
    problems.extend(schema_problems(tables))  # types, vocabularies, keys: the reference validator
    if "parties" in tables:
        check_parties(tables["parties"], problems)
    check_dates(tables, problems)
    if "claims" in tables:
        check_claims(tables["claims"], problems)
    if "participation" in tables:
        check_evidence(tables["participation"], problems)
    if "instrument_translations" in tables:
        check_title_sources(tables["instrument_translations"], problems)
    problems = list(dict.fromkeys(problems))  # the same problem found by both sets of checks, once
    order = {r.path: i for i, r in enumerate(package.resources)}
    problems.sort(key=lambda p: (order.get(p.file, 99), p.row or 0))
    return tables, problems


@dataclass(frozen=True)
class TableCount:
    """What became of one file's rows: every record read is accepted or reported, none is dropped."""

    file: str
    rows_in: int  # data records in the file (lines, when the file could not be read as CSV)
    accepted: int  # records without a problem
    reported: int  # records with a problem, or every record when the file as a whole was rejected
    whole_file: bool  # a problem with the file or its header rejected all of its rows

    @property
    def balanced(self) -> bool:
        return self.rows_in == self.accepted + self.reported

    def __str__(self) -> str:
        if self.whole_file:
            text = ngettext("{file}: {rows} rows read, {accepted} accepted, {reported} reported (the file as a whole was "
                            "rejected)", "{file}: {rows} rows read, {accepted} accepted, {reported} reported (the file "
                            "as a whole was rejected)", self.rows_in)  # fmt: skip
        else:
            text = ngettext("{file}: {rows} rows read, {accepted} accepted, {reported} reported",
                            "{file}: {rows} rows read, {accepted} accepted, {reported} reported", self.rows_in)  # fmt: skip
        return text.format(file=self.file, rows=self.rows_in, accepted=self.accepted, reported=self.reported)


def line_count(data: bytes) -> int:
    """Lines of a text file, ended by \\n, \\r\\n or a lone \\r (as Python's CSV reader ends them); a last line
    without an ending counts too."""
    endings = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return endings + (1 if data and not data.endswith((b"\n", b"\r")) else 0)


def _lines(path: Path) -> int:
    """Data lines of a file that could not be parsed: the lines after the first, blank ones included."""
    return max(0, line_count(path.read_bytes()) - 1) if path.exists() else 0


def account(
    data_dir: Path, tables: dict[str, RawTable], problems: list[Problem], package: Package | None = None
) -> list[TableCount]:
    """Per file: rows read = rows accepted + rows reported (each with its file, row and reason in `problems`)."""
    package = package or bundled_package()
    counts = []
    for resource in package.resources:
        mine = [p for p in problems if p.file == resource.path]
        table = tables.get(resource.name)
        whole = table is None or any(p.row is None or p.row <= 1 for p in mine)
        if table is None:
            rows_in = _lines(Path(data_dir) / resource.path)
        else:
            rows_in = table.records
        if whole:
            counts.append(TableCount(resource.path, rows_in, 0, rows_in, True))
            continue
        bad = {p.row for p in mine}
        accepted = sum(1 for row in table.rows if int(row["__row__"]) not in bad)  # counted, not subtracted
        counts.append(TableCount(resource.path, rows_in, accepted, len(bad), False))
    return counts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        print(f"{data_dir}: not a folder", file=sys.stderr)
        return 2
    tables, problems = read_and_validate(data_dir)
    for problem in problems:
        print(problem)
    rows = sum(len(t.rows) for t in tables.values())
    if problems:
        for count in account(data_dir, tables, problems):
            print(count)
        files = len({p.file for p in problems})
        print(f"FAILED: {len(problems)} problem(s) in {files} file(s) of {data_dir} ({rows} rows read)")
        return 1
    print(f"OK: {data_dir} is valid — {len(tables)} tables, {rows} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
