"""Load the data package into typed DataFrames (validating it once); ATLAS_DATA_DIR points at another package."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import TypeVar

import pandas as pd

from components.data import country_codes as countries
from components.data.dates import to_end_timestamp, to_timestamp
from components.data.i18n import language
from components.data.migrate import join_lists
from components.data.schema import DEFAULT_DATA_DIR, Package, Resource, bundled_package
from components.data.validate import DataPackageError, RawTable, read_and_validate
from components.model import claims, counting
from components.model.participation import WITHDRAWN, withdrawn_flags

ENV_VAR = "ATLAS_DATA_DIR"
GROUPING_ORDER = ["G7", "G20", "OECD", "EU", "CoE", "AU", "ASEAN", "BRICS", "G77"]


@dataclass(frozen=True)
class Atlas:
    """The whole dataset, typed: categoricals for vocabularies, Timestamps for dates, lists for list cells."""

    instruments: pd.DataFrame
    parties: pd.DataFrame
    participation: pd.DataFrame
    events: pd.DataFrame
    institutes: pd.DataFrame
    groupings: pd.DataFrame
    income_groups: pd.DataFrame
    assessments: pd.DataFrame
    entry_conditions: pd.DataFrame
    claims: pd.DataFrame  # with atlas_value and status per claim (components/model/claims.assess)
    # link tables, also read as events.instrument_ids and assessments.instrument_ids (components/data/migrate.py)
    event_instruments: pd.DataFrame
    assessment_instruments: pd.DataFrame
    # names, short names and summaries of instruments in French and Spanish (components/model/localized.py)
    instrument_translations: pd.DataFrame
    asof: dt.date
    version: str
    data_dir: str
    # Derived values (filtered slices) kept with the dataset they come from; never copied by dataclasses.replace.
    _derived: dict = dataclass_field(default_factory=dict, init=False, compare=False, repr=False)


T = TypeVar("T")
DERIVED_LIMIT = 256  # derived values kept per dataset (slices, per-filter tables); the oldest goes first
_DERIVED_LOCK = threading.Lock()


def derived(atlas: Atlas, key: str, compute: Callable[[], T]) -> T:
    """compute() once per dataset and key (a filter state, say). The value is shared: never modify it.

    Sessions run in threads and share the dataset: the store is read and changed under a lock, and compute() runs
    outside it (two threads may both compute a new key; one value is kept)."""
    key = f"{key}|{language()}"  # what is derived may hold names and words: one value per language
    store = atlas._derived
    with _DERIVED_LOCK:
        if key in store:
            return store[key]
    value = compute()
    with _DERIVED_LOCK:
        if key not in store:
            while len(store) >= DERIVED_LIMIT:
                store.pop(next(iter(store)))
            store[key] = value
        return store[key]


def data_dir_from_env() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DATA_DIR)


def _typed(table: RawTable) -> pd.DataFrame:
    resource: Resource = table.resource
    frame = pd.DataFrame(
        [{name: row.get(name, "").strip() for name in resource.field_names} for row in table.rows],
        columns=resource.field_names,
    )
    for field in resource.fields:
        column = frame[field.name]
        if field.partial_date:
            frame[f"{field.name}_label"] = column
            frame[field.name] = pd.to_datetime(column.map(to_timestamp))  # start of the period, for plotting
            frame[f"{field.name}_by"] = pd.to_datetime(column.map(to_end_timestamp))  # certainly passed by then
        elif field.separator:
            frame[field.name] = column.map(lambda v, s=field.separator: [i.strip() for i in v.split(s)] if v else [])
        elif field.enum is not None:
            frame[field.name] = pd.Categorical(
                column.replace("", None), categories=list(field.enum), ordered=field.ordered
            )
    if "checked" in frame:
        # A partial date is certain by the end of its period, or by the day a source reporting it was read.
        for field in resource.fields:
            if field.partial_date and field.name != "checked":
                by = frame[f"{field.name}_by"]
                frame[f"{field.name}_by"] = by.where(by.isna() | (by <= frame["checked"]), frame["checked"])
    return frame


def _enrich_parties(parties: pd.DataFrame, groupings: pd.DataFrame, income_groups: pd.DataFrame) -> pd.DataFrame:
    """Add UN region, continent, groupings (country_converter plus groupings.csv) and the latest income group."""
    table = countries.country_table()
    is_state = parties["party_type"] == "state"
    states = parties.loc[is_state, "id"]
    parties = parties.copy()
    parties["region"] = states.map(table["un_region"]).reindex(parties.index)
    parties["continent"] = states.map(table["continent"]).reindex(parties.index)
    parties["un_member"] = parties["id"].map(table["un_member"]).eq(True)
    parties.loc[parties["id"] == countries.EUROPEAN_UNION, ["region", "continent"]] = "European Union"
    extra = groupings.groupby("party_id")["grouping"].agg(lambda g: set(g.astype(str)))
    memberships = []
    for pid, state in zip(parties["id"], is_state, strict=True):
        groups: set[str] = set(extra.get(pid, set()))
        if state and pid in table.index:
            groups |= {g for g in countries.LIBRARY_GROUPINGS if bool(table.at[pid, g])}
        memberships.append([g for g in GROUPING_ORDER if g in groups])
    parties["groups"] = memberships
    latest = income_groups.sort_values("fiscal_year").drop_duplicates("party_id", keep="last").set_index("party_id")
    parties["income_group"] = pd.Categorical(
        parties["id"].map(latest["income_group"].astype(str)),
        categories=income_groups["income_group"].cat.categories,
        ordered=True,
    )
    return parties


RELIABILITY_OF_EVIDENCE = {"official": "official", "secondary": "reputable", "unverified": "weak"}


def _fill_reliability(participation: pd.DataFrame) -> None:
    """Rows written before `reliability` was recorded (older releases, uploads): what their evidence level says of
    the page read (official: an official page; secondary: a reputable one; unverified: a single non-official one)."""
    missing = participation["reliability"].isna()
    if missing.any():
        participation.loc[missing, "reliability"] = (
            participation.loc[missing, "evidence"].astype(str).map(RELIABILITY_OF_EVIDENCE)
        )


UNDATED = ("instrument_translations",)  # tables whose checked dates say nothing of the facts' date (translations)


def _asof(frames: list[pd.DataFrame]) -> dt.date:
    """The data's 'as of' date: the latest date any row was checked against its source (a translation of a name or
    summary, checked later, does not make the facts more recent)."""
    latest = max((f["checked"].max() for f in frames if len(f) and "checked" in f), default=pd.NaT)
    return latest.date() if pd.notna(latest) else dt.date.today()


def load_atlas(data_dir: str | Path | None = None, package: Package | None = None) -> Atlas:
    """Read, validate and type the package. Raises DataPackageError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else data_dir_from_env()
    package = package or bundled_package()
    tables, problems = read_and_validate(data_dir, package)
    if problems:
        raise DataPackageError(problems)
    frames = {name: _typed(table) for name, table in tables.items()}
    for resource in bundled_package().resources:  # a table or column an older release did not have yet: empty
        empty = _typed(RawTable(resource=resource, header=list(resource.field_names), rows=[]))
        if resource.name not in frames:
            frames[resource.name] = empty
        for column in empty.columns.difference(frames[resource.name].columns):
            frames[resource.name][column] = pd.Series(index=frames[resource.name].index, dtype=empty[column].dtype)
    join_lists(frames, bundled_package())  # event_instruments.csv → events.instrument_ids, …
    _fill_reliability(frames["participation"])
    frames["participation"]["hypothetical"] = False  # what-if rows (components/model/scenario.py) are True
    frames["participation"][WITHDRAWN] = withdrawn_flags(frames["participation"])
    frames["parties"] = _enrich_parties(frames["parties"], frames["groupings"], frames["income_groups"])
    frames["instruments"] = counting.fill_rules(frames["instruments"], frames["participation"], frames["parties"])
    frames["participation"][counting.COUNTED] = counting.counted_flags(
        frames["participation"], frames["instruments"], frames["parties"]
    )
    frames["claims"] = claims.assess(
        frames["claims"], frames["instruments"], frames["participation"], frames["parties"]
    )
    return Atlas(
        **frames,
        asof=_asof([frame for name, frame in frames.items() if name not in UNDATED]),
        version=str(package.descriptor.get("version", "")),
        data_dir=str(data_dir),
    )


def citation(atlas: Atlas, package: Package | None = None) -> str:
    """The dataset citation, from the template in the descriptor."""
    from components.data.dates import in_words

    template = (package or bundled_package()).citation_template
    return template.format(year=atlas.asof.year, version=atlas.version, asof=in_words(atlas.asof))
