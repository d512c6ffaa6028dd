"""Data and sources: the whole package as a download, coverage per instrument, the data dictionary with per-table
downloads, how to explore your own data (the upload itself is the page's), and how to add or correct a row."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from components.content.base import Block, Code, Download, Heading, Notice, Section, Slot, Table, Text, ViewContent
from components.content.report import ReportTable, instrument_fact
from components.data.dictionary import field_table, value_definitions
from components.data.schema import bundled_package
from components.data.upload import ACCEPTED, MAX_BYTES, MAX_ROWS, UploadResult, check_upload, template_zip
from components.data.validate import problems_table
from components.export.rows import neutralise, package_zip
from components.model.atlas import Atlas, citation
from components.model.coverage import coverage_table
from components.model.filters import Filters
from components.text import md

TITLE = "Data and sources"
SUBTITLE = ""
MAX_SHOWN = 1_000  # upload problems listed on the page; the download has every one
INTRO = (
    "Every row names the page it was read from (`source_url`) and the date it was checked (`checked`). "
    "The tables follow a [Frictionless Data Package](https://datapackage.org/) descriptor, "
    "`data/datapackage.yaml`, and pass `python -m components.data.validate` before the app shows them."
)
COVERAGE = (
    "Parties recorded, whether the list is complete, and how its rows are sourced: *official* = read on an official "
    "page; *secondary* = a reputable page reporting the official list; *unverified* = a single non-official source or "
    "an inference (see each row's notes)."
)
UPLOAD = (
    "Upload tables in the Atlas schema — CSV files named like the tables above, an XLSX workbook with one sheet "
    "per table, or a zip of the package. They are checked by the same validator; tables you do not upload keep "
    f"the bundled rows. A valid upload is used **in this browser session only**. Limits: "
    f"{MAX_BYTES // 2**20} MB per file, {MAX_ROWS:,} rows per table, UTF-8 text."
)
ADDING = (
    "1. Read the official source (treaty office, government or summit page, OECD, UN) and note its address.\n"
    "2. Add the row to the CSV file with `source_url` and today's date in `checked`; put disagreements "
    "between sources in `notes`.\n"
    "3. Run `python -m components.data.validate` and fix every `file:row:column` problem it prints."
)


def dictionary(atlas: Atlas) -> list[Block]:
    """One folded section per table: its description, its columns, its vocabularies, and the file to download."""
    out: list[Block] = []
    for resource in bundled_package().resources:
        rows = len(getattr(atlas, resource.name))
        inner: list[Block] = [Text(resource.description), Table(f"fields_{resource.name}", field_table(resource))]
        for field_name, definitions in value_definitions(resource).items():
            inner += [Text(f"Values of `{field_name}`:"), Table(f"values_{resource.name}_{field_name}", definitions)]
        path = Path(atlas.data_dir) / resource.path
        if path.exists():
            inner.append(Download(f"Download {resource.path}", path.read_bytes(), resource.path, "text/csv",
                                  key=f"download-{resource.name}"))  # fmt: skip
        elif resource.list_for is not None:
            parent = bundled_package().resource(resource.list_for.parent)
            inner.append(Text(f"This package is in an older layout: it keeps these rows as the list column "
                              f"`{resource.list_for.field}` of `{parent.path}`."))  # fmt: skip
        out.append(Section(f"**{resource.title}** — `{resource.path}`, {rows} rows", inner))
    return out


def coverage(atlas: Atlas) -> ReportTable:
    """Coverage per instrument, each row with a link to report a problem with the instrument's record."""
    table = coverage_table(atlas)
    short = atlas.instruments["short_name"].astype(str)
    ids = dict(zip(short, atlas.instruments["id"], strict=True)) if short.is_unique else {}
    shown = [
        f"{row['Instrument']}: {row['Parties recorded']} parties recorded, party list {row['Party list'].lower()}"
        for _, row in table.iterrows()
    ]
    facts = tuple(
        instrument_fact(atlas, ids[name], text) if name in ids else None
        for name, text in zip(table["Instrument"], shown, strict=True)
    )
    return ReportTable("coverage", table, height=420, facts=facts)


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    cite = citation(atlas)
    blocks: list[Block] = [
        Text(INTRO),
        Download(
            "Download the whole data package (zip: CSVs, schema, licence, citation)",
            lambda: package_zip(Path(atlas.data_dir), cite),
            f"ai-governance-atlas-{atlas.asof.isoformat()}.zip",
            "application/zip",
            key="download_package",
            icon="folder_zip",
        ),  # fmt: skip
        Text(f"Cite as: {cite}", caption=True),
        Heading("Coverage per instrument"),
        Text(COVERAGE, caption=True),
        coverage(atlas),
        Heading("Tables and data dictionary"),
        *dictionary(atlas),
        Heading("Explore your own data"),
        Text(UPLOAD),
        Download(
            "Download the template (empty tables with their headers, and the data dictionary)",
            template_zip,
            "atlas-template.zip",
            "application/zip",
            key="download_template",
            icon="description",
        ),  # fmt: skip
        Slot("upload"),
        Heading("Adding or correcting a row"),
        Text(ADDING),
    ]
    return ViewContent(TITLE, SUBTITLE, blocks, asof=atlas.asof)


UPLOAD_TYPES = [suffix.lstrip(".") for suffix in ACCEPTED]  # what the page's uploader accepts


def check_files(files: list[tuple[str, bytes]]) -> UploadResult:
    """Check uploaded files (name, bytes) with the validator; same-named files are both checked."""
    return check_upload(files)


def upload_accepted(result: UploadResult) -> str:
    """What a valid upload did, in one sentence (shown after the page reruns with the new data)."""
    read = " · ".join(md(count) for count in result.counts)
    skipped = f" Not tables, so not read: {', '.join(md(n) for n in result.ignored)}." if result.ignored else ""
    return f"Valid: {md(', '.join(result.tables))} ({read}). Every view now shows your data, in this session only.{skipped}"


def upload_rejected(result: UploadResult) -> list[Block]:
    """Why an upload was refused: every problem (the first MAX_SHOWN on the page, all in the download)."""
    shown = result.problems[:MAX_SHOWN]
    more = f" The first {MAX_SHOWN:,} are listed; download them all below." if len(result.problems) > MAX_SHOWN else ""
    out: list[Block] = [Notice(f"{len(result.problems):,} problem(s): nothing was changed. Fix them and upload "
                               f"again.{more}", kind="error")]  # fmt: skip
    if result.counts:
        out.append(Text(" · ".join(md(count) for count in result.counts), caption=True))
    out += [
        Table("upload_problems", problems_table(shown)),
        Code("\n".join(str(p) for p in shown)),  # copyable, and readable by screen readers
        Download(
            "Download every problem (CSV)",
            neutralise(problems_table(result.problems)).to_csv(index=False).encode(),
            "atlas-upload-problems.csv",
            "text/csv",
            key="download_problems",
            icon="download",
        ),  # fmt: skip
    ]
    if result.ignored:
        out.append(Text("Not tables, so not read: " + ", ".join(md(name) for name in result.ignored), caption=True))
    return out
