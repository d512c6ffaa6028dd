"""Bring your own data: uploaded CSV/XLSX tables or a zipped package, checked by the same validator.

An upload is laid over a copy of the bundled package in a fresh temporary folder (tables not uploaded keep the
bundled rows), so it is never written over the bundled data and belongs to the one browser session that holds
the folder's path.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import logging
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from components.data.i18n import _
from components.data.labels import number
from components.data.schema import DEFAULT_DATA_DIR, Package, bundled_package
from components.data.validate import Problem, TableCount, account, line_count, read_and_validate

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # per file, and per table inside a zip or workbook once unpacked
MAX_UNPACKED = 64 * 1024 * 1024  # all tables of one zip or workbook, unpacked
MAX_MEMBERS = 200  # entries in one zip or workbook
MAX_ROWS = 50_000  # per table
MAX_COLUMNS = 100  # per workbook sheet; the widest Atlas table has 17
SAFE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
ACCEPTED = (".csv", ".xlsx", ".zip")
ARCHIVES = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".xlsx")  # inside a zip: not opened
SHEETS_OF_NOTES = ("about", "columns", "readme")  # sheets the Atlas's own exports add; not tables


@dataclass
class UploadResult:
    data_dir: Path | None  # the session's package when valid
    problems: list[Problem] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # the tables the upload replaced
    ignored: list[str] = field(default_factory=list)  # files in a zip that are not tables (e.g. the schema, a README)
    counts: list[TableCount] = field(default_factory=list)  # per uploaded table: rows read, accepted, reported

    @property
    def ok(self) -> bool:
        return self.data_dir is not None and not self.problems


def _mb(size: int) -> str:
    return f"{number(size / 2**20, 1)} MB"


def _too_big(name: str, size: int, problems: list[Problem], *, unpacked: bool = False) -> bool:
    if size > MAX_BYTES:
        if unpacked:
            text = _("table unpacked is {size} bytes ({mb}); the limit is {limit} MB")
        else:
            text = _("file is {size} bytes ({mb}); the limit is {limit} MB")
        problems.append(
            Problem(name, None, None, text.format(size=number(size), mb=_mb(size), limit=MAX_BYTES // 2**20))
        )
        return True
    return False


def _table_for(name: str, package: Package, problems: list[Problem], *, where: str | None = None) -> str | None:
    """The resource file an uploaded file (or sheet) name stands for, or None with a problem naming `where`."""
    stem = Path(name).stem.lower().strip()
    paths = {Path(r.path).stem: r.path for r in package.resources}
    if stem in paths:
        return paths[stem]
    close = difflib.get_close_matches(stem, list(paths), n=1, cutoff=0.6)
    hint = " " + _("(did you mean '{value}'?)").format(value=f"{close[0]}.csv") if close else ""
    problems.append(Problem(where or name, None, None, _("not a table of the Atlas{hint}; tables: {tables}").format(
        hint=hint, tables=", ".join(paths.values()))))  # fmt: skip
    return None


def _open_zip(name: str, data: bytes, problems: list[Problem], *, workbook: bool = False) -> zipfile.ZipFile | None:
    """The archive, when it can be read and what it declares unpacks within the limits; else None and a problem.

    Only stored and deflated entries are read: for those, Python's zipfile never unpacks more than an entry
    declares (bzip2 and LZMA entries are unpacked a whole block at a time, whatever they declare), so checking the
    declared sizes bounds the memory and time a zip bomb can take.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        problems.append(Problem(name, None, None, _("not a readable XLSX workbook") if workbook else
                                _("not a readable zip file")))  # fmt: skip
        return None
    methods = {entry.compress_type for entry in entries} - SAFE_METHODS
    if methods:
        problems.append(
            Problem(name, None, None, _("uses a compression method other than deflate (e.g. bzip2, LZMA); zip it "
                    "again with your system's standard zip"))
        )  # fmt: skip
        return None
    if len(entries) > MAX_MEMBERS:
        problems.append(Problem(name, None, None, _("holds {n} entries; the limit is {limit}").format(
            n=len(entries), limit=MAX_MEMBERS)))  # fmt: skip
        return None
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED:
        problems.append(
            Problem(name, None, None, _("unpacks to {size}; the limit is {limit} MB in all (a {upload} upload)").format(
                    size=_mb(unpacked), limit=MAX_UNPACKED // 2**20, upload=_mb(len(data))))
        )  # fmt: skip
        return None
    return archive


def _read_member(name: str, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, problems: list[Problem]) -> bytes | None:
    label = f"{name}/{entry.filename}"
    if _too_big(label, entry.file_size, problems, unpacked=True):
        return None
    try:
        with archive.open(entry) as handle:
            return handle.read(MAX_BYTES + 1)
    except RuntimeError:  # zipfile's words for an encrypted entry
        problems.append(Problem(label, None, None, _("is encrypted; upload it without a password")))
    except NotImplementedError:
        problems.append(Problem(label, None, None, _("uses a compression method that cannot be read; zip it again")))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        problems.append(Problem(label, None, None, _("cannot be unpacked ({error}): the zip is damaged").format(
            error=type(exc).__name__)))  # fmt: skip
    return None


def _zip_tables(
    name: str, data: bytes, package: Package, problems: list[Problem], ignored: list[str]
) -> list[tuple[str, str, bytes]]:
    """(table, shown name, CSV bytes) for each CSV entry; nested archives are reported, other files listed."""
    archive = _open_zip(name, data, problems)
    if archive is None:
        return []
    out = []
    for entry in archive.infolist():
        member = entry.filename
        if entry.is_dir() or member.startswith("__MACOSX") or Path(member).name.startswith("._"):
            continue
        suffix = Path(member).suffix.lower()
        if suffix in ARCHIVES:
            problems.append(
                Problem(f"{name}/{member}", None, None, _("archives inside a zip are not opened; unpack it and "
                        "upload its CSV files"))
            )  # fmt: skip
            continue
        if suffix != ".csv":
            ignored.append(f"{name}/{member}")
            continue
        target = _table_for(Path(member).name, package, problems, where=f"{name}/{member}")
        content = _read_member(name, archive, entry, problems) if target else None
        if target and content is not None:
            out.append((target, f"{name}/{member}", content))
    if not out and not any(p.file.startswith(name) for p in problems):
        problems.append(Problem(name, None, None, _("the zip holds no CSV table")))
    return out


def _cell_text(value) -> str:
    """A workbook cell as the CSV text it stands for: dates as ISO dates, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_tables(name: str, data: bytes, package: Package, problems: list[Problem]) -> list[tuple[str, str, bytes]]:
    """Each sheet named like a table becomes that table's CSV, cell by cell as written; formulas are reported.

    The workbook is streamed (openpyxl's read-only mode) and a sheet is read no further than the row limit, so a
    workbook of a million rows is refused after MAX_ROWS rows, not parsed whole.
    """
    if _open_zip(name, data, problems, workbook=True) is None:
        return []
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook; each is reported, none escapes
        problems.append(Problem(name, None, None, _("not a readable XLSX workbook ({error})").format(
            error=type(exc).__name__)))  # fmt: skip
        return []
    out = []
    try:
        for sheet in workbook.worksheets:
            where = f"{name}[{sheet.title}]"
            if sheet.title.lower() in SHEETS_OF_NOTES:
                continue
            target = _table_for(sheet.title, package, problems, where=where)
            if not target:
                continue
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            header: list[str] = []
            declared = sheet.max_column or 0  # from the sheet's <dimension>, which Excel always writes
            if declared > MAX_COLUMNS:
                problems.append(Problem(where, None, None, _("the sheet has {n} columns; an Atlas table has at most 17, "
                                        "and only the first {limit} of a sheet are read").format(
                                            n=number(declared), limit=MAX_COLUMNS)))  # fmt: skip
                continue
            sheet.reset_dimensions()  # a declared size is not trusted for padding rows either
            wide = False
            for line, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1), start=1):
                if line > MAX_ROWS + 1:
                    problems.append(Problem(where, None, None, _("more than {limit} rows; the limit is {limit} per "
                                            "table").format(limit=number(MAX_ROWS))))  # fmt: skip
                    break
                cells = [_cell_text(cell.value) for cell in row]
                if len(cells) > MAX_COLUMNS and cells[MAX_COLUMNS] and not wide:
                    wide = True
                    problems.append(Problem(where, line, None, _("more than {limit} columns; an Atlas table has at "
                                            "most 17, and only the first {limit} of a sheet are read").format(
                                                limit=MAX_COLUMNS)))  # fmt: skip
                while cells and not cells[-1]:
                    cells.pop()  # empty cells at the end of a row are not cells of the table
                header = header or cells
                if len(cells) < len(header) and any(cells):
                    cells += [""] * (len(header) - len(cells))  # a sheet stores no empty cells at a row's end
                for index, cell in enumerate(row):
                    if getattr(cell, "data_type", None) == "f":
                        column = header[index] if index < len(header) and line > 1 else None
                        problems.append(Problem(where, line, column, _("cell holds a formula ({formula}); the Atlas "
                                                "reads values only: paste the values and upload again").format(
                                                    formula=cells[index][:40])))  # fmt: skip
                writer.writerow(cells)
            else:
                out.append((target, where, buffer.getvalue().encode("utf-8")))
    except Exception as exc:  # a damaged sheet part: reported with the workbook's name
        problems.append(Problem(name, None, None, _("not a readable XLSX workbook ({error})").format(
            error=type(exc).__name__)))  # fmt: skip
        return []
    finally:
        workbook.close()
    return out


def _files(
    uploads: Iterable[tuple[str, bytes]], package: Package, problems: list[Problem], ignored: list[str]
) -> dict[str, tuple[str, bytes]]:
    """Map each uploaded file (zips opened, workbooks split by sheet) to (shown name, CSV bytes) per table.

    A table that arrives twice (two files, a file and a sheet, two entries of a zip) is a problem naming both.
    """
    out: dict[str, tuple[str, bytes]] = {}
    for name, data in uploads:
        suffix = Path(name).suffix.lower()
        if suffix not in ACCEPTED:
            problems.append(Problem(name, None, None, _("unsupported file type '{suffix}'; upload .csv, .xlsx or .zip")
                                    .format(suffix=suffix)))  # fmt: skip
            continue
        if _too_big(name, len(data), problems):
            continue
        if suffix == ".zip":
            found = _zip_tables(name, data, package, problems, ignored)
        elif suffix == ".xlsx":
            found = _xlsx_tables(name, data, package, problems)
        else:
            target = _table_for(name, package, problems)
            found = [(target, name, data)] if target else []
        for target, shown, content in found:
            if target in out:
                problems.append(
                    Problem(
                        shown,
                        None,
                        None,
                        _("{table} is uploaded twice (also as {other}); upload it once").format(
                            table=target, other=out[target][0]
                        ),
                    )  # fmt: skip
                )
                continue
            out[target] = (shown, content)
    return out


def check_upload(
    uploads: Mapping[str, bytes] | Iterable[tuple[str, bytes]],
    *,
    base_dir: Path = DEFAULT_DATA_DIR,
    workdir: Path | None = None,
) -> UploadResult:
    """Lay the uploaded tables over a copy of the bundled package and validate the result. Never raises.

    `uploads` is (file name, bytes) pairs, or a mapping: two files of the same name are both checked (and reported
    as the same table twice). Problems name the uploaded file (or workbook[sheet]), the row and the column, as
    the validator reports them.
    """
    pairs = list(uploads.items() if isinstance(uploads, Mapping) else uploads)
    try:
        return _check(pairs, base_dir, workdir)
    except Exception as exc:  # a file no check above foresaw: reported, and logged in full for the maintainers
        logger.exception("upload check failed on %s", [name for name, _ in pairs])
        names = ", ".join(name for name, _ in pairs) or "upload"
        return UploadResult(None, [Problem(names, None, None, _("could not be read ({error}); check that it is a CSV, "
                                           "XLSX or zip file").format(error=type(exc).__name__))])  # fmt: skip


def _check(pairs: list[tuple[str, bytes]], base_dir: Path, workdir: Path | None) -> UploadResult:
    package = bundled_package()
    problems: list[Problem] = []
    ignored: list[str] = []
    files = _files(pairs, package, problems, ignored)
    for name, data in files.values():
        rows = line_count(data) - 1  # every line ending counted (\n, \r\n or a lone \r), as the CSV reader reads
        if rows > MAX_ROWS:
            problems.append(Problem(name, None, None, _("{rows} lines after the header; the limit is {limit} rows per "
                                    "table").format(rows=number(rows), limit=number(MAX_ROWS))))  # fmt: skip
    if problems or not files:
        if not files and not problems:
            problems.append(Problem("upload", None, None, _("no file was uploaded")))
        return UploadResult(None, problems, ignored=ignored)
    folder = Path(tempfile.mkdtemp(prefix="atlas-upload-", dir=workdir))
    for path in Path(base_dir).iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    for target, (_shown, data) in files.items():
        (folder / target).write_bytes(data)
    tables, found = read_and_validate(folder, package)
    renamed = {target: name for target, (name, _) in files.items()}
    counts = [replace(c, file=renamed[c.file]) for c in account(folder, tables, found, package) if c.file in renamed]
    problems = [Problem(renamed.get(p.file, p.file), p.row, p.column, p.message) for p in found]
    if problems:
        shutil.rmtree(folder, ignore_errors=True)
        return UploadResult(None, problems, sorted(files), ignored, counts)
    return UploadResult(folder, [], sorted(files), ignored, counts)


def template_zip() -> bytes:
    """Empty CSVs with the Atlas headers, and the data dictionary (every column and its allowed values)."""
    from components.data.dictionary import field_table

    package = bundled_package()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        dictionary = []
        for resource in package.resources:
            archive.writestr(f"atlas-template/{resource.path}", ",".join(resource.field_names) + "\n")
            fields = field_table(resource)  # column, required, type, allowed values, description: after the table
            fields.insert(0, _("table"), resource.path)
            dictionary.append(fields)
        frame = pd.concat(dictionary)
        archive.writestr("atlas-template/data-dictionary.csv", frame.to_csv(index=False))
        archive.write(DEFAULT_DATA_DIR / "datapackage.yaml", "atlas-template/datapackage.yaml")
    return buffer.getvalue()
