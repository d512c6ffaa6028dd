"""The page frame: the view's filters and options read from the address (and written back), the sidebar, notices
about the address, a tour step's header, and the view's content built once per filter state (shared by sessions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from components.content.base import Context, ViewContent
from components.content.registry import View
from components.content.registry import view as view_named
from components.data.i18n import CODES, _, language, ngettext
from components.model.atlas import Atlas, data_dir_from_env
from components.model.filters import Filters, Slice, describe, slice_of
from components.model.participation import party_names, short_names
from components.model.query import ViewParam, Vocabulary, listed, parse_query, to_query
from components.model.releases import available
from components.text import md
from components.ui import probe
from components.ui.pickers import instrument_catalogue, pick_many, searched
from components.ui.sidebar import asof_banner, filter_panel_later, filters_from_state, fit_state_to, state_from
from components.ui.source import atlas_and_key

T = TypeVar("T")
MAX_NOTICES = 5  # a URL with thousands of bad parameters gets five notices and a count, not thousands
LAYOUT = ViewParam("layout", ("brief", "present"), default=())
LANG = ViewParam("lang", CODES, default=())  # the view's language (components/data/i18n.py); the address only
STEP = ViewParam("step", tuple(str(n) for n in range(1, 51)), default=())


@dataclass
class Frame:
    """What a page works with: its view, the dataset, the filters and options from the URL, and the filtered slice."""

    page: View
    atlas: Atlas
    filters: Filters
    options: dict[str, tuple[str, ...]]  # the view's own options, and layout, tour, step and v
    slice: Slice
    query: dict[str, str]
    data_key: str  # which package: its folder and its files' names, sizes and modification times

    @property
    def names(self) -> dict[str, str]:
        """Party id -> name."""
        return party_names(self.atlas.parties)

    @property
    def short(self) -> dict[str, str]:
        """Instrument id -> short name (for the labels of the view's own controls)."""
        return self.context.short

    @property
    def subtitle(self) -> str:
        """The active filters (and any scenario) in words, for chart subtitles."""
        return describe(self.filters, self.slice.asof, self.names)

    @property
    def brief(self) -> bool:
        """Briefing or presentation layout (?layout=brief|present) of a filtered view: charts only, no controls. (A
        page without filters, a whole table or list as published, shows itself whole; app.py hides the chrome.)"""
        return self.page.filtered and self.options.get("layout") in (("brief",), ("present",))

    @property
    def narrow(self) -> bool:
        """A narrow column (a phone, a tablet with the sidebar open, a narrowed window: measured in the browser, first
        guessed from the user agent; components/ui/probe): charts are laid out for ~360 px (components/charts/narrow)."""
        return probe.narrow()

    @property
    def present(self) -> bool:
        """Presentation layout (?layout=present): a projector."""
        return self.page.filtered and self.options.get("layout") == ("present",)

    @property
    def tour_step(self):
        """(tour, step number) when the page shows a step of a known tour, else None."""
        tour_id = (self.options.get("tour") or ("",))[0]
        tour = _tours().get(tour_id)
        if tour is None:
            return None
        number = min(max(int((self.options.get("step") or ("1",))[0]), 1), len(tour.steps))
        if tour.steps[number - 1].view != self.page.name:  # a step's address on another view: the whole page
            return None
        return tour, number

    @property
    def context(self) -> Context:
        return Context(self.atlas, self.filters, self.slice)

    @property
    def content(self) -> ViewContent:
        """The view's content for these filters and options, built once and shared by every session."""
        own = {p.name for p in self.page.params(self.atlas)}
        options = {k: v for k, v in self.options.items() if k in own}
        # today is part of the key: a view may say how old its rows are (the overview, freshness); a view that reads
        # a file besides the dataset (freshness: the link-check report) says which, and when it was written
        stamp = getattr(self.page.content(), "stamp", lambda: None)()
        return memo(self, f"build:{self.page.name}", lambda: self.page.build(self.atlas, self.filters, options),
                    tuple(sorted(options.items())), dt.date.today(), stamp)  # fmt: skip


# Cached functions take their key as one string: Streamlit hashes a string at once, while hashing a dataclass or
# nested tuples walks them value by value (~20 ms a page run when this used Filters objects as arguments).
@st.cache_resource(show_spinner=False, max_entries=512)
def _memo(name: str, key: str, _compute: Callable[[], T]) -> T:
    return _compute()


def memo(frame: Frame, name: str, compute: Callable[[], T], *options) -> T:
    """compute() once per package, filter state and view options (`options`), shared by every session.

    `name` says what is computed; anything else the computation reads must be in `options`. The result is shared,
    so it is never modified: the chart renderer copies a figure before changing it.
    """
    return _memo(name, f"{frame.data_key}|{frame.filters!r}|{options!r}|{language()}", compute)


@st.cache_resource(show_spinner=False)
def _tours() -> dict:  # one for every language: a tour gives its texts in the view's language when they are read
    from components.content.tours import load_tours

    tours, _problems = load_tours()
    return tours


def _raw_query() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def page_frame(name: str) -> Frame:
    """Render the shared filter panel (kept in the URL) and return the page's Frame.

    The URL is the source of truth when a page is opened; afterwards the widgets are, and every change is written
    back to the URL so that copying the address bar reproduces the view.
    """
    page = view_named(name)
    atlas, data_key = atlas_and_key()
    tours = _tours()
    tour_param = ViewParam("tour", tuple(tours), default=())
    params = (*page.params(atlas), LAYOUT, LANG, tour_param, STEP, _releases())
    vocabulary = Vocabulary.of(atlas)
    raw = _raw_query()
    parsed = parse_query(raw, vocabulary, params)
    url_query = to_query(parsed.filters, parsed.view, params)
    first_run = "f_asof" not in st.session_state
    if first_run or (raw and url_query != st.session_state.get("_written_query")):
        st.session_state.update(state_from(parsed.filters, vocabulary))
        for param in params:
            st.session_state[f"v_{param.name}"] = _widget_value(param, parsed.view[param.name])
    for param in (LAYOUT, LANG, tour_param, STEP):  # layout, language, tour and step come from the address only, not a
        st.session_state[f"v_{param.name}"] = _widget_value(param, parsed.view[param.name])  # page seen before
    fit_state_to(vocabulary)
    _fit_options(params)
    filter_panel_later(atlas, vocabulary, party=not page.picker)

    filters = filters_from_state(vocabulary)
    options = {param.name: _view_value(param, st.session_state[f"v_{param.name}"]) for param in params}
    query = to_query(filters, options, params)
    # Write the address back when it differs from what the page understood (this also drops what was not understood,
    # after the notice below), and when a link to this same page brought a new address: Streamlit does not show
    # that one in the address bar itself (a tour's next step on the same view kept the previous step's address).
    moved = bool(raw) and st.session_state.get("_written_query") not in (None, query)
    if moved or query != {name: ",".join(values) for name, values in raw.items()}:
        st.query_params.from_dict(query)
    st.session_state["_written_query"] = query
    _address_notices(parsed.notices)
    if not (page.filtered and options.get("layout") in (("brief",), ("present",))):  # a briefing picture stays clean
        asof_banner(filters, vocabulary)
    if filters.whatif:
        from components.model.scenario import describe_scenario

        short = short_names(atlas.instruments)
        st.warning(
            _(
                "**SCENARIO** — {scenario}. These actions are hypothetical: they are not in the data, and every chart and "
                "export of this view is labelled SCENARIO. Clear them under *What-if* in the sidebar."
            ).format(scenario=md(describe_scenario(filters.whatif, party_names(atlas.parties), short))),
            icon=":material/science:",
        )
    if options.get("tour") and options["tour"][0] in tours:
        from components.ui.tours import step_header

        step_header(tours[options["tour"][0]], int((options.get("step") or ("1",))[0]))  # its footer: render()
    return Frame(page=page, atlas=atlas, filters=filters, options=options, slice=slice_of(atlas, filters),
                 query=query, data_key=data_key)  # fmt: skip


def plain_frame(name: str) -> Frame:
    """The frame of a page without filters (it shows the whole dataset): its own options (and the release) are read
    from the address and kept there; every other parameter is named in one notice and dropped from the address."""
    page = view_named(name)
    atlas, data_key = atlas_and_key()
    params = (*page.params(atlas), LAYOUT, LANG, _releases())
    names = {p.name for p in params}
    unknown = [key for key in st.query_params if key not in names]
    if unknown:
        st.warning(_("This page has no filters in its address: {names} ignored.").format(names=listed(unknown)),
                   icon=":material/link_off:")  # fmt: skip
        for key in unknown:
            del st.query_params[key]
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = parse_query(raw, Vocabulary.of(atlas), params)
    _address_notices(parsed.notices)
    if raw and to_query(Filters(), parsed.view, params) != st.session_state.get(f"_written_{name}"):
        for param in params:
            st.session_state[f"v_{param.name}"] = _widget_value(param, parsed.view[param.name])
    st.session_state["v_layout"] = _widget_value(LAYOUT, parsed.view["layout"])  # from the address only
    st.session_state["v_lang"] = _widget_value(LANG, parsed.view["lang"])
    _fit_options(params)
    options = {param.name: _view_value(param, st.session_state[f"v_{param.name}"]) for param in params}
    query = to_query(Filters(), options, params)
    if query != {key: ",".join(values) for key, values in raw.items()}:
        st.query_params.from_dict(query)  # also drops a bad value, after its notice
    st.session_state[f"_written_{name}"] = query
    return Frame(page=page, atlas=atlas, filters=Filters(), options=options, slice=slice_of(atlas, Filters()),
                 query=query, data_key=data_key)  # fmt: skip


def _releases() -> ViewParam:
    return ViewParam("v", tuple(available(data_dir_from_env())), default=())


def _address_notices(notices: list[str]) -> None:
    """What the address held that was not understood: at most MAX_NOTICES notices, then a count. The address is
    rewritten without it, so a browser's first run keeps them for the run that brings the controls (probe.py), which
    would otherwise drop them from the page a second after they were shown."""
    kept = "_address_notices_kept"
    if notices and probe.controls_wait():
        st.session_state[kept] = list(notices)
    elif not notices:
        notices = st.session_state.pop(kept, []) if probe.panel_came() else []
    for notice in notices[:MAX_NOTICES]:
        st.warning(notice, icon=":material/link_off:")
    if len(notices) > MAX_NOTICES:
        more = len(notices) - MAX_NOTICES
        st.warning(ngettext("… and {n} more problem in the address, also ignored.",
                            "… and {n} more problems in the address, also ignored.", more).format(n=more),
                   icon=":material/link_off:")  # fmt: skip


def _fit_options(params: tuple[ViewParam, ...]) -> None:
    """Keep each option's widget state inside this view's choices: an option of the same name on another page (the
    instruments of Signatories, Overlap and What changed) may hold values, or more of them, that this one does not
    take."""
    state = st.session_state
    for param in params:
        key = f"v_{param.name}"
        if key not in state:
            state[key] = _widget_value(param, param.default)
        elif param.multiple:
            value = list(state[key] or [])
            kept = [v for v in value if v in param.options][: param.max_items or None]
            if kept != value:
                state[key] = kept
        elif state[key] is not None and state[key] not in param.options:
            state[key] = _widget_value(param, param.default)


def _widget_value(param: ViewParam, value: tuple[str, ...]):
    """What the widget for a view parameter holds: a list for several values, one value (or None) otherwise."""
    return list(value) if param.multiple else (value[0] if value else None)


def _view_value(param: ViewParam, value) -> tuple[str, ...]:
    if param.multiple:
        return tuple(value or ())
    return (value,) if value else param.default


def view_threshold(frame: Frame, name: str, title: str, choices: tuple[str, ...], *, help=None) -> None:
    """A page's own numeric option as a slider over the choices its content offers (e.g. 1 to n peers); a value
    beyond them (another party with fewer peers) moves to the nearest end."""
    if frame.brief:
        return
    key = f"v_{name}"
    if st.session_state.get(key) not in choices:
        value = st.session_state.get(key)
        st.session_state[key] = (
            choices[-1] if value and value.isdigit() and int(value) > int(choices[-1]) else choices[0]
        )
    st.select_slider(title, choices, key=key, help=help, persist_state="session")


def option(frame: Frame, name: str) -> ViewParam:
    """One of the view's own options, as declared by its content module."""
    return next(p for p in frame.page.params(frame.atlas) if p.name == name)


def view_control(frame: Frame, name: str, title: str, *, labels: dict[str, str] | None = None, container=None,
                 help=None):  # fmt: skip
    """A page's own option (lanes, axis, measure, selected instruments), kept in the URL like the filters."""
    param = option(frame, name)
    target = container or st

    def format_func(value):  # plain text in a multiselect
        return (labels or {}).get(value, value)

    def markdown_label(value):  # segmented controls read Markdown in their labels; data text must not be
        return md(format_func(value))

    key = f"v_{param.name}"
    if frame.brief:  # no controls on a brief or a projector
        return
    if param.multiple and searched(len(param.options)):  # instruments at scale: searched on the server
        catalogue = instrument_catalogue(frame.atlas, param.options, labels or {}, f"{frame.page.name}:{param.name}")
        pick_many(target, title, catalogue, key, placeholder=_("Choose instruments"), max_selections=param.max_items,
                  help=help)  # fmt: skip
    elif param.multiple:
        target.multiselect(
            title, param.options, key=key, format_func=format_func, max_selections=param.max_items, help=help,
            persist_state="session",
        )  # fmt: skip
    else:
        target.segmented_control(
            title, param.options, key=key, format_func=markdown_label, help=help, persist_state="session"
        )
