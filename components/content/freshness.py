"""Freshness: how recently each fact was checked, the rows due for re-checking with their sources, the facts on which
sources disagree, and the last link check (`make check-links`). It covers the whole dataset, whatever the filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from components.content.base import Block, Download, Heading, Metric, Metrics, Notice, Slot, Table, Text, ViewContent
from components.data.dates import in_words
from components.data.i18n import N_, _, ngettext, number
from components.export.rows import neutralise
from components.model.atlas import Atlas
from components.model.claims import dispute_table, status_summary
from components.model.filters import Filters
from components.model.freshness import (
    DEFAULT_MONTHS,
    OUTCOME_WORDS,
    LinkReportError,
    checked_rows,
    due_rows,
    freshness,
    link_check,
    link_report_path,
    link_report_stamp,
)
from components.model.query import ViewParam
from components.text import md

TITLE = N_("Freshness and maintenance")  # translated where the page shows it (components/ui/render.py)
SUBTITLE = N_(
    "Every row of the Atlas says when it was last checked against its source (`checked`). Rows not re-checked for "
    "longer than the period chosen here are listed with their source, so a maintainer can re-read them and update "
    "the date (or the fact). This page covers the whole dataset, whatever the filters on other pages."
)
PERIODS = ("3", "6", "12", "24")  # months
DISAGREE = N_(
    "claims.csv records what sources say about counts, dates and who took part. Each claim is compared with the value "
    "the Atlas shows; a fact is listed here, with every claim about it, when at least one source differs. The Atlas "
    "keeps its own value and marks the fact ⚑ on the Signatories, Timeline and Countries pages."
)

LINKS = N_(
    "`make check-links` asks every source address in the data whether it still answers, and writes a report; it "
    "changes nothing in the data. A link that is not ok is listed with the rows that cite it and a Wayback Machine "
    "address: a place to look for an archived copy (not checked to exist)."
)
NO_LINK_REPORT = N_(
    "No link check has been run yet. Run `make check-links` to check every source link; the result then shows here."
)


def today() -> dt.date:
    """The day the ages are counted to (tests fix it)."""
    return dt.date.today()


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    return (ViewParam("months", PERIODS, default=(str(DEFAULT_MONTHS),)),)


def period_labels() -> dict[str, str]:
    return {p: ngettext("{n} month", "{n} months", int(p)).format(n=p) for p in PERIODS}


def _column(table, english: str) -> str:
    """A model table's column as it is named in the view's language (its English name when it is not translated)."""
    return english if english in table.columns else _(english)


def due_blocks(atlas: Atlas, day: dt.date, months: int) -> list[Block]:
    """How fresh the rows are (metrics, age bands), and the rows due for re-checking with a download."""
    summary = freshness(atlas, today=day, months=months)
    bands = " · ".join(f"**{number(count)}** {band}" for band, count in summary.bands.items())
    out: list[Block] = [
        Metrics(
            [
                Metric(_("Rows with a checked date"), number(summary.rows)),
                Metric(
                    _("Last full check"),
                    in_words(summary.oldest),
                    help=_("Every row has been checked on or after this day."),
                ),
                Metric(_("Due (over {n} months)").format(n=months), number(summary.due)),
            ]
        ),  # fmt: skip
        Text(_("{bands}. Newest check: {date}.").format(bands=bands, date=in_words(summary.newest))),
    ]
    due = due_rows(atlas, today=day, months=months)
    if due.empty:
        out.append(Notice(_("No row is more than {n} months old: nothing is due for re-checking.").format(n=months),
                          kind="success", icon="verified"))  # fmt: skip
        return out
    return out + [
        Table("due", due, links={_column(due, "source_url"): _("open source")}),
        Download(
            _("Download the rows due (CSV)"),
            due.to_csv(index=False).encode(),
            f"atlas-due-{day.isoformat()}.csv",
            "text/csv",
            key="download_due",
            icon="download",
        ),  # fmt: skip
    ]


def dispute_blocks(atlas: Atlas, day: dt.date) -> list[Block]:
    """What claims.csv says, and every fact some source states differently, with a download."""
    out: list[Block] = [Heading(_("Where sources disagree")), Text(_(DISAGREE), caption=True)]
    claims = atlas.claims
    if claims.empty:
        return out + [Notice(_("No claims are recorded yet: add rows to claims.csv to compare sources."),
                             icon="fact_check")]  # fmt: skip
    out.append(Text(status_summary(claims)))
    disputes = dispute_table(claims, atlas.instruments, atlas.parties.set_index("id")["name"].to_dict())
    if disputes.empty:
        return out + [Notice(_("Every claim recorded agrees with the Atlas (or cannot be compared)."), kind="success",
                             icon="verified")]  # fmt: skip
    return out + [
        Table("disputes", disputes, links={_column(disputes, "Source"): _("open source")}),
        Download(_("Download the disagreements (CSV)"), neutralise(disputes).to_csv(index=False).encode(),
                 f"atlas-disagreements-{day.isoformat()}.csv", "text/csv", key="download_disputes", icon="download"),
    ]  # fmt: skip


def stamp() -> tuple[str, int | None]:
    """What build() reads besides the dataset and its options: the link-check report (path, time written)."""
    return link_report_stamp()


def link_blocks(atlas: Atlas) -> list[Block]:
    """The last link check: when it ran, links per outcome, and the links that are not ok with a download."""
    out: list[Block] = [Heading(_("Link check")), Text(_(LINKS), caption=True)]
    path = link_report_path()
    try:
        report = link_check(path, checked_rows(atlas))
    except LinkReportError as exc:
        return out + [Notice(_("The link-check report cannot be read: {error} Run `make check-links` again to "
                               "replace it.").format(error=md(exc)), kind="warning", icon="link_off")]  # fmt: skip
    if report is None:
        return out + [Notice(_(NO_LINK_REPORT), icon="link")]
    counts = " · ".join(f"**{number(n)}** {_(OUTCOME_WORDS[o])}" for o, n in report.counts.items() if n)
    out.append(Text(ngettext("Last run on {date} at {time} UTC: **{n}** links checked. {counts}.",
                             "Last run on {date} at {time} UTC: **{n}** links checked. {counts}.", report.links).format(
        date=in_words(report.checked.date()), time=f"{report.checked:%H:%M}", n=number(report.links),
        counts=counts or _("No link was checked"))))  # fmt: skip
    if report.not_ok.empty:
        return out + [Notice(_("Every link checked answered without a redirect."), kind="success", icon="verified")]
    return out + [
        Table("links", report.not_ok, links={_column(report.not_ok, "url"): _("open link"),
                                             _column(report.not_ok, "wayback"): _("look for an archived copy")}),
        Download(_("Download the links that are not ok (CSV)"), neutralise(report.not_ok).to_csv(index=False).encode(),
                 f"atlas-links-{report.checked:%Y-%m-%d}.csv", "text/csv", key="download_links", icon="download"),
    ]  # fmt: skip


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    day = today()
    months = int(options["months"][0])
    blocks = [Slot("months"), *due_blocks(atlas, day, months), *dispute_blocks(atlas, day),
              *link_blocks(atlas)]  # fmt: skip
    return ViewContent(TITLE, _(SUBTITLE), blocks, asof=atlas.asof)
