"""What a view shows, as plain data: `ViewContent`, an ordered list of blocks (text, notices, charts, tables, …).

A view's `build(atlas, filters, options)` returns one. The Streamlit page renders it (components/ui/render.py), the
offline pack exports its charts, tests read it; nothing here imports Streamlit. Text is Markdown in which data text
is already escaped (components/text.md), so any renderer can show it as written.

Blocks are frozen (a build may share one, e.g. the empty-state notice). Blocks marked `brief=False` are the page's
detail: left out of the briefing and presentation layouts
(`?layout=brief|present`), which show the charts and what explains them only.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from components.charts.theme import add_source_line, name_the_data_date
from components.data.i18n import _, ngettext
from components.data.labels import number  # noqa: F401 (content modules import it from here)
from components.model.atlas import Atlas
from components.model.claims import mark_rows
from components.model.counting import unverified_count, unverified_note
from components.model.evidence import mix as evidence_mix
from components.model.filters import Filters, Slice, describe
from components.model.participation import party_names, short_names
from components.model.scenario import SCENARIO_LABEL
from components.text import plotly_text


@dataclass(frozen=True)
class Block:
    brief: bool = field(default=True, kw_only=True)  # shown in the briefing and presentation layouts too


@dataclass(frozen=True)
class Heading(Block):
    text: str


@dataclass(frozen=True)
class Text(Block):
    text: str  # Markdown
    caption: bool = False  # small print


@dataclass(frozen=True)
class Notice(Block):
    text: str  # Markdown
    kind: str = "info"  # info | success | warning | error
    icon: str | None = None  # a Material icon name, e.g. "filter_alt_off"


@dataclass(frozen=True)
class StandingNotice(Notice):
    """A notice kept as a module constant (shared by builds, compared by tests) whose text, marked with N_, is
    translated each time it is read: in the language of the page run that shows it, not the one at import."""

    def __getattribute__(self, name: str):
        value = object.__getattribute__(self, name)
        return _(value) if name == "text" else value


class Labels(Mapping[str, str]):
    """A view option's labels kept as a module constant (its page's widget reads them): each marked with N_, or a
    vocabulary value read through `translate` (e.g. components.data.labels.label), and translated when read, so a
    widget shows them in the page run's language."""

    def __init__(self, labels: Mapping[str, str], translate: Callable[[str], str] | None = None):
        self._labels = dict(labels)
        self._translate = translate

    def __getitem__(self, key: str) -> str:
        return (self._translate or _)(self._labels[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __repr__(self) -> str:
        return f"Labels({self._labels!r})"


@dataclass(frozen=True)
class Links(Block):
    """Links to other views of the Atlas that open in the same tab: [(label, view name, query)]."""

    items: list[tuple[str, str, dict[str, str]]]


@dataclass(frozen=True)
class Metric:
    label: str
    value: str | int
    help: str | None = None


@dataclass(frozen=True)
class Metrics(Block):
    items: list[Metric]


@dataclass(frozen=True)
class Chart(Block):
    """A finished figure with the rows behind it (as exported) and its text alternative."""

    key: str  # stable: names its widgets and files
    figure: go.Figure
    rows: pd.DataFrame  # what the figure draws, one row per fact, with its source (the CSV/XLSX download)
    summary: str  # one or two plain sentences (plain text, not Markdown) with the main numbers: its text alternative
    title: str  # plain text, for file names and citations
    unverified: str = ""  # how many of its rows rest on a single non-official source (also on its source line)
    sources: str = ""  # what its rows rest on: the evidence mix (components/model/evidence.py; also on its source line)
    selectable: bool = False  # selecting a point opens a detail panel (see the view's detail function)


@dataclass(frozen=True)
class Table(Block):
    key: str
    data: pd.DataFrame
    links: dict[str, str] = field(default_factory=dict)  # column -> the text its links show
    height: int | None = None
    index: bool = False  # show the index (a matrix's row labels)
    download: str = ""  # a title: the table gets its own "Download this table" (CSV and XLSX with the citation)


def source_links(data: pd.DataFrame) -> dict[str, str]:
    """A table's `links` for its column of source addresses, headed "Source" (in English, or in the view's
    language), each link showing "source"."""
    return {column: _("source") for column in ("Source", _("Source")) if column in data.columns}


def fit_height(rows: int, *, most: int = 40) -> int:
    """A table's height in pixels that shows up to `most` rows without an inner scroll bar."""
    return 38 + 35 * max(min(rows, most), 1) + 2


@dataclass(frozen=True)
class Download(Block):
    label: str
    data: bytes | Callable[[], bytes]  # bytes, or what makes them on click
    file_name: str
    mime: str
    key: str
    icon: str | None = None


@dataclass(frozen=True)
class Progress(Block):
    value: float  # 0..1
    text: str  # Markdown


@dataclass(frozen=True)
class Code(Block):
    text: str
    language: str | None = None


@dataclass(frozen=True)
class Section(Block):
    """Blocks under a title: bordered, or folded away (an expander) when `folded`."""

    title: str
    blocks: list[Block]
    folded: bool = True
    icon: str | None = None
    key: str | None = None  # a folded section's widget key (default: from its title)


@dataclass(frozen=True)
class Columns(Block):
    columns: list[list[Block]]
    widths: list[int] | None = None


@dataclass(frozen=True)
class Slot(Block):
    """Where the page puts one of its own widgets (a view option kept in the URL), by name."""

    name: str
    choices: tuple[str, ...] = ()  # what the widget offers, when the content decides it (e.g. 1 to n peers)


def walk(blocks: list[Block]) -> Iterator[Block]:
    """Every block, nested ones included, in page order."""
    for block in blocks:
        yield block
        if isinstance(block, Section):
            yield from walk(block.blocks)
        elif isinstance(block, Columns):
            for column in block.columns:
                yield from walk(column)


@dataclass
class ViewContent:
    """What one view shows for one filter state and its options."""

    title: str
    subtitle: str  # Markdown: what the view is about, under its title
    blocks: list[Block]
    filters: str = ""  # the filters in words (charts' subtitles)
    asof: dt.date | None = None

    @property
    def charts(self) -> dict[str, Chart]:
        return {b.key: b for b in walk(self.blocks) if isinstance(b, Chart)}

    @property
    def tables(self) -> dict[str, Table]:
        return {b.key: b for b in walk(self.blocks) if isinstance(b, Table)}

    @property
    def notices(self) -> list[Notice]:
        return [b for b in walk(self.blocks) if isinstance(b, Notice)]

    def text(self) -> str:
        """Everything the view says in words (titles, text, notices, chart summaries), for tests and search."""
        parts = [self.title, self.subtitle]
        for block in walk(self.blocks):
            if isinstance(block, Heading | Text | Notice):
                parts.append(block.text)
            elif isinstance(block, Chart):
                parts += [block.title, block.summary, block.unverified]
            elif isinstance(block, Section):
                parts.append(block.title)
            elif isinstance(block, Metrics):
                parts += [f"{m.label}: {m.value}" for m in block.items]
            elif isinstance(block, Links):
                parts += [item[0] for item in block.items]
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Context:
    """What every build reads: the dataset, the filters, the slice they select, the names of parties and instruments."""

    atlas: Atlas
    filters: Filters
    slice: Slice

    @property
    def names(self) -> dict[str, str]:
        return party_names(self.atlas.parties)

    @property
    def short(self) -> dict[str, str]:
        return short_names(self.atlas.instruments)

    @property
    def subtitle(self) -> str:
        """The active filters (and any scenario) in words, for chart subtitles."""
        return describe(self.filters, self.slice.asof, self.names)

    def chart(self, key: str, figure: go.Figure, rows: pd.DataFrame, summary: str, *, selectable: bool = False,
              brief: bool = True) -> Chart:  # fmt: skip
        """A Chart as every view shows it: rows marked where sources differ; a note on the figure's source line when
        some rows are unverified; SCENARIO in its title when the filters hold hypothetical actions."""
        rows = mark_rows(rows, self.atlas.claims)
        name_the_data_date(figure, self.atlas.asof, self.slice.asof)  # the figure was made for this chart
        sources = evidence_mix(rows, self.atlas.instruments.set_index("id")["reliability"])
        if sources:
            figure = add_source_line(figure, sources, copy=False)  # the figure was made for this chart
        unverified, what = unverified_count(rows)
        note = unverified_note(unverified, what) if unverified else ""
        if note:
            figure = add_source_line(figure, note, copy=False)
        title = html.unescape(figure.layout.title.text or "")
        if self.filters.whatif:
            scenario = _(SCENARIO_LABEL)
            figure = go.Figure(figure)
            figure.update_layout(title_text=f"{scenario} — {figure.layout.title.text}")
            title = f"{scenario} — {title}"
            summary = _("{scenario} (hypothetical actions included): {summary}").format(
                scenario=scenario, summary=summary
            )
        figure.layout.meta = {"description": plotly_text(summary)}  # the text alternative travels with the figure
        return Chart(key=key, figure=figure, rows=rows, summary=summary, title=title, unverified=note,
                     sources=sources, selectable=selectable, brief=brief)  # fmt: skip


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 party', '3 parties' — English only (the static site's pages): text in the view's language uses
    `ngettext("1 party", "{n} parties", n).format(n=number(n))` (components.data.labels.number), whose forms the
    catalogs hold."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def names_list(names: list[str], limit: int = 6) -> str:
    """'A, B and C'; beyond `limit` names, 'A, B, … and 12 more' (in the view's language)."""
    names = [str(n) for n in names]
    if not names:
        return _("none")
    if len(names) > limit:
        rest = len(names) - limit
        return ngettext("{names} and {n} more", "{names} and {n} more", rest).format(
            names=", ".join(names[:limit]), n=rest
        )
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
