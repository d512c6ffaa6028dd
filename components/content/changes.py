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
from components.data.schema import read_package
from components.model.atlas import Atlas, data_dir_from_env, derived
from components.model.changes import atom_feed, dated_events, json_feed, since
from components.model.filters import Filters, slice_of
from components.model.query import ViewParam, to_query
from components.model.releases import available, change_rows, diff, release_date, releases_dir
from components.text import md

TITLE = "What changed"
SUBTITLE = (
    "Signatures, ratifications, endorsements and withdrawals, new instruments, new institutes and renamings, newest "
    "first — for the parties chosen in the sidebar (*Parties*, *Grouping*, …) and the instruments chosen here. "
    "Each row links to its source. Subscribe with the feeds below; the changes between data releases are at the end."
)
FEED_LINK = "https://github.com/ai-governance-atlas/atlas"
STATIC_FEEDS = (
    "The newest 200 events of the latest release, for feed readers: `/app/static/feeds/atlas.atom` and "
    "`/app/static/feeds/atlas.json` on this server (regenerated with each data release)."
)
EVENT_COLUMNS = {"date_label": "Date", "kind": "Kind", "what": "What happened", "source_url": "source_url"}


def months(atlas: Atlas) -> tuple[str, ...]:
    """Every month from the first instrument's adoption to the data's as-of date, newest first ('2026-11', …)."""
    last = pd.Timestamp(atlas.asof)
    first = atlas.instruments["adopted"].min() if len(atlas.instruments) else last
    return tuple(f"{p.year}-{p.month:02d}" for p in pd.period_range(first, last, freq="M"))[::-1]


def month_label(month: str) -> str:
    """'2025-03' -> 'March 2025'."""
    return f"{pd.Timestamp(month):%B %Y}"


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
    atom = Download("Atom feed of these events", atom_feed(shown, link=FEED_LINK, updated=atlas.asof,
                    selection=selection), f"atlas-changes-since-{start}.atom", "application/atom+xml",
                    key="feed_atom", icon="rss_feed")  # fmt: skip
    json = Download("JSON feed of these events", json_feed(shown, link=FEED_LINK), f"atlas-changes-since-{start}.json",
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
        return [Notice(f"Nothing recorded since {month_label(start)} for these choices. Pick an earlier month, or fewer "
                       "filters.", icon="event_busy")]  # fmt: skip
    selection = urlencode(to_query(filters, options, params(atlas)), safe=",")
    return [
        Text(f"**{len(shown):,} events since {month_label(start)}**"),
        Table("events", shown[list(EVENT_COLUMNS)].rename(columns=EVENT_COLUMNS), links={"source_url": "source"}),
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
    out: list[Block] = [Heading("Changes between data releases", brief=False)]
    if len(versions) < 2:
        out.append(Text(f"One release so far ({md(versions[0]) if versions else 'none'}): nothing to compare yet. "
                        "`data/CHANGELOG.md` lists the releases.", caption=True, brief=False))  # fmt: skip
    compared = derived(atlas, f"changes.releases|{folder}|{versions}", lambda: release_changes(folder, versions))
    for newer, date, older, changes in compared:
        rows = change_rows(changes, wanted)
        table = Table(f"release_{newer}", pd.DataFrame(rows, columns=["Table", "Change", "Row"]))
        out.append(Section(f"{md(newer)} ({md(date)}), against {md(older)}: {len(rows)} changes", [table],
                           brief=False))  # fmt: skip
    return out


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    parties = tuple(view.parties["id"]) if filters.restricts_parties else ()
    blocks: list[Block] = [
        Slot("options", brief=False),
        *event_blocks(atlas, filters, options),
        Text(STATIC_FEEDS, caption=True),
        *release_blocks(atlas, {*parties, *options["instrument"]}),
    ]
    return ViewContent(TITLE, SUBTITLE, blocks, filters=Context(atlas, filters, view).subtitle, asof=view.asof)
