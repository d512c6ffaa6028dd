"""The open-data API as static files under api/v1/: every table as JSON and CSV, and a file per instrument (its row,
counts, participation, claims, events, sources) and per party with a page (its row, participation, institutes).

Field names are the column names of data/datapackage.yaml and values are the cells as written there (dates with
their precision, lists joined by the schema's separator), so a JSON record and a CSV row read the same. A few
columns the Atlas derives follow the schema's columns, named as the Atlas's exports name them (DERIVED).

The API is one copy whatever the reader's language: its values are the data's own (English), and an instrument's
names in French and Spanish (instrument_translations.csv) are fields of their own, name_fr, short_name_fr and
name_status_fr (whether the name is official, reported or the Atlas's translation), and the same for es.
"""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from components.data.schema import Resource, bundled_package
from components.export.citation import LICENCE
from components.export.rows import instrument_rows
from components.model.claims import mark_rows
from components.model.counting import describe as describe_count
from components.publish.site import Site

API = "api/v1/"
PACKAGE = bundled_package()
DERIVED = {  # table -> derived columns after the schema's, with what they say
    "instruments": {
        "parties": "Parties counted under the counting rule, as of the data's date.",
        "parties_unverified": "Of them, parties whose rows rest on a single non-official source.",
        "sources_differ": "A source states the count, a date or a party's act differently (see claims).",
        **{
            f"{column}_{code}": text.format(language=name)
            for code, name in (("fr", "French"), ("es", "Spanish"))
            for column, text in (
                (
                    "name",
                    "The instrument's name in {language} (instrument_translations.csv); empty where none is recorded.",
                ),
                ("short_name", "Its short name in {language}; empty where none is recorded."),
                (
                    "name_status",
                    "Whether the name in {language} is official, reported or the Atlas's own translation "
                    "(instrument_translations.name_status); empty where none is recorded.",
                ),
            )
        },
    },
    "parties": {
        "region": "UN region (states), from country_converter.",
        "groups": "Groupings, separated by ';'.",
        "income_group": "The latest World Bank income group.",
    },
    "participation": {
        "counted": "The party counts under the instrument's counting rule.",
        "withdrawn": "The party's latest action on the instrument is a withdrawal.",
    },
    "claims": {"atlas_value": "What the Atlas shows for the same fact.", "status": "How the claim compares with it."},
    "events": {"instrument_ids": "Instruments the event produced, separated by ';' (event_instruments.csv)."},
}
TABLES = ("instruments", "parties", "participation", "institutes", "events", "claims")
NAME_LANGUAGES = ("fr", "es")  # the languages of instrument_translations.csv
NAME_COLUMNS = ("name", "short_name", "name_status")  # its columns the API gives, as name_fr, short_name_fr, …


def translated_names(atlas) -> dict[str, list[str]]:
    """Per instrument (in the order of atlas.instruments): its name, short name and name status in French and in
    Spanish, as columns name_fr, short_name_fr, name_status_fr, name_es, …; '' where the data has none (a package
    without instrument_translations.csv has none)."""
    table = getattr(atlas, "instrument_translations", None)
    ids = atlas.instruments["id"]
    out: dict[str, list[str]] = {}
    for code in NAME_LANGUAGES:
        rows = pd.DataFrame()
        if table is not None and len(table):
            rows = table[table["lang"].astype(str) == code].drop_duplicates("instrument_id").set_index("instrument_id")
        for column in NAME_COLUMNS:
            values = ids.map(rows[column].astype(object)) if column in rows else pd.Series(None, index=ids.index)
            out[f"{column}_{code}"] = ["" if pd.isna(v) else str(v) for v in values.tolist()]
    return out


def column(frame: pd.DataFrame, name: str, separator: str | None = None) -> list:
    """One column as the data file writes it: the recorded text of a partial date, a list joined, '' for missing."""
    values = frame[f"{name}_label"] if f"{name}_label" in frame else frame[name]
    out = []
    for value in values.tolist():
        if isinstance(value, list | tuple):
            value = (separator or ";").join(str(v) for v in value)
        elif value is None or (isinstance(value, float) and pd.isna(value)):
            value = ""
        out.append(value if isinstance(value, bool | int) else str(value))
    return out


def records(frame: pd.DataFrame, resource: Resource, derived: tuple[str, ...] = ()) -> list[dict]:
    """The rows of a table as records: the schema's fields, then the derived columns."""
    columns = {f.name: column(frame, f.name, f.separator) for f in resource.fields}
    columns |= {name: column(frame, name) for name in derived}
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def csv_text(rows: list[dict], names: list[str]) -> str:
    """The records as CSV with a header (true/false for flags); no comment lines, so any tool reads it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([str(row[n]).lower() if isinstance(row[n], bool) else row[n] for n in names])
    return buffer.getvalue()


def about(site: Site, path: str) -> dict[str, str]:
    """What every file says about itself: the release, the data's date, the licence, how to cite it, its address."""
    return {
        "title": "AI Governance Atlas",
        "release": site.release,
        "data_as_of": site.atlas.asof.isoformat(),
        "licence": LICENCE,
        "citation": site.citation,
        "url": site.permalink(path),
    }


def write_json(site: Site, path: str, body: dict) -> None:
    site.write(path, json.dumps({"about": about(site, path), **body}, ensure_ascii=False, separators=(",", ":")))


def frames(site: Site) -> dict[str, pd.DataFrame]:
    """Each table with its derived columns, as of the data's date."""
    atlas, everyone = site.atlas, site.everyone
    counts = mark_rows(instrument_rows(atlas.instruments, everyone.participation), atlas.claims)
    return {
        "instruments": atlas.instruments.assign(
            **{c: counts[c].to_numpy() for c in ("parties", "parties_unverified", "sources_differ")},
            **translated_names(atlas),
        ),
        "parties": atlas.parties.assign(income_group=atlas.parties["income_group"].astype(object)),
        "participation": everyone.participation.astype({"counted": bool, "withdrawn": bool}),
        "institutes": atlas.institutes,
        "events": atlas.events,
        "claims": atlas.claims,
    }


def grouped(rows: list[dict], key: str) -> dict[str, list[dict]]:
    """Records by the value of one field."""
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def publish_api(site: Site) -> int:
    """Every file of the API; returns how many."""
    tables = {
        name: records(frame, PACKAGE.resource(name), tuple(DERIVED.get(name, ())))
        for name, frame in frames(site).items()
    }
    for name, rows in tables.items():
        names = [f.name for f in PACKAGE.resource(name).fields] + list(DERIVED.get(name, ()))
        write_json(site, f"{API}{name}.json", {name: rows})
        site.write(f"{API}{name}.csv", csv_text(rows, names))
    acts, claims = grouped(tables["participation"], "instrument_id"), grouped(tables["claims"], "instrument_id")
    for record in tables["instruments"]:
        body = instrument_body(site, record, acts.get(record["id"], []), claims.get(record["id"], []))
        write_json(site, f"{API}instruments/{record['id']}.json", body)
    acts, institutes = grouped(tables["participation"], "party_id"), grouped(tables["institutes"], "party_id")
    for record in tables["parties"]:
        if record["id"] in site.party_pages:
            body = {
                "party": record,
                "participation": acts.get(record["id"], []),
                "institutes": [r["id"] for r in institutes.get(record["id"], [])],
            }
            write_json(site, f"{API}parties/{record['id']}.json", body)
    return 2 * len(tables) + len(tables["instruments"]) + len(site.party_pages)


def instrument_body(site: Site, record: dict, participation: list[dict], claims: list[dict]) -> dict:
    """An instrument with its counts (what they are made of), participation rows, claims, the events that produced it,
    progress towards entry into force, and every source its facts rest on."""
    instrument = record["id"]
    row = site.counts.loc[instrument]
    progress = site.progress.get(instrument)
    events = site.atlas.events
    sources = [record["source_url"], *(r["source_url"] for r in participation + claims)]
    entry = None
    if progress:
        entry = {"progress": progress.summary(), "condition": progress.rule, "source_url": progress.source_url}
        sources.append(progress.source_url)
    return {
        "instrument": record,
        "counts": {
            "counting_rule": str(row["rule"]),
            "parties": int(row["counted"]),
            "listed": int(row["listed"]),
            "by_kind": {kind: int(n) for kind, n in row.drop(["rule", "counted", "listed"]).items() if int(n)},
            "description": describe_count(row),
            "notes": site.count_notes.get(instrument, []),
        },
        "participation": participation,
        "claims": claims,
        "events": [str(e) for e, ids in zip(events["id"], events["instrument_ids"], strict=True) if instrument in ids],
        "entry_into_force": entry,
        "sources": list(dict.fromkeys(sources)),
    }
