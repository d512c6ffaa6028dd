"""Report a problem with a fact, and suggest a correction: plain data, for the live pages and the published site.

"Report a problem" is a link that opens the project's issue tracker (or the reader's mail client) with a new report
already written: the fact's key (table and primary key), the value shown, its source and checked date, the address of
the view with its release, and room for the reader's own words. Where it goes is the descriptor's `x-report`
(data/datapackage.yaml): an `issue_url` template whose {title} and {body} are filled URL-encoded, and/or a `mailto`
address. Nothing is sent by the Atlas: the reader follows the link and sends the report, or not.

"Suggest a correction" is the fact's row as it is now, as a one-row CSV under the upload schema's header (the
descriptor's fields), for the reader to edit and send; the upload validator accepts it as it is.

The texts a reader sees (the links' labels, the download's) are in the view's language; what the links carry (the
report's title and body, its keys and field names) stays in English, for the maintainers and the tools that read it.

The live pages draw `Report` and `ReportTable` blocks with the address the reader sees (components/ui/render.py): a
view's content is built once for every session, and only the page knows its own address.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from components.content.base import Block, Download, Table, Text
from components.data.i18n import N_, _, pgettext
from components.data.labels import label
from components.data.schema import DESCRIPTOR, Package, bundled_package, read_package
from components.export.rows import neutralise
from components.model.atlas import Atlas, derived
from components.text import md_link

CONFIG_KEY = "x-report"
LABEL = N_("Report a problem")  # the labels: translated where they are shown
SHORT_LABEL = "Report"  # in a table's column, one per row (translated with its context: a kind of instrument is also "Report")
MAIL_LABEL = N_("by e-mail")
CORRECTION_LABEL = N_("Suggest a correction (CSV)")
QUESTION = "What is wrong, and where did you read the right fact?"  # in the report's body: English, as all of it
MAX_VALUE = 300  # characters of one value in a report: a long name or address stays under trackers' URL limits
MAX_TITLE = 160
_EMAIL = re.compile(r"^[^@\s?&#/%]+@[^@\s?&#/%]+\.[^@\s?&#/%]+$")


@dataclass(frozen=True)
class ReportConfig:
    """Where reports go: an http(s) issue-form template with {title} and {body}, and/or an e-mail address."""

    issue_url: str = ""
    mailto: str = ""


def report_config(descriptor: Mapping | None) -> ReportConfig | None:
    """The descriptor's `x-report`, checked: an http(s) template and a plain address; None when neither is usable."""
    raw = descriptor.get(CONFIG_KEY) if isinstance(descriptor, Mapping) else None
    if not isinstance(raw, Mapping):
        return None
    issue = str(raw.get("issue_url") or "").strip()
    issue = issue if re.match(r"^https?://[^\s]+$", issue, flags=re.IGNORECASE) else ""
    mail = str(raw.get("mailto") or "").strip().removeprefix("mailto:")
    mail = mail if _EMAIL.match(mail) else ""
    return ReportConfig(issue, mail) if issue or mail else None


def _package_config(data_dir: Path) -> ReportConfig | None:
    own = Path(data_dir) / DESCRIPTOR
    package: Package = read_package(Path(data_dir)) if own.exists() else bundled_package()
    if CONFIG_KEY not in package.descriptor:  # a release frozen before reports existed: where the Atlas takes them now
        package = bundled_package()
    return report_config(package.descriptor)


def atlas_config(atlas: Atlas) -> ReportConfig | None:
    """Where reports on this dataset go: its package's `x-report` (the bundled descriptor's for a release that has
    none); None when nothing is configured, and then no page shows a report link."""
    return derived(atlas, "report.config", lambda: _package_config(Path(atlas.data_dir)))


# ---------------------------------------------------------------- the fact and its report


@dataclass(frozen=True)
class ReportFact:
    """One fact as a reader sees it: its table and primary key, the value shown, where it was read and when."""

    table: str
    key: tuple[str, ...]
    shown: str  # the value as shown: the action and its date, a count
    source_url: str = ""
    checked: str = ""
    view_url: str = ""  # the address of the view (or page) it was seen on, with its release
    release: str = ""  # the data release ('' between releases)

    @property
    def key_text(self) -> str:
        """'participation: coe-framework-convention-ai / BRA / signed'."""
        return f"{self.table}: {' / '.join(self.key)}"


def _one_line(value: object, most: int = MAX_VALUE) -> str:
    """A value on one line (a newline in data must not start a line of its own in the report), at most `most` long."""
    text = " ".join(str(value).split())
    return text if len(text) <= most else text[: most - 1] + "…"


def report_title(fact: ReportFact) -> str:
    return _one_line(f"Problem with {fact.key_text}", MAX_TITLE)


def report_body(fact: ReportFact, newline: str = "\n") -> str:
    """The report as it opens: the fact, what was shown, its source and checked date, the view, then the question."""
    lines = [
        f"Fact: {_one_line(fact.key_text)}",
        f"Shown: {_one_line(fact.shown)}",
        f"Source: {_one_line(fact.source_url) or 'none recorded'}",
        f"Checked: {_one_line(fact.checked) or 'not recorded'}",
    ]
    if fact.view_url:
        lines.append(f"View: {_one_line(fact.view_url, 2 * MAX_VALUE)}")
    lines.append(f"Release: {_one_line(fact.release)}" if fact.release else "Release: data between releases")
    lines += ["", QUESTION, "", ""]
    return newline.join(lines)


def issue_link(fact: ReportFact, config: ReportConfig) -> str:
    """The issue form's address with the title and body filled in (every character of them URL-encoded)."""
    if not config.issue_url:
        return ""
    title, body = quote(report_title(fact), safe=""), quote(report_body(fact), safe="")
    return config.issue_url.replace("{title}", title).replace("{body}", body)


def mail_link(fact: ReportFact, config: ReportConfig) -> str:
    """A mailto: address with the subject and body filled in (RFC 6068: percent-encoded, CRLF line ends)."""
    if not config.mailto:
        return ""
    subject, body = quote(report_title(fact), safe=""), quote(report_body(fact, "\r\n"), safe="")
    return f"mailto:{quote(config.mailto, safe='@')}?subject={subject}&body={body}"


def report_links(fact: ReportFact, config: ReportConfig | None) -> list[tuple[str, str]]:
    """(label, address) of every way to report the fact: the issue form first, then e-mail; none without config.
    The labels are in the view's language, the addresses are not."""
    if config is None:
        return []
    issue, mail = issue_link(fact, config), mail_link(fact, config)
    return [(_(LABEL), issue)] * bool(issue) + [(_(MAIL_LABEL) if issue else _(LABEL), mail)] * bool(mail)


def report_link(fact: ReportFact, config: ReportConfig | None) -> str:
    """The report's first address (the issue form, else e-mail); '' when nothing is configured."""
    links = report_links(fact, config)
    return links[0][1] if links else ""


def report_markdown(fact: ReportFact, config: ReportConfig | None) -> str:
    """'[Report a problem](…) · [by e-mail](mailto:…)', or '' when nothing is configured."""
    return " · ".join(md_link(text, href) for text, href in report_links(fact, config))


# ---------------------------------------------------------------- facts of the dataset


def row_of(atlas: Atlas, table: str, key: tuple[str, ...]) -> pd.Series | None:
    """The typed row of `table` with this primary key (the descriptor's), or None (a what-if row is not data)."""
    resource = bundled_package().resource(table)
    frame = getattr(atlas, table)
    match = pd.Series(True, index=frame.index)
    for name, value in zip(resource.primary_key, key, strict=True):
        match &= frame[name].astype(str) == value
    if "hypothetical" in frame:
        match &= ~frame["hypothetical"].astype(bool)
    found = frame[match]
    return found.iloc[0] if len(found) else None


def raw_values(atlas: Atlas, table: str, row: pd.Series) -> dict[str, str]:
    """The row as its CSV file holds it, under the upload schema's header: dates as written, lists joined."""
    out = {}
    for spec in bundled_package().resource(table).fields:
        value = row.get(f"{spec.name}_label" if spec.partial_date else spec.name, "")
        if isinstance(value, list | tuple):
            value = (spec.separator or ";").join(str(v) for v in value)
        out[spec.name] = "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)
    return out


def participation_fact(atlas: Atlas, instrument: str, party: str, action: str, *, view_url: str = "",
                       release: str = "") -> ReportFact | None:  # fmt: skip
    """A party's action on an instrument as the views show it: 'Brazil — OECD AI Principles: Adhered 2019-05-22'."""
    row = row_of(atlas, "participation", (instrument, party, action))
    if row is None:
        return None
    names = dict(zip(atlas.parties["id"], atlas.parties["name"], strict=True))
    short = dict(zip(atlas.instruments["id"], atlas.instruments["short_name"], strict=True))
    when = str(row["date_label"] or "undated")
    shown = f"{names.get(party, party)} — {short.get(instrument, instrument)}: {label(action)} {when}"
    shown += f" (evidence: {row['evidence']})"
    return ReportFact("participation", (instrument, party, action), shown, str(row["source_url"]),
                      str(row["checked_label"]), view_url, release)  # fmt: skip


def instrument_fact(atlas: Atlas, instrument: str, shown: str, *, view_url: str = "",
                    release: str = "") -> ReportFact | None:  # fmt: skip
    """An instrument's row (its name, dates, legal force, count) with what the view shows of it."""
    row = row_of(atlas, "instruments", (instrument,))
    if row is None:
        return None
    return ReportFact("instruments", (instrument,), shown, str(row["source_url"]), str(row["checked_label"]),
                      view_url, release)  # fmt: skip


def correction_csv(atlas: Atlas, table: str, key: tuple[str, ...]) -> bytes:
    """The row as it is now, under its table's header (the descriptor's fields, so new columns come with it): one row
    for the reader to edit and send, which the upload check accepts. A free-text cell a spreadsheet would run as a
    formula gets a leading apostrophe. Empty when the row is not in the data."""
    row = row_of(atlas, table, key)
    if row is None:
        return b""
    names = bundled_package().resource(table).field_names
    values = neutralise(pd.DataFrame([raw_values(atlas, table, row)], columns=names)).iloc[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerow([str(values[name]) for name in names])
    return buffer.getvalue().encode("utf-8")


def correction_file(table: str) -> str:
    """The file name the upload check reads as the table ('participation.csv')."""
    return bundled_package().resource(table).path


# ---------------------------------------------------------------- blocks the page draws with its own address


@dataclass(frozen=True)
class Report(Block):
    """A fact's 'Report a problem' link (and, with `correction`, its row as a CSV to edit), drawn by the page with the
    address the reader sees: `resolve` turns it into Text and Download blocks."""

    fact: ReportFact
    key: str  # names the download's widget
    correction: Callable[[], bytes] | None = None
    file_name: str = ""
    title: str = ""  # Markdown before the link: which fact, where several are listed

    def resolve(self, view_url: str, release: str, config: ReportConfig | None) -> list[Block]:
        fact = ReportFact(**{**self.fact.__dict__, "view_url": view_url, "release": release})
        text = " · ".join(part for part in (self.title, report_markdown(fact, config)) if part)
        out: list[Block] = [Text(text, caption=not self.title, brief=False)] if text else []
        if self.correction is not None:
            out.append(Download(_(CORRECTION_LABEL), self.correction, self.file_name, "text/csv",
                                key=f"correction_{self.key}", icon="edit_note", brief=False))  # fmt: skip
        return out


@dataclass(frozen=True)
class ReportTable(Table):
    """A table whose rows are facts: drawn with a 'Report' link per row (`facts`, one per row, None for a row with
    none) once the page knows its address. Everywhere else (exports, the published site, tests) it is the table."""

    facts: tuple[ReportFact | None, ...] = field(default=())

    def resolve(self, view_url: str, release: str, config: ReportConfig | None) -> Table:
        plain = Table(**{f.name: getattr(self, f.name) for f in fields(Table)})
        if config is None or not any(self.facts):
            return plain
        hrefs = [
            report_link(ReportFact(**{**f.__dict__, "view_url": view_url, "release": release}), config) if f else ""
            for f in self.facts
        ]
        column = pgettext("link to report a problem", "Report")
        data = self.data.assign(**{column: hrefs})
        return Table(**{**plain.__dict__, "data": data, "links": {**self.links, column: column}})
