"""The gold set (data/gold.yaml): facts checked by hand on official pages, and whether the data still agrees with them.

Each fact names the official page it was read on and a short verbatim quote. Four kinds:
`participation` (party P did action A on instrument I, optionally on date D), `count` (instrument I has N parties
under its counting rule as of a date), `date` (instrument I was adopted / opened for signature / entered into force
on D) and `absent` (party P is not a party of I as of a date, where the official list is complete). Counts come from
counting.count_as_of, the Atlas's one counting path, so a gold count is checked exactly as the Atlas counts.

`python -m components.model.gold DATA_DIR` (`make gold`) prints every drifted fact and exits 1 when any drifted.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from components.data.dates import parse_partial, to_end_timestamp
from components.data.validate import DataPackageError
from components.model.atlas import Atlas, load_atlas
from components.model.counting import count_as_of, party_kinds
from components.model.participation import withdrawn_flags

GOLD_FILE = "gold.yaml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_FIELDS = ("adopted", "opened_for_signature", "entry_into_force")
COMMON = {"id", "kind", "url", "quote", "checked", "notes"}
# Per kind: the keys a fact must have and the keys it may have besides the common ones.
KINDS: dict[str, tuple[set[str], set[str]]] = {
    "participation": ({"instrument", "party", "action"}, {"date"}),
    "count": ({"instrument", "count", "as_of"}, set()),
    "date": ({"instrument", "field", "date"}, set()),
    "absent": ({"instrument", "party", "as_of"}, set()),
}


class _DatesAsText(yaml.SafeLoader):
    """YAML without its timestamp type: every date stays text, so a partial date ('2024-05') and a mistake
    ('2024-13-01') both reach the one date check (parse_partial) with the fact's id."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class GoldFileError(ValueError):
    """gold.yaml is not in the expected shape; `problems` lists every 'gold.yaml: fact <id>: <what>' message."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Fact:
    id: str
    kind: str
    instrument: str
    url: str
    quote: str
    checked: str
    party: str = ""
    action: str = ""
    date: str = ""  # participation: the action's date; date: the instrument's date
    field: str = ""  # date: which date of the instrument
    count: int = 0
    as_of: str = ""


@dataclass(frozen=True)
class Result:
    fact: Fact
    ok: bool
    expected: str  # what the official page says, in words
    found: str  # what the data says, in words

    @property
    def id(self) -> str:
        return self.fact.id

    @property
    def url(self) -> str:
        return self.fact.url

    @property
    def status(self) -> str:
        return "ok" if self.ok else "drifted"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _fact(raw: Any, position: int, seen: set[str]) -> tuple[Fact | None, list[str]]:
    """One fact from its mapping, with everything wrong about it."""
    if not isinstance(raw, dict):
        return None, [f"gold.yaml: fact #{position}: is not a mapping of keys to values"]
    given = _text(raw.get("id"))
    name = given or f"#{position}"
    problems: list[str] = []

    def wrong(what: str) -> None:
        problems.append(f"gold.yaml: fact {name}: {what}")

    if not SLUG.match(given):
        wrong("needs an id: a lower-case slug (a-z, 0-9, -)")
    elif name in seen:
        wrong("the id is used by another fact")
    seen.add(name)
    kind = _text(raw.get("kind"))
    if kind not in KINDS:
        wrong(f"kind '{kind}' is not one of {', '.join(KINDS)}")
        return None, problems
    required, optional = KINDS[kind]
    for key in sorted((required | {"url", "quote", "checked"}) - set(raw)):
        wrong(f"is missing '{key}'")
    for key in sorted(set(raw) - required - optional - COMMON):
        wrong(f"has an unknown key '{key}' (a {kind} fact has {', '.join(sorted(required | optional))})")
    url, quote = _text(raw.get("url")), _text(raw.get("quote"))
    if "url" in raw and not url.startswith("https://"):
        wrong(f"url '{url}' is not an https:// address")
    if "quote" in raw and not quote:
        wrong("quote is empty: give a short verbatim excerpt of the page")
    for key in ("checked", "date", "as_of"):
        if key in raw:
            try:
                parse_partial(_text(raw[key]))
            except ValueError as error:
                wrong(f"{key}: {error}")
    if kind == "count" and "count" in raw and (type(raw["count"]) is not int or raw["count"] < 0):
        wrong(f"count '{raw['count']}' is not a whole number of parties")
    if kind == "date" and "field" in raw and _text(raw["field"]) not in DATE_FIELDS:
        wrong(f"field '{_text(raw['field'])}' is not one of {', '.join(DATE_FIELDS)}")
    for key in ("instrument", "party", "action"):
        if key in raw and not _text(raw[key]):
            wrong(f"{key} is empty")
    if problems:
        return None, problems
    values = {key: _text(raw[key]) for key in ("instrument", "party", "action", "date", "field", "as_of") if key in raw}
    count = raw["count"] if kind == "count" else 0
    return Fact(id=name, kind=kind, url=url, quote=quote, checked=_text(raw["checked"]), count=count, **values), []


def parse_gold(text: str) -> list[Fact]:
    """The facts of a gold file's text; raises GoldFileError listing every problem."""
    try:
        document = yaml.load(text, Loader=_DatesAsText)
    except yaml.YAMLError as error:
        raise GoldFileError([f"gold.yaml: is not valid YAML ({error})".replace("\n", " ")]) from error
    if not isinstance(document, dict) or not isinstance(document.get("facts"), list):
        raise GoldFileError(["gold.yaml: needs a top-level 'facts:' list"])
    facts: list[Fact] = []
    problems: list[str] = []
    seen: set[str] = set()
    for position, raw in enumerate(document["facts"], start=1):
        fact, wrong = _fact(raw, position, seen)
        problems += wrong
        if fact is not None:
            facts.append(fact)
    if problems:
        raise GoldFileError(problems)
    return facts


def load_gold(path: str | Path) -> list[Fact]:
    return parse_gold(Path(path).read_text(encoding="utf-8"))


def _rows(atlas: Atlas, fact: Fact) -> pd.DataFrame:
    rows = atlas.participation
    return rows[(rows["instrument_id"].astype(str) == fact.instrument) & (rows["party_id"].astype(str) == fact.party)]


def _listed(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "no row"
    pairs = sorted(zip(rows["action"].astype(str), rows["date_label"].astype(str), strict=True))
    return "; ".join(f"{action} {date}".strip() if date else f"{action} (undated)" for action, date in pairs)


def _participation(atlas: Atlas, fact: Fact) -> Result:
    expected = f"{fact.party} {fact.action} {fact.instrument}" + (f" on {fact.date}" if fact.date else "")
    rows = _rows(atlas, fact)
    matches = rows[rows["action"].astype(str) == fact.action]
    if fact.date:
        matches = matches[matches["date_label"].astype(str) == fact.date]
    return Result(fact, not matches.empty, expected, _listed(rows))


def _instrument(atlas: Atlas, fact: Fact) -> pd.Series | None:
    found = atlas.instruments[atlas.instruments["id"].astype(str) == fact.instrument]
    return None if found.empty else found.iloc[0]


def _count(atlas: Atlas, fact: Fact) -> Result:
    expected = f"{fact.count} parties of {fact.instrument} as of {fact.as_of}"
    instrument = _instrument(atlas, fact)
    if instrument is None:
        return Result(fact, False, expected, f"no instrument {fact.instrument}")
    rule = str(instrument["counting_rule"])
    adopted = instrument["adopted_by"] if pd.notna(instrument["adopted_by"]) else None
    asof = to_end_timestamp(fact.as_of)
    n = count_as_of(atlas.participation, fact.instrument, asof, rule, adopted, party_kinds(atlas.parties))
    return Result(fact, n == fact.count, expected, f"{n} (rule: {rule})")


def _date(atlas: Atlas, fact: Fact) -> Result:
    expected = f"{fact.instrument} {fact.field} {fact.date}"
    instrument = _instrument(atlas, fact)
    if instrument is None:
        return Result(fact, False, expected, f"no instrument {fact.instrument}")
    value = str(instrument[f"{fact.field}_label"] or "")
    return Result(fact, value == fact.date, expected, f"{fact.field} {value or '(empty)'}")


def _absent(atlas: Atlas, fact: Fact) -> Result:
    expected = f"{fact.party} not a party of {fact.instrument} as of {fact.as_of}"
    rows = _rows(atlas, fact)
    rows = rows[~rows["hypothetical"].fillna(False).astype(bool)]
    by_then = rows[rows["date_by"].isna() | (rows["date_by"] <= to_end_timestamp(fact.as_of))]
    # Absent when nothing is recorded by then, or when what is recorded ends in a withdrawal (the Atlas's rule).
    ok = bool(withdrawn_flags(by_then).all())
    return Result(fact, ok, expected, _listed(by_then) if not by_then.empty else "no row by then")


CHECKS = {"participation": _participation, "count": _count, "date": _date, "absent": _absent}


def check(atlas: Atlas, facts: list[Fact]) -> list[Result]:
    """Every fact against the data, in the gold file's order."""
    return [CHECKS[fact.kind](atlas, fact) for fact in facts]


def report(results: list[Result]) -> list[str]:
    """One line per drifted fact, then the summary."""
    lines = [
        f"drifted: {r.fact.id}: gold says {r.expected} ({r.fact.url}), data says {r.found}" for r in results if not r.ok
    ]
    agree = sum(r.ok for r in results)
    return [*lines, f"{len(results)} facts, {agree} agree"]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    gold_path = Path(args[1]) if len(args) > 1 else data_dir / GOLD_FILE
    try:
        facts = load_gold(gold_path)
        atlas = load_atlas(data_dir)
    except (GoldFileError, DataPackageError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    results = check(atlas, facts)
    print("\n".join(report(results)))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
