"""Bring your own data: uploaded CSV/XLSX tables or a zipped package, checked by the same validator.

An upload is laid over a copy of the bundled package in a fresh temporary folder (tables not uploaded keep the
bundled rows), so it is never written over the bundled data and belongs to the one browser session that holds
the folder's path.
"""

from __future__ import annotations

import difflib
import io
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from components.schema import DEFAULT_DATA_DIR, Package, bundled_package
from components.validate import Problem, read_and_validate

MAX_BYTES = 10 * 1024 * 1024  # per file
MAX_ROWS = 50_000  # per table
ACCEPTED = (".csv", ".xlsx", ".zip")


@dataclass
class UploadResult:
    data_dir: Path | None  # the session's package when valid
    problems: list[Problem] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # the tables the upload replaced

    @property
    def ok(self) -> bool:
        return self.data_dir is not None and not self.problems


def _table_for(name: str, package: Package, problems: list[Problem], *, where: str | None = None) -> str | None:
    """The resource file an uploaded file (or sheet) name stands for, or None with a problem naming `where`."""
    stem = Path(name).stem.lower().strip()
    paths = {Path(r.path).stem: r.path for r in package.resources}
    if stem in paths:
        return paths[stem]
    close = difflib.get_close_matches(stem, list(paths), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}.csv'?)" if close else ""
    problems.append(
        Problem(where or name, None, None, f"not a table of the Atlas{hint}; tables: {', '.join(paths.values())}")
    )
    return None


def _xlsx_tables(name: str, data: bytes, package: Package, problems: list[Problem]) -> dict[str, bytes]:
    """Each sheet named like a table becomes that table's CSV (cells read as text, nothing dropped)."""
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception as exc:  # any unreadable workbook is reported, whatever openpyxl raised
        problems.append(Problem(name, None, None, f"not a readable XLSX workbook ({type(exc).__name__})"))
        return {}
    out = {}
    for sheet, frame in sheets.items():
        if sheet.lower() in ("about", "readme"):
            continue  # a sheet of notes, as the Atlas's own exports have
        target = _table_for(sheet, package, problems, where=f"{name}[{sheet}]")
        if target:
            out[target] = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return out


def _files(uploads: dict[str, bytes], package: Package, problems: list[Problem]) -> dict[str, tuple[str, bytes]]:
    """Map each uploaded file (zips opened, workbooks split by sheet) to (original name, CSV bytes) per table."""
    out: dict[str, tuple[str, bytes]] = {}
    for name, data in uploads.items():
        suffix = Path(name).suffix.lower()
        if suffix not in ACCEPTED:
            problems.append(Problem(name, None, None, f"unsupported file type '{suffix}'; upload .csv, .xlsx or .zip"))
            continue
        if len(data) > MAX_BYTES:
            problems.append(
                Problem(name, None, None, f"file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB")
            )
            continue
        if suffix == ".zip":
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
            except zipfile.BadZipFile:
                problems.append(Problem(name, None, None, "not a readable zip file"))
                continue
            members = [m for m in archive.namelist() if m.lower().endswith(".csv") and not m.startswith("__MACOSX")]
            if not members:
                problems.append(Problem(name, None, None, "the zip holds no CSV table"))
            for member in members:
                inner = archive.read(member)
                if len(inner) > MAX_BYTES:
                    problems.append(
                        Problem(
                            member,
                            None,
                            None,
                            f"file is {len(inner) / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB",
                        )
                    )
                    continue
                target = _table_for(Path(member).name, package, problems)
                if target:
                    out[target] = (Path(member).name, inner)
        elif suffix == ".xlsx":
            for target, csv_bytes in _xlsx_tables(name, data, package, problems).items():
                out[target] = (f"{name}[{Path(target).stem}]", csv_bytes)
        else:
            target = _table_for(name, package, problems)
            if target:
                out[target] = (name, data)
    return out


def check_upload(
    uploads: dict[str, bytes], *, base_dir: Path = DEFAULT_DATA_DIR, workdir: Path | None = None
) -> UploadResult:
    """Lay the uploaded tables over a copy of the bundled package and validate the result.

    Problems name the uploaded file (or workbook[sheet]), the row and the column, as the validator reports them.
    """
    package = bundled_package()
    problems: list[Problem] = []
    files = _files(uploads, package, problems)
    for name, data in files.values():
        rows = data.count(b"\n")
        if rows - 1 > MAX_ROWS:
            problems.append(Problem(name, None, None, f"{rows - 1} rows; the limit is {MAX_ROWS} per table"))
    if problems or not files:
        if not files and not problems:
            problems.append(Problem("upload", None, None, "no file was uploaded"))
        return UploadResult(None, problems)
    folder = Path(tempfile.mkdtemp(prefix="atlas-upload-", dir=workdir))
    for path in Path(base_dir).iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    for target, (_, data) in files.items():
        (folder / target).write_bytes(data)
    _, found = read_and_validate(folder, package)
    renamed = {target: name for target, (name, _) in files.items()}
    problems = [Problem(renamed.get(p.file, p.file), p.row, p.column, p.message) for p in found]
    if problems:
        shutil.rmtree(folder, ignore_errors=True)
        return UploadResult(None, problems, sorted(files))
    return UploadResult(folder, [], sorted(files))


def template_zip() -> bytes:
    """Empty CSVs with the Atlas headers, and the data dictionary (every column and its allowed values)."""
    from components.dictionary import field_table

    package = bundled_package()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        dictionary = []
        for resource in package.resources:
            archive.writestr(f"atlas-template/{resource.path}", ",".join(resource.field_names) + "\n")
            dictionary.append(field_table(resource).assign(table=resource.path))
        frame = pd.concat(dictionary)[["table", "column", "required", "type", "allowed values", "description"]]
        archive.writestr("atlas-template/data-dictionary.csv", frame.to_csv(index=False))
        archive.write(DEFAULT_DATA_DIR / "datapackage.yaml", "atlas-template/datapackage.yaml")
    return buffer.getvalue()
