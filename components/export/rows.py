"""The rows behind each view, as files: CSV and XLSX with the citation, licence, filters and as-of date, formula
cells made inert; the whole package as a zip; and the export columns of instruments, participation, events and
institutes, each row with its source.

A file is written in the language of the view it comes from (ViewMeta.lang): its header lines, and a reader's label
for each machine column. The header row keeps the machine names, so every file reads the same by program whatever
its language; the labels stand beside it: in a CSV, the comment line `# columns: party_id = Party (identifier); …`
among the other `# ` lines; in an XLSX, the sheet 'columns' (machine name, label), beside 'data' and 'about'.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd

from components.data.dates import in_words
from components.data.dictionary import column_label
from components.data.i18n import _, speaking
from components.data.labels import label
from components.export.citation import LICENCE, ViewMeta
from components.model.counting import party_counts

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")  # incl. full-width forms


def _inert(value):
    """A text cell that a spreadsheet would run as a formula (even after leading spaces) gets a leading apostrophe."""
    if isinstance(value, str) and (value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START)):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as formulas get a leading apostrophe, so they stay text."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype | pd.CategoricalDtype):
            out[column] = out[column].map(_inert)
    return out


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text and lists joined with ';', so files read the same in every spreadsheet."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
        elif out[column].map(lambda v: isinstance(v, list | tuple)).any():
            out[column] = out[column].map(lambda v: ";".join(v) if isinstance(v, list | tuple) else v)
        elif isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(object)
    return neutralise(out)


def about_rows(meta: ViewMeta) -> list[tuple[str, str]]:
    """What the file says about its view, (key, value), in the current language."""
    return [
        (_("title"), meta.title),
        (_("filters"), meta.filters),
        (_("data as of"), in_words(meta.data_asof or meta.asof)),
        *([(_("view as of"), in_words(meta.asof))] if meta.data_asof and meta.data_asof != meta.asof else []),
        *([(_("sources"), meta.sources)] if meta.sources else []),
        (_("view"), meta.url),
        (_("citation"), meta.citation),
        (_("licence"), _(LICENCE)),
        (_("exported"), dt.date.today().isoformat()),
    ]


def column_rows(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(machine name, label) for every column of the rows, in order, when any has an Atlas label ([] otherwise: its
    headers are already readers' words); a column without a label keeps its header."""
    labels = [(str(c), column_label(c)) for c in frame.columns]
    if not any(words for _name, words in labels):
        return []
    return [(name, words or name) for name, words in labels]


def csv_bytes(frame: pd.DataFrame, meta: ViewMeta) -> bytes:
    """UTF-8 CSV: '# key: value' lines with the citation, licence, filters and as-of date and the columns' labels,
    then the rows (header row: the machine names)."""
    with speaking(meta.lang):
        about = about_rows(meta)
        labelled = [(name, words) for name, words in column_rows(frame) if words != name]
        if labelled:
            about.append((_("columns"), "; ".join(f"{name} = {words}" for name, words in labelled)))
    buffer = io.StringIO()
    for key, value in about:
        buffer.write(f"# {key}: {' '.join(str(_inert(value)).split())}\n")  # one line each, never a formula
    _plain(frame).to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def read_exported_csv(data: bytes) -> pd.DataFrame:
    """Read back a CSV made by csv_bytes (skipping its '# ' header lines)."""
    text = data.decode("utf-8")
    skip = sum(1 for line in text.splitlines() if line.startswith("# "))
    return pd.read_csv(io.StringIO(text), skiprows=skip, dtype=str, keep_default_na=False)


def xlsx_bytes(frame: pd.DataFrame, meta: ViewMeta) -> bytes:
    """An XLSX with the rows on sheet 'data' (header row: the machine names), the citation, licence, filters and
    as-of date on 'about', and each column's label on 'columns' (when the rows have machine names)."""
    with speaking(meta.lang):
        about = pd.DataFrame(about_rows(meta), columns=[_("field"), _("value")])
        labels = pd.DataFrame(column_rows(frame), columns=[_("column"), _("label")])
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _plain(frame).to_excel(writer, sheet_name="data", index=False)
        neutralise(about).to_excel(writer, sheet_name="about", index=False)
        if len(labels):
            neutralise(labels).to_excel(writer, sheet_name="columns", index=False)
    return buffer.getvalue()


def package_zip(data_dir: Path, citation: str) -> bytes:
    """The data package (CSVs, schema, licence) as a zip, with a CITATION.txt."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(Path(data_dir).iterdir()):
            if path.is_file() and path.suffix in (".csv", ".yaml", ".md"):
                archive.write(path, arcname=f"ai-governance-atlas/{path.name}")
        archive.writestr("ai-governance-atlas/CITATION.txt", citation + "\n")
    return buffer.getvalue()


# ---------------------------------------------------------------- the rows behind each view, with their sources

INSTRUMENT_COLUMNS = ["id", "name", "short_name", "kind", "mechanism", "legal_force", "forum", "themes", "adopted_label",
                      "entry_into_force_label", "status", "party_list", "counting_rule", "summary", "reliability", "source_url",
                      "checked_label", "notes"]  # fmt: skip


def instrument_rows(instruments: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """Instruments with their party counts as of the view's date (under each one's counting rule), source and checked
    date."""
    rows = instruments[[c for c in INSTRUMENT_COLUMNS if c in instruments]].copy()
    rows.insert(8, "parties", rows["id"].map(party_counts(participation)).fillna(0).astype(int))
    doubtful = participation[participation["evidence"].astype(str) == "unverified"]  # of them, on unverified rows
    rows.insert(9, "parties_unverified", rows["id"].map(party_counts(doubtful)).fillna(0).astype(int))
    return rows.rename(
        columns={"adopted_label": "adopted", "entry_into_force_label": "entry_into_force", "checked_label": "checked"}
    )


def participation_rows(participation: pd.DataFrame, parties: pd.DataFrame, instruments: pd.DataFrame) -> pd.DataFrame:
    """One row per action: party, instrument, action, date, evidence, source and checked date."""
    names = parties.set_index("id")["name"]
    short = instruments.set_index("id")["short_name"]
    return (
        pd.DataFrame(
            {
                "party_id": participation["party_id"],
                "party": participation["party_id"].map(names),
                "instrument_id": participation["instrument_id"],
                "instrument": participation["instrument_id"].map(short),
                "action": participation["action"].astype(str),
                "date": participation["date_label"],
                "evidence": participation["evidence"].astype(str),
                "reliability": participation["reliability"].astype(str),
                "basis": participation["basis"].astype(object).fillna("").astype(str),
                "basis_rule": participation["basis_rule"].fillna(""),
                "counted": participation["counted"] if "counted" in participation else True,
                "source_url": participation["source_url"],
                "checked": participation["checked_label"],
                "notes": participation["notes"],
                "hypothetical": participation["hypothetical"] if "hypothetical" in participation else False,
            }
        )
        .sort_values(["instrument_id", "party"])
        .reset_index(drop=True)
    )


EVIDENCE_ORDER = ("official", "secondary", "unverified")  # strongest first


def set_rows(sets: list[tuple[str, tuple[str, ...]]], participation: pd.DataFrame, parties: pd.DataFrame,
             instruments: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """One row per party of a comparison, in the order of `sets` [(its label, party ids)] and by name within each:
    the set it is in, its acts on the instruments compared, the weakest evidence among them, and their sources."""
    acts = participation_rows(participation, parties, instruments)
    acts = acts.assign(
        act=acts["instrument"] + ": " + acts["action"].map(label) + (" " + acts["date"].fillna("")).str.rstrip()
    )
    weakest = acts["evidence"].map({e: i for i, e in enumerate(EVIDENCE_ORDER)}).fillna(len(EVIDENCE_ORDER) - 1)
    per_party = acts.assign(_weak=weakest).groupby("party_id", sort=False).agg(
        acts=("act", "; ".join), _weak=("_weak", "max"), source_url=("source_url", lambda s: " ; ".join(dict.fromkeys(s))),
        checked=("checked", "max"),
    )  # fmt: skip
    names = parties.set_index("id")["name"]
    rows = []
    for set_label, ids in sets:
        for party in sorted(ids, key=lambda p: str(names.get(p, p)).lower()):
            info = per_party.loc[party] if party in per_party.index else None
            rows.append({
                "party_id": party, "party": names.get(party, party), "set": set_label,
                "acts": info["acts"] if info is not None else "",
                "evidence": EVIDENCE_ORDER[int(info["_weak"])] if info is not None else "",
                "source_url": info["source_url"] if info is not None else "",
                "checked": info["checked"] if info is not None else "",
            })  # fmt: skip
    return pd.DataFrame(rows, columns=["party_id", "party", "set", "acts", "evidence", "source_url", "checked"])


def event_rows(events: pd.DataFrame) -> pd.DataFrame:
    return events[
        [
            "id",
            "name",
            "series",
            "start_date_label",
            "city",
            "host",
            "instrument_ids",
            "reliability",
            "source_url",
            "checked_label",
        ]
    ].rename(columns={"start_date_label": "start_date", "checked_label": "checked"})


def institute_rows(institutes: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    names = parties.set_index("id")["name"]
    rows = institutes[["id", "name_then", "name", "party_id", "founded_label", "former_name", "renamed_label", "parent_body",
                       "status", "reliability", "source_url", "checked_label"]].copy()  # fmt: skip
    rows.insert(4, "country", rows["party_id"].map(names))
    return rows.rename(
        columns={
            "name_then": "name_as_of",
            "name": "current_name",
            "founded_label": "founded",
            "renamed_label": "renamed",
            "checked_label": "checked",
        }  # fmt: skip
    )
