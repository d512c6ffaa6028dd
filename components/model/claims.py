"""Where sources disagree with what the Atlas shows: claims (claims.csv) assessed against the Atlas's own values.

Each claim records what a source says about a count, a date or a participation, and is compared with the value the
Atlas shows: `agrees`, `differs` (a disagreement, flagged wherever the fact is shown), `partial_list` (a source
counts more parties than the Atlas's list, which is known to be partial), `undated` (the source's count lies between
the Atlas's dated and undated counts as of then: only missing dates could settle it) or `not_in_atlas` (the Atlas
has no value to compare, e.g. an undated action).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.data.dates import parse_partial
from components.data.i18n import N_, _, ngettext
from components.data.labels import label, number
from components.model.counting import RULE_WORDS, count_as_of, party_kinds

STATUSES = ("differs", "partial_list", "undated", "not_in_atlas", "agrees")
STATUS_WORDS = {  # English (the API's definitions); translated where shown, `_(STATUS_WORDS[status])`
    "agrees": N_("agrees with the Atlas"),
    "differs": N_("differs from the Atlas"),
    "partial_list": N_("the Atlas's list is partial"),
    "undated": N_("the Atlas lacks some dates to compare"),
    "not_in_atlas": N_("the Atlas has no value to compare"),
}
ATLAS_WORDS = {"yes": N_("yes"), "no": N_("no"), "not dated": N_("not dated"), "not recorded": N_("not recorded")}
FLAG = "⚑"  # shown beside a value that sources dispute
PARTY_LEVEL = ("took_part", "action_date")


def _consistent(a: str, b: str) -> bool:
    """Two dates of day, month or year precision agree where both are given (2025-03 and 2025-03-01 do)."""
    try:
        x, y = parse_partial(a), parse_partial(b)
    except ValueError:
        return a == b
    n = min(len(x), len(y))
    return x[:n] == y[:n]


def count_range(value: str) -> tuple[float, float]:
    """The counts a claim allows: '123' exactly; '>120' (more than 120); '~60' (about 60: within 10%)."""
    number = int(value.lstrip(">~"))
    if value.startswith(">"):
        return number + 1, float("inf")
    if value.startswith("~"):
        slack = max(1, round(number / 10))
        return number - slack, number + slack
    return number, number


def count_agrees(value: str, n: int) -> bool:
    """Does a count claim agree with n? '123' exactly; '>120' (more than 120) if n > 120; '~60' (about 60) within 10%."""
    low, high = count_range(value)
    return low <= n <= high


def assess(
    claims: pd.DataFrame, instruments: pd.DataFrame, participation: pd.DataFrame, parties: pd.DataFrame
) -> pd.DataFrame:
    """The claims with `atlas_value` (what the Atlas shows for the same fact) and `status`.

    Counts are the Atlas's as of the claim's as_of date (the end of its period), under the claim's counted_as
    or else the instrument's rule. Dates agree where one is a more precise form of the other.
    """
    result = claims.copy()
    if result.empty:
        return result.assign(atlas_value=pd.Series(dtype=object), status=pd.Series(dtype=object))
    kinds = party_kinds(parties)
    info = instruments.set_index("id")
    acts = participation
    if "hypothetical" in acts:
        acts = acts[~acts["hypothetical"].fillna(False).astype(bool)]
    values, statuses = [], []
    for claim in result.itertuples(index=False):
        instrument = str(claim.instrument_id)
        field = str(claim.field)
        row = info.loc[instrument] if instrument in info.index else None
        value = str(claim.value).strip()
        if field == "party_count":
            asof = claim.as_of_by if pd.notna(claim.as_of_by) else claim.checked
            rule = str(claim.counted_as) if pd.notna(claim.counted_as) else str(row["counting_rule"])
            adopted = row["adopted_by"] if row is not None else None
            n = count_as_of(acts, instrument, asof, rule, adopted, kinds)
            atlas_value = str(n)
            stated = int(value.lstrip(">~")) if value.lstrip(">~").isdigit() else None
            dated = count_as_of(acts, instrument, asof, rule, adopted, kinds, dated_only=True) if stated else n
            low, high = count_range(value) if stated is not None else (0, 0)
            if stated is not None and count_agrees(value, n):
                status = "agrees"
            elif stated is not None and dated < n and low <= n and dated <= high:
                status = "undated"  # only the dates the Atlas lacks could settle it: not a disagreement
            elif stated is not None and n < low and row is not None and str(row["party_list"]) != "complete":
                status = "partial_list"
            else:
                status = "differs"
        elif field in PARTY_LEVEL:
            mine = acts[(acts["instrument_id"] == instrument) & (acts["party_id"] == claim.party_id)]
            if pd.notna(claim.action):
                mine = mine[mine["action"].astype(str) == str(claim.action)]
            if field == "took_part":
                if pd.notna(claim.as_of_by):  # what the source says held on its date: a party can join later
                    then = mine[mine["date_by"] <= claim.as_of_by]
                    unknown = mine["date_by"].isna().any()
                    atlas_value = "yes" if len(then) else ("not dated" if unknown else "no")
                else:
                    atlas_value = "yes" if len(mine) else "no"
                if atlas_value == "not dated" and value.lower() == "no":
                    status = "undated"
                else:
                    status = "agrees" if atlas_value == value.lower() else "differs"
            else:
                dates = [d for d in mine["date_label"].fillna("").astype(str) if d]
                atlas_value = dates[0] if dates else ""
                if not len(mine):
                    status = "differs"  # a source dates an action the Atlas does not record
                    atlas_value = "not recorded"
                elif not dates:
                    status = "not_in_atlas"
                else:
                    status = "agrees" if any(_consistent(d, value) for d in dates) else "differs"
        else:  # adopted, entry_into_force: the instrument's own date
            atlas_value = str(row[f"{field}_label"]) if row is not None and row[f"{field}_label"] else ""
            status = ("agrees" if _consistent(atlas_value, value) else "differs") if atlas_value else "not_in_atlas"
        values.append(atlas_value)
        statuses.append(status)
    result["atlas_value"] = values
    result["status"] = pd.Categorical(statuses, categories=list(STATUSES), ordered=True)
    return result


def disputed_instruments(assessed: pd.DataFrame, *, asof=None, counts: bool = True) -> set[str]:
    """Instruments with a count, a date or a party's act that some source disputes.

    With `asof`, a count claim about a later date does not flag an earlier view; `counts=False` leaves count claims
    out (a view restricted to some parties shows subtotals no source speaks of)."""
    if assessed.empty:
        return set()
    differ = assessed[assessed["status"] == "differs"]
    is_count = differ["field"].astype(str) == "party_count"
    if not counts:
        differ = differ[~is_count]
    elif asof is not None:
        differ = differ[~(is_count & (differ["as_of_by"] > pd.Timestamp(asof)))]
    return set(differ["instrument_id"].astype(str))


def disputed_pairs(assessed: pd.DataFrame) -> set[tuple[str, str]]:
    """(party, instrument) pairs whose participation or date some source disputes."""
    if assessed.empty:
        return set()
    own = assessed[assessed["field"].astype(str).isin(PARTY_LEVEL) & (assessed["status"] == "differs")]
    return set(zip(own["party_id"].astype(str), own["instrument_id"].astype(str), strict=True))


def disputed_facts(assessed: pd.DataFrame) -> pd.DataFrame:
    """One row per disputed fact (instrument, party, field, action), with every claim about it."""
    if assessed.empty:
        return assessed
    keys = ["instrument_id", "party_id", "field", "action"]
    frame = assessed.assign(**{k: assessed[k].astype(object).fillna("") for k in keys})
    disputed = frame.groupby(keys)["status"].transform(lambda s: (s == "differs").any())
    return assessed[disputed.astype(bool).to_numpy()]


def claims_table(
    assessed: pd.DataFrame,
    *,
    instrument_id: str | None = None,
    party_id: str | None = None,
    party_names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Claims for display: what each source says beside what the Atlas shows, disagreements first."""
    rows = assessed
    if instrument_id is not None:
        rows = rows[rows["instrument_id"] == instrument_id]
    if party_id is not None:
        rows = rows[rows["party_id"] == party_id]
    rows = rows.sort_values(["status", "field", "as_of"], kind="stable")
    names = party_names or {}
    about = [
        _about(str(f), p if pd.notna(p) else "", a if pd.notna(a) else "", names)
        for f, p, a in zip(rows["field"], rows["party_id"], rows["action"], strict=True)
    ]
    rules = {rule: _(words) for rule, words in RULE_WORDS.items()}
    said = rows["value"].astype(str).map(_atlas_words)
    return pd.DataFrame(
        {
            _("About"): about,
            _("Source says"): said.to_numpy()
            + np.where(rows["counted_as"].notna(), " (" + rows["counted_as"].astype(str).map(rules) + ")", ""),
            _("As of"): rows["as_of_label"].fillna("").astype(str).to_numpy(),
            _("Atlas shows"): rows["atlas_value"].astype(str).map(_atlas_words).to_numpy(),
            _("Status"): rows["status"].astype(str).map(lambda status: _(STATUS_WORDS[status])).to_numpy(),
            _("Wording"): rows["wording"].fillna("").astype(str).to_numpy(),
            _("Source"): rows["source_url"].astype(str).to_numpy(),
            _("Checked"): rows["checked_label"].astype(str).to_numpy(),
        }
    )


def _atlas_words(value: str) -> str:
    """'yes', 'no', 'not dated', 'not recorded' in the view's language; a count or a date as it is."""
    words = ATLAS_WORDS.get(value.lower())
    return _(words) if words else value


ACTION_PHRASES = {  # 'whether Japan …' / 'when Japan …' (translated where written)
    "signed": N_("signed"), "ratified": N_("ratified"), "endorsed": N_("endorsed"), "adhered": N_("adhered"),
    "member": N_("joined as a member"), "founding_member": N_("was a founding member"),
    "observer": N_("joined as an observer"), "co_sponsored": N_("co-sponsored it"),
    "adopted": N_("took part in adopting it"), "committed": N_("committed"), "withdrew": N_("withdrew"),
}  # fmt: skip
FIELD_WORDS = {"adopted": N_("Adopted"), "entry_into_force": N_("Entry into force")}


def _about(field: str, party: str, action: str, names: dict[str, str]) -> str:
    who = names.get(party, party)
    doing = _(ACTION_PHRASES[action]) if action in ACTION_PHRASES else action.replace("_", " ")
    if field == "party_count":
        return _("Number of parties")
    if field == "took_part":
        return _("Whether {party} {action}").format(party=who, action=doing)
    if field == "action_date":
        return _("When {party} {action}").format(party=who, action=doing)
    return _(FIELD_WORDS[field]) if field in FIELD_WORDS else label(field)


# --- marks on rows and figures -------------------------------------------------------------------------------


def mark_rows(rows: pd.DataFrame, assessed: pd.DataFrame) -> pd.DataFrame:
    """Export rows with `sources_differ`: participation rows (party_id, instrument_id) whose party's act some source
    disputes, or instrument rows (id, parties) whose count or date some source disputes. Other rows are unchanged."""
    if {"party_id", "instrument_id"} <= set(rows.columns):
        pairs = disputed_pairs(assessed)
        keys = zip(rows["party_id"].astype(str), rows["instrument_id"].astype(str), strict=True)
        return rows.assign(sources_differ=[key in pairs for key in keys])
    if {"id", "parties"} <= set(rows.columns):
        return rows.assign(sources_differ=rows["id"].astype(str).isin(disputed_instruments(assessed)).to_numpy())
    return rows


def dispute_topics(
    assessed: pd.DataFrame, instrument_id: str, party_names: dict[str, str] | None = None, *, asof=None
) -> list[str]:
    """What sources dispute about one instrument, in words: 'the count', 'the adoption date', 'when Japan signed'
    (as of `asof`: count claims about a later date left out)."""
    here = assessed[(assessed["instrument_id"] == instrument_id) & (assessed["status"] == "differs")]
    if asof is not None:
        here = here[~((here["field"].astype(str) == "party_count") & (here["as_of_by"] > pd.Timestamp(asof)))]
    topics = []
    for field, party, action in zip(here["field"].astype(str), here["party_id"], here["action"], strict=True):
        if field == "party_count":
            topics.append(_("the count"))
        elif field in ("adopted", "entry_into_force"):
            topics.append(_("the adoption date") if field == "adopted" else _("the entry-into-force date"))
        else:
            about = _about(
                field, party if pd.notna(party) else "", action if pd.notna(action) else "", party_names or {}
            )
            topics.append(about[0].lower() + about[1:])
    return list(dict.fromkeys(topics))


def dispute_table(assessed: pd.DataFrame, instruments: pd.DataFrame, party_names: dict[str, str]) -> pd.DataFrame:
    """Every disputed fact with all its claims, instrument by instrument: the maintenance list of disagreements."""
    facts = disputed_facts(assessed)
    if facts.empty:
        return pd.DataFrame(columns=[_("Instrument"), _("About"), _("Source says"), _("As of"), _("Atlas shows"),
                                     _("Status"), _("Wording"), _("Source"), _("Checked")])  # fmt: skip
    short = instruments.set_index("id")["short_name"]
    parts = []
    for instrument, claims in facts.groupby("instrument_id", sort=True):
        table = claims_table(claims, party_names=party_names)
        table.insert(0, _("Instrument"), short.get(instrument, instrument))
        parts.append(table)
    return pd.concat(parts, ignore_index=True)


SUMMARY_ORDER = ("agrees", "differs", "partial_list", "undated", "not_in_atlas")  # the order of the sentence


def _status_count(status: str, n: int) -> str:
    """'**42** agree with the Atlas' (Markdown)."""
    if status == "agrees":
        text = ngettext("**{n}** agrees with the Atlas", "**{n}** agree with the Atlas", n)
    elif status == "differs":
        text = ngettext("**{n}** differs from it", "**{n}** differ from it", n)
    elif status == "partial_list":
        text = ngettext("**{n}** counts more parties than a list the Atlas marks as partial",
                        "**{n}** count more parties than a list the Atlas marks as partial", n)  # fmt: skip
    elif status == "undated":
        text = ngettext("**{n}** could only be settled by dates the Atlas lacks",
                        "**{n}** could only be settled by dates the Atlas lacks", n)  # fmt: skip
    else:
        text = ngettext("**{n}** has no value in the Atlas to compare with",
                        "**{n}** have no value in the Atlas to compare with", n)  # fmt: skip
    return text.format(n=number(n))


def status_summary(assessed: pd.DataFrame) -> str:
    """'**103** claims: **42** agree with the Atlas · **21** differ from it · …' (Markdown, our own words only)."""
    statuses = assessed["status"].value_counts()
    parts = [_status_count(s, int(statuses[s])) for s in SUMMARY_ORDER if statuses.get(s, 0)]
    return ngettext("**{n}** claim: {parts}.", "**{n}** claims: {parts}.", len(assessed)).format(
        n=number(len(assessed)), parts=" · ".join(parts)
    )


def dispute_counts(assessed: pd.DataFrame) -> tuple[int, int]:
    """How many facts, and of how many instruments, some source disputes."""
    disputes = disputed_facts(assessed)
    if disputes.empty:
        return 0, 0
    facts = disputes.drop_duplicates(["instrument_id", "party_id", "field", "action"])
    return len(facts), disputes["instrument_id"].nunique()
