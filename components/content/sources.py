"""Data and sources: the whole package as a download, coverage per instrument, the data dictionary with per-table
downloads, how to explore your own data (the upload itself is the page's), and how to add or correct a row."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from components.content.base import Block, Code, Download, Heading, Notice, Section, Slot, Table, Text, ViewContent
from components.content.report import ReportTable, instrument_fact
from components.data.dictionary import field_table, value_definitions
from components.data.i18n import N_, _, ngettext, number
from components.data.schema import bundled_package
from components.data.upload import ACCEPTED, MAX_BYTES, MAX_ROWS, UploadResult, check_upload, template_zip
from components.data.validate import problems_table
from components.export.rows import neutralise, package_zip
from components.model.atlas import Atlas, citation
from components.model.coverage import coverage_table
from components.model.filters import Filters
from components.text import md

TITLE = N_("Data and sources")  # translated where the page shows it (components/ui/render.py)
SUBTITLE = ""
MAX_SHOWN = 1_000  # upload problems listed on the page; the download has every one
INTRO = N_(
    "Every row names the page it was read from (`source_url`) and the date it was checked (`checked`). "
    "The tables follow a [Frictionless Data Package](https://datapackage.org/) descriptor, "
    "`data/datapackage.yaml`, and pass `python -m components.data.validate` before the app shows them."
)
COVERAGE = N_(
    "Parties recorded, whether the list is complete, and how its rows are sourced: *official* = read on an official "
    "page; *secondary* = a reputable page reporting the official list; *unverified* = a single non-official source or "
    "an inference (see each row's notes)."
)
UPLOAD = N_(  # {mb} and {rows}: the limits (upload())
    "Upload tables in the Atlas schema — CSV files named like the tables above, an XLSX workbook with one sheet "
    "per table, or a zip of the package. They are checked by the same validator; tables you do not upload keep "
    "the bundled rows. A valid upload is used **in this browser session only**. Limits: "
    "{mb} MB per file, {rows} rows per table, UTF-8 text."
)
ADDING = N_(
    "1. Read the official source (treaty office, government or summit page, OECD, UN) and note its address.\n"
    "2. Add the row to the CSV file with `source_url` and today's date in `checked`; put disagreements "
    "between sources in `notes`.\n"
    "3. Run `python -m components.data.validate` and fix every `file:row:column` problem it prints."
)


def upload() -> str:
    """What an upload may hold, and its limits, in the view's language."""
    return _(UPLOAD).format(mb=MAX_BYTES // 2**20, rows=number(MAX_ROWS))


def dictionary(atlas: Atlas) -> list[Block]:
    """One folded section per table: its description, its columns, its vocabularies, and the file to download."""
    out: list[Block] = []
    for resource in bundled_package().resources:
        rows = len(getattr(atlas, resource.name))
        # the descriptor's titles and descriptions are in the catalogs as its vocabularies' labels are
        inner: list[Block] = [Text(_(resource.description)), Table(f"fields_{resource.name}", field_table(resource))]
        for field_name, definitions in value_definitions(resource).items():
            inner += [Text(_("Values of `{field}`:").format(field=field_name)),
                      Table(f"values_{resource.name}_{field_name}", definitions)]  # fmt: skip
        path = Path(atlas.data_dir) / resource.path
        if path.exists():
            inner.append(Download(_("Download {file}").format(file=resource.path), path.read_bytes(), resource.path,
                                  "text/csv", key=f"download-{resource.name}"))  # fmt: skip
        elif resource.list_for is not None:
            parent = bundled_package().resource(resource.list_for.parent)
            inner.append(
                Text(
                    _(
                        "This package is in an older layout: it keeps these rows as the list column "
                        "`{field}` of `{file}`."
                    ).format(field=resource.list_for.field, file=parent.path)
                )
            )
        out.append(Section(ngettext("**{title}** — `{file}`, {n} rows", "**{title}** — `{file}`, {n} rows", rows).format(
            title=_(resource.title), file=resource.path, n=rows), inner))  # fmt: skip
    return out


def _column(table, english: str) -> str:
    """A model table's column as it is named in the view's language (its English name when it is not translated)."""
    return english if english in table.columns else _(english)


def coverage(atlas: Atlas) -> ReportTable:
    """Coverage per instrument, each row with a link to report a problem with the instrument's record."""
    table = coverage_table(atlas)
    short = atlas.instruments["short_name"].astype(str)
    ids = dict(zip(short, atlas.instruments["id"], strict=True)) if short.is_unique else {}
    name, count, status = (_column(table, c) for c in ("Instrument", "Parties recorded", "Party list"))
    # what the report says was shown (in English, as the rest of the report: components/content/report.py)
    shown = [
        f"{row[name]}: {row[count]} parties recorded, party list {row[status].lower()}"
        for _row, row in table.iterrows()
    ]
    facts = tuple(
        instrument_fact(atlas, ids[instrument], text) if instrument in ids else None
        for instrument, text in zip(table[name], shown, strict=True)
    )
    return ReportTable("coverage", table, height=420, facts=facts)


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    cite = citation(atlas)
    blocks: list[Block] = [
        Text(_(INTRO)),
        Download(
            _("Download the whole data package (zip: CSVs, schema, licence, citation)"),
            lambda: package_zip(Path(atlas.data_dir), cite),
            f"ai-governance-atlas-{atlas.asof.isoformat()}.zip",
            "application/zip",
            key="download_package",
            icon="folder_zip",
        ),  # fmt: skip
        Text(_("Cite as: {citation}").format(citation=cite), caption=True),
        Heading(_("Coverage per instrument")),
        Text(_(COVERAGE), caption=True),
        coverage(atlas),
        Heading(_("Tables and data dictionary")),
        *dictionary(atlas),
        Heading(_("Explore your own data")),
        Text(upload()),
        Download(
            _("Download the template (empty tables with their headers, and the data dictionary)"),
            template_zip,
            "atlas-template.zip",
            "application/zip",
            key="download_template",
            icon="description",
        ),  # fmt: skip
        Slot("upload"),
        Heading(_("Adding or correcting a row")),
        Text(_(ADDING)),
    ]
    return ViewContent(TITLE, SUBTITLE, blocks, asof=atlas.asof)


UPLOAD_TYPES = [suffix.lstrip(".") for suffix in ACCEPTED]  # what the page's uploader accepts


def check_files(files: list[tuple[str, bytes]]) -> UploadResult:
    """Check uploaded files (name, bytes) with the validator; same-named files are both checked."""
    return check_upload(files)


def upload_accepted(result: UploadResult) -> str:
    """What a valid upload did, in one sentence (shown after the page reruns with the new data)."""
    read = " · ".join(md(count) for count in result.counts)
    text = _("Valid: {tables} ({read}). Every view now shows your data, in this session only.").format(
        tables=md(", ".join(result.tables)), read=read)  # fmt: skip
    if result.ignored:
        text += " " + _("Not tables, so not read: {names}").format(names=", ".join(md(n) for n in result.ignored)) + "."
    return text


def upload_rejected(result: UploadResult) -> list[Block]:
    """Why an upload was refused: every problem (the first MAX_SHOWN on the page, all in the download)."""
    shown = result.problems[:MAX_SHOWN]
    text = _("{n} problem(s): nothing was changed. Fix them and upload again.").format(n=number(len(result.problems)))
    if len(result.problems) > MAX_SHOWN:
        text += " " + _("The first {n} are listed; download them all below.").format(n=number(MAX_SHOWN))
    out: list[Block] = [Notice(text, kind="error")]
    if result.counts:
        out.append(Text(" · ".join(md(count) for count in result.counts), caption=True))
    out += [
        Table("upload_problems", problems_table(shown)),
        Code("\n".join(str(p) for p in shown)),  # copyable, and readable by screen readers
        Download(
            _("Download every problem (CSV)"),
            neutralise(problems_table(result.problems)).to_csv(index=False).encode(),
            "atlas-upload-problems.csv",
            "text/csv",
            key="download_problems",
            icon="download",
        ),  # fmt: skip
    ]
    if result.ignored:
        out.append(Text(_("Not tables, so not read: {names}").format(names=", ".join(md(name) for name in result.ignored)),
                        caption=True))  # fmt: skip
    return out
