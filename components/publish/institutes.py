"""A page per AI safety institute, and their index: the table of institutes, then what the live AI Safety Institutes
view shows (its build(): each chart's text summary and the rows behind it, the network's members)."""

from __future__ import annotations

import pandas as pd

from components.content.registry import view
from components.data.i18n import _, ngettext
from components.data.labels import label, number
from components.model.filters import Filters
from components.publish.blocks import content_parts
from components.publish.cells import Cell, Fact, Grid, source, when
from components.publish.charts import ChartImages
from components.publish.markdown import http_only
from components.publish.site import Site


def summary(site: Site, row: pd.Series) -> str:
    """One sentence from the row's own facts: whose institute it is, when it was founded and renamed."""
    facts = {
        "name": row["name"],
        "country": site.names.get(row["party_id"], row["party_id"]),
        "founded": when(row["founded_label"]),
        "former": row["former_name"],
        "renamed": when(row["renamed_label"]),
        "status": label(row["status"]).lower(),
    }
    renamed = bool(row["former_name"] and facts["renamed"])
    if facts["founded"] and renamed:
        text = _("{name}: the AI safety institute or equivalent body of {country}, founded {founded}, renamed from "
                 "{former} in {renamed}. Status: {status}.")  # fmt: skip
    elif facts["founded"]:
        text = _("{name}: the AI safety institute or equivalent body of {country}, founded {founded}. Status: "
                 "{status}.")  # fmt: skip
    elif renamed:
        text = _("{name}: the AI safety institute or equivalent body of {country}, renamed from {former} in "
                 "{renamed}. Status: {status}.")  # fmt: skip
    else:
        text = _("{name}: the AI safety institute or equivalent body of {country}. Status: {status}.")
    return text.format(**facts)


def country(site: Site, party: str, root: str) -> Cell:
    """The institute's country, linking to its page where it has one."""
    return Cell(site.names.get(party, party), href=f"{root}parties/{party}/" if party in site.party_pages else "")


def facts(site: Site, row: pd.Series) -> list[Fact]:
    where = country(site, str(row["party_id"]), "../../")
    out = [Fact(_("Country"), where.text, href=where.href)]
    for name, title in (("founded_label", _("Founded")), ("renamed_label", _("Renamed"))):
        if when(row[name]):
            out.append(Fact(title, when(row[name])))
    for name, title in (("former_name", _("Former name")), ("parent_body", _("Parent body"))):
        if row[name]:
            out.append(Fact(title, str(row[name])))
    out.append(Fact(_("Status"), label(row["status"])))
    website = http_only(str(row["website"] or ""))
    if website:
        out.append(Fact(_("Website"), website, href=website))
    return out


def publish_institute(site: Site, row: pd.Series) -> None:
    site.write_record("institutes", row, summary=summary(site, row), facts=facts(site, row),
                      fact_source=source(row["source_url"]), instruments=[],
                      live=site.live_view("institutes", Filters(party=(str(row["party_id"]),))),
                      live_name=_(view("institutes").title))  # fmt: skip


def publish_institutes(site: Site, images: ChartImages | None = None) -> int:
    """Every institute's page and the index (its charts drawn next to it when `images` draws charts); returns how
    many institute pages."""
    institutes = site.atlas.institutes.sort_values("founded", na_position="last", kind="stable")
    for _index, row in institutes.iterrows():
        publish_institute(site, row)
    rows = [
        [
            Cell(str(r.name), href=f"{r.id}/"),
            country(site, str(r.party_id), "../"),
            Cell(str(r.founded_label) or _("not recorded")),
            Cell(label(r.status)),
        ]
        for r in institutes.itertuples()
    ]
    content = view("institutes").build(site.atlas, Filters(), {})
    live = site.live_view("institutes")
    picture = (lambda chart: images.add(f"{site.prefix}institutes/", chart, live)) if images else None
    caption = ngettext("{n} institute", "{n} institutes", len(rows)).format(n=number(len(rows)))
    site.write_page(
        "institutes/",
        "listing.html",
        title=_("AI safety institutes"),
        description=_(
            "National AI safety (or security) institutes and equivalent bodies: when they were founded and "
            "renamed, the international network and bilateral partnerships."
        ),
        grid=Grid([_("Institute"), _("Country"), _("Founded"), _("Status")], rows, caption=caption),
        parts=content_parts(content, site.resolve, site.live, picture),
        live=live,
        live_name=_(view("institutes").title),
    )
    return len(institutes)
