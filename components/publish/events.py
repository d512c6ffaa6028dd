"""A page per summit or meeting (where, when, who hosted it, what it produced), and their index."""

from __future__ import annotations

import pandas as pd

from components.data.i18n import _, ngettext
from components.data.labels import number
from components.publish.cells import Cell, Fact, Grid, source, when
from components.publish.site import Site


def dates(row: pd.Series) -> str:
    start, end = when(row["start_date_label"]), when(row["end_date_label"])
    return _("{start} to {end}").format(start=start, end=end) if end and end != start else start


def produced(site: Site, row: pd.Series) -> list[str]:
    """The instruments of the Atlas the event produced (ids)."""
    return [i for i in row["instrument_ids"] if i in site.short]


def summary(site: Site, row: pd.Series) -> str:
    """One sentence from the row's own facts: which series, where, when, what it produced."""
    place = ", ".join(p for p in (str(row["city"] or ""), site.names.get(row["country_id"], "")) if p)
    facts = {"name": row["name"], "series": row["series"], "place": place, "dates": dates(row)}
    text = (_("{name}: {series}, {place}, {dates}.") if place else _("{name}: {series}, {dates}.")).format(**facts)
    made = [site.short[i] for i in produced(site, row)]
    if made:
        text += " " + _("Instruments it produced: {names}.").format(names=", ".join(made))
    return text


def facts(site: Site, row: pd.Series) -> list[Fact]:
    out = [Fact(_("Series"), str(row["series"])), Fact(_("Dates"), dates(row))]
    if row["city"]:
        out.append(Fact(_("City"), str(row["city"])))
    country = str(row["country_id"] or "")
    if country:
        href = f"../../parties/{country}/" if country in site.party_pages else ""
        out.append(Fact(_("Host country"), site.names.get(country, country), href=href))
    if row["host"]:
        out.append(Fact(_("Host"), str(row["host"])))
    return out


def live_link(site: Site, row: pd.Series) -> tuple[str, str]:
    """Signatories of what the event produced, where those have parties; else the timeline."""
    with_parties = tuple(i for i in produced(site, row) if i in site.with_parties)
    if with_parties:
        return site.live_view("signatories", options={"instrument": with_parties}), _("Signatories")
    return site.live_view("timeline"), _("the timeline")


def publish_event(site: Site, row: pd.Series) -> None:
    live, live_name = live_link(site, row)
    site.write_record("events", row, summary=summary(site, row), facts=facts(site, row),
                      fact_source=source(row["source_url"]),
                      instruments=[Cell(site.short[i], href=f"../../instruments/{i}/") for i in produced(site, row)],
                      live=live, live_name=live_name)  # fmt: skip


def publish_events(site: Site) -> int:
    """Every event's page and the index; returns how many event pages."""
    events = site.atlas.events.sort_values("start_date", kind="stable")
    rows = []
    for _index, row in events.iterrows():
        publish_event(site, row)
        rows.append([
            Cell(str(row["name"]), href=f"{row['id']}/"),
            Cell(str(row["series"])),
            Cell(str(row["start_date_label"])),
            Cell(str(row["city"] or "")),
            Cell(str(len(produced(site, row))), number=True),
        ])  # fmt: skip
    caption = ngettext("{n} summit or meeting, oldest first", "{n} summits and meetings, oldest first",
                       len(rows)).format(n=number(len(rows)))  # fmt: skip
    headers = [_("Event"), _("Series"), _("Start"), _("City"), _("Instruments produced")]
    site.write_page(
        "events/",
        "listing.html",
        title=_("Summits and meetings"),
        description=_("Summits and ministerial meetings that produced instruments of AI governance."),
        grid=Grid(headers, rows, caption=caption),
        parts=[],
        live=site.live_view("timeline"),
        live_name=_("the timeline"),
    )
    return len(events)
