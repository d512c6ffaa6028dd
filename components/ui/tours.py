"""A tour step's header in presentation layout, and the offline pack of a tour as a download."""

from __future__ import annotations

import html
import json
import threading

import streamlit as st

from components.content.registry import view
from components.content.tours import Tour, step_link
from components.content.urls import relative, root_of
from components.data.i18n import _, language
from components.ui.language import number as in_digits
from components.ui.source import atlas_and_key, release_shown


def step_header(tour: Tour, number: int) -> None:
    """Above a tour step's chart: where we are in the tour, and the step's caption."""
    number = min(max(number, 1), len(tour.steps))
    step = tour.steps[number - 1]
    st.caption(_("{tour} · step {number} of {total}").format(tour=tour.title, number=number, total=len(tour.steps)))
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
    const typing = event.target.closest &&  // Space and Enter keep their meaning on a field, button or link
      event.target.closest('input, textarea, select, [contenteditable=true], button, a, [role=button], summary');
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


def _link(href: str, text: str, *, primary: bool = False) -> str:
    kind = "atlas-step-link primary" if primary else "atlas-step-link"
    return f'<a class="{kind}" href="{html.escape(href)}" target="_self">{html.escape(text)}</a>'


def step_footer(tour: Tour, number: int) -> None:
    """Under the chart: the question for the room, then Previous / Next / Exit (PageDown, PageUp, Space and the arrow
    keys move between steps, Escape exits; each step has its own address, so browser Back returns to the last)."""
    number = min(max(number, 1), len(tour.steps))
    step = tour.steps[number - 1]
    st.markdown(_("**Question for the room:** {question}").format(question=step.question))
    back, forward, leave, hint = st.columns([1, 1, 1, 3], vertical_alignment="center")
    # plain links that load the step's address: one entry each in the browser's history, so Back returns to the
    # previous step (Streamlit's own page links keep the old address when the next step is on the same view)
    with back.container(key="tour_prev"):
        if number > 1:
            st.markdown(_link(step_link(tour, number - 1), _("← Previous")), unsafe_allow_html=True)
    with forward.container(key="tour_next"):
        if number < len(tour.steps):
            st.markdown(_link(step_link(tour, number + 1), _("Next →"), primary=True), unsafe_allow_html=True)
        else:
            st.markdown(_("**Last step**"))
    with leave.container(key="tour_exit"):
        st.markdown(_link(relative("/" + view("tours").path), _("✕ Exit the tour")), unsafe_allow_html=True)
    hint.caption(_("PageDown, Space or → for the next step; PageUp or ← for the previous; Esc to exit."))
    st.html("<span data-atlas-tour hidden></span>")  # the keys act only where a tour step is shown
    st.iframe(KEYS_SCRIPT, height=1, alt=_("The tour's keyboard shortcuts (no content)"))


_PACKS: dict[tuple[str, str, str, str, str], bytes] = {}  # built packs, shared by sessions (a few MB each)
MAX_PACKS = 16
_packs_lock = threading.Lock()


def pack_control(tour: Tour) -> None:
    """'Prepare the offline pack', which builds it with a progress bar step by step (the first takes a few seconds
    per step), then its download; a pack built before (this package, this address) downloads at once."""
    atlas, data_key = atlas_and_key()
    root, release = root_of(st.context.url or ""), release_shown() or ""
    key = (tour.id, data_key, root, release, language())  # the handout and captions are in the view's language
    data = _PACKS.get(key)
    if data is None and st.button(_("Prepare the offline pack"), key=f"prepare_{tour.id}", icon=":material/inventory_2:",
                                  help=_("A zip with each step's chart (PNG), its rows (CSV) and a printable handout "
                                         "(HTML).")):  # fmt: skip
        from components.content.pack import tour_pack

        bar = st.progress(0.0, text=_("Preparing the pack…"))
        data = tour_pack(tour, atlas=atlas, root=root, release=release,
                         progress=lambda done, total, what: bar.progress(done / total, text=what))  # fmt: skip
        with _packs_lock:
            if len(_PACKS) >= MAX_PACKS:
                _PACKS.pop(next(iter(_PACKS)))
            _PACKS[key] = data
        bar.empty()
    if data is not None:
        st.download_button(
            _("Download the offline pack ({size} MB zip: charts, rows, handout)").format(size=in_digits(len(data) / 1e6, 1)),
            data=data,
            file_name=f"atlas-tour-{tour.id}.zip", mime="application/zip", key=f"pack_{tour.id}",
            icon=":material/download:", on_click="ignore", type="primary",
        )  # fmt: skip
