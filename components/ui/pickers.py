"""Pickers for long lists (parties, instruments): short lists are sent whole and searched in the browser; a list
longer than SEARCH_ABOVE is searched on the server, so a page does not send thousands of options on every run.

A searched picker offers what is chosen, the matches of the last search and a few suggestions (the most used); a
name or code typed and entered with Enter is looked up among every option: one match is chosen, several are put at
the top of the list with a note to pick one, none gets a note with the closest names.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from components.data.i18n import _, ngettext
from components.model.atlas import Atlas, derived
from components.model.participation import party_names
from components.text import md
from components.ui.language import choose_language, number

SEARCH_ABOVE = int(os.environ.get("ATLAS_SEARCH_ABOVE", "400"))  # longer lists are searched on the server
OFFERED = 30  # suggestions offered by a searched picker before anything is typed
FOUND = 50  # matches of a search put at the top of its list


def searched(count: int) -> bool:
    """Whether a list of `count` options is searched on the server rather than sent whole."""
    return count > SEARCH_ABOVE


@dataclass(frozen=True)
class Catalogue:
    """Every option of a picker, with its label and what to suggest first."""

    ids: tuple[str, ...]  # in the order a full list shows them
    labels: dict[str, str]  # what the picker shows for each
    suggested: tuple[str, ...]  # offered before anything is typed (the most used first)
    noun: str = "item"
    plural: str = "items"
    _keys: list[tuple[str, str, str]] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self):
        for option in self.ids:
            name = self.labels.get(option, option).removesuffix(f" ({option})")  # "Brazil (BRA)": the name alone
            self._keys.append((option, option.casefold(), name.casefold()))

    @property
    def searched(self) -> bool:
        return searched(len(self.ids))

    def label(self, option: str) -> str:
        return self.labels.get(option, option)

    def _groups(self, text: str) -> tuple[list[str], list[str], list[str]]:
        """The options the text names exactly (code, name or "Name (code)"), those whose name or code starts with
        it, and those whose name contains it; any case, each in list order."""
        wanted = text.strip().casefold()
        exact, starts, contains = [], [], []
        if wanted:
            for option, code, name in self._keys:
                if wanted in (code, name) or wanted == f"{name} ({code})":
                    exact.append(option)
                elif name.startswith(wanted) or code.startswith(wanted):
                    starts.append(option)
                elif wanted in name:
                    contains.append(option)
        return exact, starts, contains

    def find(self, text: str) -> list[str]:
        """The options matching the text, exact ones first, then those starting with it, then the rest."""
        exact, starts, contains = self._groups(text)
        return exact + starts + contains

    def resolve(self, text: str) -> tuple[str | None, list[str], str]:
        """(the option the text names, or None; the options to offer instead; a note saying why none was chosen)."""
        exact, starts, contains = self._groups(text)
        found = exact + starts + contains
        if len(exact) == 1 or len(found) == 1:
            return (exact or found)[0], [], ""
        shown = md(text.strip())
        if found:
            return None, found[:FOUND], self._several(len(found), min(len(found), FOUND), shown)
        close = difflib.get_close_matches(text.strip().casefold(), [k[2] for k in self._keys], n=3, cutoff=0.6)
        by_name = {name: option for option, _code, name in self._keys}
        offered = [by_name[c] for c in close]
        hint = " " + _("Did you mean {names}?").format(names=", ".join(md(self.label(o)) for o in offered))
        return None, offered, self._none(shown) + (hint if offered else "")

    # Whole sentences per kind of option (a translator words "parties" and "instruments" differently, with their
    # genders), chosen by the noun; `text` is the typed text, escaped.
    def _several(self, count: int, first: int, text: str) -> str:
        if self.noun == "party":
            message = _("{count} parties match “{text}”: open the list and pick one (the first {first} are at its "
                        "top), or type more of the name.")  # fmt: skip
        elif self.noun == "instrument":
            message = _("{count} instruments match “{text}”: open the list and pick one (the first {first} are at its "
                        "top), or type more of the name.")  # fmt: skip
        else:
            message = _("{count} items match “{text}”: open the list and pick one (the first {first} are at its "
                        "top), or type more of the name.")  # fmt: skip
        return message.format(count=count, first=first, text=text)

    def _none(self, text: str) -> str:
        if self.noun == "party":
            return _("No party matches “{text}”.").format(text=text)
        if self.noun == "instrument":
            return _("No instrument matches “{text}”.").format(text=text)
        return _("No item matches “{text}”.").format(text=text)

    def search_placeholder(self) -> str:
        """What a searched picker says before anything is typed: how to search, and among how many."""
        count = len(self.ids)
        if self.noun == "party":
            message = ngettext("Type a name or code, then Enter ({count} party)",
                               "Type a name or code, then Enter ({count} parties)", count)  # fmt: skip
        elif self.noun == "instrument":
            message = ngettext("Type a name or code, then Enter ({count} instrument)",
                               "Type a name or code, then Enter ({count} instruments)", count)  # fmt: skip
        else:
            message = ngettext("Type a name or code, then Enter ({count} item)",
                               "Type a name or code, then Enter ({count} items)", count)  # fmt: skip
        return message.format(count=number(count))


def party_catalogue(atlas: Atlas, ids: Sequence[str]) -> Catalogue:
    """The parties, labelled "Name (code)", suggested by how many instruments they took part in."""
    names = party_names(atlas.parties)

    def build() -> Catalogue:
        used = atlas.participation["party_id"].value_counts()
        suggested = tuple(used.index[used.index.isin(list(ids))][:OFFERED])
        return Catalogue(tuple(ids), {p: f"{names.get(p, p)} ({p})" for p in ids}, suggested, "party", "parties")

    return derived(atlas, f"catalogue|parties|{len(ids)}|{ids[:1]}", build)


def instrument_catalogue(atlas: Atlas, ids: Sequence[str], labels: dict[str, str], name: str) -> Catalogue:
    """Instruments labelled by `labels` (short names), suggested by how many parties they have."""

    def build() -> Catalogue:
        used = atlas.participation["instrument_id"].value_counts()
        ranked = pd.Index(used.index)
        suggested = tuple(ranked[ranked.isin(list(ids))][:OFFERED])
        return Catalogue(tuple(ids), {i: labels.get(i, i) for i in ids}, suggested, "instrument", "instruments")

    return derived(atlas, f"catalogue|{name}|{len(ids)}|{ids[:1]}", build)


def _offered(catalogue: Catalogue, key: str, chosen: list[str]) -> list[str]:
    found = st.session_state.get(f"{key}__found") or []
    return list(dict.fromkeys([*chosen, *found, *catalogue.suggested]))


def _resolve(key: str, catalogue: Catalogue, multiple: bool, then: Callable[[], None] | None) -> None:
    """A searched picker's callback: each typed text becomes the option it names, or a note and a shorter list."""
    choose_language()  # a callback runs before the page's script sets the language (the notes are in it)
    state = st.session_state
    value = state.get(key)
    values = list(value or []) if multiple else ([value] if value is not None else [])
    kept, found, notes = [], [], []
    for v in values:
        if v in catalogue.labels:
            kept.append(v)
            continue
        match, offered, note = catalogue.resolve(str(v))
        if match is not None:
            kept.append(match)
        else:
            found.extend(offered)
            notes.append(note)
    if multiple:
        state[key] = list(dict.fromkeys(kept))
    else:  # a text that names no one option leaves the choice as it was
        state[key] = kept[0] if kept else state.get(f"{key}__was")
    state[f"{key}__found"] = list(dict.fromkeys(found))[:FOUND]
    if notes:
        state[f"{key}__note"] = " ".join(notes)
    if then is not None:
        then()


def _note(place, key: str) -> None:
    note = st.session_state.pop(f"{key}__note", None)
    if note:
        place.info(note, icon=":material/search:")


def pick_many(place, title: str, catalogue: Catalogue, key: str, *, placeholder: str, max_selections: int | None = None,
              on_change: Callable[[], None] | None = None, help: str | None = None, persist: bool = True) -> None:  # fmt: skip
    """A multiselect of the catalogue: the whole list when it is short, a searched one when it is long."""
    common = dict(key=key, max_selections=max_selections, help=help, select_all=False,
                  **({"persist_state": "session"} if persist else {}))  # fmt: skip
    if not catalogue.searched:
        place.multiselect(title, catalogue.ids, format_func=catalogue.label, placeholder=placeholder,
                          on_change=on_change, **common)  # fmt: skip
        return
    chosen = [v for v in st.session_state.get(key) or [] if v in catalogue.labels]
    place.multiselect(
        title, _offered(catalogue, key, chosen), format_func=catalogue.label, accept_new_options=True,
        placeholder=catalogue.search_placeholder(),
        on_change=_resolve, args=(key, catalogue, True, on_change), **common,
    )  # fmt: skip
    _note(place, key)


def pick_one(place, title: str, catalogue: Catalogue, key: str, *, placeholder: str,
             on_change: Callable[[], None] | None = None, help: str | None = None) -> None:  # fmt: skip
    """A selectbox of the catalogue (nothing chosen at first): whole when short, searched when long."""
    if not catalogue.searched:
        place.selectbox(title, catalogue.ids, key=key, index=None, format_func=catalogue.label,
                        placeholder=placeholder, on_change=on_change, help=help)  # fmt: skip
        return
    current = st.session_state.get(key)
    chosen = [current] if current in catalogue.labels else []
    st.session_state[f"{key}__was"] = chosen[0] if chosen else None
    place.selectbox(
        title, _offered(catalogue, key, chosen), key=key, index=None, format_func=catalogue.label,
        accept_new_options=True, help=help,
        placeholder=catalogue.search_placeholder(),
        on_change=_resolve, args=(key, catalogue, False, on_change),
    )  # fmt: skip
    _note(place, key)
