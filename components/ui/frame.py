"""The one bridge to Streamlit: the cached loader and the way data problems are shown on a page."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.data.labels import label
from components.data.schema import read_package
from components.data.validate import DataPackageError, Problem
from components.model.atlas import Atlas, data_dir_from_env, load_atlas
from components.model.filters import Filters, Slice, apply_filters
from components.model.participation import party_names
from components.model.query import ViewParam, Vocabulary, parse_query, to_query
from components.model.releases import available, release_path, same_as_release
from components.text import md, md_link

T = TypeVar("T")


def _fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the package's files: a changed file reloads the data."""
    if not data_dir.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in data_dir.iterdir() if p.is_file()))


# The dataset and its filtered slices are cached as shared, read-only objects (cache_resource), not pickled copies
# (cache_data): unpickling them on every rerun cost ~8 ms a time. Views and components never modify them in place
# (tests/test_ui_cache.py checks that a page run leaves them unchanged).
@st.cache_resource(show_spinner="Loading and checking the data…", max_entries=4)
def _cached_atlas(data_dir: str, key: str) -> Atlas:
    own = Path(data_dir) / "datapackage.yaml"  # a release carries its own descriptor (its version, its schema)
    return load_atlas(data_dir, read_package(Path(data_dir)) if own.exists() else None)


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Validator problems as the table users read: file, row, column, problem."""
    return pd.DataFrame(
        [{"file": p.file, "row": p.row, "column": p.column or "", "problem": p.message} for p in problems],
        columns=["file", "row", "column", "problem"],
    )


UPLOAD_KEY = "_uploaded_data_dir"  # a session's own validated upload (components/data/upload.py)


def session_data_dir() -> Path:
    """The package this browser session explores: its own upload if it has one; else the release the address names
    (`?v=2026.11.0`); else the working copy (the bundled data, or ATLAS_DATA_DIR)."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded and Path(uploaded).is_dir():
        return Path(uploaded)
    base = data_dir_from_env()
    version = _release_asked()
    release = release_path(version, base) if version else None
    return release or base


def _release_asked() -> str | None:
    """The release in the address, or, while moving between pages (which drops the address), the session's."""
    return st.query_params.get("v") or st.session_state.get("v_v")


def release_shown() -> str | None:
    """The release this session is looking at: the one in the address, or the working copy's own release while the
    working copy is identical to it (so a cited address names a release that will not drift); None otherwise."""
    if uses_upload():
        return None
    version = _release_asked()
    base = data_dir_from_env()
    if version and release_path(version, base):
        return version
    if not (base / "datapackage.yaml").exists():
        return None  # a package without its own descriptor (a test fixture) has no releases
    own = str(read_package(base).descriptor.get("version", ""))
    return own if _unchanged_since_release(str(base), repr(_fingerprint(base)), own) else None


@st.cache_data(max_entries=8, show_spinner=False)
def _unchanged_since_release(data_dir: str, fingerprint_key: str, version: str) -> bool:  # the key is part of
    # the cache key (a name starting with "_" would not be), so an edited file is noticed
    return same_as_release(Path(data_dir), version)


def uses_upload() -> bool:
    uploaded = st.session_state.get(UPLOAD_KEY)
    return bool(uploaded and Path(uploaded).is_dir())


def atlas_or_stop() -> Atlas:
    """The validated dataset; on invalid data, show every problem (file, row, column) and stop the page."""
    return _atlas_and_key()[0]


def _atlas_and_key() -> tuple[Atlas, str]:
    """The dataset and the key that names it in every cache (folder and files' sizes and times, read once)."""
    data_dir = session_data_dir()
    if not data_dir.is_dir():
        st.error(f"The data folder `{data_dir}` does not exist. Check the ATLAS_DATA_DIR environment variable.")
        st.stop()
    key = repr((str(data_dir), _fingerprint(data_dir)))
    try:
        return _cached_atlas(str(data_dir), key), key
    except DataPackageError as error:
        st.error(
            f"The data package in `{data_dir}` did not pass validation: {len(error.problems)} problem(s). "
            "Nothing is shown until they are fixed. Run `python -m components.data.validate` for the same list."
        )
        st.dataframe(problems_table(error.problems), hide_index=True, width="stretch")
        st.stop()


# ---------------------------------------------------------------- the shared filter frame and URL state

_SHARED_KEYS = {
    "mechanism": "Mechanism",
    "legal_force": "Legal force",
    "forum": "Forum",
    "theme": "Theme",
    "region": "Region (continent)",
    "group": "Grouping",
    "income": "Income group (World Bank)",
}
_GROUP_LABELS = {
    "G77": "Group of 77 (Global South)",
    "AU": "African Union",
    "EU": "European Union",
    "CoE": "Council of Europe",
}


@dataclass
class Frame:
    """What a page works with: the dataset, the filters and view options from the URL, and the filtered slice."""

    atlas: Atlas
    filters: Filters
    view: dict[str, tuple[str, ...]]
    slice: Slice
    query: dict[str, str]
    data_key: str  # which package: its folder and its files' names, sizes and modification times

    @property
    def names(self) -> dict[str, str]:
        """Party id -> name."""
        return party_names(self.atlas.parties)

    @property
    def subtitle(self) -> str:
        """The active filters (and any scenario) in words, for chart subtitles."""
        from components.model.filters import describe

        return describe(self.filters, self.slice.asof, self.names)

    @property
    def brief(self) -> bool:
        """Briefing or presentation layout (?layout=brief|present): charts only, no app chrome."""
        return self.view.get("layout") in (("brief",), ("present",))


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_slice(_atlas: Atlas, key: str, _filters: Filters) -> Slice:
    return apply_filters(_atlas, _filters)


def _slice(atlas: Atlas, data_key: str, filters: Filters) -> Slice:
    return _cached_slice(atlas, f"{data_key}|{filters!r}", filters)


# Cached functions take their key as one string: Streamlit hashes a string at once, while hashing a dataclass or
# nested tuples walks them value by value (~20 ms a page run when this used Filters objects as arguments).
@st.cache_resource(show_spinner=False, max_entries=512)
def _memo(name: str, key: str, _compute: Callable[[], T]) -> T:
    return _compute()


def memo(frame: Frame, name: str, compute: Callable[[], T], *options) -> T:
    """compute() once per package, filter state and view options (`options`), shared by every session.

    For a view's derived tables and figures, which depend on nothing else: `name` says which one, and anything
    else the computation reads (a chosen party, a sort order) must be in `options`. The result is shared, so it
    is never modified: chart() copies a figure before changing it.
    """
    return _memo(name, f"{frame.data_key}|{frame.filters!r}|{options!r}", compute)


def slice_for(frame: Frame, filters: Filters) -> Slice:
    """Another slice of the same data (e.g. without the party filters, to look at a party's peers)."""
    return _slice(frame.atlas, frame.data_key, filters)


def _state_from(filters: Filters, vocabulary: Vocabulary) -> dict:
    state = {f"f_{name}": list(getattr(filters, name)) for name in (*_SHARED_KEYS, "party")}
    state["f_years"] = (
        filters.start.year if filters.start else vocabulary.first.year,
        filters.end.year if filters.end else vocabulary.last.year,
    )
    state["f_asof"] = filters.asof or vocabulary.last
    state["f_whatif"] = list(filters.whatif)
    state["_exact_range"] = (filters.start, filters.end)  # the slider holds years; keep the URL's exact days
    return state


def _filters_from_state(vocabulary: Vocabulary) -> Filters:
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
        **{name: tuple(state[f"f_{name}"]) for name in (*_SHARED_KEYS, "party")},
        whatif=tuple(state.get("f_whatif", [])),
    )


def _presentation(tour, number: int) -> None:
    """A tour step's header: counter, caption, question, and previous/next (arrow keys) to the other steps' URLs."""
    from components.content.tours import VIEW_PAGES, step_query

    number = min(max(number, 1), len(tour.steps))
    step = tour.steps[number - 1]
    st.caption(f"{tour.title} · step {number} of {len(tour.steps)}")
    st.markdown(f"## {step.caption}")
    st.markdown(f"**Question for the room:** {step.question}")
    back, forward, end = st.columns([1, 1, 4])
    if back.button("← Previous", key="tour_prev", shortcut="Left", disabled=number == 1, width="stretch"):
        st.switch_page(VIEW_PAGES[tour.steps[number - 2].view], query_params=step_query(tour, number - 1))
    if forward.button("Next →", key="tour_next", shortcut="Right", disabled=number == len(tour.steps),
                      type="primary", width="stretch"):  # fmt: skip
        st.switch_page(VIEW_PAGES[tour.steps[number].view], query_params=step_query(tour, number + 1))
    end.caption("Arrow keys ← → move between steps; each step has its own address.")


def _add_whatif() -> None:
    state = st.session_state
    item = f"{state['w_party']}:{state['w_instrument']}:{state['w_action']}"
    if state.get("w_party") and state.get("w_instrument") and item not in state["f_whatif"]:
        state["f_whatif"] = [*state["f_whatif"], item]


MAX_SCENARIO_BYTES = 100_000  # a scenario of a few hundred actions; YAML parsing of megabytes would stall a rerun


def _load_whatif() -> None:
    from components.model.scenario import read_scenario_yaml

    uploaded = st.session_state.get("w_file")
    if uploaded is not None:
        data = uploaded.getvalue()
        if len(data) > MAX_SCENARIO_BYTES:
            st.session_state["w_error"] = (
                f"{md(uploaded.name)} is {len(data):,} bytes; a scenario file is at most {MAX_SCENARIO_BYTES:,}."
            )
            return
        try:
            st.session_state["f_whatif"] = list(read_scenario_yaml(data.decode("utf-8")))
        except ValueError as exc:  # a malformed scenario (UnicodeDecodeError and YAMLError included)
            st.session_state["w_error"] = (
                f"{md(uploaded.name)} is not a scenario file (YAML with a 'scenario' list): {md(exc)}."
            )
        except Exception:  # anything else a crafted file could raise: the same notice, and the scenario kept
            st.session_state["w_error"] = f"{md(uploaded.name)} is not a scenario file (YAML with a 'scenario' list)."


def _whatif_panel(atlas: Atlas, vocabulary: Vocabulary) -> None:
    """Sidebar controls to add hypothetical actions, share them as YAML, or clear them."""
    from components.model.scenario import describe_scenario, scenario_yaml

    names = party_names(atlas.parties)
    short = atlas.instruments.set_index("id")["short_name"].to_dict()
    st.session_state.setdefault("f_whatif", [])
    with st.expander("What-if scenario", icon=":material/science:", expanded=bool(st.session_state["f_whatif"])):
        st.selectbox("Party", vocabulary.party, key="w_party", format_func=lambda p: names.get(p, p), index=None,
                     placeholder="Choose a party")  # fmt: skip
        st.selectbox("Instrument", vocabulary.instrument, key="w_instrument", format_func=lambda i: short.get(i, i),
                     index=None, placeholder="Choose an instrument")  # fmt: skip
        st.selectbox("Action", vocabulary.action, key="w_action", format_func=label,
                     index=list(vocabulary.action).index("signed") if "signed" in vocabulary.action else 0)  # fmt: skip
        st.button("Add to the scenario", on_click=_add_whatif, key="w_add", width="stretch")
        items = tuple(st.session_state["f_whatif"])
        if items:
            st.caption(md(describe_scenario(items, names, short)))
            st.download_button("Share as YAML", data=scenario_yaml(items), file_name="atlas-scenario.yaml",
                               mime="application/x-yaml", key="w_download", on_click="ignore")  # fmt: skip
            if st.button("Clear the scenario", key="w_clear", width="stretch"):
                st.session_state["f_whatif"] = []
                st.rerun()
        st.file_uploader("Load a scenario file", type=["yaml", "yml"], key="w_file", on_change=_load_whatif)
        if st.session_state.get("w_error"):
            st.error(st.session_state.pop("w_error"))


def _fit_state_to(vocabulary: Vocabulary) -> None:
    """Keep widget state inside what this package offers (a session may switch to an uploaded package)."""
    state = st.session_state
    asof = state.get("f_asof")
    if asof is not None and not vocabulary.first <= asof <= vocabulary.last:
        state["f_asof"] = vocabulary.last
    first, last = state.get("f_years", (vocabulary.first.year, vocabulary.last.year))
    low, high = vocabulary.first.year, vocabulary.last.year
    state["f_years"] = (min(max(first, low), high), max(min(last, high), low))
    for name in (*_SHARED_KEYS, "party"):
        allowed = set(getattr(vocabulary, name))
        state[f"f_{name}"] = [v for v in state.get(f"f_{name}", []) if v in allowed]


def _reset(vocabulary: Vocabulary) -> None:
    st.session_state.update(_state_from(Filters(), vocabulary))


def _raw_query() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


MAX_NOTICES = 5  # a URL with thousands of bad parameters gets five notices and a count, not thousands


LAYOUT = ViewParam("layout", ("brief", "present"), default=())
STEP = ViewParam("step", tuple(str(n) for n in range(1, 51)), default=())


@st.cache_resource(show_spinner=False)
def _tours() -> dict:
    from components.content.tours import load_tours

    tours, _ = load_tours()
    return tours


def page_frame(view_params: tuple[ViewParam, ...] = ()) -> Frame:
    """Render the shared filter panel (kept in the URL) and return the page's Frame.

    The URL is the source of truth when a page is opened; afterwards the widgets are, and every change is written
    back to the URL so that copying the address bar reproduces the view.
    """
    atlas, data_key = _atlas_and_key()
    tours = _tours()
    releases = ViewParam("v", tuple(available(data_dir_from_env())), default=())
    view_params = (*view_params, LAYOUT, ViewParam("tour", tuple(tours), default=()), STEP, releases)
    vocabulary = Vocabulary.of(atlas)
    raw = _raw_query()
    parsed = parse_query(raw, vocabulary, view_params)
    url_query = to_query(parsed.filters, parsed.view, view_params)
    first_run = "f_asof" not in st.session_state
    if first_run or (raw and url_query != st.session_state.get("_written_query")):
        st.session_state.update(_state_from(parsed.filters, vocabulary))
        for param in view_params:
            st.session_state[f"v_{param.name}"] = _widget_value(param, parsed.view[param.name])
    _fit_state_to(vocabulary)
    for param in view_params:
        if f"v_{param.name}" not in st.session_state:
            st.session_state[f"v_{param.name}"] = _widget_value(param, param.default)

    names = atlas.parties.set_index("id")["name"].to_dict()
    with st.sidebar:
        st.markdown("**Filters**")
        st.date_input(
            "As of",
            key="f_asof",
            min_value=vocabulary.first,
            max_value=vocabulary.last,
            help="Show the landscape as it stood on this date: instruments adopted, actions taken and institutes "
            "founded by then, under the names they had then.",
            format="YYYY-MM-DD",
            persist_state="session",
        )
        st.slider(
            "Adopted between", vocabulary.first.year, vocabulary.last.year, key="f_years", persist_state="session"
        )
        for name, title in _SHARED_KEYS.items():
            st.multiselect(
                title,
                getattr(vocabulary, name),
                key=f"f_{name}",
                format_func=(lambda v: _GROUP_LABELS.get(v, v))
                if name == "group"
                else (label if name != "forum" else str),
                placeholder="All",
                persist_state="session",
            )
        st.multiselect(
            "Parties",
            vocabulary.party,
            key="f_party",
            format_func=lambda pid: f"{names.get(pid, pid)} ({pid})",
            placeholder="Search a country, organisation or company",
            persist_state="session",
        )
        st.button(
            "Reset filters", on_click=_reset, args=(vocabulary,), width="stretch", icon=":material/restart_alt:",
            key="reset_filters",
        )  # fmt: skip
        _whatif_panel(atlas, vocabulary)

    filters = _filters_from_state(vocabulary)
    view = {param.name: _view_value(param, st.session_state[f"v_{param.name}"]) for param in view_params}
    query = to_query(filters, view, view_params)
    if query != {name: ",".join(values) for name, values in raw.items()}:
        st.query_params.from_dict(query)  # also drops what was not understood, after the notice below
    st.session_state["_written_query"] = query
    for notice in parsed.notices[:MAX_NOTICES]:
        st.warning(notice, icon=":material/link_off:")
    if len(parsed.notices) > MAX_NOTICES:
        st.warning(f"… and {len(parsed.notices) - MAX_NOTICES} more problems in the address, also ignored.",
                   icon=":material/link_off:")  # fmt: skip
    if filters.whatif:
        from components.model.scenario import describe_scenario

        short = atlas.instruments.set_index("id")["short_name"].to_dict()
        st.warning(
            f"**SCENARIO** — {md(describe_scenario(filters.whatif, party_names(atlas.parties), short))}. These actions are "
            "hypothetical: they are not in the data, and every chart and export of this view is labelled SCENARIO. "
            "Clear them under *What-if* in the sidebar.",
            icon=":material/science:",
        )
    if view.get("tour") and view["tour"][0] in tours:
        _presentation(tours[view["tour"][0]], int((view.get("step") or ("1",))[0]))
    return Frame(atlas=atlas, filters=filters, view=view, slice=_slice(atlas, data_key, filters), query=query,
                 data_key=data_key)  # fmt: skip


def _widget_value(param: ViewParam, value: tuple[str, ...]):
    """What the widget for a view parameter holds: a list for several values, one value (or None) otherwise."""
    return list(value) if param.multiple else (value[0] if value else None)


def _view_value(param: ViewParam, value) -> tuple[str, ...]:
    if param.multiple:
        return tuple(value or ())
    return (value,) if value else param.default


def view_control(param: ViewParam, title: str, *, labels: dict[str, str] | None = None, container=None, help=None):
    """A page's own option (lanes, axis, measure, selected instruments), kept in the URL like the filters."""
    target = container or st

    def format_func(value):  # plain text in a multiselect
        return (labels or {}).get(value, value)

    def markdown_label(value):  # segmented controls read Markdown in their labels; data text must not be
        return md(format_func(value))

    key = f"v_{param.name}"
    if st.session_state.get("v_layout") in ("brief", "present"):  # no controls on a brief or a projector
        return (
            _view_value(param, st.session_state[key]) if param.multiple else (st.session_state[key] or param.default[0])
        )
    if param.multiple:
        chosen = target.multiselect(
            title, param.options, key=key, format_func=format_func, max_selections=param.max_items, help=help,
            persist_state="session",
        )  # fmt: skip
        return tuple(chosen)
    chosen = target.segmented_control(
        title, param.options, key=key, format_func=markdown_label, help=help, persist_state="session"
    )
    return chosen or param.default[0]


def ignore_url_parameters(known: tuple[str, ...] = ("layout", "v")) -> None:
    """For a page without filters: name every URL parameter it does not use, then drop them from the address."""
    from components.model.query import listed

    unknown = [name for name in st.query_params if name not in known]
    if unknown:
        st.warning(
            f"This page has no filters or options in its address: {listed(unknown)} ignored.",
            icon=":material/link_off:",
        )
        for name in unknown:
            del st.query_params[name]


def entry_into_force(frame: Frame, instrument_ids: Iterable[str] | None = None) -> None:
    """Progress towards entry into force of the treaties with a condition (all, or those given), as of the view's
    date. Every consent counts, whatever the party filters; what-if actions count too."""
    from components.model.entry import all_progress

    everyone = slice_for(frame, Filters(asof=frame.filters.asof, whatif=frame.filters.whatif))
    wanted = set(instrument_ids) if instrument_ids is not None else None
    short = frame.atlas.instruments.set_index("id")["short_name"]
    atlas = replace(frame.atlas, participation=everyone.participation)
    for progress in all_progress(atlas, asof=everyone.asof):
        if wanted is not None and progress.instrument_id not in wanted:
            continue
        done = progress.count / progress.required
        if progress.group_required:
            done = min(done, progress.group_count / progress.group_required)
        with st.container(border=True):
            st.markdown(f"**Entry into force of {md(short.get(progress.instrument_id, progress.instrument_id))}**")
            st.progress(min(done, 1.0), text=md(progress.summary()))
            st.caption(f"Condition: {md(progress.rule)} {md_link('Source', progress.source_url)}")
            if not progress.consents.empty:
                consents = progress.consents.assign(
                    **{"Council of Europe member": progress.consents["in_group"]} if progress.group == "CoE" else {}
                ).drop(columns=["date_by", "in_group"])
                st.dataframe(
                    consents.rename(columns={"party_id": "Party id", "name": "Party", "date_label": "Consent"}),
                    hide_index=True, width="stretch",
                )  # fmt: skip


def how_counted(frame: Frame, instrument_ids: Iterable[str], participation: pd.DataFrame | None = None) -> None:
    """Per instrument: its count as of the view's date under its counting rule and what it is made of; how many of
    its parties rest on an unverified source; and, where sources disagree, a flag and every claim with its source."""
    from components.model.claims import FLAG, claims_table, dispute_topics, disputed_instruments
    from components.model.counting import breakdown, count_notes
    from components.model.counting import describe as describe_count

    ids = list(dict.fromkeys(instrument_ids))
    participation = frame.slice.participation if participation is None else participation
    mine = participation[participation["instrument_id"].isin(ids)]
    atlas = frame.atlas
    instruments = atlas.instruments[atlas.instruments["id"].isin(ids)]
    table = memo(frame, "how_counted.breakdown", lambda: breakdown(mine, atlas.parties, instruments), tuple(ids))
    claims = atlas.claims
    counts = not frame.filters.restricts_parties  # with party filters a count is a subtotal no source speaks of
    disputed = disputed_instruments(claims, asof=frame.slice.asof, counts=counts)
    short = atlas.instruments.set_index("id")["short_name"]
    names = atlas.parties.set_index("id")["name"].to_dict()
    for instrument in ids:
        if instrument not in table.index:
            continue
        topics = [
            t for t in dispute_topics(claims, instrument, names, asof=frame.slice.asof) if counts or t != "the count"
        ]
        flag = f" · {FLAG} **sources differ** on {md(', '.join(topics))}" if instrument in disputed else ""
        st.markdown(f"**{md(short.get(instrument, instrument))}**: {md(describe_count(table.loc[instrument]))}{flag}")
        notes = count_notes(mine, instrument)  # how fresh the count is, and how many of its parties are unverified
        if notes:
            st.caption(" · ".join(notes) + ".")
        here = claims[claims["instrument_id"] == instrument]
        if len(here):
            differ = int((here["status"] == "differs").sum())
            title = f"What sources say: {len(here)} claim{'s' if len(here) != 1 else ''}"
            title += f", {differ} differ{'s' if differ == 1 else ''} from the Atlas" if differ else ", none differs"
            with st.expander(title, icon=":material/flag:" if differ else ":material/fact_check:"):
                st.dataframe(
                    claims_table(here, party_names=names), hide_index=True, width="stretch",
                    column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
                )  # fmt: skip
                st.caption(
                    "A count is compared with the Atlas's count as of the source's date, under what the source counts "
                    "(or the instrument's rule). 'More than N' and 'about N' (within 10%) agree where the Atlas's "
                    "count fits. The Atlas shows its own value; these claims are kept in claims.csv."
                )


def path_table(frame: Frame, everyone: Slice, party: str) -> pd.DataFrame:
    """components.charts.country_profile.ladder for one party, with the in-force dates of treaties with an entry condition."""
    from components.charts.country_profile import ladder
    from components.model.entry import all_progress, party_in_force

    atlas = replace(frame.atlas, participation=everyone.participation)
    delays = dict(zip(atlas.entry_conditions["instrument_id"], atlas.entry_conditions["delay_months"].astype(int),
                      strict=True))  # fmt: skip
    in_force = {p.instrument_id: party_in_force(p, party, delays[p.instrument_id])
                for p in all_progress(atlas, asof=everyone.asof)}  # fmt: skip
    from components.model.claims import FLAG, disputed_pairs

    table = ladder(party, everyone.participation, everyone.instruments, in_force)
    disputed = {i for p, i in disputed_pairs(frame.atlas.claims) if p == party}
    return table.assign(**{"Sources": table["instrument_id"].map(lambda i: f"{FLAG} differ" if i in disputed else "")})


def empty_state() -> None:
    """What a view shows when the filters select nothing: say so, and how to get back."""
    st.info(
        "No instruments match these filters on this date. Widen the date range, remove a filter, move the "
        "*As of* date later, or press **Reset filters** in the sidebar.",
        icon=":material/filter_alt_off:",
    )


# ---------------------------------------------------------------- charts with their export and citation panel


@st.cache_data(max_entries=16, show_spinner=False)
def _tour_pack(tour_id: str, data_dir: str, data_key: str, base_url: str, release: str) -> bytes:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "components.content.pack", tour_id, "--data", data_dir, "--base-url", base_url,
         "--release", release],
        cwd=root, capture_output=True, timeout=600, check=False,
    )  # fmt: skip  # its own process: the pack runs the Atlas's pages headless, away from this session
    if done.returncode != 0:
        raise RuntimeError(f"the workshop pack for {tour_id} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return done.stdout


def tour_pack_source(tour_id: str) -> Callable[[], bytes]:
    """What builds the offline pack of a tour (components/content/pack.py) for this session's data and this Atlas's address,
    read now, while the page runs; the pack itself is built on click, and cached per package."""
    _, data_key = _atlas_and_key()
    base = (st.context.url or "").split("?")[0].rstrip("/")
    root = base.rsplit("/", 1)[0] if base.endswith("/tours") else base
    args = (tour_id, str(session_data_dir()), data_key, root, release_shown() or "")
    return lambda: _tour_pack(*args)


def view_url(frame: Frame, path: str) -> str:
    """The address of this view with its filters (what 'copy the address bar' would give)."""
    from urllib.parse import urlencode

    base = (st.context.url or "").split("?")[0].rstrip("/")
    if not base:
        base = "http://localhost:8501"
    root = base.rsplit("/", 1)[0] if path and base.endswith("/" + path) else base
    query = {k: v for k, v in frame.query.items() if k != "layout"}
    release = release_shown()
    if release and "v" not in query:
        query["v"] = release  # a cited address keeps showing what it showed
    return f"{root}/{path}" + (f"?{urlencode(query, safe=',')}" if query else "")


def chart(fig, *, frame: Frame, path: str, title: str, rows: pd.DataFrame, key: str, selectable: bool = False):
    """Show a finished figure; under it, downloads (PNG, SVG, CSV, XLSX) and 'cite this view'. Returns the event."""
    from components.charts.theme import add_source_line
    from components.export.citation import ViewMeta, cite_view, file_name
    from components.export.images import SIZES, briefing_figure, image_bytes
    from components.export.rows import csv_bytes, xlsx_bytes
    from components.model.atlas import citation
    from components.model.claims import mark_rows
    from components.model.counting import unverified_count, unverified_note
    from components.model.filters import describe

    url = view_url(frame, path)
    names = frame.atlas.parties.set_index("id")["name"].to_dict()
    rows = mark_rows(rows, frame.atlas.claims)  # a sources_differ column where sources dispute a row's fact
    unverified, what = unverified_count(rows)
    if unverified:  # never shown as certain: the chart, its image and its caption say how many rows are unverified
        fig = add_source_line(fig, unverified_note(unverified, what))
    if frame.filters.whatif:  # hypothetical data is always labelled, on screen and in every file
        fig = go.Figure(fig)
        title = f"SCENARIO — {title}"
        fig.update_layout(title_text=f"SCENARIO — {fig.layout.title.text}")
    meta = ViewMeta(
        view=path or "overview", title=html.unescape(title), filters=describe(frame.filters, frame.slice.asof, names),
        asof=frame.slice.asof, url=url, citation=citation(frame.atlas),
    )  # fmt: skip
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"filename": file_name(meta, "png")[:-4]},
        "topojsonURL": "/app/static/topojson/",  # the bundled world outline (see static/topojson/README.md)
    }
    if frame.brief:
        shown = briefing_figure(fig, url=url, size="slide")
        shown.update_layout(width=1200, height=675)  # slide proportions that fit a laptop screen
        return st.plotly_chart(shown, key=key, config=config, width="content")
    event = st.plotly_chart(
        fig, key=key, config=config, **({"on_select": "rerun", "selection_mode": ("points",)} if selectable else {})
    )
    if unverified:
        st.caption(
            f"{unverified_note(unverified, what)} The CSV and XLSX say which (`evidence` or `parties_unverified`), "
            "and `sources_differ` marks what sources dispute.",
            help="Evidence levels: official (read on an official page), secondary (a reputable page reporting the "
            "official list), unverified (a single non-official source or an inference stated in the row's notes).",
        )
    with st.popover("Download or cite this chart", icon=":material/download:"):
        size = st.radio(
            "Image size", list(SIZES), key=f"{key}_size", horizontal=True,
            format_func=lambda s: f"{s.capitalize()} ({SIZES[s][0]}×{SIZES[s][1]})",
        )  # fmt: skip
        left, right = st.columns(2)
        left.download_button(
            "PNG (2×)", data=lambda: image_bytes(fig, fmt="png", size=size, url=url), mime="image/png",
            file_name=file_name(meta, "png", size, chart=key), key=f"{key}_png", icon=":material/image:", on_click="ignore",
        )  # fmt: skip
        right.download_button(
            "SVG", data=lambda: image_bytes(fig, fmt="svg", size=size, url=url), mime="image/svg+xml",
            file_name=file_name(meta, "svg", size, chart=key), key=f"{key}_svg", icon=":material/draw:", on_click="ignore",
        )  # fmt: skip
        left.download_button(
            "Data (CSV)", data=lambda: csv_bytes(rows, meta), mime="text/csv", file_name=file_name(meta, "csv", chart=key),
            key=f"{key}_csv", icon=":material/table:", on_click="ignore",
        )  # fmt: skip
        right.download_button(
            "Data (XLSX)", data=lambda: xlsx_bytes(rows, meta), file_name=file_name(meta, "xlsx", chart=key), key=f"{key}_xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/grid_on:",
            on_click="ignore",
        )  # fmt: skip
        sentence, bibtex = cite_view(meta, chart=key)
        st.markdown("**Cite this view**")
        st.code(sentence, language=None, wrap_lines=True)
        st.code(bibtex, language="latex")
        st.caption(
            f"Briefing layout (no sidebar, for screenshots): [{path or 'overview'} in brief]({url}{'&' if '?' in url else '?'}layout=brief)"
        )
    return event
