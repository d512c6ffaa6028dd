"""Freshness: how recently each fact was checked, the rows due for re-checking with their sources, and the facts on
which sources disagree. It covers the whole dataset, whatever the filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from components.content.base import Block, Download, Heading, Metric, Metrics, Notice, Slot, Table, Text, ViewContent
from components.data.dates import in_words
from components.export.rows import neutralise
from components.model.atlas import Atlas
from components.model.claims import dispute_table, status_summary
from components.model.filters import Filters
from components.model.freshness import DEFAULT_MONTHS, due_rows, freshness
from components.model.query import ViewParam

TITLE = "Freshness and maintenance"
SUBTITLE = (
    "Every row of the Atlas says when it was last checked against its source (`checked`). Rows not re-checked for "
    "longer than the period chosen here are listed with their source, so a maintainer can re-read them and update "
    "the date (or the fact). This page covers the whole dataset, whatever the filters on other pages."
)
PERIODS = ("3", "6", "12", "24")  # months
DISAGREE = (
    "claims.csv records what sources say about counts, dates and who took part. Each claim is compared with the value "
    "the Atlas shows; a fact is listed here, with every claim about it, when at least one source differs. The Atlas "
    "keeps its own value and marks the fact ⚑ on the Signatories, Timeline and Countries pages."
)


def today() -> dt.date:
    """The day the ages are counted to (tests fix it)."""
    return dt.date.today()


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    return (ViewParam("months", PERIODS, default=(str(DEFAULT_MONTHS),)),)


def period_labels() -> dict[str, str]:
    return {p: f"{p} months" for p in PERIODS}


def due_blocks(atlas: Atlas, day: dt.date, months: int) -> list[Block]:
    """How fresh the rows are (metrics, age bands), and the rows due for re-checking with a download."""
    summary = freshness(atlas, today=day, months=months)
    bands = " · ".join(f"**{count:,}** {band}" for band, count in summary.bands.items())
    out: list[Block] = [
        Metrics(
            [
                Metric("Rows with a checked date", f"{summary.rows:,}"),
                Metric(
                    "Last full check", in_words(summary.oldest), help="Every row has been checked on or after this day."
                ),
                Metric(f"Due (over {months} months)", f"{summary.due:,}"),
            ]
        ),  # fmt: skip
        Text(f"{bands}. Newest check: {in_words(summary.newest)}."),
    ]
    due = due_rows(atlas, today=day, months=months)
    if due.empty:
        out.append(Notice(f"No row is more than {months} months old: nothing is due for re-checking.", kind="success",
                          icon="verified"))  # fmt: skip
        return out
    return out + [
        Table("due", due, links={"source_url": "open source"}),
        Download(
            "Download the rows due (CSV)",
            due.to_csv(index=False).encode(),
            f"atlas-due-{day.isoformat()}.csv",
            "text/csv",
            key="download_due",
            icon="download",
        ),  # fmt: skip
    ]


def dispute_blocks(atlas: Atlas, day: dt.date) -> list[Block]:
    """What claims.csv says, and every fact some source states differently, with a download."""
    out: list[Block] = [Heading("Where sources disagree"), Text(DISAGREE, caption=True)]
    claims = atlas.claims
    if claims.empty:
        return out + [Notice("No claims are recorded yet: add rows to claims.csv to compare sources.",
                             icon="fact_check")]  # fmt: skip
    out.append(Text(status_summary(claims)))
    disputes = dispute_table(claims, atlas.instruments, atlas.parties.set_index("id")["name"].to_dict())
    if disputes.empty:
        return out + [Notice("Every claim recorded agrees with the Atlas (or cannot be compared).", kind="success",
                             icon="verified")]  # fmt: skip
    return out + [
        Table("disputes", disputes, links={"Source": "open source"}),
        Download("Download the disagreements (CSV)", neutralise(disputes).to_csv(index=False).encode(),
                 f"atlas-disagreements-{day.isoformat()}.csv", "text/csv", key="download_disputes", icon="download"),
    ]  # fmt: skip


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    day = today()
    months = int(options["months"][0])
    blocks = [Slot("months"), *due_blocks(atlas, day, months), *dispute_blocks(atlas, day)]
    return ViewContent(TITLE, SUBTITLE, blocks, asof=atlas.asof)
