"""How wide the page's content is, measured in the browser: charts narrower than `NARROW_BELOW` pixels get the
phone layout (components/charts/narrow), whatever the browser's user agent says.

Streamlit tells the server a browser's user agent, not its viewport. The agent is the first guess ('Mobile' or
'Android': a phone); a small script (an `st.components.v2` component, no frame) then measures the main column's
content width and reports it only when it falls on the other side of `NARROW_BELOW` than the guess, which reruns
the page once with the right layout. So an iPad (which asks for the desktop site) with the sidebar open (a 436 px
column), or a desktop browser narrowed to a phone's width, gets the narrow figure; opening or closing the sidebar,
or turning a tablet, switches again. A desktop or a phone whose guess is right costs nothing: the script reports
nothing."""

from __future__ import annotations

import streamlit as st

NARROW_BELOW = 800  # px of the main column's content: under it a desktop figure's source line and long titles are cut
KEY = "atlas_width"

_JS = """
export default function(component) {
  const { setStateValue, data } = component;
  const below = data.below;
  let last = data.shown;
  document.documentElement.dataset.atlasCharts = data.shown;  // what this run drew (tests wait for it)
  let timer = null;
  const column = () => document.querySelector('[data-testid="stMainBlockContainer"]');
  const report = () => {
    const main = column();
    if (!main) return;
    const style = getComputedStyle(main);
    const width = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (!(width > 0)) return;
    const kind = width < below ? 'narrow' : 'wide';
    if (kind !== last) { last = kind; setStateValue('kind', kind); }
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(report, 250); };  // after the sidebar's slide
  const observer = new ResizeObserver(later);
  const main = column();
  if (main) observer.observe(main);
  report();
  return () => { observer.disconnect(); clearTimeout(timer); };
}
"""
_probe = st.components.v2.component("atlas_width", js=_JS)


def by_agent() -> bool:
    """The first guess: the browser says it is a phone ('Mobile' or 'Android')."""
    headers = st.context.headers
    agent = headers.get("User-Agent", "") if headers is not None else ""
    return "Mobi" in agent or "Android" in agent


def measured() -> str | None:
    """'narrow' or 'wide' as the browser last measured the main column, or None before it has said."""
    state = st.session_state.get(KEY)
    kind = state.get("kind") if hasattr(state, "get") else None
    return kind if kind in ("narrow", "wide") else None


def narrow() -> bool:
    """Charts for a narrow column: as measured in the browser, else as the user agent suggests."""
    kind = measured()
    return by_agent() if kind is None else kind == "narrow"


def probe() -> None:
    """Mount the measuring script (once per run, in the main column; it draws nothing)."""
    shown = "narrow" if narrow() else "wide"
    _probe(key=KEY, data={"below": NARROW_BELOW, "shown": shown}, height=0,
           on_kind_change=lambda: None)  # fmt: skip
