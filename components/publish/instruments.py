"""A page per instrument (its facts, its parties with their actions and sources, what sources say, its citation)
and the index of instruments.

Counts come from components/model/counting.breakdown over the unfiltered slice, the path every count of the live
Atlas takes (Signatories' "how counted" panel reads the same table), so a page and the live view cannot disagree.
"""

from __future__ import annotations

import pandas as pd

from components.content.panels import CLAIMS_NOTE
from components.content.registry import view
from components.data.i18n import DEFAULT, N_, _, collation_key, language, ngettext
from components.data.labels import label, number
from components.data.schema import bundled_package
from components.model.claims import claims_table, dispute_topics
from components.model.counting import RULE_WORDS
from components.model.counting import describe as describe_count
from components.model.filters import Filters
from components.publish.cells import Cell, Fact, Grid, frame_grid, marks, report_cell, report_header, source, when
from components.publish.site import Site

SCHEMA = bundled_package().resource("instruments")
# the facts a source may dispute, as components/model/claims.dispute_topics names them
TOPIC_OF = {"adopted": N_("the adoption date"), "entry_into_force": N_("the entry-into-force date"),
            "count": N_("the count")}  # fmt: skip
DEFINED = ("legal_force", "mechanism", "counting_rule", "party_list")  # the fields whose definitions a page shows


def definition(field: str, value: str) -> str:
    """What a code means, in the schema's words (the schema is the glossary), in the current language (the catalogs
    carry these definitions: components/content/messages.py)."""
    return _(SCHEMA.field(field).definitions.get(value, ""))


def disputed(topic: str, topics: list[str]) -> bool:
    """Whether a source disputes this fact (`topic`: a key of TOPIC_OF), the topics in English or translated."""
    return TOPIC_OF[topic] in topics or _(TOPIC_OF[topic]) in topics


def rule_words(rule: str) -> str:
    """A counting rule in words ('states and the EU'), in the current language."""
    return _(RULE_WORDS.get(rule, rule))


def counted(site: Site, instrument: str) -> int:
    return int(site.counts.at[instrument, "counted"])


def count_fact(site: Site, instrument: str, disputed: bool) -> Fact:
    """The number of parties counted under the instrument's rule, what the count is made of, how fresh it is."""
    n = str(counted(site, instrument))
    notes = "; ".join(site.count_notes.get(instrument, []))
    made_of = describe_count(site.counts.loc[instrument]) + (f". {notes}." if notes else "")
    return Fact(_("Parties counted"), n, note=made_of, marks=marks(disputed=disputed), data=n, key="parties-counted")


def facts(site: Site, row: pd.Series, topics: list[str]) -> list[Fact]:
    """The instrument's key facts, from its row of instruments.csv; ⚑ where a source states one differently."""
    instrument = row["id"]
    out = [
        Fact(_("Kind"), label(row["kind"])),
        Fact(_("Legal force"), label(row["legal_force"]), note=definition("legal_force", str(row["legal_force"]))),
        Fact(_("Mechanism"), label(row["mechanism"]), note=definition("mechanism", str(row["mechanism"]))),
        Fact(_("Forum"), str(row["forum"])),
        Fact(_("Themes"), ", ".join(label(t) for t in row["themes"])),
        Fact(_("Status"), label(row["status"])),
        Fact(_("Adopted"), when(row["adopted_label"]), marks=marks(disputed=disputed("adopted", topics))),
    ]
    if when(row["opened_for_signature_label"]):
        out.append(Fact(_("Opened for signature"), when(row["opened_for_signature_label"])))
    progress = site.progress.get(instrument)
    in_force = when(row["entry_into_force_label"]) or (_("not yet") if progress else _("none recorded"))
    note = progress.summary() if progress else ""
    out.append(
        Fact(_("Entry into force"), in_force, note=note, marks=marks(disputed=disputed("entry_into_force", topics)))
    )
    rule = str(row["counting_rule"])
    out += [
        Fact(_("Counting rule"), rule_words(rule), note=definition("counting_rule", rule)),
        count_fact(site, instrument, disputed("count", topics)),
        Fact(_("List of parties"), label(row["party_list"]), note=definition("party_list", str(row["party_list"]))),
    ]
    return out


def counted_words(row: tuple) -> str:
    """Whether a participation row's party counts: 'yes', 'no (withdrew)', 'no (not counted under the rule)'."""
    if row.withdrawn or str(row.action) == "withdrew":
        return _("no (withdrew)")
    return _("yes") if row.counted else _("no (not counted under the rule)")


def parties_grid(site: Site, instrument: str) -> Grid:
    """Every action on the instrument as of the data's date: the party (linking to its page), action, date,
    evidence (? when unverified), whether it counts, and its source and checked date; ⚑ where a source differs."""
    rows = site.everyone.participation
    rows = rows[rows["instrument_id"] == instrument].assign(name=lambda t: t["party_id"].map(site.names))
    fold = (lambda s: s.str.lower()) if language() == DEFAULT else (lambda s: s.map(collation_key))  # 'États-Unis'
    rows = rows.sort_values(["name", "date"], key=lambda s: fold(s) if s.dtype == object else s, kind="stable")
    reports = site.report_config is not None
    grid = []
    for row in rows.itertuples():
        party = str(row.party_id)
        disputed = (party, instrument) in site.disputed
        unverified = str(row.evidence) == "unverified"
        cells = [
            Cell(str(row.name), href=f"../../parties/{party}/"),
            Cell(label(row.action), marks=marks(disputed=disputed)),
            Cell(row.date_label or _("undated")),
            Cell(label(row.evidence), marks=marks(unverified=unverified)),
            Cell(counted_words(row)),
            source(row.source_url),
            Cell(str(row.checked_label)),
        ]  # fmt: skip
        if reports:
            shown = f"{row.name} — {site.short[instrument]}: {label(row.action)} {row.date_label or _('undated')}"
            cells.append(report_cell(site.report(f"instruments/{instrument}/", "participation",
                                                 (instrument, party, str(row.action)), shown, row.source_url,
                                                 row.checked_label)))  # fmt: skip
        grid.append(cells)
    listed = rows["party_id"].nunique()
    caption = ngettext("{n} party listed, {counted} counted", "{n} parties listed, {counted} counted",
                       listed).format(n=number(listed), counted=counted(site, instrument))  # fmt: skip
    headers = [_("Party"), _("Action"), _("Date"), _("Evidence"), _("Counted"), _("Source"), _("Checked")]
    headers += [report_header()] * reports
    return Grid(headers, grid, caption=caption, key="parties")


def claims_grid(site: Site, instrument: str) -> Grid | None:
    """What sources say about the instrument's count, dates and parties, beside what the Atlas shows."""
    table = claims_table(site.atlas.claims, instrument_id=instrument, party_names=site.names)
    if table.empty:
        return None
    # the model's column names, as the live view shows them (translated here where the model left them in English)
    table = table.rename(columns={c: _(c) for c in table.columns if c.isascii()})
    return frame_grid(table, links=(_("Source"),), caption=_("Claims of sources, disagreements first"), key="claims")


def events_of(site: Site, instrument: str) -> list[Cell]:
    events = site.atlas.events
    produced = events[events["instrument_ids"].map(lambda ids: instrument in ids)]
    return [Cell(str(r.name), href=f"../../events/{r.id}/") for r in produced.itertuples()]


def live_link(site: Site, row: pd.Series) -> tuple[str, str]:
    """The live view that shows the instrument: Signatories when it has parties, else the timeline of its forum."""
    if row["id"] in site.with_parties:
        return site.live_view("signatories", options={"instrument": (row["id"],)}), _(view("signatories").title)
    timeline = site.live_view("timeline", Filters(forum=(str(row["forum"]),)))
    return timeline, _("the timeline of {forum}").format(forum=row["forum"])


def english_name(row: pd.Series) -> dict[str, str] | None:
    """On a French or Spanish page whose title is a translated name (components/model/localized.py), the English name
    and the name's status: official, reported, or translated (the Atlas's own, an unofficial translation); None
    where the title is the English name."""
    original = row.get("name_en")
    if not isinstance(original, str) or original == row["name"]:
        return None
    status = row.get("name_status")
    return {"name": original, "status": str(status) if isinstance(status, str) else ""}


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
        english_name=english_name(row),
        summary=str(row["summary"]),
        topics=topics,
        facts=facts(site, row, topics),
        report=site.report(
            path,
            "instruments",
            (instrument,),
            _("{name}: {force}, adopted {date}, {n} parties counted").format(
                name=row["name"],
                force=label(row["legal_force"]),
                date=when(row["adopted_label"]) or _("undated"),
                n=counted(site, instrument),
            ),
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
        claims_note=_(CLAIMS_NOTE),
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
            Cell(str(counted(site, row.id)), number=True, marks=marks(disputed=disputed("count", topics))),
        ])  # fmt: skip
    headers = [_("Instrument"), _("Adopted"), _("Legal force"), _("Mechanism"), _("Forum"), _("Parties counted")]
    caption = ngettext("{n} instrument, oldest first", "{n} instruments, oldest first", len(rows))
    return Grid(headers, rows, caption=caption.format(n=number(len(rows))), key="instruments")


def publish_instruments(site: Site) -> int:
    """Every instrument's page and the index of them; returns how many pages."""
    for _index, row in site.atlas.instruments.iterrows():
        publish_instrument(site, row)
    site.write_page(
        "instruments/",
        "listing.html",
        title=_("Instruments"),
        description=_(
            "Every instrument of international AI governance in the Atlas, with its legal force and the "
            "number of parties counted."
        ),
        grid=index_grid(site),
        parts=[],
        live=site.live_view("timeline"),
        live_name=_("the timeline"),
    )
    return len(site.atlas.instruments)
