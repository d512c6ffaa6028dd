"""Binding vs soft law: where AI governance sits on the scale of legal force (a heatmap; selecting a cell lists its
instruments, `detail`), and how binding and non-binding instruments accumulated over time."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.charts.heatmap import (
    AXES,
    MEASURES,
    cumulative_figure,
    cumulative_table,
    force_counts,
    heatmap_figure,
    instruments_in_cell,
    selected_cell,
)
from components.content.base import Block, Context, Notice, Section, Slot, Table, Text, ViewContent, plural
from components.content.panels import EMPTY
from components.data.dates import in_words
from components.data.labels import label, legal_force_definitions
from components.export.rows import instrument_rows
from components.model.atlas import Atlas
from components.model.filters import Filters, slice_of
from components.model.query import ViewParam
from components.text import md

TITLE = "Binding vs soft law"
SUBTITLE = "How many instruments — or party commitments — sit at each level of legal force. Select a cell to list them."
BY_LABELS = {a: label(a) for a in AXES}
MEASURE_LABELS = {"instruments": "Instruments", "commitments": "Party commitments"}
CELL_COLUMNS = ["short_name", "adopted", "forum", "summary", "source_url"]


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    return (ViewParam("by", AXES, default=("mechanism",)), ViewParam("measure", MEASURES, default=("instruments",)))


def _column_label(column: str, by: str) -> str:
    return label(column) if by in ("mechanism", "theme") else str(column)


def heatmap_summary(counts: pd.DataFrame, by: str, measure: str) -> str:
    """'103 instruments by legal force and mechanism: Legally binding 13, …, No commitment 9. Largest cell: Political
    commitment × Soft law, 23.' (counts: components.charts.heatmap.force_counts, what the heatmap draws)"""
    unit = "instrument" if measure == "instruments" else "party commitment"
    levels = counts.sum(axis=1)
    listed = ", ".join(f"{label(level)} {int(n):,}" for level, n in levels.items() if n)
    if measure == "instruments" and by in ("theme", "region"):  # an instrument is in as many cells as it has themes
        reach = "covers" if by == "theme" else "reaches"
        text = f"Instruments by legal force and {by}, each counted once in every {by} it {reach} "
        text += f"({int(levels.sum()):,} in all): {listed}."
    else:
        text = f"{plural(int(levels.sum()), unit)} by legal force and {label(by).lower()}: {listed}."
    stacked = counts.stack()
    level, column = stacked.idxmax()
    return text + f" Largest cell: {label(level)} × {_column_label(column, by)}, {int(stacked.max()):,}."


def cumulative_summary(instruments: pd.DataFrame) -> str:
    """'By 25 May 2026, 13 legally binding and 90 not legally binding instruments had been adopted; the latest legally
    binding one: AI Diffusion Rule (2025-01-13).'"""
    table = cumulative_table(instruments)
    last = table.iloc[-1]
    binding, other = int(last["Legally binding"]), int(last["Not legally binding"])
    text = (
        f"By {in_words(last['adopted'])}, {binding:,} legally binding and {other:,} not legally binding "
        f"{'instrument' if binding + other == 1 else 'instruments'} had been adopted"
    )
    bound = instruments[instruments["legal_force"].astype(str) == "legally_binding"].sort_values("adopted")
    if len(bound):
        latest = bound.iloc[-1]
        text += f"; the latest legally binding one: {latest['short_name']} ({latest['adopted_label']})"
    return text + "."


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    by, measure = options["by"][0], options["measure"][0]
    blocks: list[Block] = [Slot("options")]
    counts = force_counts(view.instruments, view.participation, view.parties, by=by, measure=measure)
    if view.instruments.empty or counts.to_numpy().sum() == 0:
        blocks.append(EMPTY)
        if not view.instruments.empty:
            blocks.append(Text(
                f"{len(view.instruments)} instruments match, but none has recorded parties, so there is nothing to "
                "count by party region or by party commitments. Count instruments by mechanism, forum or theme "
                "instead.", caption=True))  # fmt: skip
    else:
        rows = instrument_rows(view.instruments, view.participation)
        fig = heatmap_figure(view.instruments, view.participation, view.parties, asof=view.asof, by=by, measure=measure,
                             subtitle=ctx.subtitle)  # fmt: skip
        blocks += [
            ctx.chart("heatmap_chart", fig, rows, heatmap_summary(counts, by, measure), selectable=True),
            Slot("cell"),
        ]
        fig = cumulative_figure(view.instruments, asof=view.asof, subtitle=ctx.subtitle)
        blocks.append(ctx.chart("cumulative_chart", fig, rows, cumulative_summary(view.instruments)))
    definitions = [Text(f"**{label(level)}** — {text}") for level, text in legal_force_definitions().items()]
    blocks.append(Section("What the levels of legal force mean", definitions, brief=False))
    return ViewContent(TITLE, SUBTITLE, blocks, filters=ctx.subtitle, asof=view.asof)


def selected(event) -> tuple[str, str] | None:
    """The (legal force, column) a selection event of the heatmap selects."""
    return selected_cell(event)


def detail(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]],
           selection: tuple[str, str] | None) -> list[Block]:  # fmt: skip
    """The instruments of the selected cell, (legal force, column) as components.charts.heatmap.selected_cell reads
    it; a hint when no cell of this heatmap is selected (one left over from another axis counts as none); nothing
    when the heatmap is not shown. Detail only: brief=False."""
    view = slice_of(atlas, filters)
    by, measure = options["by"][0], options["measure"][0]
    counts = force_counts(view.instruments, view.participation, view.parties, by=by, measure=measure)
    if view.instruments.empty or counts.to_numpy().sum() == 0:
        return []
    if not selection or selection[1] not in set(map(str, counts.columns)):
        return [Notice("Select a cell to list its instruments.", icon="touch_app", brief=False)]
    force, column = selection
    listed = instruments_in_cell(view.instruments, view.participation, view.parties, by=by, legal_force=force,
                                 column=column)  # fmt: skip
    table = instrument_rows(listed, view.participation)[CELL_COLUMNS]
    return [
        Text(f"**{label(force)} × {md(_column_label(column, by))}: {len(listed)} instruments**", brief=False),
        Table("cell_instruments", table.reset_index(drop=True), links={"source_url": "source"}, brief=False),
    ]
