"""How the Atlas counts an instrument's parties: one rule per instrument, one counting path for every count.

Counting rule (instruments.counting_rule): `states` counts states only; `states_and_eu` adds the European Union;
`all_parties` counts every party listed (organisations, companies). An empty rule follows the party types listed:
all parties where anything other than a state or the EU is among them, otherwise states and the EU. The rule is
applied once per row (participation.counted), and `party_counts` is the one place that turns rows into a count,
so every count in the Atlas — charts, tables, exports, claims — agrees.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.data.country_codes import EUROPEAN_UNION
from components.data.i18n import N_, _, ngettext
from components.model.participation import active, withdrawn_flags

RULES = ("states", "states_and_eu", "all_parties")
# English; shown as _(RULE_WORDS[rule])
RULE_WORDS = {"states": N_("states only"), "states_and_eu": N_("states and the EU"),
              "all_parties": N_("every party listed")}  # fmt: skip
COUNTED = "counted"  # derived column of participation: the row's party counts under its instrument's rule
UNVERIFIED_MARK = "?"  # shown beside a fact that rests on a single non-official source
# party types, in the order a count names them
_KINDS = ("state", "company", "international_organisation", "regional_organisation", "research_org", "industry_body",
          "civil_society")  # fmt: skip


def counts_under(kind, rule):
    """Does a party of this kind ('state', 'eu', a party type) count under this rule? Scalars or aligned Series."""
    return (kind == "state") | ((kind == "eu") & (rule != "states")) | (rule == "all_parties")


def party_counts(participation: pd.DataFrame) -> pd.Series:
    """Distinct parties per instrument that have not withdrawn and count under the instrument's counting rule.

    The one counting path: every count of the Atlas comes from here. A party that signed and ratified counts once.
    The rule is read from the `counted` column that load_atlas and apply_filters compute; rows without it all count.
    """
    return counted_rows(active(participation)).groupby("instrument_id", observed=True)["party_id"].nunique()


def party_kinds(parties: pd.DataFrame) -> pd.Series:
    """Party id → 'state', 'eu' or its party type (organisations, companies, …)."""
    kinds = parties["party_type"].astype(str).where(parties["id"] != EUROPEAN_UNION, "eu")
    return pd.Series(kinds.to_numpy(), index=parties["id"].to_numpy())


def derived_rule(participation: pd.DataFrame, kinds: pd.Series) -> pd.Series:
    """Instrument id → the rule its listed party types imply (for instruments whose rule is left empty)."""
    kind = participation["party_id"].astype(object).map(kinds)
    others = kind.notna() & ~kind.isin(["state", "eu"])
    has_others = others.groupby(participation["instrument_id"].astype(object)).any()
    return has_others.map({True: "all_parties", False: "states_and_eu"})


def fill_rules(instruments: pd.DataFrame, participation: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """The instruments with every counting rule set: empty (or absent, in an older release) ones derived."""
    derived = instruments["id"].map(derived_rule(participation, party_kinds(parties))).fillna("states_and_eu")
    if "counting_rule" in instruments:
        given = instruments["counting_rule"].astype(object)
        rule = given.where(given.notna() & (given != ""), derived)
    else:
        rule = derived
    return instruments.assign(counting_rule=pd.Categorical(rule, categories=list(RULES)))


def counted_flags(participation: pd.DataFrame, instruments: pd.DataFrame, parties: pd.DataFrame) -> np.ndarray:
    """Per row: does its party count under its instrument's rule? (Rows of unknown instruments: states and the EU.)"""
    kind = participation["party_id"].astype(object).map(party_kinds(parties))
    rule = (
        participation["instrument_id"].astype(object).map(instruments.set_index("id")["counting_rule"].astype(object))
    )
    return counts_under(kind, rule).to_numpy(dtype=bool)


def counted_rows(participation: pd.DataFrame) -> pd.DataFrame:
    """The rows whose party counts under the rule (all rows when the column was never computed)."""
    column = participation.get(COUNTED)
    if column is None:
        return participation
    return participation[column.fillna(True).to_numpy(dtype=bool)]


def breakdown(participation: pd.DataFrame, parties: pd.DataFrame, instruments: pd.DataFrame) -> pd.DataFrame:
    """Per instrument (index): rule, counted, and the distinct parties (not withdrawn) by kind, counted or not."""
    rows = active(participation)
    if COUNTED not in rows:
        rows = rows.assign(**{COUNTED: counted_flags(rows, instruments, parties)})
    pairs = rows.drop_duplicates(["instrument_id", "party_id"]).astype({"instrument_id": object, "party_id": object})
    pairs = pairs.assign(kind=pairs["party_id"].map(party_kinds(parties)).fillna("state"))
    counts = pairs.groupby(["instrument_id", "kind"]).size().unstack("kind", fill_value=0)
    counted = party_counts(rows)
    table = pd.DataFrame(index=pd.Index(instruments["id"], name="instrument_id"))
    table["rule"] = instruments.set_index("id")["counting_rule"].astype(object)
    table["counted"] = counted.reindex(table.index).fillna(0).astype(int)
    table["listed"] = counts.sum(axis=1).reindex(table.index).fillna(0).astype(int)
    for kind in counts.columns:
        table[kind] = counts[kind].reindex(table.index).fillna(0).astype(int)
    return table


def _kind_words(kind: str, n: int) -> str:
    """'29 states', '1 company', 'the EU'."""
    if kind == "eu":
        return _("the EU")
    if kind == "state":
        text = ngettext("{n} state", "{n} states", n)
    elif kind == "company":
        text = ngettext("{n} company", "{n} companies", n)
    elif kind == "international_organisation":
        text = ngettext("{n} international organisation", "{n} international organisations", n)
    elif kind == "regional_organisation":
        text = ngettext("{n} regional organisation", "{n} regional organisations", n)
    elif kind == "research_org":
        text = ngettext("{n} research body", "{n} research bodies", n)
    elif kind == "industry_body":
        text = ngettext("{n} industry body", "{n} industry bodies", n)
    elif kind == "civil_society":
        text = ngettext("{n} civil-society organisation", "{n} civil-society organisations", n)
    else:  # a party type the schema adds later: its code
        return f"{n} {kind.replace('_', ' ')}" + ("" if n == 1 else "s")
    return text.format(n=n)


def describe(row: pd.Series) -> str:
    """'30 counted (rule: states and the EU): 29 states and the EU' — the count with how it was counted."""
    rule = str(row.get("rule"))
    extra = [c for c in row.index if c not in ("rule", "counted", "listed")]
    kinds = list(dict.fromkeys(["state", "eu", *[k for k in _KINDS if k in extra], *extra]))
    present = [(k, int(row.get(k, 0))) for k in kinds if int(row.get(k, 0) or 0) > 0]
    counted_kinds = [(k, n) for k, n in present if counts_under(k, rule)]
    left_out = [(k, n) for k, n in present if not counts_under(k, rule)]
    text = _("{n} counted (rule: {rule})").format(n=int(row["counted"]), rule=_(RULE_WORDS[rule]) if rule in RULE_WORDS
                                                   else rule)  # fmt: skip
    if counted_kinds:
        text = _("{counted}: {kinds}").format(counted=text, kinds=_and([_kind_words(k, n) for k, n in counted_kinds]))
    if left_out:
        text = _("{counted}; also listed, not counted: {kinds}").format(
            counted=text, kinds=_and([_kind_words(k, n) for k, n in left_out])
        )
    return text


def _and(items: list[str]) -> str:
    """'a, b and c' in the view's language."""
    if len(items) == 1:
        return items[0]
    return _("{first} and {second}").format(first=", ".join(items[:-1]), second=items[-1])


def count_as_of(
    participation: pd.DataFrame,
    instrument: str,
    asof: pd.Timestamp,
    rule: str,
    adopted_by: pd.Timestamp | None,
    kinds: pd.Series,
    *,
    dated_only: bool = False,
) -> int:
    """Parties of one instrument as of a date under a rule (an undated action counts from the adoption, unless
    dated_only leaves undated actions out; withdrawals are always kept)."""
    rows = participation[participation["instrument_id"] == instrument]
    if "hypothetical" in rows:
        rows = rows[~rows["hypothetical"].fillna(False).astype(bool)]
    if dated_only:
        rows = rows[rows["date_by"].notna() | (rows["action"].astype(str) == "withdrew")]
    when = rows["date_by"].fillna(adopted_by if adopted_by is not None else pd.NaT)
    rows = rows[(when <= asof) | when.isna()]
    kind = rows["party_id"].astype(object).map(kinds).fillna("state")
    rows = rows.assign(withdrawn=withdrawn_flags(rows), **{COUNTED: counts_under(kind, rule).to_numpy(dtype=bool)})
    return int(party_counts(rows).get(instrument, 0))


def unverified_count(rows: pd.DataFrame) -> tuple[int, str]:
    """How many rows of an export (evidence = unverified), or parties counted by its instrument rows
    (parties_unverified), rest on a single non-official source; and which of the two it is."""
    if "evidence" in rows:
        return int((rows["evidence"].astype(str) == "unverified").sum()), "records"
    if "parties_unverified" in rows:
        return int(pd.to_numeric(rows["parties_unverified"], errors="coerce").fillna(0).sum()), "parties"
    return 0, "records"


def unverified_note(n: int, what: str = "records") -> str:
    """The line a chart and its image carry when some of the facts behind it are unverified."""
    if what == "parties":
        text = ngettext("{mark} {n} of the party counted rests on a single non-official source (evidence: unverified).",
                        "{mark} {n} of the parties counted rest on a single non-official source (evidence: unverified).",
                        n)  # fmt: skip
    else:
        text = ngettext("{mark} {n} record rests on a single non-official source (evidence: unverified); the data file "
                        "names them.", "{mark} {n} records rest on a single non-official source (evidence: unverified); "
                        "the data file names them.", n)  # fmt: skip
    return text.format(mark=UNVERIFIED_MARK, n=n)


def count_notes(participation: pd.DataFrame, instrument_id: str) -> list[str]:
    """How fresh an instrument's count is (when its rows were checked) and how many of the parties it counts rest on
    an unverified source; what-if rows left out."""
    return count_notes_by_instrument(participation[participation["instrument_id"] == instrument_id]).get(
        instrument_id, []
    )


def count_notes_by_instrument(participation: pd.DataFrame) -> dict[str, list[str]]:
    """count_notes for every instrument of the rows, in one pass."""
    from components.data.dates import in_words

    rows = participation
    if "hypothetical" in rows:
        rows = rows[~rows["hypothetical"].fillna(False).astype(bool)]
    ids = rows["instrument_id"].astype(object)
    checked = rows["checked"].groupby(ids).agg(["min", "max"])
    counted = counted_rows(active(rows))
    doubtful = counted[counted["evidence"].astype(str) == "unverified"]
    unverified = doubtful["party_id"].groupby(doubtful["instrument_id"].astype(object)).nunique()
    notes: dict[str, list[str]] = {}
    for instrument, (first, last) in checked.iterrows():
        notes[instrument] = [_("Rows checked {date}").format(date=in_words(first)) if first == last else
                             _("Rows checked between {first} and {last}").format(first=in_words(first),
                                                                                 last=in_words(last))]  # fmt: skip
    for instrument, n in unverified.items():
        notes.setdefault(instrument, []).append(
            ngettext(
                "{mark} {n} of the parties listed rests on a single non-official source (evidence: unverified)",
                "{mark} {n} of the parties listed rest on a single non-official source (evidence: unverified)",
                n,
            ).format(mark=UNVERIFIED_MARK, n=n)  # fmt: skip
        )
    return notes
