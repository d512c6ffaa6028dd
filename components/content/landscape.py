"""Binding vs soft law: where AI governance sits on the scale of legal force (a heatmap; selecting a cell lists its
instruments, `detail`), and how binding and non-binding instruments accumulated over time."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.charts.heatmap import (
    AXES,
    MEASURES,
    axis_label,
    cumulative_figure,
    cumulative_table,
    force_counts,
    heatmap_figure,
    instruments_in_cell,
    selected_cell,
)
from components.content.base import (
    Block,
    Context,
    Labels,
    Notice,
    Section,
    Slot,
    Table,
    Text,
    ViewContent,
    number,
)
from components.content.panels import EMPTY
from components.data.dates import in_words
from components.data.i18n import N_, _, ngettext
from components.data.labels import data_label, label, legal_force_definitions
from components.export.rows import instrument_rows
from components.model.atlas import Atlas
from components.model.filters import Filters, slice_of
from components.model.query import ViewParam
from components.text import md

TITLE = N_("Binding vs soft law")  # the page translates its title
SUBTITLE = N_(
    "How many instruments — or party commitments — sit at each level of legal force. Select a cell to list them."
)
BY_LABELS = Labels({a: a for a in AXES}, axis_label)  # translated when read (the page's widget)
MEASURE_LABELS = Labels({"instruments": N_("Instruments"), "commitments": N_("Party commitments")})
CELL_COLUMNS = ["short_name", "adopted", "forum", "summary", "source_url"]


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    return (ViewParam("by", AXES, default=("mechanism",)), ViewParam("measure", MEASURES, default=("instruments",)))


def _column_label(column: str, by: str) -> str:
    return label(column) if by in ("mechanism", "theme") else data_label(str(column))


def heatmap_summary(counts: pd.DataFrame, by: str, measure: str) -> str:
    """'103 instruments by legal force and mechanism: Legally binding 13, …, No commitment 9. Largest cell: Political
    commitment × Soft law, 23.' (counts: components.charts.heatmap.force_counts, what the heatmap draws)"""
    levels = counts.sum(axis=1)
    listed = ", ".join(f"{label(level)} {number(n)}" for level, n in levels.items() if n)
    total, axis = int(levels.sum()), axis_label(by).lower()
    if measure == "instruments" and by == "theme":  # an instrument is in as many cells as it has themes
        text = _("Instruments by legal force and theme, each counted once in every theme it covers ({n} in all): "
                 "{listed}.").format(n=number(total), listed=listed)  # fmt: skip
    elif measure == "instruments" and by == "region":  # … or regions its parties are in
        text = _("Instruments by legal force and region, each counted once in every region it reaches ({n} in all): "
                 "{listed}.").format(n=number(total), listed=listed)  # fmt: skip
    elif measure == "instruments":
        text = ngettext("{n} instrument by legal force and {axis}: {listed}.",
                        "{n} instruments by legal force and {axis}: {listed}.", total)  # fmt: skip
        text = text.format(n=number(total), axis=axis, listed=listed)
    else:
        text = ngettext("{n} party commitment by legal force and {axis}: {listed}.",
                        "{n} party commitments by legal force and {axis}: {listed}.", total)  # fmt: skip
        text = text.format(n=number(total), axis=axis, listed=listed)
    stacked = counts.stack()
    level, column = stacked.idxmax()
    largest = _("Largest cell: {level} × {column}, {n}.").format(
        level=label(level), column=_column_label(column, by), n=number(stacked.max())
    )
    return f"{text} {largest}"


def cumulative_summary(instruments: pd.DataFrame) -> str:
    """'By 25 May 2026, 13 legally binding and 90 not legally binding instruments had been adopted; the latest legally
    binding one: AI Diffusion Rule (2025-01-13).'"""
    table = cumulative_table(instruments)
    last = table.iloc[-1]
    binding, other = int(last["Legally binding"]), int(last["Not legally binding"])
    values = dict(date=in_words(last["adopted"]), binding=number(binding), other=number(other))
    bound = instruments[instruments["legal_force"].astype(str) == "legally_binding"].sort_values("adopted")
    if len(bound):
        latest = bound.iloc[-1]
        return ngettext(
            "By {date}, {binding} legally binding and {other} not legally binding instrument had been adopted; the "
            "latest legally binding one: {latest} ({adopted}).",
            "By {date}, {binding} legally binding and {other} not legally binding instruments had been adopted; the "
            "latest legally binding one: {latest} ({adopted}).",
            binding + other,
        ).format(**values, latest=latest["short_name"], adopted=latest["adopted_label"])
    return ngettext(
        "By {date}, {binding} legally binding and {other} not legally binding instrument had been adopted.",
        "By {date}, {binding} legally binding and {other} not legally binding instruments had been adopted.",
        binding + other,
    ).format(**values)


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    by, measure = options["by"][0], options["measure"][0]
    blocks: list[Block] = [Slot("options")]
    counts = force_counts(view.instruments, view.participation, view.parties, by=by, measure=measure)
    if view.instruments.empty or counts.to_numpy().sum() == 0:
        blocks.append(EMPTY)
        if not view.instruments.empty:
            blocks.append(Text(ngettext(
                "{n} instrument matches, but none has recorded parties, so there is nothing to count by party region "
                "or by party commitments. Count instruments by mechanism, forum or theme instead.",
                "{n} instruments match, but none has recorded parties, so there is nothing to count by party region "
                "or by party commitments. Count instruments by mechanism, forum or theme instead.",
                len(view.instruments)).format(n=len(view.instruments)), caption=True))  # fmt: skip
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
    blocks.append(Section(_("What the levels of legal force mean"), definitions, brief=False))
    return ViewContent(TITLE, _(SUBTITLE), blocks, filters=ctx.subtitle, asof=view.asof)


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
        return [Notice(_("Select a cell to list its instruments."), icon="touch_app", brief=False)]
    force, column = selection
    listed = instruments_in_cell(view.instruments, view.participation, view.parties, by=by, legal_force=force,
                                 column=column)  # fmt: skip
    table = instrument_rows(listed, view.participation)[CELL_COLUMNS]
    heading = ngettext("{level} × {column}: {n} instrument", "{level} × {column}: {n} instruments", len(listed))
    heading = heading.format(level=label(force), column=md(_column_label(column, by)), n=len(listed))
    return [
        Text(f"**{heading}**", brief=False),
        Table("cell_instruments", table.reset_index(drop=True), links={"source_url": _("source")}, brief=False),
    ]
