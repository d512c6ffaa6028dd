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
    StandingNotice,
    Table,
    Text,
    ViewContent,
    number,
    source_links,
)
from components.data.dates import in_words
from components.data.i18n import N_, _, ngettext
from components.export.rows import instrument_rows
from components.model.atlas import Atlas, citation, derived
from components.model.claims import dispute_counts
from components.model.coverage import evidence_counts, party_list_counts
from components.model.evidence import DERIVED
from components.model.evidence import mix as evidence_mix
from components.model.filters import Filters, Slice, slice_of
from components.model.freshness import freshness
from components.text import md

TITLE = N_("AI Governance Atlas")  # the page translates its title
SUBTITLE = N_(
    "Who has committed to what on AI, when, and how binding is it? The Atlas collects the treaties, declarations, "
    "recommendations, codes of conduct, company commitments, networks and institutes of international AI "
    "governance, each fact with its source."
)
NOTHING = StandingNotice(
    N_(
        "No instruments to show: the data package is empty or the filters select nothing. See *Data and sources* for "
        "how to add rows, or press **Reset filters**."
    )
)


def today() -> dt.date:
    """The date the freshness line counts from (a function, so that tests can read the same date)."""
    return dt.date.today()


def metrics(figures: Headline) -> Metrics:
    return Metrics([
        Metric(_("Instruments"), figures.instruments, help=_("Instruments of any legal force that match the filters.")),
        Metric(_("Legally binding"), figures.binding_instruments,
               help=_("Instruments whose legal force is 'legally binding'.")),
        Metric(_("States taking part"), figures.states,
               help=_("States with at least one signature, endorsement, adherence or membership.")),
        Metric(_("Organisations"), figures.organisations,
               help=_("The EU and other international or regional organisations taking part.")),
        Metric(_("Companies and industry bodies"), figures.companies),
        Metric(_("AI safety institutes"), figures.institutes),
    ], brief=False)  # fmt: skip


def legal_force_summary(table: pd.DataFrame) -> str:
    """'103 instruments by legal force: Legally binding 12, …, Voluntary self-regulation 16. Most common: Political
    commitment (45).' (table: components.charts.overview.instruments_by_legal_force, the bars drawn)"""
    shown = table[table["instruments"] > 0]
    listed = ", ".join(f"{name} {number(n)}" for name, n in zip(shown["label"], shown["instruments"], strict=True))
    top = shown.sort_values("instruments", ascending=False, kind="stable").iloc[0]
    total = int(table["instruments"].sum())
    return ngettext(
        "{n} instrument by legal force: {listed}. Most common: {top} ({top_n}).",
        "{n} instruments by legal force: {listed}. Most common: {top} ({top_n}).",
        total,
    ).format(n=number(total), listed=listed, top=top["label"], top_n=number(top["instruments"]))


def firmness(atlas: Atlas, view: Slice, figures: Headline, on: dt.date) -> list[Block]:
    """'How firm the data is': evidence of the records, party lists, freshness of the checks, disagreements."""
    evidence, lists = evidence_counts(view), party_list_counts(view)
    # whatever the filters: computed once per dataset (and day)
    fresh = derived(atlas, f"freshness|{on}", lambda: freshness(atlas, today=on))
    n_facts, n_disputed = derived(atlas, "dispute_counts", lambda: dispute_counts(atlas.claims))
    derived_rows = int(view.participation["basis"].astype(str).isin(DERIVED).sum())
    paragraphs = [
        _(
            "Of **{records}** participation records, **{official}** were read on an official page, **{secondary}** on "
            "a reputable secondary page, and **{unverified}** rest on a single non-official source or an inference "
            "and are marked *unverified*. Of all the records, **{derived}** are derived from membership of a body or "
            "adoption by consensus rather than stated party by party (each gives its rule in `basis_rule`). "
            "{evidence_mix} **{complete}** instruments have a complete list of parties, **{partial}** a partial one, "
            "and **{not_recorded}** none (reports, unilateral texts, or lists not found). *Data and sources* has the "
            "detail per instrument."
        ).format(records=figures.participation_rows, official=evidence["official"], secondary=evidence["secondary"],
                 unverified=evidence["unverified"], derived=derived_rows, evidence_mix=evidence_mix(view.participation),
                 complete=lists["complete"], partial=lists["partial"], not_recorded=lists["not_recorded"]),
        _(
            "**Last full check: {oldest}** — every one of the {rows} rows has been checked against its source since "
            "then (newest check {newest}); **{due}** rows are more than {months} months old. [Freshness](freshness) "
            "lists the rows due for re-checking."
        ).format(oldest=in_words(fresh.oldest), rows=number(fresh.rows), newest=in_words(fresh.newest),
                 due=number(fresh.due), months=fresh.months),
        _(
            "**Counting and disagreements.** Each instrument's parties are counted under its own rule (states only, "
            "states and the EU, or every party listed). **{claims}** claims of sources about counts, dates and "
            "participation are recorded; on {facts} of {instruments} a source differs from the Atlas. They are "
            "marked ⚑ where shown and listed on [Freshness](freshness)."
        ).format(claims=number(len(atlas.claims)),
                 facts=ngettext("**{n}** fact", "**{n}** facts", n_facts).format(n=number(n_facts)),
                 instruments=ngettext("**{n}** instrument", "**{n}** instruments", n_disputed).format(
                     n=number(n_disputed))),
    ]  # fmt: skip
    return [Heading(_("How firm the data is"), brief=False), *(Text(p, brief=False) for p in paragraphs)]


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    figures = headline(view)
    blocks: list[Block] = []
    if not filters.is_default():
        blocks.append(Text(_("Filtered: {filters}. **Reset filters** in the sidebar shows everything.").format(
            filters=md(ctx.subtitle)), caption=True, brief=False))  # fmt: skip
    blocks.append(metrics(figures))
    if figures.instruments == 0:
        blocks.append(NOTHING)
    else:
        fig = legal_force_chart(view, subtitle=None if filters.is_default() else ctx.subtitle)
        rows = instrument_rows(view.instruments, view.participation)
        summary = legal_force_summary(instruments_by_legal_force(view))
        latest = latest_instruments(view)
        blocks += [
            ctx.chart("legal_force_chart", fig, rows, summary),
            Heading(_("Latest instruments"), brief=False),
            Table("latest_instruments", latest, links=source_links(latest), brief=False),
        ]
    blocks += firmness(atlas, view, figures, today())
    blocks += [
        Heading(_("Cite the Atlas"), brief=False),
        Code(citation(atlas), brief=False),
        Text(
            _("{n} summits and meetings recorded. Code under the MIT licence; data under CC BY 4.0.").format(
                n=figures.events
            ),
            caption=True,
            brief=False,
        ),
    ]
    dated = _("Data as of {date}.").format(date=in_words(atlas.asof))
    subtitle = f"{_(SUBTITLE)} **{dated}**"
    return ViewContent(TITLE, subtitle, blocks, filters=ctx.subtitle, asof=view.asof)
