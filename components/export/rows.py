"""Briefing output: chart images with title, filters, source and URL inside; data files with citation; citations.

Pure functions (no Streamlit). Images come from plotly's export through kaleido, which drives the system
Chromium, so a file is the same whoever asks for it.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import re
import threading
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from components.data.dates import in_words
from components.model.counting import party_counts

SIZES = {  # name: (width, height) in CSS pixels; PNGs are rendered at 2x
    "slide": (1600, 900),  # 16:9 slide
    "document": (1000, 700),  # the width of an A4 portrait page
}
FORMATS = ("png", "svg")
PNG_SCALE = 2
MAX_NAME = 60  # characters of view and chart name in a download's file name
LICENCE = "Data: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Code: MIT."
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")  # incl. full-width forms
_kaleido_lock = threading.Lock()
_kaleido_started = False


@dataclass(frozen=True)
class ViewMeta:
    """What a file needs to say about the view it came from."""

    view: str  # e.g. "timeline"
    title: str
    filters: str  # the filters in words, e.g. "G20 members · as of 1 June 2025"
    asof: dt.date
    url: str
    citation: str


def briefing_figure(fig: go.Figure, *, url: str, size: str = "slide") -> go.Figure:
    """A copy of a finished figure at an export size, with the view's URL added to its source line."""
    width, height = SIZES[size]
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    bottom = out.layout.margin.b if out.layout.margin.b is not None else 90
    for annotation in out.layout.annotations:
        if annotation.name == "source" and url and url not in annotation.text:
            annotation.text = f"{annotation.text}<br>View: {url}"
            annotation.yshift = -(bottom + 16 - 8)  # one more line, one line lower
    shrink = height / out.layout.height if out.layout.height else 1.0
    if shrink < 1:  # a tall chart squeezed into the export: marks drawn as text shrink with its rows
        for trace in out.data:
            if getattr(trace, "mode", None) == "text" and trace.textfont.size:
                trace.textfont.size = max(4, round(trace.textfont.size * shrink, 1))
    out.update_layout(width=width, height=height, margin=dict(b=bottom + 16))
    return out


TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"


def _ensure_kaleido() -> None:
    """Keep one headless browser for all exports of this process (~0.2 s per image instead of ~3 s)."""
    global _kaleido_started
    if not _kaleido_started:
        import kaleido
        import plotly.io as pio

        pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"  # maps draw offline from the bundled outline
        kaleido.start_sync_server(silence_warnings=True)
        _kaleido_started = True


def image_bytes(fig: go.Figure, *, fmt: str = "png", size: str = "slide", url: str = "") -> bytes:
    """PNG (2x) or SVG of the figure at the named size."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(FORMATS)}")
    export = briefing_figure(fig, url=url, size=size)
    width, height = SIZES[size]
    with _kaleido_lock, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # plotly's note on the shared server
        _ensure_kaleido()
        return export.to_image(format=fmt, width=width, height=height, scale=PNG_SCALE if fmt == "png" else 1)


def file_name(meta: ViewMeta, extension: str, size: str | None = None, chart: str = "") -> str:
    """'atlas-timeline-2025-06-01-slide.png': the view (and chart, where a page has several), the date, the size."""
    name = re.sub(r"[^a-z0-9]+", "-", f"{meta.view} {chart}".lower())[:MAX_NAME].strip("-") or "overview"
    parts = ["atlas", name, meta.asof.isoformat()]
    if size:
        parts.append(size)
    return "-".join(parts) + "." + extension


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
    return [
        ("title", meta.title),
        ("filters", meta.filters),
        ("data as of", in_words(meta.asof)),
        ("view", meta.url),
        ("citation", meta.citation),
        ("licence", LICENCE),
        ("exported", dt.date.today().isoformat()),
    ]


def csv_bytes(frame: pd.DataFrame, meta: ViewMeta) -> bytes:
    """UTF-8 CSV: '# key: value' lines with the citation, licence, filters and as-of date, then the rows."""
    buffer = io.StringIO()
    for key, value in about_rows(meta):
        buffer.write(f"# {key}: {' '.join(str(_inert(value)).split())}\n")  # one line each, never a formula
    _plain(frame).to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def read_exported_csv(data: bytes) -> pd.DataFrame:
    """Read back a CSV made by csv_bytes (skipping its '# ' header lines)."""
    text = data.decode("utf-8")
    skip = sum(1 for line in text.splitlines() if line.startswith("# "))
    return pd.read_csv(io.StringIO(text), skiprows=skip, dtype=str, keep_default_na=False)


def xlsx_bytes(frame: pd.DataFrame, meta: ViewMeta) -> bytes:
    """An XLSX with the rows on sheet 'data' and the citation, licence, filters and as-of date on 'about'."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _plain(frame).to_excel(writer, sheet_name="data", index=False)
        neutralise(pd.DataFrame(about_rows(meta), columns=["field", "value"])).to_excel(
            writer, sheet_name="about", index=False
        )
    return buffer.getvalue()


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "_": r"\_", "$": r"\$", "^": r"\^{}", "~": r"\~{}"}  # fmt: skip


def _bibtex_text(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def _bibtex_url(url: str) -> str:
    return url.replace("\\", "/").replace("%", r"\%").replace("#", r"\#").replace("{", "%7B").replace("}", "%7D")


def cite_view(meta: ViewMeta, *, accessed: dt.date | None = None, chart: str = "") -> tuple[str, str]:
    """A ready sentence and a BibTeX entry for the view, with its URL and as-of date."""
    accessed = accessed or dt.date.today()
    sentence = (
        f"AI Governance Atlas, “{meta.title}” ({meta.filters}), data as of {in_words(meta.asof)}, "
        f"{meta.url} (accessed {in_words(accessed)})."
    )
    slug = re.sub(r"[^a-z0-9]+", "_", f"{meta.view} {chart}".lower()).strip("_") or "overview"
    key = f"atlas_{slug}_{meta.asof:%Y%m%d}"
    bibtex = (
        f"@misc{{{key},\n"
        f"  title        = {{{{AI Governance Atlas}}: {_bibtex_text(meta.title)}}},\n"
        f"  note         = {{{_bibtex_text(meta.filters)}. Data as of {meta.asof.isoformat()}. CC BY 4.0}},\n"
        f"  year         = {{{meta.asof.year}}},\n"
        f"  howpublished = {{\\url{{{_bibtex_url(meta.url)}}}}},\n"
        f"  urldate      = {{{accessed.isoformat()}}}\n"
        f"}}"
    )
    return sentence, bibtex


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
                      "entry_into_force_label", "status", "party_list", "counting_rule", "summary", "source_url",
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


def event_rows(events: pd.DataFrame) -> pd.DataFrame:
    return events[
        ["id", "name", "series", "start_date_label", "city", "host", "instrument_ids", "source_url", "checked_label"]
    ].rename(columns={"start_date_label": "start_date", "checked_label": "checked"})


def institute_rows(institutes: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    names = parties.set_index("id")["name"]
    rows = institutes[["id", "name_then", "name", "party_id", "founded_label", "former_name", "renamed_label", "parent_body",
                       "status", "source_url", "checked_label"]].copy()  # fmt: skip
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
