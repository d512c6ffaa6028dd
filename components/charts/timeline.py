"""Timeline: instruments and summits on a time axis, in lanes by mechanism or forum, coloured by legal force."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.selection import selected_customdata
from components.charts.theme import LEGAL_FORCE_COLOURS, LIGHT_LEGAL_FORCE, OUTLINE, finish_figure, focus_on_recent
from components.data.i18n import N_, _
from components.data.labels import data_label, label, legal_force_definitions, legal_force_levels
from components.model.claims import FLAG, disputed_instruments
from components.model.counting import RULE_WORDS, party_counts
from components.text import fill

LANES = ("mechanism", "forum")
# A shape per level as well as a colour, so the level reads without colour (print, colour-vision deficiency).
LEGAL_FORCE_SYMBOLS = {
    "legally_binding": "square",
    "institutional_soft_law": "diamond",
    "political_commitment": "circle",
    "cooperation_arrangement": "triangle-up",
    "voluntary_self_regulation": "hexagon",
    "no_commitment": "circle-open",
}
EVENTS_LANE = N_("Summits and meetings")  # the summits' lane, in the view's language where drawn: _(EVENTS_LANE)
# Above this many instrument markers a marker's hover is lean: its short name, date, count and any ⚑, not its full
# name, forum and counting rule (selecting it opens all of them). At 100× the bundled data (10,000 markers) the full
# hover text was 80 % of the 2.7 MB figure sent to the browser; the bundled data (about 100) keeps the full hover.
LEAN_ABOVE = 1_000


def timeline_table(
    instruments: pd.DataFrame,
    participation: pd.DataFrame,
    *,
    lane: str = "mechanism",
    claims: pd.DataFrame | None = None,
    asof=None,
    flag_counts: bool = True,
) -> pd.DataFrame:
    """One row per instrument with its lane, date, legal force and party count (under its counting rule, with ⚑
    where sources dispute the count or a date) — what the timeline plots."""
    counts = party_counts(participation)
    disputed = disputed_instruments(claims, asof=asof, counts=flag_counts) if claims is not None else set()
    rules = (
        instruments["counting_rule"].astype(str) if "counting_rule" in instruments else pd.Series("", instruments.index)
    )
    words = {rule: _("(counted: {rule})").format(rule=_(RULE_WORDS.get(rule, "every party listed")))
             for rule in rules.unique()}  # fmt: skip
    how = rules.map(words)
    differ = " · " + _("{flag} sources differ (select for details)").format(flag=FLAG)
    flag = instruments["id"].isin(disputed).map({True: differ, False: ""})
    lane_values = instruments[lane].astype(str)
    return pd.DataFrame(
        {
            "id": instruments["id"],
            "name": instruments["name"],
            "short_name": instruments["short_name"],
            "lane": lane_values.map(label) if lane == "mechanism" else lane_values.map(data_label),
            "adopted": instruments["adopted"],
            "adopted_label": instruments["adopted_label"],
            "entry_into_force": instruments["entry_into_force"],
            "legal_force": instruments["legal_force"].astype(str),
            "forum": instruments["forum"],
            "parties": instruments["id"].map(counts).fillna(0).astype(int),
            "counting": (how + flag).to_numpy(),
        }
    ).reset_index(drop=True)


def _sizes(parties: pd.Series) -> np.ndarray:
    # Area grows with the number of parties; instruments with none still show as a small dot.
    return np.round(8 + 2.2 * np.sqrt(parties.to_numpy()), 1)


def _days(dates: pd.Series) -> list[str]:
    """Dates as 'YYYY-MM-DD' (a date axis reads them as it reads timestamps): a third of the bytes a timestamp takes
    in the figure sent to the browser."""
    return pd.to_datetime(dates).dt.strftime("%Y-%m-%d").tolist()


def _hover(rows: pd.DataFrame, level: str, definitions: dict[str, str], lean: bool) -> dict:
    """A level's markers' customdata (the instrument id first: a selection reads it) and hover template."""
    if lean:
        differ = " · " + _("{flag} sources differ").format(flag=FLAG)
        flag = rows["counting"].str.contains(FLAG).map({True: differ, False: ""})
        return dict(
            customdata=np.column_stack([rows["id"], rows["short_name"], rows["adopted_label"], rows["parties"], flag]),
            hovertemplate=fill(_(
                "<b>%{customdata[1]}</b><br>%{customdata[2]} · {level}<br>Parties recorded: "
                "%{customdata[3]}%{customdata[4]}<br>Select it for its full name, forum and sources<extra></extra>"
            ), level=label(level)),
        )  # fmt: skip
    return dict(
        customdata=np.column_stack(
            [rows["id"], rows["name"], rows["adopted_label"], rows["forum"], rows["parties"], rows["counting"]]
        ),
        hovertemplate=fill(_(
            "<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>{level}: {definition}<br>"
            "Parties recorded: %{customdata[4]} %{customdata[5]}<extra></extra>"
        ), level=label(level), definition=definitions.get(level, "")),
    )  # fmt: skip


def timeline_figure(
    instruments: pd.DataFrame,
    participation: pd.DataFrame,
    events: pd.DataFrame,
    *,
    asof: dt.date,
    lane: str = "mechanism",
    subtitle: str | None = None,
    claims: pd.DataFrame | None = None,
    flag_counts: bool = True,
) -> go.Figure:
    """Markers at adoption dates, one lane per mechanism or forum; colour = legal force, size = parties."""
    table = timeline_table(instruments, participation, lane=lane, claims=claims, asof=asof, flag_counts=flag_counts)
    definitions = legal_force_definitions()
    lean = len(table) > LEAN_ABOVE
    fig = go.Figure()
    for level in legal_force_levels():
        rows = table[table["legal_force"] == level]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=_days(rows["adopted"]),
                y=rows["lane"],
                mode="markers",
                name=label(level),
                legendgroup="force",
                legendgrouptitle_text=_("Legal force"),
                marker=dict(
                    symbol=LEGAL_FORCE_SYMBOLS.get(level, "circle"),
                    color=LEGAL_FORCE_COLOURS[level],
                    size=_sizes(rows["parties"]),
                    # thousands of outlines cost the browser (~0.3 s at 10,000 markers): when lean, only the light
                    # colours, which need one for contrast, keep it
                    line=OUTLINE if not lean or level in LIGHT_LEGAL_FORCE else dict(width=0),
                    opacity=0.85,
                ),
                **_hover(rows, level, definitions, lean),
            )
        )
    in_force = table[table["entry_into_force"].notna()]
    if not in_force.empty:
        fig.add_trace(
            go.Scatter(
                x=_days(in_force["entry_into_force"]),
                y=in_force["lane"],
                mode="markers",
                name=_("Entry into force"),
                legendgroup="milestones",
                legendgrouptitle_text=_("Milestones"),
                marker=dict(symbol="x-thin-open", size=13, color="#1f2933", line=dict(width=2)),
                customdata=np.column_stack([in_force["id"], in_force["short_name" if lean else "name"]]),
                # the date as ISO: plotly's %b writes English month names
                hovertemplate=_("<b>%{customdata[1]}</b><br>entered into force %{x|%Y-%m-%d}<extra></extra>"),
            )
        )
    if len(events):
        fig.add_trace(
            go.Scatter(
                x=_days(events["start_date"]),
                y=[_(EVENTS_LANE)] * len(events),
                mode="markers",
                name=_("Summit or meeting"),
                legendgroup="milestones",
                legendgrouptitle_text=_("Milestones"),
                marker=dict(symbol="star", size=12, color="#E69F00", line=dict(color="#1f2933", width=1)),
                customdata=np.column_stack(
                    ["event:" + events["id"], events["name"], events["start_date_label"], events["city"]]
                ),
                hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<extra></extra>",
            )
        )
    focus_on_recent(fig, table)
    lanes = sorted(table["lane"].unique(), key=str.lower)
    order = ([_(EVENTS_LANE)] if len(events) else []) + lanes
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    fig.update_xaxes(title=_("Date adopted, issued or launched"), type="date")
    fig.update_layout(
        height=max(420, 70 + 42 * len(order)),
        legend=dict(orientation="v", x=1.01, y=1, groupclick="toggleitem"),
        clickmode="event+select",  # a click selects a marker; no dragmode="select": plotly then sends an empty
        # selection for every click, so a clicked marker never reached the detail panel (found by a browser test)
    )
    if lane == "mechanism":
        title = _("Instruments of AI governance over time, by mechanism")
    else:
        title = _("Instruments of AI governance over time, by forum")
    return finish_figure(fig, title=title, subtitle=subtitle or _("Marker size: number of parties recorded"), asof=asof)


def selected_instrument(selection) -> str | None:
    """The instrument id of the first selected instrument marker (None when nothing, or a summit, is selected)."""
    chosen = [c for c in selected_customdata(selection) if not str(c[0]).startswith("event:")]
    return str(chosen[0][0]) if chosen else None


def selected_event(selection) -> str | None:
    """The event id of the first selected summit marker."""
    chosen = [c for c in selected_customdata(selection) if str(c[0]).startswith("event:")]
    return str(chosen[0][0]).removeprefix("event:") if chosen else None


def instrument_detail(
    instrument_id: str, instruments: pd.DataFrame, participation: pd.DataFrame, parties: pd.DataFrame
):
    """The instrument's row and its parties (name, action, date, evidence, source) for the detail panel, headed in
    the view's language."""
    rows = instruments[instruments["id"] == instrument_id]
    if rows.empty:
        return None, pd.DataFrame()
    names = parties.set_index("id")["name"]
    mine = participation[participation["instrument_id"] == instrument_id]
    party, date = _("Party"), _("Date")
    members = pd.DataFrame(
        {
            party: mine["party_id"].map(names).fillna(mine["party_id"]),
            _("Action"): mine["action"].astype(str).map(label),
            date: mine["date_label"],
            _("Evidence"): mine["evidence"].astype(str).map(lambda value: label(value).lower()),
            _("Source"): mine["source_url"],
        }
    ).sort_values([date, party])
    return rows.iloc[0], members.reset_index(drop=True)
