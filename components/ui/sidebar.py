"""The sidebar's shared filters and what-if panel, and their state: read from the address on a page's first run,
held by the widgets afterwards (components/ui/frame.py writes them back to the address)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.data.dates import in_words
from components.data.i18n import N_, _, collation_key
from components.data.labels import data_label, label
from components.model.atlas import Atlas, data_dir_from_env, derived
from components.model.filters import CHOICES, Filters
from components.model.participation import party_names, short_names
from components.model.query import Vocabulary, code_span
from components.model.releases import available
from components.text import md
from components.ui.language import choose_language, number
from components.ui.pickers import instrument_catalogue, party_catalogue, pick_many, pick_one
from components.ui.source import release_shown

LISTS = {name: title for name, title in CHOICES.items() if name != "party"}  # the party picker is set apart
GROUP_LABELS = {
    "G77": N_("Group of 77 (Global South)"),
    "AU": N_("African Union"),
    "EU": N_("European Union"),
    "CoE": N_("Council of Europe"),
}


def group_label(value: str) -> str:
    """A grouping as the filter names it: 'Group of 77 (Global South)', else its label ('OECD', 'OCDE')."""
    return _(GROUP_LABELS[value]) if value in GROUP_LABELS else label(value)


def data_caption(atlas: Atlas) -> None:
    """In the sidebar: the data's as-of date and release, and a warning when the address names an older release."""
    with st.sidebar:
        release = release_shown()
        latest = (available(data_dir_from_env()) or [None])[-1]
        if release and release != latest:
            st.warning(_("Showing the data of release **{release}**, not the latest ({latest}). Remove `v=` from the "
                         "address for the latest.").format(release=release, latest=latest), icon=":material/history:")  # fmt: skip
        if release:
            st.caption(
                _("Data as of **{date}** · release {release}").format(date=in_words(atlas.asof), release=release)
            )
        else:
            st.caption(_("Data as of **{date}** · version {version} with later changes").format(
                date=in_words(atlas.asof), version=atlas.version))  # fmt: skip


def by_name(atlas: Atlas) -> list[str]:
    """The party ids in the order of their names (Afghanistan, Albania, …), not of their codes; once per dataset."""
    names = party_names(atlas.parties)
    return derived(atlas, "parties_by_name",
                   lambda: sorted(atlas.parties["id"], key=lambda pid: (collation_key(names.get(pid, pid)), pid)))  # fmt: skip


def party_picker(atlas: Atlas, *, title: str | None = None) -> None:
    """The party filter: a searchable list of every party, by name (type to search; Enter or a click picks)."""
    pick_many(st, title or _(CHOICES["party"]), party_catalogue(atlas, by_name(atlas)), "f_party",
              placeholder=_("Search a country, organisation or company"))  # fmt: skip


def _one_and_more() -> None:
    state = st.session_state
    chosen = ([state["f_party_one"]] if state.get("f_party_one") else []) + list(state.get("f_party_more") or [])
    state["f_party"] = list(dict.fromkeys(chosen))


def party_select(atlas: Atlas, *, most: int = 4) -> None:
    """The party filter on a page about one party: a searchable list that closes once a party is chosen (type its
    name, Enter), and a second one for up to `most` - 1 parties to compare with it. Both write `f_party`."""
    state = st.session_state
    chosen = list(state.get("f_party") or [])
    state["f_party_one"] = chosen[0] if chosen else None
    state["f_party_more"] = chosen[1:most]
    catalogue = party_catalogue(atlas, by_name(atlas))
    one, more = st.columns(2)
    pick_one(one, _("Party"), catalogue, "f_party_one", on_change=_one_and_more,
             placeholder=_("Search a country, organisation or company"))  # fmt: skip
    pick_many(more, _("Compare with (up to {n})").format(n=most - 1), catalogue, "f_party_more",
              on_change=_one_and_more, max_selections=most - 1, placeholder=_("Add parties to compare"),
              persist=False)  # fmt: skip


LATER = "_sidebar_later"  # in the session state: the filter panel, to be drawn once the page's content is sent


def filter_panel_later(atlas: Atlas, vocabulary: Vocabulary, *, party: bool = True) -> None:
    """Keep the filter panel's place at the top of the sidebar, and draw it after the page (app.py calls
    `draw_later`), so the browser gets the page's first chart before two dozen widgets. The filters are read from
    the session state either way: the widgets hold what they showed last."""
    from components.ui.probe import panel_now

    place = st.sidebar.container()
    if not panel_now():  # a browser's first run: the panel once the first chart is drawn (components/ui/probe.py)
        place.caption(_("Loading the filters…"))
        return
    st.session_state[LATER] = lambda: filter_panel(atlas, vocabulary, party=party, place=place)


def draw_later() -> None:
    """Draw what a page left for after its content (the filter panel), if anything."""
    later = st.session_state.pop(LATER, None)
    if later is not None:
        later()


def filter_panel(atlas: Atlas, vocabulary: Vocabulary, *, party: bool = True, place=None) -> None:
    """The shared filters, a reset button and the what-if panel, in the sidebar or `place` in it (the party picker
    too, unless the page shows it itself: `party=False`)."""
    with place if place is not None else st.sidebar:
        st.markdown(_("**Filters**"))
        asof_field(vocabulary)
        st.slider(
            _("Adopted between"), vocabulary.first.year, vocabulary.last.year, key="f_years", persist_state="session"
        )
        for name, title in LISTS.items():
            st.multiselect(
                _(title),  # model/filters.CHOICES
                getattr(vocabulary, name),
                key=f"f_{name}",
                format_func=group_label if name == "group" else (label if name != "forum" else data_label),
                placeholder=_("All"),
                persist_state="session",
            )
        if party:
            party_picker(atlas)
        st.button(
            _("Reset filters"), on_click=reset, args=(vocabulary,), width="stretch", icon=":material/restart_alt:",
            key="reset_filters",
        )  # fmt: skip
        _whatif_panel(atlas, vocabulary)


ASOF_HELP = N_("Show the landscape as it stood on this date: instruments adopted, actions taken and institutes "
               "founded by then, under the names they had then. Type a date (YYYY-MM-DD) and press Enter, or pick one "
               "from the calendar. Empty: the latest data.")  # fmt: skip


def parse_day(text: str) -> dt.date | None:
    """'2024-01-01', '2024/01/01' or '2024.01.01' as a date; '' as None (the latest data). ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    parts = text.replace("/", "-").replace(".", "-").split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(text)
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


def _asof_typed(first: dt.date, last: dt.date) -> None:
    """The typed date, applied when Enter is pressed or the field is left; a wrong one is named and changes nothing."""
    choose_language()  # a callback runs before the page's script sets the language
    state = st.session_state
    text = state.get("f_asof_text") or ""
    try:
        day = parse_day(text)
    except ValueError:
        state["asof_problem"] = _("{text} is not a date. Type it as YYYY-MM-DD, for example 2024-01-01; the view stays "
                                  "as it was.").format(text=code_span(text.strip()))  # fmt: skip
        return
    if day is not None and not first <= day <= last:
        state["asof_problem"] = _("The data runs from {first} to {last}: {day} is outside it, so the view shows "
                                  "{shown}.").format(first=first.isoformat(), last=last.isoformat(), day=day.isoformat(),
                                                     shown=min(max(day, first), last).isoformat())  # fmt: skip
        day = min(max(day, first), last)
    state["f_asof"] = day or last


def _asof_picked(last: dt.date) -> None:
    st.session_state["f_asof"] = st.session_state.get("f_asof_calendar") or last


def asof_field(vocabulary: Vocabulary) -> None:
    """The 'As of' date: a text field that applies on Enter (Streamlit 1.67's date field applies only when another
    element is clicked, not on Enter or Tab), and a calendar beside it. Both write `f_asof`, the filter's state."""
    state = st.session_state
    first, last = vocabulary.first, vocabulary.last
    current = state.get("f_asof") or last
    if "asof_problem" not in state:  # keep a wrong entry in the field while its problem is shown
        state["f_asof_text"] = current.isoformat()
    state["f_asof_calendar"] = current
    field, calendar = st.columns([3, 2], vertical_alignment="bottom")
    field.text_input(_("As of"), key="f_asof_text", on_change=_asof_typed, args=(first, last), help=_(ASOF_HELP),
                     placeholder=_("YYYY-MM-DD"), max_chars=12)  # fmt: skip
    picker = calendar.popover(
        _("Pick"),
        icon=":material/calendar_month:",
        help=_("Pick the date from a calendar"),
        key="f_asof_calendar_open",
        on_change="rerun",
    )  # drawn when opened
    if picker.open:
        picker.date_input(_("As of"), key="f_asof_calendar", min_value=first, max_value=last, format="YYYY-MM-DD",
                      on_change=_asof_picked, args=(last,))  # fmt: skip
    problem = state.pop("asof_problem", None)
    if problem:
        st.error(problem, icon=":material/event_busy:")


def state_from(filters: Filters, vocabulary: Vocabulary) -> dict:
    state = {f"f_{name}": list(getattr(filters, name)) for name in CHOICES}
    state["f_years"] = (
        filters.start.year if filters.start else vocabulary.first.year,
        filters.end.year if filters.end else vocabulary.last.year,
    )
    state["f_asof"] = filters.asof or vocabulary.last
    state["f_whatif"] = list(filters.whatif)
    state["_exact_range"] = (filters.start, filters.end)  # the slider holds years; keep the URL's exact days
    return state


def filters_from_state(vocabulary: Vocabulary) -> Filters:
    state = st.session_state
    first, last = state["f_years"]
    asof = state["f_asof"]  # None when the user cleared the box: the data's as-of date
    exact_start, exact_end = state.get("_exact_range", (None, None))
    start = exact_start if exact_start and exact_start.year == first else dt.date(first, 1, 1)
    end = exact_end if exact_end and exact_end.year == last else dt.date(last, 12, 31)
    return Filters(
        start=start if start != dt.date(vocabulary.first.year, 1, 1) else None,
        end=end if end != dt.date(vocabulary.last.year, 12, 31) else None,
        asof=asof if asof and asof != vocabulary.last else None,
        **{name: tuple(state[f"f_{name}"]) for name in CHOICES},
        whatif=tuple(state.get("f_whatif", [])),
    )


def _add_whatif() -> None:
    state = st.session_state
    item = f"{state['w_party']}:{state['w_instrument']}:{state['w_action']}"
    if state.get("w_party") and state.get("w_instrument") and item not in state["f_whatif"]:
        state["f_whatif"] = [*state["f_whatif"], item]


MAX_SCENARIO_BYTES = 100_000  # a scenario of a few hundred actions; YAML parsing of megabytes would stall a rerun


def _load_whatif() -> None:
    from components.model.scenario import read_scenario_yaml

    choose_language()  # a callback runs before the page's script sets the language
    uploaded = st.session_state.get("w_file")
    if uploaded is not None:
        data = uploaded.getvalue()
        if len(data) > MAX_SCENARIO_BYTES:
            st.session_state["w_error"] = _("{name} is {size} bytes; a scenario file is at most {limit}.").format(
                name=md(uploaded.name), size=number(len(data)), limit=number(MAX_SCENARIO_BYTES)
            )
            return
        try:
            st.session_state["f_whatif"] = list(read_scenario_yaml(data.decode("utf-8")))
        except ValueError as exc:  # a malformed scenario (UnicodeDecodeError and YAMLError included)
            st.session_state["w_error"] = _(
                "{name} is not a scenario file (YAML with a 'scenario' list): {problem}."
            ).format(name=md(uploaded.name), problem=md(exc))
        except Exception:  # anything else a crafted file could raise: the same notice, and the scenario kept
            st.session_state["w_error"] = _("{name} is not a scenario file (YAML with a 'scenario' list).").format(
                name=md(uploaded.name)
            )


def _whatif_panel(atlas: Atlas, vocabulary: Vocabulary) -> None:
    """Sidebar controls to add hypothetical actions, share them as YAML, or clear them."""
    from components.model.scenario import describe_scenario, scenario_yaml

    names = party_names(atlas.parties)
    short = short_names(atlas.instruments)
    st.session_state.setdefault("f_whatif", [])
    panel = st.expander(_("What-if scenario"), icon=":material/science:", expanded=bool(st.session_state["f_whatif"]),
                        key="whatif_open", on_change="rerun")  # fmt: skip
    if not panel.open:  # its lists of every party and instrument are sent only when it is opened
        return
    with panel:
        pick_one(st, _("Party"), party_catalogue(atlas, by_name(atlas)), "w_party", placeholder=_("Choose a party"))
        pick_one(st, _("Instrument"), instrument_catalogue(atlas, vocabulary.instrument, short, "whatif"),
                 "w_instrument", placeholder=_("Choose an instrument"))  # fmt: skip
        st.selectbox(_("Action"), vocabulary.action, key="w_action", format_func=label,
                     index=list(vocabulary.action).index("signed") if "signed" in vocabulary.action else 0)  # fmt: skip
        st.button(_("Add to the scenario"), on_click=_add_whatif, key="w_add", width="stretch")
        items = tuple(st.session_state["f_whatif"])
        if items:
            st.caption(md(describe_scenario(items, names, short)))
            st.download_button(_("Share as YAML"), data=scenario_yaml(items), file_name="atlas-scenario.yaml",
                               mime="application/x-yaml", key="w_download", on_click="ignore")  # fmt: skip
            if st.button(_("Clear the scenario"), key="w_clear", width="stretch"):
                st.session_state["f_whatif"] = []
                st.rerun()
        st.file_uploader(_("Load a scenario file"), type=["yaml", "yml"], key="w_file", on_change=_load_whatif)
        if st.session_state.get("w_error"):
            st.error(st.session_state.pop("w_error"))


def fit_state_to(vocabulary: Vocabulary) -> None:
    """Keep widget state inside what this package offers (a session may switch to an uploaded package)."""
    state = st.session_state
    asof = state.get("f_asof")
    if asof is not None and not vocabulary.first <= asof <= vocabulary.last:
        state["f_asof"] = vocabulary.last
    first, last = state.get("f_years", (vocabulary.first.year, vocabulary.last.year))
    low, high = vocabulary.first.year, vocabulary.last.year
    state["f_years"] = (min(max(first, low), high), max(min(last, high), low))
    for name in CHOICES:
        allowed = set(getattr(vocabulary, name))
        state[f"f_{name}"] = [v for v in state.get(f"f_{name}", []) if v in allowed]


def reset(vocabulary: Vocabulary) -> None:
    st.session_state.update(state_from(Filters(), vocabulary))


def to_latest(vocabulary: Vocabulary) -> None:
    st.session_state["f_asof"] = vocabulary.last


def asof_banner(filters: Filters, vocabulary: Vocabulary) -> None:
    """Whenever the view is not at the data's latest date, say so, with a one-click return."""
    if not filters.asof:
        return
    text, back = st.columns([4, 1], vertical_alignment="center")
    text.info(
        _(
            "Viewing the Atlas **as of {date}**: the instruments, actions and institutes recorded up to that day. The "
            "data goes to {last}."
        ).format(date=in_words(filters.asof), last=in_words(vocabulary.last)),
        icon=":material/history:",
    )
    back.button(_("Latest data"), on_click=to_latest, args=(vocabulary,), key="asof_latest",
                icon=":material/update:", width="stretch")  # fmt: skip
