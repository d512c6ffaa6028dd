"""A tour step's header in presentation layout, and the offline pack of a tour as a download."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.content.registry import tour_views
from components.content.tours import Tour, step_query
from components.content.urls import root_of
from components.model.atlas import Atlas
from components.ui.source import atlas_and_key, release_shown


def step_header(tour: Tour, number: int) -> None:
    """Counter, caption, question, and previous/next (arrow keys) to the other steps' addresses."""
    views = tour_views()
    number = min(max(number, 1), len(tour.steps))
    step = tour.steps[number - 1]
    st.caption(f"{tour.title} · step {number} of {len(tour.steps)}")
    st.markdown(f"## {step.caption}")
    st.markdown(f"**Question for the room:** {step.question}")
    back, forward, end = st.columns([1, 1, 4])
    if back.button("← Previous", key="tour_prev", shortcut="Left", disabled=number == 1, width="stretch"):
        st.switch_page(views[tour.steps[number - 2].view].script, query_params=step_query(tour, number - 1))
    if forward.button("Next →", key="tour_next", shortcut="Right", disabled=number == len(tour.steps),
                      type="primary", width="stretch"):  # fmt: skip
        st.switch_page(views[tour.steps[number].view].script, query_params=step_query(tour, number + 1))
    end.caption("Arrow keys ← → move between steps; each step has its own address.")


@st.cache_data(max_entries=16, show_spinner=False)
def _tour_pack(tour_id: str, data_key: str, root: str, release: str, _atlas: Atlas) -> bytes:
    from components.content.pack import tour_pack
    from components.content.tours import load_tours

    return tour_pack(load_tours()[0][tour_id], atlas=_atlas, root=root, release=release)


def tour_pack_source(tour_id: str) -> Callable[[], bytes]:
    """What builds the offline pack of a tour (components/content/pack.py) for this session's data and this Atlas's
    address, read now, while the page runs; the pack itself is built on click, and cached per package."""
    atlas, data_key = atlas_and_key()
    args = (tour_id, data_key, root_of(st.context.url or ""), release_shown() or "", atlas)
    return lambda: _tour_pack(*args)
