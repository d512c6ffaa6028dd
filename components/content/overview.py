"""Overview (the home page): headline figures, instruments by legal force, the latest instruments, how firm the data
is, and how to cite the Atlas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from components.charts.overview import (
    Headline,
    headline,
    instruments_by_legal_force,
    latest_instruments,
    legal_force_chart,
)
from components.content.base import (
    Block,
    Code,
    Context,
    Heading,
    Metric,
    Metrics,
    Notice,
    Table,
    Text,
    ViewContent,
    plural,
)
from components.data.dates import in_words
from components.export.rows import instrument_rows
from components.model.atlas import Atlas, citation, derived
from components.model.claims import dispute_counts
from components.model.coverage import evidence_counts, party_list_counts
from components.model.evidence import DERIVED
from components.model.evidence import mix as evidence_mix
from components.model.filters import Filters, Slice, slice_of
from components.model.freshness import freshness
from components.text import md

TITLE = "AI Governance Atlas"
SUBTITLE = (
    "Who has committed to what on AI, when, and how binding is it? The Atlas collects the treaties, declarations, "
    "recommendations, codes of conduct, company commitments, networks and institutes of international AI "
    "governance, each fact with its source."
)
NOTHING = Notice(
    "No instruments to show: the data package is empty or the filters select nothing. See *Data and sources* for how "
    "to add rows, or press **Reset filters**."
)


def today() -> dt.date:
    """The date the freshness line counts from (a function, so that tests can read the same date)."""
    return dt.date.today()


def metrics(figures: Headline) -> Metrics:
    return Metrics([
        Metric("Instruments", figures.instruments, help="Instruments of any legal force that match the filters."),
        Metric("Legally binding", figures.binding_instruments,
               help="Instruments whose legal force is 'legally binding'."),
        Metric("States taking part", figures.states,
               help="States with at least one signature, endorsement, adherence or membership."),
        Metric("Organisations", figures.organisations,
               help="The EU and other international or regional organisations taking part."),
        Metric("Companies and industry bodies", figures.companies),
        Metric("AI safety institutes", figures.institutes),
    ], brief=False)  # fmt: skip


def legal_force_summary(table: pd.DataFrame) -> str:
    """'103 instruments by legal force: Legally binding 12, …, Voluntary self-regulation 16. Most common: Political
    commitment (45).' (table: components.charts.overview.instruments_by_legal_force, the bars drawn)"""
    shown = table[table["instruments"] > 0]
    listed = ", ".join(f"{name} {int(n):,}" for name, n in zip(shown["label"], shown["instruments"], strict=True))
    top = shown.sort_values("instruments", ascending=False, kind="stable").iloc[0]
    return (
        f"{plural(int(table['instruments'].sum()), 'instrument')} by legal force: {listed}. "
        f"Most common: {top['label']} ({int(top['instruments']):,})."
    )


def firmness(atlas: Atlas, view: Slice, figures: Headline, on: dt.date) -> list[Block]:
    """'How firm the data is': evidence of the records, party lists, freshness of the checks, disagreements."""
    evidence, lists = evidence_counts(view), party_list_counts(view)
    # whatever the filters: computed once per dataset (and day)
    fresh = derived(atlas, f"freshness|{on}", lambda: freshness(atlas, today=on))
    n_facts, n_disputed = derived(atlas, "dispute_counts", lambda: dispute_counts(atlas.claims))
    derived_rows = int(view.participation["basis"].astype(str).isin(DERIVED).sum())
    paragraphs = [
        f"Of **{figures.participation_rows}** participation records, **{evidence['official']}** were read on an "
        f"official page, **{evidence['secondary']}** on a reputable secondary page, and **{evidence['unverified']}** "
        f"rest on a single non-official source or an inference and are marked *unverified*. Of all the records, "
        f"**{derived_rows}** are derived from membership of a body or adoption by consensus rather than stated party "
        f"by party (each gives its rule in `basis_rule`). {evidence_mix(view.participation)} **{lists['complete']}** "
        f"instruments have a complete list of parties, **{lists['partial']}** a partial one, and "
        f"**{lists['not_recorded']}** none (reports, unilateral texts, or lists not found). *Data and sources* has "
        "the detail per instrument.",
        f"**Last full check: {in_words(fresh.oldest)}** — every one of the {fresh.rows:,} rows has been checked "
        f"against its source since then (newest check {in_words(fresh.newest)}); **{fresh.due:,}** rows are more "
        f"than {fresh.months} months old. [Freshness](freshness) lists the rows due for re-checking.",
        f"**Counting and disagreements.** Each instrument's parties are counted under its own rule (states only, "
        f"states and the EU, or every party listed). **{len(atlas.claims):,}** claims of sources about counts, dates "
        f"and participation are recorded; on **{n_facts:,}** {'fact' if n_facts == 1 else 'facts'} of "
        f"**{n_disputed:,}** {'instrument' if n_disputed == 1 else 'instruments'} a source differs from the Atlas. "
        "They are marked ⚑ where shown and listed on [Freshness](freshness).",
    ]
    return [Heading("How firm the data is", brief=False), *(Text(p, brief=False) for p in paragraphs)]


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    figures = headline(view)
    blocks: list[Block] = []
    if not filters.is_default():
        blocks.append(Text(f"Filtered: {md(ctx.subtitle)}. **Reset filters** in the sidebar shows everything.",
                           caption=True, brief=False))  # fmt: skip
    blocks.append(metrics(figures))
    if figures.instruments == 0:
        blocks.append(NOTHING)
    else:
        fig = legal_force_chart(view, subtitle=None if filters.is_default() else ctx.subtitle)
        rows = instrument_rows(view.instruments, view.participation)
        summary = legal_force_summary(instruments_by_legal_force(view))
        blocks += [
            ctx.chart("legal_force_chart", fig, rows, summary),
            Heading("Latest instruments", brief=False),
            Table("latest_instruments", latest_instruments(view), links={"Source": "source"}, brief=False),
        ]
    blocks += firmness(atlas, view, figures, today())
    blocks += [
        Heading("Cite the Atlas", brief=False),
        Code(citation(atlas), brief=False),
        Text(
            f"{figures.events} summits and meetings recorded. Code under the MIT licence; data under CC BY 4.0.",
            caption=True,
            brief=False,
        ),
    ]
    subtitle = f"{SUBTITLE} **Data as of {in_words(atlas.asof)}.**"
    return ViewContent(TITLE, subtitle, blocks, filters=ctx.subtitle, asof=view.asof)
