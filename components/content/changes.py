"""What changed: dated events (signatures, ratifications, new instruments and institutes, renamings) since a month,
for the parties and instruments chosen, as a table and as Atom and JSON feeds; and the changes between releases."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from components.content.base import (
    Block,
    Columns,
    Context,
    Download,
    Heading,
    Notice,
    Section,
    Slot,
    Table,
    Text,
    ViewContent,
)
from components.content.panels import EMPTY
from components.data.i18n import N_, _, month_year, ngettext, number
from components.data.labels import label
from components.data.schema import read_package
from components.model.atlas import Atlas, data_dir_from_env, derived
from components.model.changes import atom_feed, dated_events, json_feed, since
from components.model.filters import Filters, slice_of
from components.model.query import ViewParam, to_query
from components.model.releases import available, change_rows, diff, release_date, releases_dir
from components.text import md

TITLE = N_("What changed")  # translated where the page shows it (components/ui/render.py)
SUBTITLE = N_(
    "Signatures, ratifications, endorsements and withdrawals, new instruments, new institutes and renamings, newest "
    "first — for the parties chosen in the sidebar (*Parties*, *Grouping*, …) and the instruments chosen here. "
    "Each row links to its source. Subscribe with the feeds below; the changes between data releases are at the end."
)
FEED_LINK = "https://github.com/ai-governance-atlas/atlas"
STATIC_FEEDS = N_(
    "The newest 200 events of the latest release, for feed readers: `/app/static/feeds/atlas.atom` and "
    "`/app/static/feeds/atlas.json` on this server (regenerated with each data release)."
)
EVENT_COLUMNS = {
    "date_label": N_("Date"),
    "kind": N_("Kind"),
    "what": N_("What happened"),
    "source_url": "source_url",
}  # the links' column keeps its name (the table shows "source" links)
RELEASE_COLUMNS = (N_("Table"), N_("Change"), N_("Row"))  # a row is the file's own: its key, column and values
EVENT_KINDS = {"new instrument": N_("new instrument"), "new institute": N_("new institute"), "renaming": N_("renaming")}


def kind_label(kind: str) -> str:
    """An event's kind in the view's language: an action's label ('Signed'), or a new instrument, institute, name."""
    return _(EVENT_KINDS[kind]) if kind in EVENT_KINDS else label(kind)


CHANGE_KINDS = {"added": N_("added"), "corrected": N_("corrected"), "removed": N_("removed")}


def months(atlas: Atlas) -> tuple[str, ...]:
    """Every month from the first instrument's adoption to the data's as-of date, newest first ('2026-11', …)."""
    last = pd.Timestamp(atlas.asof)
    first = atlas.instruments["adopted"].min() if len(atlas.instruments) else last
    return tuple(f"{p.year}-{p.month:02d}" for p in pd.period_range(first, last, freq="M"))[::-1]


def month_label(month: str) -> str:
    """'2025-03' -> 'March 2025' (in the view's language: 'mars 2025', 'marzo de 2025')."""
    day = pd.Timestamp(month)
    return month_year(day.year, day.month)


def month_labels(choices: tuple[str, ...]) -> dict[str, str]:
    """{'2025-03': 'March 2025', …} in the view's language, made once per page run: a widget's `format_func` that
    reads it (`month_labels(choices).get`) gives the same label wherever it is called, even outside the page run
    (a test harness calls it there, where the language is not set)."""
    return {month: month_label(month) for month in choices}


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    choices = months(atlas)
    default = (pd.Timestamp(atlas.asof) - pd.DateOffset(months=12)).strftime("%Y-%m")
    return (
        ViewParam("since", choices, default=(default if default in choices else choices[-1],)),
        ViewParam("instrument", tuple(atlas.instruments["id"]), default=(), multiple=True, max_items=10),
    )


def events_of(atlas: Atlas, filters: Filters) -> pd.DataFrame:
    """Every dated event of the filtered slice, newest first (once per dataset and filter state)."""
    view = slice_of(atlas, filters)
    return derived(atlas, f"changes.events|{filters!r}", lambda: dated_events(
        view.instruments, view.participation, view.parties, view.institutes))  # fmt: skip


def feeds(atlas: Atlas, shown: pd.DataFrame, start: str, selection: str) -> Columns:
    """The Atom and JSON feeds of the events shown, as downloads side by side."""
    atom = Download(_("Atom feed of these events"), atom_feed(shown, link=FEED_LINK, updated=atlas.asof,
                    selection=selection), f"atlas-changes-since-{start}.atom", "application/atom+xml",
                    key="feed_atom", icon="rss_feed")  # fmt: skip
    json = Download(_("JSON feed of these events"), json_feed(shown, link=FEED_LINK), f"atlas-changes-since-{start}.json",
                    "application/feed+json", key="feed_json", icon="data_object")  # fmt: skip
    return Columns([[atom], [json]])


def event_blocks(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> list[Block]:
    """The events since the month chosen, with their feeds; or why there are none."""
    view = slice_of(atlas, filters)
    start = options["since"][0]
    parties = tuple(view.parties["id"]) if filters.restricts_parties else ()
    shown = since(events_of(atlas, filters), pd.Timestamp(start).date(), party=parties,
                  instrument=tuple(options["instrument"]))  # fmt: skip
    if shown.empty and view.instruments.empty:
        return [EMPTY]
    if shown.empty:
        return [Notice(_("Nothing recorded since {month} for these choices. Pick an earlier month, or fewer "
                         "filters.").format(month=month_label(start)), icon="event_busy")]  # fmt: skip
    selection = urlencode(to_query(filters, options, params(atlas)), safe=",")
    headers = {column: _(header) if column != "source_url" else column for column, header in EVENT_COLUMNS.items()}
    return [
        Text(
            ngettext("**{n} events since {month}**", "**{n} events since {month}**", len(shown)).format(
                n=number(len(shown)), month=month_label(start)
            )
        ),
        Table(
            "events",
            shown[list(EVENT_COLUMNS)].assign(kind=shown["kind"].map(kind_label)).rename(columns=headers),
            links={"source_url": _("source")},
        ),  # fmt: skip
        feeds(atlas, shown, start, selection),
    ]


def release_changes(folder: Path, versions: list[str]) -> list[tuple[str, str, str, list]]:
    """(newer, its date, older, its changes) for each release against the one before, newest first."""
    pairs = list(zip(versions, versions[1:], strict=False))
    return [(newer, release_date(folder / newer), older, diff(folder / older, folder / newer,
             read_package(folder / newer))) for older, newer in reversed(pairs)]  # fmt: skip


def release_blocks(atlas: Atlas, wanted: set[str]) -> list[Block]:
    """The changes between consecutive data releases, one folded table each (rows naming `wanted` ids only)."""
    folder = releases_dir(data_dir_from_env())
    versions = available(data_dir_from_env())
    out: list[Block] = [Heading(_("Changes between data releases"), brief=False)]
    if len(versions) < 2:
        out.append(Text(_("One release so far ({release}): nothing to compare yet. `data/CHANGELOG.md` lists the "
                          "releases.").format(release=md(versions[0]) if versions else _("none")), caption=True,
                        brief=False))  # fmt: skip
    compared = derived(atlas, f"changes.releases|{folder}|{versions}", lambda: release_changes(folder, versions))
    for newer, date, older, changes in compared:
        rows = [(file, _(CHANGE_KINDS[kind]), line) for file, kind, line in change_rows(changes, wanted)]
        table = Table(f"release_{newer}", pd.DataFrame(rows, columns=[_(c) for c in RELEASE_COLUMNS]))
        out.append(Section(ngettext("{newer} ({date}), against {older}: {n} changes",
                                    "{newer} ({date}), against {older}: {n} changes", len(rows)).format(
            newer=md(newer), date=md(date), older=md(older), n=len(rows)), [table], brief=False))  # fmt: skip
    return out


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    parties = tuple(view.parties["id"]) if filters.restricts_parties else ()
    blocks: list[Block] = [
        Slot("options", brief=False),
        *event_blocks(atlas, filters, options),
        Text(_(STATIC_FEEDS), caption=True),
        *release_blocks(atlas, {*parties, *options["instrument"]}),
    ]
    return ViewContent(TITLE, _(SUBTITLE), blocks, filters=Context(atlas, filters, view).subtitle, asof=view.asof)
