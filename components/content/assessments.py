"""Assessments: the seed documents' own tables, shown as published and clearly marked as their authors' judgements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from components.content.base import Block, Heading, Notice, Section, Slot, Table, Text, ViewContent
from components.content.registry import view
from components.content.urls import address, relative
from components.data.i18n import N_, _
from components.model.assessments import catalogue, instruments_spoken_of, wide_table
from components.model.atlas import Atlas
from components.model.filters import Filters
from components.model.query import ViewParam
from components.text import md, md_link

TITLE = N_("Assessments from the source texts")  # translated where the page shows it (components/ui/render.py)
SUBTITLE = ""
WARNING = Notice(  # in English: a build shows it translated (translated())
    N_(
        "These tables are **assessments published by the named sources** — the secondary texts the Atlas started from — "
        "reproduced as published, spelling included. They are their authors' judgements, not facts of the dataset, and "
        "some of their claims are contradicted by official sources (see the notes in the data)."
    ),
    icon="rate_review",
)
NO_TABLES = Notice(N_("The data package holds no assessment tables."))


def translated(notice: Notice) -> Notice:
    """A module's notice in the view's language (the notice itself in English)."""
    text = _(notice.text)
    return notice if text == notice.text else replace(notice, text=text)


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    ids = tuple(catalogue(atlas.assessments)["table_id"])
    return (ViewParam("table", ids, default=ids[:1]),)


def titles(atlas: Atlas) -> dict[str, str]:
    """Table id -> its published title (the picker's labels)."""
    tables = catalogue(atlas.assessments)
    return dict(zip(tables["table_id"], tables["title"], strict=True))


def instrument_links(atlas: Atlas, instrument_ids: list[str]) -> str:
    """'Instruments this table speaks of: [A](signatories?instrument=a) · …' (Markdown)."""
    short = atlas.instruments.set_index("id")["short_name"]
    signatories = view("signatories")
    links = [f"[{md(short.get(i, i))}]({relative(address(signatories, {'instrument': i}))})" for i in instrument_ids]
    return _("Instruments this table speaks of: {links}").format(links=" · ".join(links))


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    tables = catalogue(atlas.assessments)
    if tables.empty:
        return ViewContent(TITLE, SUBTITLE, [translated(WARNING), translated(NO_TABLES)], asof=atlas.asof)
    chosen = (options.get("table") or ())[:1]
    chosen = chosen[0] if chosen and chosen[0] in set(tables["table_id"]) else tables["table_id"].iloc[0]
    info = tables.set_index("table_id").loc[chosen]
    blocks: list[Block] = [
        translated(WARNING),
        Slot("table"),
        Heading(md(info["title"])),
        Text(
            _("Source: {link} (seed document {seed})").format(
                link=md_link(info["source_url"], info["source_url"]), seed=md(info["seed_file"])
            ),
            caption=True,
        ),  # fmt: skip
        Table("assessment", wide_table(atlas.assessments, chosen)),
    ]
    spoken = instruments_spoken_of(atlas.assessments, chosen)
    if spoken:
        blocks.append(Text(instrument_links(atlas, spoken)))
    blocks.append(Section(_("All tables"), [Table("catalogue", tables.drop(columns="table_id"))]))
    return ViewContent(TITLE, SUBTITLE, blocks, asof=atlas.asof)
