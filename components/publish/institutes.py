"""A page per AI safety institute, and their index: the table of institutes, then what the live AI Safety Institutes
view shows (its build(): each chart's text summary and the rows behind it, the network's members)."""

from __future__ import annotations

import pandas as pd

from components.content.base import plural
from components.content.registry import view
from components.data.labels import label
from components.model.filters import Filters
from components.publish.blocks import content_parts
from components.publish.cells import Cell, Fact, Grid, source, when
from components.publish.charts import ChartImages
from components.publish.markdown import http_only
from components.publish.site import Site


def summary(site: Site, row: pd.Series) -> str:
    """One sentence from the row's own facts: whose institute it is, when it was founded and renamed."""
    country = site.names.get(row["party_id"], row["party_id"])
    text = f"{row['name']}: the AI safety institute or equivalent body of {country}"
    if when(row["founded_label"]):
        text += f", founded {when(row['founded_label'])}"
    if row["former_name"] and when(row["renamed_label"]):
        text += f", renamed from {row['former_name']} in {when(row['renamed_label'])}"
    return text + f". Status: {label(row['status']).lower()}."


def country(site: Site, party: str, root: str) -> Cell:
    """The institute's country, linking to its page where it has one."""
    return Cell(site.names.get(party, party), href=f"{root}parties/{party}/" if party in site.party_pages else "")


def facts(site: Site, row: pd.Series) -> list[Fact]:
    where = country(site, str(row["party_id"]), "../../")
    out = [Fact("Country", where.text, href=where.href)]
    for name, title in (("founded_label", "Founded"), ("renamed_label", "Renamed")):
        if when(row[name]):
            out.append(Fact(title, when(row[name])))
    for name, title in (("former_name", "Former name"), ("parent_body", "Parent body")):
        if row[name]:
            out.append(Fact(title, str(row[name])))
    out.append(Fact("Status", label(row["status"])))
    website = http_only(str(row["website"] or ""))
    if website:
        out.append(Fact("Website", website, href=website))
    return out


def publish_institute(site: Site, row: pd.Series) -> None:
    site.write_record("institutes", row, summary=summary(site, row), facts=facts(site, row),
                      fact_source=source(row["source_url"]), instruments=[],
                      live=site.live_view("institutes", Filters(party=(str(row["party_id"]),))),
                      live_name="AI Safety Institutes")  # fmt: skip


def publish_institutes(site: Site, images: ChartImages | None = None) -> int:
    """Every institute's page and the index (its charts drawn next to it when `images` draws charts); returns how
    many institute pages."""
    institutes = site.atlas.institutes.sort_values("founded", na_position="last", kind="stable")
    for _, row in institutes.iterrows():
        publish_institute(site, row)
    rows = [
        [
            Cell(str(r.name), href=f"{r.id}/"),
            country(site, str(r.party_id), "../"),
            Cell(str(r.founded_label) or "not recorded"),
            Cell(label(r.status)),
        ]
        for r in institutes.itertuples()
    ]
    content = view("institutes").build(site.atlas, Filters(), {})
    live = site.live_view("institutes")
    picture = (lambda chart: images.add("institutes/", chart, live)) if images else None
    site.write_page(
        "institutes/",
        "listing.html",
        title="AI safety institutes",
        description="National AI safety (or security) institutes and equivalent bodies: when they were founded and "
        "renamed, the international network and bilateral partnerships.",
        grid=Grid(["Institute", "Country", "Founded", "Status"], rows, caption=plural(len(rows), "institute")),
        parts=content_parts(content, site.resolve, site.live, picture),
        live=live,
        live_name="AI Safety Institutes",
    )
    return len(institutes)
