"""A tour step's header in presentation layout, and the offline pack of a tour as a download."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

import streamlit as st

from components.content.registry import tour_views, view
from components.content.tours import Tour, step_query
from components.content.urls import root_of
from components.model.atlas import Atlas
from components.ui.source import atlas_and_key, release_shown


def step_header(tour: Tour, number: int) -> None:
    """Above a tour step's chart: where we are in the tour, and the step's caption."""
    number = min(max(number, 1), len(tour.steps))
    step = tour.steps[number - 1]
    st.caption(f"{tour.title} · step {number} of {len(tour.steps)}")
    st.markdown(f'<p class="atlas-step-caption">{html.escape(step.caption)}</p>', unsafe_allow_html=True)


# PageDown, Space and → go forward, PageUp and ← back (a presentation clicker sends PageDown/PageUp), Escape exits: a
# key press clicks the step's own button, so the move is the same as a click (and keeps each step's address).
KEYS = """(() => {
  if (window.__atlasTourKeys) return;
  window.__atlasTourKeys = true;
  const press = (key) => {  // the container of a keyed Streamlit element has the class st-key-<key>
    const target = document.querySelector(`.st-key-${key} a, .st-key-${key} button`);
    if (target && !target.disabled && target.getAttribute('aria-disabled') !== 'true') target.click();
  };
  document.addEventListener('keydown', (event) => {
    if (!document.querySelector('.st-key-tour_next')) return;  // only where a tour step is shown
    const typing = event.target.closest && event.target.closest('input, textarea, select, [contenteditable=true]');
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    const forward = ['PageDown', ' ', 'ArrowRight'].includes(event.key);
    const back = ['PageUp', 'ArrowLeft'].includes(event.key);
    if (forward) { event.preventDefault(); press('tour_next'); }
    else if (back) { event.preventDefault(); press('tour_prev'); }
    else if (event.key === 'Escape') { press('tour_exit'); }
  });
})();"""
# st.iframe runs the script in a one-pixel frame of the same origin: it hands the listener to the page
# itself (a listener left in the frame would die with it when the next step's page replaces the frame).
KEYS_SCRIPT = f"""<script>
const page = window.parent.document;
if (!window.parent.__atlasTourKeys) {{
  const script = page.createElement('script');
  script.textContent = {json.dumps(KEYS)};
  page.head.appendChild(script);
}}
</script>"""


def step_footer(tour: Tour, number: int) -> None:
    """Under the chart: the question for the room, then Previous / Next / Exit (PageDown, PageUp, Space and the arrow
    keys move between steps, Escape exits; each step has its own address, so browser Back returns to the last)."""
    views = tour_views()
    number = min(max(number, 1), len(tour.steps))
    step = tour.steps[number - 1]
    st.markdown(f"**Question for the room:** {step.question}")
    back, forward, leave, hint = st.columns([1, 1, 1, 3], vertical_alignment="center")
    # links, not buttons: each move is one entry in the browser's history, so Back returns to the previous step
    with back.container(key="tour_prev"):
        if number > 1:
            st.page_link(views[tour.steps[number - 2].view].script, label="Previous", icon=":material/arrow_back:",
                         query_params=step_query(tour, number - 1), width="stretch")  # fmt: skip
    with forward.container(key="tour_next"):
        if number < len(tour.steps):
            st.page_link(views[tour.steps[number].view].script, label="Next", icon=":material/arrow_forward:",
                         query_params=step_query(tour, number + 1), width="stretch")  # fmt: skip
        else:
            st.markdown("**Last step**")
    with leave.container(key="tour_exit"):
        st.page_link(view("tours").script, label="Exit the tour", icon=":material/close:", width="stretch")
    hint.caption("PageDown, Space or → for the next step; PageUp or ← for the previous; Esc to exit.")
    st.html("<span data-atlas-tour hidden></span>")  # the keys act only where a tour step is shown
    st.iframe(KEYS_SCRIPT, height=1, alt="The tour's keyboard shortcuts (no content)")


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
