"""Cells, tables and facts as the published pages show them: text with an optional link and marks, made from data.

Cells hold plain text; the templates escape it. A link is kept only when it is a page of the site (made from ids
the validator checked) or an http(s) address, so no data value can become a script or a javascript: link.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from components.data.dates import in_words
from components.data.i18n import N_, _, pgettext
from components.model.claims import FLAG
from components.model.counting import UNVERIFIED_MARK
from components.publish.markdown import http_only

UNVERIFIED_TITLE = N_("rests on a single non-official source (evidence: unverified)")  # translated in marks()
DISPUTED_TITLE = N_("a source states this differently (see What sources say)")
LINK_COLUMNS = ("source_url", "website", "Source")  # columns of rows behind charts whose values are addresses


@dataclass(frozen=True)
class Mark:
    symbol: str  # "?" or "⚑"
    title: str  # what it means, for the reader who hovers and for screen readers


UNVERIFIED = Mark(UNVERIFIED_MARK, UNVERIFIED_TITLE)
DISPUTED = Mark(FLAG, DISPUTED_TITLE)


@dataclass(frozen=True)
class Cell:
    """One table cell: text, and where it links."""

    text: str
    href: str = ""  # a page of the site (relative) or an http(s) address
    marks: tuple[Mark, ...] = ()
    number: bool = False  # right-aligned
    nofollow: bool = False  # a link crawlers should not follow (a fact's "Report" link)


@dataclass(frozen=True)
class Grid:
    """A table with headers: what every published table is."""

    headers: list[str]
    rows: list[list[Cell]]
    caption: str = ""
    key: str = ""  # an anchor on the page
    row_headers: bool = True  # the first cell of each row names the row (a <th scope="row">)


def text(value: object) -> str:
    """A data value as text: '' for missing, ISO dates, lists joined with '; ', yes/no for booleans."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return _("yes") if value else _("no")
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, list | tuple | np.ndarray):
        return "; ".join(text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def when(recorded: object) -> str:
    """A recorded date in words, keeping its precision ('May 2024', '22 May 2019'); '' when there is none."""
    return in_words(recorded) if isinstance(recorded, str) and recorded else ""


def host(url: str) -> str:
    """A source's address as short link text: 'coe.int' for 'https://www.coe.int/en/…'."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def source(url: object) -> Cell:
    """A source address as a link named by its host; text only when it is not http(s)."""
    address = text(url)
    href = http_only(address)
    return Cell(host(address) if href else address, href=href)


def cell(value: object, *, link: bool = False) -> Cell:
    if link:
        return source(value)
    number = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool | np.bool_)
    return Cell(text(value), number=number)


def frame_grid(frame: pd.DataFrame, *, links: Iterable[str] = (), caption: str = "", key: str = "",
               index: bool = False) -> Grid:  # fmt: skip
    """A DataFrame as a Grid: its columns as headers, its index as row headers when `index`, addresses as links."""
    linked = set(links) | set(LINK_COLUMNS)
    data = frame.reset_index() if index else frame
    names = [str(c) for c in data.columns]
    columns = [data[c].tolist() for c in data.columns]
    rows = [
        [cell(value, link=name in linked) for name, value in zip(names, values, strict=True)]
        for values in zip(*columns, strict=True)
    ]
    return Grid(names, rows, caption=caption, key=key, row_headers=index)


@dataclass(frozen=True)
class Fact:
    """One key fact of a page: a label, its value in words, what the value means, its marks."""

    label: str
    value: str
    note: str = ""  # a definition from the schema, or how a count was counted
    marks: tuple[Mark, ...] = ()
    href: str = ""  # the value links to a page of the site or an http(s) address
    data: str = ""  # a machine-readable value (a <data> element), e.g. the count of parties
    key: str = ""  # an id on the page


def marks(*, unverified: bool = False, disputed: bool = False) -> tuple[Mark, ...]:
    """The marks of a fact or cell, their titles in the current language."""
    out = (UNVERIFIED,) * unverified + (DISPUTED,) * disputed
    return tuple(Mark(mark.symbol, _(mark.title)) for mark in out)


def report_header() -> str:
    """The column of a fact's "Report a problem" link, as the live tables head it (components/content/report.py): with
    its context, since "Report" is also a kind of instrument ("Rapport", where this one is "Signaler")."""
    return pgettext("link to report a problem", "Report")


def report_cell(href: str) -> Cell:
    """A fact's report link: the issue form or an e-mail, pre-filled; text only for any other address."""
    link = href if href.startswith(("https://", "http://", "mailto:")) else ""
    return Cell(report_header(), href=link, nofollow=bool(link))
