"""What changed: dated events (a signature, a ratification, a new instrument or institute, a renaming) and the
changes between data releases, as tables and as Atom and JSON feeds."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pandas as pd

from components.data.i18n import N_, _
from components.data.labels import label
from components.model.participation import party_names

FEED_TITLE = N_("AI Governance Atlas: what changed")  # shown as _(FEED_TITLE)
ATOM = "http://www.w3.org/2005/Atom"


def dated_events(instruments: pd.DataFrame, participation: pd.DataFrame, parties: pd.DataFrame,
                 institutes: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """One row per dated event, newest first: date, kind, party, instrument, what happened, source."""
    names = pd.Series(party_names(parties), dtype=object)  # a state's name in the view's language (CLDR)
    short = instruments.set_index("id")["short_name"]
    sentences = action_sentences()
    acts = participation[participation["date"].notna()]
    if "hypothetical" in acts:
        acts = acts[~acts["hypothetical"].astype(bool)]  # what-if actions are not events
    rows = [
        pd.DataFrame(
            {
                "date": acts["date"],
                "date_label": acts["date_label"],
                "kind": acts["action"].astype(str),
                "party_id": acts["party_id"].astype(str),
                "instrument_id": acts["instrument_id"].astype(str),
                "item": acts["instrument_id"].astype(str)
                + "/"
                + acts["party_id"].astype(str)
                + "/"
                + acts["action"].astype(str),
                "what": [
                    did(party, action, instrument, sentences)
                    for party, action, instrument in zip(
                        acts["party_id"].map(names).fillna(acts["party_id"]).astype(str),
                        acts["action"].astype(str),
                        acts["instrument_id"].map(short).fillna(acts["instrument_id"]).astype(str),
                        strict=True,
                    )
                ],
                "source_url": acts["source_url"],
            }
        ),
        pd.DataFrame(
            {
                "date": instruments["adopted"],
                "date_label": instruments["adopted_label"],
                "kind": "new instrument",
                "party_id": "",
                "instrument_id": instruments["id"],
                "item": instruments["id"],
                "what": [
                    _("{instrument} adopted ({legal_force})").format(instrument=name, legal_force=label(force))
                    for name, force in zip(
                        instruments["short_name"], instruments["legal_force"].astype(str), strict=True
                    )
                ],
                "source_url": instruments["source_url"],
            }
        ),
    ]
    founded = institutes[institutes["founded"].notna()]
    rows.append(
        pd.DataFrame(
            {
                "date": founded["founded"],
                "date_label": founded["founded_label"],
                "kind": "new institute",
                "party_id": founded["party_id"].astype(str),
                "instrument_id": "",
                "item": founded["id"],
                "what": [
                    _("{institute} founded").format(institute=name)
                    for name in founded["former_name"].where(founded["former_name"] != "", founded["name"])
                ],
                "source_url": founded["source_url"],
            }
        )
    )
    renamed = institutes[institutes["renamed"].notna()]
    rows.append(
        pd.DataFrame(
            {
                "date": renamed["renamed"],
                "date_label": renamed["renamed_label"],
                "kind": "renaming",
                "party_id": renamed["party_id"].astype(str),
                "instrument_id": "",
                "item": renamed["id"],
                "what": [
                    _("{former} renamed {name}").format(former=former, name=name)
                    for former, name in zip(renamed["former_name"], renamed["name"], strict=True)
                ],
                "source_url": renamed["source_url"],
            }
        )
    )
    table = pd.concat(rows, ignore_index=True)
    table = table[table["date"].notna()]
    repeat = table.groupby(["kind", "item"]).cumcount()  # the same party and action twice (rare): a second id
    table["item"] = table["item"].where(repeat == 0, table["item"] + "/" + (repeat + 1).astype(str))
    return table.sort_values(["date", "what"], ascending=[False, True]).reset_index(drop=True)


def action_sentences() -> dict[str, str]:
    """'{party} signed {instrument}': one sentence per action, in the view's language (for translators: whole
    sentences, so the verb can take the form and the preposition its language needs)."""
    return {
        "signed": _("{party} signed {instrument}"),
        "ratified": _("{party} ratified {instrument}"),
        "endorsed": _("{party} endorsed {instrument}"),
        "adhered": _("{party} adhered {instrument}"),
        "member": _("{party} member {instrument}"),
        "founding_member": _("{party} founding member {instrument}"),
        "observer": _("{party} observer {instrument}"),
        "co_sponsored": _("{party} co-sponsored {instrument}"),
        "adopted": _("{party} adopted {instrument}"),
        "committed": _("{party} committed {instrument}"),
        "withdrew": _("{party} withdrew from {instrument}"),
    }


def did(party: str, action: str, instrument: str, sentences: dict[str, str] | None = None) -> str:
    """'France signed the CoE AI Framework Convention' (`sentences`: action_sentences(), made once for many rows)."""
    template = (sentences or action_sentences()).get(action)
    if template is None:  # an action the schema adds later
        return f"{party} {label(action).lower()} {instrument}"
    return template.format(party=party, instrument=instrument)


def since(events: pd.DataFrame, start: dt.date, *, party: tuple[str, ...] = (),
          instrument: tuple[str, ...] = ()) -> pd.DataFrame:  # fmt: skip
    """Events on or after `start`, for the given parties and instruments (none given: all)."""
    keep = events["date"] >= pd.Timestamp(start)
    if party:
        keep &= events["party_id"].isin(party)
    if instrument:
        keep &= events["instrument_id"].isin(instrument)
    return events[keep]


def _entry_id(row, link: str) -> str:
    """A permanent IRI for an event: the feed's link, the event's kind and what it is about (no date, so that a
    corrected date updates the entry rather than adding another)."""
    parts = [row.kind, *row.item.split("/")]
    return f"{link}#event/" + "/".join(quote(part, safe="") for part in parts)


def _when(value: pd.Timestamp) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%dT00:00:00Z")


def atom_feed(events: pd.DataFrame, *, link: str, updated: dt.date, selection: str = "") -> bytes:
    """An Atom 1.0 feed (RFC 4287) of the events: one entry each, linking to its source. `selection` (e.g.
    'party=BRA&since=2025-03') names a filtered feed, which gets its own feed id."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed_id = f"{link}#changes" + (f"?{quote(selection, safe='=&,')}" if selection else "")
    for tag, text in (("title", _(FEED_TITLE)), ("id", feed_id), ("updated", _when(pd.Timestamp(updated)))):
        ET.SubElement(feed, f"{{{ATOM}}}{tag}").text = text
    ET.SubElement(feed, f"{{{ATOM}}}link", href=link, rel="alternate")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "AI Governance Atlas"
    for row in events.itertuples():
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _entry_id(row, link)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{row.date_label}: {row.what}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _when(row.date)
        ET.SubElement(entry, f"{{{ATOM}}}link", href=row.source_url, rel="alternate")  # the source of the fact
        content = ET.SubElement(entry, f"{{{ATOM}}}content", type="text")
        content.text = _("{kind}: {what} (date {date}; source {source})").format(
            kind=row.kind, what=row.what, date=row.date_label, source=row.source_url
        )
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def json_feed(events: pd.DataFrame, *, link: str) -> bytes:
    """A JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the events."""
    items = [
        {
            "id": _entry_id(row, link),
            "title": f"{row.date_label}: {row.what}",
            "content_text": _("{kind}: {what} (date {date})").format(kind=row.kind, what=row.what, date=row.date_label),
            "external_url": row.source_url,
            "date_published": _when(row.date),
            "tags": [t for t in (row.kind, row.party_id, row.instrument_id) if t],
        }
        for row in events.itertuples()
    ]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _(FEED_TITLE),
        "home_page_url": link,
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")
