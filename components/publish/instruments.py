"""A page per instrument (its facts, its parties with their actions and sources, what sources say, its citation)
and the index of instruments.

Counts come from components/model/counting.breakdown over the unfiltered slice, the path every count of the live
Atlas takes (Signatories' "how counted" panel reads the same table), so a page and the live view cannot disagree.
"""

from __future__ import annotations

import pandas as pd

from components.content.base import plural
from components.content.panels import CLAIMS_NOTE
from components.data.labels import label
from components.data.schema import bundled_package
from components.model.claims import claims_table, dispute_topics
from components.model.counting import RULE_WORDS
from components.model.counting import describe as describe_count
from components.model.filters import Filters
from components.publish.cells import REPORT_HEADER, Cell, Fact, Grid, frame_grid, marks, report_cell, source, when
from components.publish.site import Site

SCHEMA = bundled_package().resource("instruments")
TOPIC_OF = {"adopted": "the adoption date", "entry_into_force": "the entry-into-force date", "count": "the count"}


def definition(field: str, value: str) -> str:
    """What a code means, in the schema's words (the schema is the glossary)."""
    return SCHEMA.field(field).definitions.get(value, "")


def counted(site: Site, instrument: str) -> int:
    return int(site.counts.at[instrument, "counted"])


def count_fact(site: Site, instrument: str, disputed: bool) -> Fact:
    """The number of parties counted under the instrument's rule, what the count is made of, how fresh it is."""
    n = str(counted(site, instrument))
    notes = "; ".join(site.count_notes.get(instrument, []))
    made_of = describe_count(site.counts.loc[instrument]) + (f". {notes}." if notes else "")
    return Fact("Parties counted", n, note=made_of, marks=marks(disputed=disputed), data=n, key="parties-counted")


def facts(site: Site, row: pd.Series, topics: list[str]) -> list[Fact]:
    """The instrument's key facts, from its row of instruments.csv; ⚑ where a source states one differently."""
    instrument = row["id"]
    out = [
        Fact("Kind", label(row["kind"])),
        Fact("Legal force", label(row["legal_force"]), note=definition("legal_force", str(row["legal_force"]))),
        Fact("Mechanism", label(row["mechanism"]), note=definition("mechanism", str(row["mechanism"]))),
        Fact("Forum", str(row["forum"])),
        Fact("Themes", ", ".join(label(t) for t in row["themes"])),
        Fact("Status", label(row["status"])),
        Fact("Adopted", when(row["adopted_label"]), marks=marks(disputed=TOPIC_OF["adopted"] in topics)),
    ]
    if when(row["opened_for_signature_label"]):
        out.append(Fact("Opened for signature", when(row["opened_for_signature_label"])))
    progress = site.progress.get(instrument)
    in_force = when(row["entry_into_force_label"]) or ("not yet" if progress else "none recorded")
    note = progress.summary() if progress else ""
    out.append(
        Fact("Entry into force", in_force, note=note, marks=marks(disputed=TOPIC_OF["entry_into_force"] in topics))
    )
    rule = str(row["counting_rule"])
    out += [
        Fact("Counting rule", RULE_WORDS.get(rule, rule), note=definition("counting_rule", rule)),
        count_fact(site, instrument, TOPIC_OF["count"] in topics),
        Fact("List of parties", label(row["party_list"]), note=definition("party_list", str(row["party_list"]))),
    ]
    return out


def counted_words(row: tuple) -> str:
    """Whether a participation row's party counts: 'yes', 'no (withdrew)', 'no (not counted under the rule)'."""
    if row.withdrawn or str(row.action) == "withdrew":
        return "no (withdrew)"
    return "yes" if row.counted else "no (not counted under the rule)"


def parties_grid(site: Site, instrument: str) -> Grid:
    """Every action on the instrument as of the data's date: the party (linking to its page), action, date,
    evidence (? when unverified), whether it counts, and its source and checked date; ⚑ where a source differs."""
    rows = site.everyone.participation
    rows = rows[rows["instrument_id"] == instrument].assign(name=lambda t: t["party_id"].map(site.names))
    rows = rows.sort_values(["name", "date"], key=lambda s: s.str.lower() if s.dtype == object else s, kind="stable")
    reports = site.report_config is not None
    grid = []
    for row in rows.itertuples():
        party = str(row.party_id)
        disputed = (party, instrument) in site.disputed
        unverified = str(row.evidence) == "unverified"
        cells = [
            Cell(str(row.name), href=f"../../parties/{party}/"),
            Cell(label(row.action), marks=marks(disputed=disputed)),
            Cell(row.date_label or "undated"),
            Cell(label(row.evidence), marks=marks(unverified=unverified)),
            Cell(counted_words(row)),
            source(row.source_url),
            Cell(str(row.checked_label)),
        ]  # fmt: skip
        if reports:
            shown = f"{row.name} — {site.short[instrument]}: {label(row.action)} {row.date_label or 'undated'}"
            cells.append(report_cell(site.report(f"instruments/{instrument}/", "participation",
                                                 (instrument, party, str(row.action)), shown, row.source_url,
                                                 row.checked_label)))  # fmt: skip
        grid.append(cells)
    caption = f"{plural(rows['party_id'].nunique(), 'party', 'parties')} listed, {counted(site, instrument)} counted"
    headers = ["Party", "Action", "Date", "Evidence", "Counted", "Source", "Checked"] + [REPORT_HEADER] * reports
    return Grid(headers, grid, caption=caption, key="parties")


def claims_grid(site: Site, instrument: str) -> Grid | None:
    """What sources say about the instrument's count, dates and parties, beside what the Atlas shows."""
    table = claims_table(site.atlas.claims, instrument_id=instrument, party_names=site.names)
    if table.empty:
        return None
    return frame_grid(table, links=("Source",), caption="Claims of sources, disagreements first", key="claims")


def events_of(site: Site, instrument: str) -> list[Cell]:
    events = site.atlas.events
    produced = events[events["instrument_ids"].map(lambda ids: instrument in ids)]
    return [Cell(str(r.name), href=f"../../events/{r.id}/") for r in produced.itertuples()]


def live_link(site: Site, row: pd.Series) -> tuple[str, str]:
    """The live view that shows the instrument: Signatories when it has parties, else the timeline of its forum."""
    if row["id"] in site.with_parties:
        return site.live_view("signatories", options={"instrument": (row["id"],)}), "Signatories"
    return site.live_view("timeline", Filters(forum=(str(row["forum"]),))), f"the timeline of {row['forum']}"


def publish_instrument(site: Site, row: pd.Series) -> None:
    instrument = str(row["id"])
    path = f"instruments/{instrument}/"
    topics = dispute_topics(site.atlas.claims, instrument, site.names, asof=site.everyone.asof)
    progress = site.progress.get(instrument)
    live, live_name = live_link(site, row)
    sentence, bibtex = site.cite(path, str(row["name"]), f"instrument/{instrument}")
    site.write_page(
        path,
        "instrument.html",
        title=str(row["name"]),
        description=str(row["summary"]),
        short_name=str(row["short_name"]),
        summary=str(row["summary"]),
        topics=topics,
        facts=facts(site, row, topics),
        report=site.report(
            path,
            "instruments",
            (instrument,),
            f"{row['name']}: {label(row['legal_force'])}, adopted "
            f"{when(row['adopted_label']) or 'undated'}, {counted(site, instrument)} parties counted",
            row["source_url"],
            row["checked_label"],
        ),  # fmt: skip
        fact_source=source(row["source_url"]),
        checked=str(row["checked_label"]),
        notes=str(row["notes"] or ""),
        progress=progress,
        condition_source=source(progress.source_url) if progress else None,
        parties=parties_grid(site, instrument),
        claims=claims_grid(site, instrument),
        claims_note=CLAIMS_NOTE,
        events=events_of(site, instrument),
        live=live,
        live_name=live_name,
        sentence=sentence,
        bibtex=bibtex,
    )


def index_grid(site: Site) -> Grid:
    instruments = site.atlas.instruments.sort_values("adopted", kind="stable")
    rows = []
    for row in instruments.itertuples():
        topics = dispute_topics(site.atlas.claims, row.id, site.names, asof=site.everyone.asof)
        rows.append([
            Cell(str(row.name), href=f"{row.id}/"),
            Cell(str(row.adopted_label)),
            Cell(label(row.legal_force)),
            Cell(label(row.mechanism)),
            Cell(str(row.forum)),
            Cell(str(counted(site, row.id)), number=True, marks=marks(disputed=TOPIC_OF["count"] in topics)),
        ])  # fmt: skip
    headers = ["Instrument", "Adopted", "Legal force", "Mechanism", "Forum", "Parties counted"]
    return Grid(headers, rows, caption=f"{plural(len(rows), 'instrument')}, oldest first", key="instruments")


def publish_instruments(site: Site) -> int:
    """Every instrument's page and the index of them; returns how many pages."""
    for _, row in site.atlas.instruments.iterrows():
        publish_instrument(site, row)
    site.write_page(
        "instruments/",
        "listing.html",
        title="Instruments",
        description="Every instrument of international AI governance in the Atlas, with its legal force and the "
        "number of parties counted.",
        grid=index_grid(site),
        parts=[],
        live=site.live_view("timeline"),
        live_name="the timeline",
    )
    return len(site.atlas.instruments)
