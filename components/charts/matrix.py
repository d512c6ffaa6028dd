"""Signatory matrix: parties × instruments, each cell the party's strongest action; and the diff of two instruments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.theme import add_source_line, finish_figure
from components.data.i18n import _, ngettext
from components.data.labels import label
from components.model.claims import FLAG, disputed_instruments, disputed_pairs
from components.model.counting import UNVERIFIED_MARK, party_counts
from components.model.participation import region_labels, withdrawn_mask
from components.text import fill_columns, plotly_text

# Strongest first. A ratification binds; a signature or adherence is a formal act; membership and endorsement are
# political; co-sponsoring or adopting in an assembly, committing as a company and observing are weaker still.
ACTION_STRENGTH = (
    "ratified",
    "signed",
    "adhered",
    "founding_member",
    "member",
    "endorsed",
    "committed",
    "co_sponsored",
    "adopted",
    "observer",
)
# Five hue families, dark to light within each, so neighbouring bands stay apart in colour and grey; any two are at
# least 10 apart (CIEDE2000) with normal vision and under simulated deuteranopia (tests/unit/test_palettes.py).
ACTION_COLOURS = {
    "ratified": "#08306b",  # binding: darkest blue
    "signed": "#4292c6",  # formal acts: mid blue
    "adhered": "#9ecae1",
    "founding_member": "#006d2c",  # membership: greens
    "member": "#74c476",
    "endorsed": "#d94801",  # political endorsement and company pledges: oranges
    "committed": "#fec44f",  # amber: light orange was 9.3 from "member" under deuteranopia
    "co_sponsored": "#6a51a3",  # assembly-level acts: purples
    "adopted": "#fa9fb5",  # pink: lavender was 1.2 from "adhered" under deuteranopia
    "observer": "#969696",  # observer: grey; white is "no action"
}
SORTS = ("region", "count", "name")
# Shown when no instrument is chosen: the headline instruments of the seed documents that have party lists.
DEFAULT_INSTRUMENTS = (
    "coe-framework-convention-ai",
    "oecd-ai-principles",
    "g20-ai-principles",
    "gpai",
    "g7-hiroshima-code-of-conduct",
    "bletchley-declaration",
    "seoul-declaration",
    "seoul-ministerial-statement",
    "international-network-ai-safety-institutes",
    "paris-ai-action-statement",
    "new-delhi-declaration-ai-impact",
)


def instruments_with_parties(instruments: pd.DataFrame, participation: pd.DataFrame) -> tuple[str, ...]:
    """Ids of instruments that have at least one participation row: the matrix's possible columns."""
    return tuple(instruments.loc[instruments["id"].isin(participation["instrument_id"]), "id"])


def default_columns(choices: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i for i in DEFAULT_INSTRUMENTS if i in choices)


def strongest_actions(participation: pd.DataFrame) -> pd.DataFrame:
    """One row per (party, instrument): the strongest action, its date, and whether the party later withdrew."""
    action = participation["action"].astype(str)
    strength = action.map({a: i for i, a in enumerate(ACTION_STRENGTH)})
    kept = strength.notna().to_numpy()
    rows = participation[kept].assign(
        strength=strength[kept], action=action[kept], withdrew=withdrawn_mask(participation)[kept]
    )
    rows = rows.sort_values(["party_id", "instrument_id", "strength"], kind="stable")
    best = rows.drop_duplicates(["party_id", "instrument_id"], keep="first")
    return best[["party_id", "instrument_id", "action", "date", "date_label", "evidence", "withdrew"]].reset_index(
        drop=True
    )


def matrix_table(
    participation: pd.DataFrame, parties: pd.DataFrame, instruments: pd.DataFrame, *, sort: str = "region"
) -> pd.DataFrame:
    """Wide table: one row per party that took part, one column per instrument, cells = strongest action."""
    return _wide(strongest_actions(participation), parties, instruments, sort)


def _wide(best: pd.DataFrame, parties: pd.DataFrame, instruments: pd.DataFrame, sort: str) -> pd.DataFrame:
    best = best[best["instrument_id"].isin(instruments["id"])]
    wide = best.pivot(index="party_id", columns="instrument_id", values="action")
    columns = [i for i in instruments.sort_values("adopted")["id"] if i in wide.columns]
    wide = wide.reindex(columns=columns)
    info = parties.set_index("id").reindex(wide.index)
    wide.insert(0, "party", info["name"].fillna(pd.Series(wide.index, index=wide.index)))
    wide.insert(1, "region", region_labels(info))
    wide.insert(2, "total", wide[columns].notna().sum(axis=1))
    keys = {"region": ["region", "party"], "count": ["total", "party"], "name": ["party"]}[sort]
    ascending = {"region": [True, True], "count": [False, True], "name": [True]}[sort]
    return wide.sort_values(keys, ascending=ascending)


FOCUS_ROWS = 15  # the rows a matrix keeps on a projector: 15 of 24 px (and the column names) fill 1080 px


def focus_rows(wide: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, str]:
    """The rows of a matrix that differ across its columns (not the same action everywhere), at most FOCUS_ROWS (most
    commitments first, then by name; the order of `wide` kept), and what was left out, in words."""
    if len(columns) == 1:  # one instrument: nothing differs across columns; the first rows in the chosen order
        kept = wide.head(FOCUS_ROWS)
        note = _("Showing the first {shown} parties (of {total}); every party is in the data file")
        return (wide, "") if len(kept) == len(wide) else (kept, note.format(shown=len(kept), total=len(wide)))
    same = wide[columns].nunique(axis=1, dropna=False) == 1
    differ = wide[~same]
    if differ.empty:  # every party took the same action on each instrument: the first rows, said so
        kept = wide.head(FOCUS_ROWS)
        note = _("Every party took the same action on each of these instruments; showing the first {shown} (of "
                 "{total})")  # fmt: skip
        return (wide, "") if len(kept) == len(wide) else (kept, note.format(shown=len(kept), total=len(wide)))
    kept = differ
    if len(differ) > FOCUS_ROWS:
        top = differ.sort_values(["total", "party"], ascending=[False, True]).index[:FOCUS_ROWS]
        kept = differ[differ.index.isin(top)]
    if len(kept) == len(wide):
        return wide, ""
    if len(kept) < len(differ):
        note = _("Showing the {shown} parties with most commitments of the {differ} whose actions differ across these "
                 "instruments (of {total}); every party is in the data file")  # fmt: skip
    else:
        note = _("Showing the {shown} parties whose actions differ across these instruments (of {total}); every "
                 "party is in the data file")  # fmt: skip
    return kept, note.format(shown=len(kept), differ=len(differ), total=len(wide))


def matrix_figure(
    participation: pd.DataFrame,
    parties: pd.DataFrame,
    instruments: pd.DataFrame,
    *,
    asof: dt.date,
    sort: str = "region",
    subtitle: str | None = None,
    claims: pd.DataFrame | None = None,
    flag_counts: bool = True,
    focus: bool = False,
    selectable: bool = False,
) -> go.Figure:
    """Heatmap of strongest actions, with totals per party (row labels) and per instrument (column labels).

    `selectable`: a click selects a cell, whose customdata [party id, instrument id] names its fact (`selected_cell`).

    `focus` (a projector): only the parties whose actions differ across the columns, at most FOCUS_ROWS of them (those
    with most commitments), said in the subtitle; the column totals still count every party.

    A column's total is its count under the instrument's counting rule (parties.party_counts), followed by ⚑ where
    sources dispute it (`claims`, assessed by components.model.counting). Cells resting on an unverified source carry ?,
    cells whose act sources dispute carry ⚑; both marks are in the legend, so a printed matrix keeps them."""
    best = strongest_actions(participation)
    wide = _wide(best, parties, instruments, sort)
    columns = [c for c in wide.columns if c not in ("party", "region", "total")]
    focus_note = ""
    if focus:
        wide, focus_note = focus_rows(wide, columns)
        best = best[best["party_id"].isin(wide.index)]
    short = instruments.set_index("id")["short_name"]
    codes = wide[columns].apply(lambda col: col.map({a: i for i, a in enumerate(ACTION_STRENGTH)}))
    hover = _hover_texts(best, wide, columns, short)
    n = len(ACTION_STRENGTH)
    scale = []
    for i, action in enumerate(ACTION_STRENGTH):  # discrete bands: one colour per action
        scale += [(i / n, ACTION_COLOURS[action]), ((i + 1) / n, ACTION_COLOURS[action])]
    column_totals = party_counts(participation).reindex(columns).fillna(0).astype(int)
    disputed = disputed_instruments(claims, asof=asof, counts=flag_counts) if claims is not None else set()
    x_labels = [f"{short.get(c, c)} ({column_totals[c]}{' ' + FLAG if c in disputed else ''})" for c in columns]
    y_labels = [f"{name} ({total})" for name, total in zip(wide["party"], wide["total"], strict=True)]
    fig = go.Figure(
        go.Heatmap(
            z=codes.to_numpy(dtype=float),
            x=x_labels,
            y=y_labels,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            xgap=1,
            ygap=1,
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            hoverinfo="skip" if selectable else None,  # the cells' own layer answers (_add_selectable_cells)
            showscale=False,
        )
    )
    if "hypothetical" in participation and participation["hypothetical"].any():
        # what-if cells get a heavy outline, so hypothetical data never passes for real data
        guess = participation[participation["hypothetical"]]
        x_of = dict(zip(columns, x_labels, strict=True))
        y_of = dict(zip(wide.index, y_labels, strict=True))
        cells = [(x_of[i], y_of[p]) for p, i in zip(guess["party_id"], guess["instrument_id"], strict=True)
                 if i in x_of and p in y_of]  # fmt: skip
        if cells:
            fig.add_trace(
                go.Scatter(
                    x=[c[0] for c in cells], y=[c[1] for c in cells], mode="markers", name=_("Hypothetical (scenario)"),
                    marker=dict(symbol="square-open", size=16, color="#000000", line=dict(width=3)), hoverinfo="skip",
                )
            )  # fmt: skip
    _add_marks(fig, best, wide, columns, x_labels, y_labels, claims)
    present = [a for a in ACTION_STRENGTH if (wide[columns] == a).any().any()]
    for action in present:  # a discrete legend: one square per action that appears
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=label(action),
                marker=dict(
                    symbol="square", size=14, color=ACTION_COLOURS[action], line=dict(color="#1f2933", width=1)
                ),
                legendgrouptitle_text=_("Strongest action"),
                legendgroup="actions",
                hoverinfo="skip",
            )
        )
    if selectable:
        _add_selectable_cells(fig, wide, columns, x_labels, y_labels, hover)
    fig.update_yaxes(autorange="reversed", title=None, tickfont=dict(size=11), type="category")
    fig.update_xaxes(side="bottom", tickangle=-40, title=None, tickfont=dict(size=11), type="category")
    fig.update_layout(
        height=max(460, 330 + 16 * len(wide)),
        margin=dict(t=90, l=200, b=240),
        legend=dict(x=1.01, y=1, yanchor="top"),
        plot_bgcolor="#ffffff",
    )
    fig = finish_figure(
        fig,
        title=_("Who joined what: strongest action per party and instrument"),
        subtitle=" · ".join(p for p in (subtitle or _("Totals in brackets"), focus_note) if p),
        asof=asof,
    )
    if any(c in disputed for c in columns) or any(t.legendgroup == "marks" and FLAG in t.text for t in fig.data):
        fig = add_source_line(fig, _("{flag} A source states this count, a date or a party's act differently: the "
                                     "Atlas shows its own value; the claims are listed with it.").format(flag=FLAG),
                              copy=False)  # fmt: skip
    fig.layout.meta = {"focus": focus_note} if focus_note else None  # for the text alternative (content/signatories)
    return fig


def _add_selectable_cells(fig, wide, columns, x_labels, y_labels, hover) -> None:
    """An invisible marker per cell with its hover text and [party id, instrument id]: a click selects a scatter's
    point, never a heatmap's cell. The nearest cell answers wherever the pointer is."""
    rows, cols = len(y_labels), len(x_labels)
    fig.add_trace(
        go.Scatter(
            x=[x for _row in range(rows) for x in x_labels], y=[y for y in y_labels for _col in range(cols)],
            mode="markers", marker=dict(symbol="square", size=12, opacity=0), showlegend=False, name=_("cells"),
            text=np.asarray(hover, dtype=object).ravel().tolist(), hovertemplate="%{text}<extra></extra>",
            customdata=[[p, c] for p in wide.index for c in columns],
            selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0)),
        )
    ).update_layout(hoverdistance=-1)  # fmt: skip


def _add_marks(fig, best, wide, columns, x_labels, y_labels, claims) -> None:
    """? on cells whose strongest act rests on an unverified source; ⚑ on cells whose act sources dispute."""
    x_of = dict(zip(columns, x_labels, strict=True))
    y_of = dict(zip(wide.index, y_labels, strict=True))
    shown = best[best["instrument_id"].isin(x_of) & best["party_id"].isin(y_of)]
    pairs = disputed_pairs(claims) if claims is not None else set()
    marks = (  # left and right of the cell's centre, so a cell with both shows both
        (UNVERIFIED_MARK, shown[shown["evidence"].astype(str) == "unverified"], _("Unverified source (?)"), "#1f2933",
         "middle left"),
        (FLAG, shown[[(p, i) in pairs for p, i in zip(shown["party_id"], shown["instrument_id"], strict=True)]],
         _("Sources differ (⚑)"), "#b00020", "middle right"),
    )  # fmt: skip
    for glyph, cells, name, colour, position in marks:
        if cells.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=cells["instrument_id"].map(x_of).tolist(), y=cells["party_id"].map(y_of).tolist(), mode="text",
                textposition=position,
                text=[glyph] * len(cells), textfont=dict(size=12, color=colour, shadow="auto"), name=name,
                hoverinfo="skip",
                legendgroup="marks", legendgrouptitle_text=_("Marks"),
            )
        )  # fmt: skip


def _hover_texts(best: pd.DataFrame, wide: pd.DataFrame, columns: list[str], short: pd.Series) -> np.ndarray:
    """The hover text of every cell (party × instrument), built column-wise rather than cell by cell."""
    party_names = np.array([plotly_text(name) for name in wide["party"]], dtype=object)
    instrument_names = np.array([plotly_text(short.get(c, c)) for c in columns], dtype=object)
    texts = np.broadcast_to(fill_columns(_("{party} — {instrument}: no action recorded"), party=party_names[:, None],
        instrument=instrument_names[None, :]), (len(party_names), len(instrument_names))).astype(object)  # fmt: skip
    best = best[best["instrument_id"].isin(columns) & best["party_id"].isin(wide.index)]
    if best.empty:
        return texts
    name_of = dict(zip(wide.index, party_names, strict=True))
    short_of = dict(zip(columns, instrument_names, strict=True))
    date = best["date_label"].fillna("").astype(str)
    best = best.astype({"party_id": object, "instrument_id": object})  # categorical ids map to categoricals
    evidence = best["evidence"].astype(str)  # its words: 'official', 'officielle', 'oficial'
    text = fill_columns(
        _("<b>{party}</b> — {instrument}<br>{action}{date}{withdrew}<br>evidence: {evidence}{unverified}"),
        party=best["party_id"].map(name_of), instrument=best["instrument_id"].map(short_of),
        action=best["action"].map(label), date=fill_columns(" " + _("on {date}"), date=date).where(date != "", ""),
        withdrew=best["withdrew"].map({True: " " + _("(later withdrew)"), False: ""}),
        evidence=evidence.map({value: label(value).lower() for value in evidence.unique()}),
        unverified=evidence.map({"unverified": " " + _("(a single non-official source)")}).fillna(""),
    )  # fmt: skip
    row = wide.index.get_indexer(best["party_id"])
    column = pd.Index(columns).get_indexer(best["instrument_id"])
    texts[row, column] = text.to_numpy(dtype=object)
    return texts


@dataclass(frozen=True)
class Diff:
    both: tuple[str, ...]
    only_first: tuple[str, ...]
    only_second: tuple[str, ...]


def diff(participation: pd.DataFrame, first: str, second: str) -> Diff:
    """Parties in both instruments, only in the first, only in the second (withdrawn parties excluded)."""
    best = strongest_actions(participation)
    best = best[~best["withdrew"]]
    a = set(best.loc[best["instrument_id"] == first, "party_id"])
    b = set(best.loc[best["instrument_id"] == second, "party_id"])
    return Diff(tuple(sorted(a & b)), tuple(sorted(a - b)), tuple(sorted(b - a)))


NAMES_SHOWN = 60  # names listed under a bar of the comparison; the rest are in its data file
NAMES_PER_LINE = 3  # three short names per line keep neighbouring bars' lists apart down to a 768 px tablet


def _name_lines(ids: tuple[str, ...], names: Mapping[str, str]) -> tuple[str, int]:
    """Names sorted, a few per line, as plotly text (escaped); with '… and N more' past NAMES_SHOWN."""
    listed = sorted((names.get(p, p) for p in ids), key=str.lower)
    shown, rest = listed[:NAMES_SHOWN], len(listed) - NAMES_SHOWN
    lines = [
        ", ".join(plotly_text(n) for n in shown[i : i + NAMES_PER_LINE]) for i in range(0, len(shown), NAMES_PER_LINE)
    ]
    if rest > 0:
        lines.append(
            ngettext("… and {n} more (in the data file)", "… and {n} more (in the data file)", rest).format(n=rest)
        )
    return "<br>".join(lines), len(lines)


def diff_figure(
    result: Diff,
    *,
    first_name: str,
    second_name: str,
    asof: dt.date,
    subtitle: str | None = None,
    party_names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Three bars: parties only in the first, in both, only in the second; with `party_names`, the parties of each
    bar are listed under it, so that a picture of the chart names them."""
    groups = [result.only_first, result.both, result.only_second]
    counts = [len(g) for g in groups]
    only = _("Only {instrument}")  # as components/content/signatories.set_labels names the sets
    labels = [only.format(instrument=first_name), _("Both"), only.format(instrument=second_name)]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=counts,
            marker=dict(color=["#0072B2", "#7c7b78", "#E69F00"], line=dict(color="#1f2933", width=1)),
            text=counts,
            textposition="outside",
            hovertemplate=_("%{x}: %{y} parties<extra></extra>"),
        )
    )
    fig.update_yaxes(title=_("Parties"), rangemode="tozero")
    fig.update_xaxes(title=None)
    fig.update_layout(height=380, showlegend=False)
    if party_names is not None:
        listed = [_name_lines(group, party_names) for group in groups]
        lines = max(n for _text, n in listed)
        names_height = 16 * lines + 40
        fig.update_layout(height=380 + names_height)
        axis = names_height / (380 + names_height)  # the bars above, the names below their labels
        fig.update_yaxes(domain=[axis, 1])
        for position, (text, _lines) in enumerate(listed):
            fig.add_annotation(
                x=(position + 0.5) / 3, y=axis, xref="paper", yref="paper", xanchor="center", yanchor="top", yshift=-28,
                showarrow=False,
                text=text or _("none"), align="center", font=dict(size=11), name="names",
            )  # fmt: skip
    title = _("{first} vs {second}: who is in which").format(first=first_name, second=second_name)
    return finish_figure(fig, title=title, subtitle=subtitle, asof=asof)
