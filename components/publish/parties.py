"""A page per party with any participation row: what it joined, how binding and when, with every action's source;
and what its peers (its UN region and each grouping it belongs to) joined that it did not. Then the index of parties.

The answers are the Countries view's own: its model functions (commitments, peers_of, peer_table), its text
summaries (profile_summary, peer_summary) and its profile chart (profile_chart: drawn as an SVG next to the page when
the build draws charts).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.charts.country_profile import commitments, joiners, party_card, peer_table, peers_of
from components.content.base import Context
from components.content.countries import peer_summary, peers_label, profile_chart, profile_summary
from components.content.registry import view
from components.data.i18n import DEFAULT, N_, _, collation_key, language, ngettext
from components.data.labels import label, number
from components.model.filters import Filters, apply_filters
from components.publish.blocks import Part, chart_part
from components.publish.cells import Cell, Fact, Grid, marks, report_cell, report_header, source
from components.publish.charts import ChartImages
from components.publish.site import Site

# the tables' column headers (English: translated where shown)
COMMITMENT_HEADERS = [N_("Instrument"), N_("Legal force"), N_("Action"), N_("Date"), N_("Evidence"), N_("Source"),
                      N_("Checked")]  # fmt: skip
PEER_HEADERS = [N_("Instrument"), N_("Legal force"), N_("Peers that joined"), N_("Joined by")]


@dataclass(frozen=True)
class Peers:
    """What at least half of one group of peers joined that the party did not."""

    title: str
    summary: str
    grid: Grid | None
    live: str  # the same comparison in the live Countries view


def threshold(peers: int) -> int:
    """At least half of the peers: what most of them joined, so a brief names the gaps that matter (the live view
    starts at one peer and lets the reader raise it)."""
    return (peers + 1) // 2


def peer_groups(site: Site, party: str) -> list[str]:
    """The Countries view's choices of peers that apply to the party: its UN region, then each of its groupings."""
    row = site.party_rows.loc[party]
    if row["party_type"] != "state":
        return []
    return (["region"] if pd.notna(row["region"]) else []) + list(row["groups"])


def peers_section(site: Site, party: str, name: str, by: str, who_joined: dict | None = None) -> Peers | None:
    """What at least half of the party's peers (`by`: 'region' or a grouping) joined that it did not, in the Countries
    view's words (peer_summary) and as a table naming the peers; None when it has no peers there. `who_joined`:
    the parties that joined each instrument (joiners), made once for all the pages."""
    peers = peers_of(party, site.atlas.parties, by=by)
    if peers.empty:
        return None
    n, group = len(peers), peers_label(site.atlas, party, by)
    at_least = threshold(n)
    table = peer_table(party, peers, site.everyone.participation, site.everyone.instruments, joined=who_joined)
    gaps = table[~table["party_joined"] & (table["peers_joined"] >= at_least)]
    live = site.live_view("countries", Filters(party=(party,)), {"peers": (by,), "at_least": (str(at_least),)})
    title = _("{group}: what at least {at_least} of its {n} peers joined").format(group=group, at_least=at_least, n=n)
    if gaps.empty:
        summary = _("{name} has joined every instrument that at least {at_least} of its {n} peers ({group}) "
                    "joined.").format(name=name, at_least=at_least, n=n, group=group)  # fmt: skip
        return Peers(title, summary, None, live)
    rows = [
        [
            Cell(str(r.instrument), href=f"../../instruments/{r.instrument_id}/"),
            Cell(label(r.legal_force)),
            Cell(_("{k} of {n}").format(k=r.peers_joined, n=n), number=True),
            Cell(str(r.joined_by)),
        ]
        for r in gaps.itertuples()
    ]
    caption = _("Joined by at least {at_least} of the {n} peers ({group}), not by {name}").format(
        at_least=at_least, n=n, group=group, name=name
    )
    summary = peer_summary(gaps, int(table["party_joined"].sum()), name, group, n, at_least)
    headers = [_(h) for h in PEER_HEADERS]
    return Peers(title, summary, Grid(headers, rows, caption=caption, key=f"peers-{by.lower()}"), live)


def joined_grid(site: Site, party: str, joined: pd.DataFrame) -> Grid:
    """Every action of the party, instrument by instrument in the order the Countries view lists them (most binding
    first, then by date), each with its evidence (? when unverified), source and checked date; ⚑ where a source
    differs."""
    rows = site.everyone.participation
    rows = rows[rows["party_id"] == party]
    order = {instrument: i for i, instrument in enumerate(joined["instrument_id"])}
    rows = rows.assign(_order=rows["instrument_id"].map(order).fillna(len(order))).sort_values(["_order", "date"])
    force = site.atlas.instruments.set_index("id")["legal_force"].astype(str)
    reports = site.report_config is not None
    grid = []
    for row in rows.itertuples():
        instrument = str(row.instrument_id)
        cells = [
            Cell(site.short[instrument], href=f"../../instruments/{instrument}/",
                 marks=marks(disputed=(party, instrument) in site.disputed)),
            Cell(label(force[instrument])),
            Cell(label(row.action)),
            Cell(row.date_label or _("undated")),
            Cell(label(row.evidence), marks=marks(unverified=str(row.evidence) == "unverified")),
            source(row.source_url),
            Cell(str(row.checked_label)),
        ]  # fmt: skip
        if reports:
            shown = f"{site.names.get(party, party)} — {site.short[instrument]}: {label(row.action)} " + (
                row.date_label or _("undated")
            )
            cells.append(report_cell(site.report(f"parties/{party}/", "participation",
                                                 (instrument, party, str(row.action)), shown, row.source_url,
                                                 row.checked_label)))  # fmt: skip
        grid.append(cells)
    caption = "; ".join((
        ngettext("{n} instrument joined (and not left)", "{n} instruments joined (and not left)",
                 len(joined)).format(n=number(len(joined))),
        ngettext("{n} action recorded", "{n} actions recorded", len(rows)).format(n=number(len(rows))),
    ))  # fmt: skip
    headers = [_(h) for h in COMMITMENT_HEADERS] + [report_header()] * reports
    return Grid(headers, grid, caption=caption, key="joined")


def party_facts(site: Site, party: str, card: dict[str, str], joined: pd.DataFrame, binding: int) -> list[Fact]:
    """The Countries view's card and metrics: type, region, income group, groupings, what it joined."""
    out = [
        Fact(_("Type"), card["type"]),
        Fact(_("UN region"), card["region"]),
        Fact(_("Income group"), card["income"], note=_("World Bank classification (income_groups.csv)")),
        Fact(_("Groupings"), card["groups"]),
    ]
    hq = str(site.party_rows.at[party, "hq_country"] or "")
    if hq:
        out.append(Fact(_("Headquarters"), site.names.get(hq, hq), href=f"../{hq}/" if hq in site.party_pages else ""))
    out += [
        Fact(_("Instruments joined"), str(len(joined)), data=str(len(joined)), key="instruments-joined"),
        Fact(_("Legally binding"), str(binding)),
    ]
    return out


def profile_part(site: Site, images: ChartImages, party: str, name: str, joined: pd.DataFrame, live: str) -> Part:
    """The live Countries view's profile chart of the party (its filters: this party), its image next to the page."""
    filters = Filters(party=(party,))
    ctx = Context(site.atlas, filters, apply_filters(site.atlas, filters))  # as the view's build() makes it
    chart = profile_chart(ctx, site.everyone, party, name, joined)
    return chart_part(chart, lambda c: images.add(f"{site.prefix}parties/{party}/", c, live))


def publish_party(
    site: Site, party: str, images: ChartImages | None = None, who_joined: dict | None = None
) -> list[Cell]:
    """The party's page (with its profile chart when `images` draws charts; `who_joined`: the parties that joined each
    instrument, made once for all the pages); returns its row of the index."""
    card = party_card(party, site.atlas.parties)
    name = site.names.get(party, card["name"])  # a state's name in the page's language (CLDR)
    joined = commitments(party, site.everyone.participation, site.everyone.instruments)
    binding = int((joined["legal_force"] == "legally_binding").sum())
    summary = (
        profile_summary(joined, name)
        if len(joined)
        else _("{name} has joined no instrument that it has not left.").format(name=name)
    )
    row = site.party_rows.loc[party]
    institutes = site.atlas.institutes[site.atlas.institutes["party_id"] == party]
    path = f"parties/{party}/"
    sentence, bibtex = site.cite(path, name, f"party/{party}")
    live = site.live_view("countries", Filters(party=(party,)))
    drawn = images is not None and images.enabled and len(joined) > 0
    site.write_page(
        path,
        "party.html",
        title=name,
        description=summary,
        summary=summary,
        facts=party_facts(site, party, card, joined, binding),
        report=site.report(
            path,
            "parties",
            (party,),
            f"{name}: {card['type']}, {card['region']}",
            row["source_url"],
            row["checked_label"],
        ),  # fmt: skip
        fact_source=source(row["source_url"]),
        checked=str(row["checked_label"]),
        notes=str(row["notes"] or ""),
        joined=joined_grid(site, party, joined),
        institutes=[Cell(str(r.name), href=f"../../institutes/{r.id}/") for r in institutes.itertuples()],
        is_state=row["party_type"] == "state",
        chart=profile_part(site, images, party, name, joined, live) if drawn else None,
        peers=[
            section for by in peer_groups(site, party) if (section := peers_section(site, party, name, by, who_joined))
        ],
        live=live,
        live_name=_(view("countries").title),
        sentence=sentence,
        bibtex=bibtex,
    )
    return [
        Cell(name, href=f"{party}/"),
        Cell(card["type"]),
        Cell(card["region"]),
        Cell(str(len(joined)), number=True),
        Cell(str(binding), number=True),
    ]


def publish_parties(site: Site, images: ChartImages | None = None) -> int:
    """A page per party with participation, and the index of them (by name); returns how many party pages."""
    who_joined = joiners(site.everyone.participation)  # once, not per party and peer group
    pages = (publish_party(site, party, images, who_joined) for party in sorted(site.party_pages))
    fold = str.lower if language() == DEFAULT else collation_key  # French and Spanish: 'États-Unis' under E
    rows = sorted(pages, key=lambda r: fold(r[0].text))
    caption = ngettext("{n} party with at least one recorded action", "{n} parties with at least one recorded action",
                       len(rows)).format(n=number(len(rows)))  # fmt: skip
    headers = [_("Party"), _("Type"), _("UN region (or type)"), _("Instruments joined"), _("Legally binding")]
    site.write_page(
        "parties/",
        "listing.html",
        title=_("Parties"),
        description=_(
            "Every state, organisation and company with a recorded action in the Atlas: what each joined, "
            "and what its peers joined that it did not."
        ),
        grid=Grid(headers, rows, caption=caption, key="parties"),
        parts=[],
        live=site.live_view("countries"),
        live_name=_(view("countries").title),
    )
    return len(rows)
