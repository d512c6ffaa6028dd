"""What-if scenarios: hypothetical actions laid over the real participation, never written into the data.

A scenario is a tuple of 'PARTY:instrument:action' items (kept in the URL as `whatif=`). Its rows carry
hypothetical=True so every view and export can mark them.
"""

from __future__ import annotations

import pandas as pd
import yaml

from components.data.i18n import N_, _

SCENARIO_LABEL = N_("SCENARIO")  # shown as _(SCENARIO_LABEL)


def scenario_rows(items: tuple[str, ...], atlas, asof: pd.Timestamp) -> pd.DataFrame:
    """Participation rows for the hypothetical actions, dated on the view's as-of date and marked hypothetical (their
    date and note in the view's language)."""
    base = atlas.participation
    note = _("{label}: hypothetical action, not in the data").format(label=_(SCENARIO_LABEL))
    rows = []
    for item in items:
        party, instrument, action = item.split(":")
        rows.append(
            {
                "instrument_id": instrument,
                "party_id": party,
                "action": action,
                "date": asof,
                "date_by": asof,
                "date_label": _("hypothetical"),
                "evidence": None,
                "source_url": "",
                "checked": asof,
                "checked_label": "",
                "notes": note,
                "hypothetical": True,
            }
        )
    frame = pd.DataFrame(rows, columns=base.columns)
    for column in ("action", "evidence"):
        frame[column] = pd.Categorical(frame[column], categories=base[column].cat.categories)
    frame["hypothetical"] = True
    return frame


def describe_scenario(items: tuple[str, ...], party_names: dict[str, str], short_names: dict[str, str]) -> str:
    """'India signed CoE AI Framework Convention; United States withdrew from …' for banners and subtitles."""
    from components.model.changes import action_sentences, did

    sentences = action_sentences()
    parts = []
    for item in items:
        if item.count(":") != 2:
            parts.append(item)  # not PARTY:instrument:action; the URL parser reports it
            continue
        party, instrument, action = item.split(":")
        parts.append(did(party_names.get(party, party), action, short_names.get(instrument, instrument), sentences))
    return "; ".join(parts)


def scenario_yaml(items: tuple[str, ...]) -> str:
    """A small YAML file to share a scenario (the same content as the URL's whatif parameter)."""
    actions = [dict(zip(("party", "instrument", "action"), item.split(":"), strict=True)) for item in items]
    return yaml.safe_dump({"scenario": actions}, sort_keys=False)


def read_scenario_yaml(text: str) -> tuple[str, ...]:
    """The items of a scenario YAML file; ValueError naming the first malformed action.

    Ids and actions are checked later by the URL parser (with notices); here only the shape: a `scenario` list of
    mappings whose party, instrument and action are single words of text.
    """
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError) as exc:
        raise ValueError(_("not readable YAML ({error})").format(error=type(exc).__name__)) from exc
    actions = data.get("scenario") if isinstance(data, dict) else None
    if not isinstance(actions, list):
        raise ValueError(_("the file has no 'scenario' list"))
    items = []
    for number, action in enumerate(actions, start=1):
        values = [action.get(key) for key in ("party", "instrument", "action")] if isinstance(action, dict) else []
        if len(values) != 3 or not all(isinstance(v, str) and v and not set(v) & set(":, ") for v in values):
            raise ValueError(_("action {number} needs a party, an instrument and an action (single words)").format(
                number=number))  # fmt: skip
        items.append(":".join(values))
    return tuple(items)
