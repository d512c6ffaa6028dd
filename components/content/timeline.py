"""Timeline: instruments and summits over time, in lanes by mechanism or forum; selecting a marker opens the
instrument's (or the summit's) detail panel (`detail`)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.charts.timeline import (
    LANES,
    instrument_detail,
    selected_event,
    selected_instrument,
    timeline_figure,
    timeline_table,
)
from components.content.base import (
    Block,
    Context,
    Heading,
    Labels,
    Section,
    Slot,
    StandingNotice,
    Table,
    Text,
    ViewContent,
    names_list,
    number,
    source_links,
)
from components.content.panels import EMPTY, entry_into_force, how_counted
from components.content.report import Report, instrument_fact
from components.data.i18n import N_, _, long_date, ngettext
from components.data.labels import data_label, label
from components.export.rows import event_rows, instrument_rows
from components.model.atlas import Atlas
from components.model.filters import Filters, slice_of
from components.model.query import ViewParam
from components.text import md, md_link

TITLE = N_("Timeline")  # the page translates its title
SUBTITLE = N_(
    "When each instrument was adopted, how binding it is and how many parties joined. Select a marker for details."
)
LANE_LABELS = Labels({"mechanism": N_("By mechanism"), "forum": N_("By forum")})  # translated when read
EVENT = "event:"  # a summit's selection: its id with this prefix, as the figure's customdata has it
HINT = StandingNotice(N_("Select a marker to see the instrument's summary, parties and source."), icon="touch_app",
                      brief=False)  # fmt: skip


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    return (ViewParam("lane", LANES, default=("mechanism",)),)


def timeline_summary(table: pd.DataFrame, events: pd.DataFrame, lane: str) -> str:
    """'103 instruments adopted 1996–2026 in 8 lanes by mechanism, 13 of them legally binding; 70 summits and
    meetings. Most parties recorded: UNESCO AI Ethics Recommendation (193), New Delhi Declaration (92) and …'
    (table: components.charts.timeline.timeline_table, the instrument markers drawn)"""
    meetings = ngettext("{n} summit or meeting", "{n} summits and meetings", len(events)).format(n=number(len(events)))
    if table.empty:
        return _("No instruments; {meetings}.").format(meetings=meetings)
    years = table["adopted"].dt.year
    span = f"{years.min()}" if years.min() == years.max() else f"{years.min()}–{years.max()}"
    binding = int((table["legal_force"] == "legally_binding").sum())
    lanes = table["lane"].nunique()
    if lane == "mechanism":
        lanes = ngettext("{n} lane by mechanism", "{n} lanes by mechanism", lanes).format(n=number(lanes))
    else:
        lanes = ngettext("{n} lane by forum", "{n} lanes by forum", lanes).format(n=number(lanes))
    text = ngettext(
        "{n} instrument adopted {span} in {lanes}, {binding} of them legally binding; {meetings}.",
        "{n} instruments adopted {span} in {lanes}, {binding} of them legally binding; {meetings}.",
        len(table),
    ).format(n=number(len(table)), span=span, lanes=lanes, binding=number(binding), meetings=meetings)
    top = table[table["parties"] > 0].sort_values(["parties", "short_name"], ascending=[False, True]).head(3)
    if len(top):
        listed = [f"{name} ({number(n)})" for name, n in zip(top["short_name"], top["parties"], strict=True)]
        text += " " + _("Most parties recorded: {instruments}.").format(instruments=names_list(listed))
    return text


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    lane = options["lane"][0]
    blocks: list[Block] = [Slot("lane")]
    if view.instruments.empty and view.events.empty:
        blocks.append(EMPTY)
        return ViewContent(TITLE, _(SUBTITLE), blocks, filters=ctx.subtitle, asof=view.asof)
    flag_counts = not filters.restricts_parties
    fig = timeline_figure(view.instruments, view.participation, view.events, asof=view.asof, lane=lane,
                          subtitle=ctx.subtitle, claims=atlas.claims, flag_counts=flag_counts)  # fmt: skip
    table = timeline_table(view.instruments, view.participation, lane=lane, claims=atlas.claims, asof=view.asof,
                           flag_counts=flag_counts)  # fmt: skip
    rows = pd.concat(
        [instrument_rows(view.instruments, view.participation).assign(row="instrument"),
         event_rows(view.events).assign(row="summit or meeting")],
        ignore_index=True,
    )  # fmt: skip
    summary = timeline_summary(table, view.events, lane)
    blocks.append(ctx.chart("timeline_chart", fig, rows, summary, selectable=True))
    return ViewContent(TITLE, _(SUBTITLE), blocks, filters=ctx.subtitle, asof=view.asof)


def selected(event) -> str | None:
    """What a selection event of the timeline chart selects: a summit as 'event:<id>', else an instrument id."""
    summit = selected_event(event)
    return f"{EVENT}{summit}" if summit else selected_instrument(event)


def detail(
    atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]], selection: str | None
) -> list[Block]:
    """The detail panel of the selected marker (an instrument id, or 'event:<summit id>'); a hint when nothing in
    view is selected (a selection left over from other filters counts as nothing). Detail only: brief=False."""
    view = slice_of(atlas, filters)
    if view.instruments.empty and view.events.empty:
        return []
    ctx = Context(atlas, filters, view)
    if selection and selection.startswith(EVENT):
        summit = selection.removeprefix(EVENT)
        return _summit(ctx, summit) if summit in set(view.events["id"]) else [HINT]
    if selection and selection in set(view.instruments["id"]):
        return _instrument(ctx, selection)
    return [HINT]


def _summit(ctx: Context, summit: str) -> list[Block]:
    row = ctx.slice.events.set_index("id").loc[summit]
    short = ctx.short
    produced = [short.get(i, i) for i in row["instrument_ids"]]
    facts = (md(row["start_date_label"]), md(row["city"]), _("hosted by {host}").format(host=md(row["host"])),
             md(row["series"]))  # fmt: skip
    inner: list[Block] = [
        Heading(md(row["name"])),
        Text(" · ".join(facts)),
        Text(
            _("Produced: {instruments}").format(instruments="; ".join(md(p) for p in produced))
            if produced
            else _("Produced: no instrument recorded")
        ),  # fmt: skip
        Text(
            _("{source} · checked {date}").format(
                source=md_link(_("Source"), row["source_url"]), date=row["checked_label"]
            )
        ),  # fmt: skip
    ]
    return [Section("", inner, folded=False, brief=False)]


def translated_name(row) -> list[Block]:
    """Under an instrument's name in French or Spanish: its English name, and whether the name shown is an official
    title or the Atlas's own translation (instrument_translations.name_status); its summary is the Atlas's."""
    english = row.get("name_en")
    if not isinstance(english, str) or not english or english == row["name"]:
        return []
    if str(row.get("name_status")) == "translated":
        words = _("Unofficial translation of the name; in English: {name}. Summary translated by the Atlas.")
    else:
        words = _("In English: {name}. Summary translated by the Atlas.")
    return [Text(words.format(name=md(english)), caption=True)]


def _instrument(ctx: Context, chosen: str) -> list[Block]:
    view = ctx.slice
    row, members = instrument_detail(chosen, view.instruments, view.participation, ctx.atlas.parties)
    in_force = ""
    if row["entry_into_force_label"]:
        in_force = " · " + _("in force since {date}").format(date=row["entry_into_force_label"])
    adopted = _("adopted {date}").format(date=row["adopted_label"])
    inner: list[Block] = [
        Heading(md(row["name"])),
        *translated_name(row),
        Text(f"**{label(row['legal_force'])}** · {label(row['mechanism'])} · {md(data_label(row['forum']))} · {adopted}{in_force}"),
        Text(md(row["summary"])),
        Text(
            _("{source} · checked {date}").format(
                source=md_link(_("Source"), row["source_url"]), date=row["checked_label"]
            )
        ),  # fmt: skip
    ]
    shown = f"{row['name']}: {label(row['legal_force'])}, {adopted}{in_force}"
    fact = instrument_fact(ctx.atlas, chosen, shown)
    if fact is not None:
        inner.append(Report(fact, key=f"instrument_{chosen}", brief=False))
    if row["notes"]:
        inner.append(Text(md(row["notes"]), caption=True))
    if ctx.filters.restricts_parties:
        recorded = _("**Parties recorded as of {date} among the filtered parties** (the dataset's list for this "
                     "instrument is {completeness})")  # fmt: skip
    else:
        recorded = _("**Parties recorded as of {date}** (the dataset's list for this instrument is {completeness})")
    inner += [
        Text(recorded.format(date=long_date(view.asof), completeness=label(row["party_list"]).lower())),
        *how_counted(ctx, [chosen]),
        Table(f"parties_{chosen}", members, links=source_links(members)),
        *entry_into_force(ctx, [chosen]),
    ]
    return [Section("", inner, folded=False, brief=False)]
