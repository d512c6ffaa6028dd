"""What only the browser knows, told to the server by a small script (an `st.components.v2` component, no frame,
mounted by app.py after the page): how wide the main column is, and when the page's first chart is drawn.

**Width.** Charts narrower than `NARROW_BELOW` pixels get the phone layout (components/charts/narrow), whatever the
browser's user agent says.

Streamlit tells the server a browser's user agent, not its viewport. The agent is the first guess ('Mobile' or
'Android': a phone); a small script (an `st.components.v2` component, no frame) then measures the main column's
content width and reports it only when it falls on the other side of `NARROW_BELOW` than the guess, which reruns
the page once with the right layout. So an iPad (which asks for the desktop site) with the sidebar open (a 436 px
column), or a desktop browser narrowed to a phone's width, gets the narrow figure; opening or closing the sidebar,
or turning a tablet, switches again. A desktop or a phone whose guess is right costs nothing: the script reports
nothing.

**The controls after the first chart.** A browser session's first run sends the page without the sidebar's
filter panel (two dozen widgets, about 0.3 s of the browser's work before the first chart; measured) and without
the page's own controls (their room kept, so the chart does not move), nor anything after its first chart
(components/ui/render.blocks: an interactive table or more charts in the same run held the first chart back), and
the script asks for them once the first chart is on screen and the browser is idle: one more run draws them. Plotly loads its code only when a
chart's element arrives, after the script has run, so the page has no chart element to wait for at that moment:
the run says whether it drew a chart (`chart_drawn`, called by components/ui/chart.show_chart), and the script
waits for a chart picture with a size on screen (asking at once, when no chart element was found, made the
controls' run compete with plotly on a light page: 1.07 → 1.48× the floor on a page of one chart, measured).
Later runs of the session draw them at once (the panel after the page's content:
components/ui/sidebar.filter_panel_later). Without a browser (a test harness, no user agent) they are drawn at
once.

**Never against a navigation.** A state value the script sends reruns the page the browser shows until the server
has started the next one (Streamlit's frontend keeps the page's hash until then), so an ask or a width report sent
just after a click on another page's link would take the user back to the page they left. After such a click (or
the browser's back and forward) the script sends nothing more; the next page's run mounts it afresh (its data
change each run, and each call stops the one before: Streamlit calls the script again on new data without the
last call's cleanup)."""

from __future__ import annotations

import streamlit as st

from components.data.i18n import LANGUAGES, language

NARROW_BELOW = 800  # px of the main column's content: under it a desktop figure's source line and long titles are cut
KEY = "atlas_probe"

_JS = """
export default function(component) {
  const { setStateValue, data } = component;
  // Streamlit calls this again when the data change (each run: `data.run`) without the cleanup of the last call,
  // and keeps the last call alive across pages when they do not: so each call stops the one before it.
  if (window.__atlasProbeStop) window.__atlasProbeStop();
  const timers = new Set(), observers = [];
  let leaving = false;  // a link to a page was followed: nothing more from this page (see `tell`)
  const later = (f, ms) => { const t = setTimeout(() => { timers.delete(t); f(); }, ms); timers.add(t); };
  // A state value reruns the page the browser shows until the server has started the next one: after a click on
  // a link to another page it would take the user back. So after such a click this call tells nothing more (the
  // next page's run calls again).
  const tell = (name, value) => { if (!leaving) setStateValue(name, value); };
  const away = (event) => {
    if (event.type === 'popstate') { leaving = true; return; }
    const plain = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
    if (plain && event.target.closest && event.target.closest(
      '[data-testid="stSidebarNavLink"], [data-testid="stPageLink-NavLink"], [data-testid="stTopNavLink"]')) {
      leaving = true;
    }
  };
  document.addEventListener('click', away, true);
  window.addEventListener('popstate', away);
  if (data.panel) {  // the controls wait: ask for them once the first chart is drawn and the browser is idle
    const ask = () => tell('panel', true);
    let asked = false;  // once
    const idle = () => { if (asked) return; asked = true;
      later(() => window.requestIdleCallback ? requestIdleCallback(ask, { timeout: 1000 }) : ask(), 0); };
    // Plotly's code (4.7 MB) is loaded when the first chart's element arrives, after this script runs: until then
    // the page has no chart element at all, so the run says whether it drew one (`data.chart`). Asking before the
    // chart is on screen made the controls' run compete with plotly for the browser (+0.3-0.5 s to the first chart,
    // measured). So: once a chart's picture has a size on screen, two frames later, when the browser is idle; or
    // after 15 s at most (a chart that never comes; 4 s cut in before the timeline's 10,000 markers at 100x).
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    const shown = () => {
      const svg = main.querySelector('[data-testid="stPlotlyChart"] .main-svg');
      if (!svg) return false;
      const box = svg.getBoundingClientRect();
      if (!(box.width > 0 && box.height > 0 && getComputedStyle(svg).visibility !== 'hidden')) return false;
      // a map's picture is there before its outline is fetched and drawn: asking then made the controls' run compete
      // with the map for the browser (seen on Institutes: the run came while the outline was fetched); wait for its shapes
      const plot = svg.closest('.js-plotly-plot');
      const geo = plot && plot._fullLayout && (plot._fullLayout._subplots || {}).geo;
      return !(geo && geo.length) || !!plot.querySelector('.geo path');
    };
    if (!data.chart) idle();
    else {
      const wait = () => {
        if (shown()) requestAnimationFrame(() => requestAnimationFrame(idle));
        else if (!asked && !leaving) requestAnimationFrame(wait);
      };
      wait();
      later(idle, 15000);  // the limit (also for a hidden tab, which has no animation frames)
    }
  }
  if (data.lang) document.documentElement.lang = data.lang;  // the page's language (WCAG 3.1.1): Streamlit writes 'en'
  const below = data.below;
  let last = data.shown;
  document.documentElement.dataset.atlasCharts = data.shown;  // what this run drew (tests wait for it)
  document.documentElement.dataset.atlasWhole = String(!data.panel);  // the whole page is drawn (tests wait for it)
  const column = () => document.querySelector('[data-testid="stMainBlockContainer"]');
  const report = () => {
    const main = column();
    if (!main) return;
    const style = getComputedStyle(main);
    const width = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (!(width > 0)) return;
    const kind = width < below ? 'narrow' : 'wide';
    if (kind !== last) { last = kind; tell('kind', kind); }
  };
  let timer = null;
  const resized = () => { if (timer) { clearTimeout(timer); timers.delete(timer); } timer = setTimeout(report, 250);
    timers.add(timer); };  // after the sidebar's slide
  const observer = new ResizeObserver(resized);
  observers.push(observer);
  const main = column();
  if (main) observer.observe(main);
  report();
  const stop = () => {
    leaving = true;  // and an idle ask still queued is a no-op
    timers.forEach(clearTimeout);
    observers.forEach((o) => o.disconnect());
    document.removeEventListener('click', away, true);
    window.removeEventListener('popstate', away);
    if (window.__atlasProbeStop === stop) window.__atlasProbeStop = null;
  };
  window.__atlasProbeStop = stop;
  return stop;
}
"""
_probe = st.components.v2.component("atlas_probe", js=_JS)


def by_agent() -> bool:
    """The first guess: the browser says it is a phone ('Mobile' or 'Android')."""
    headers = st.context.headers
    agent = headers.get("User-Agent", "") if headers is not None else ""
    return "Mobi" in agent or "Android" in agent


def _told(name: str):
    state = st.session_state.get(KEY)
    return state.get(name) if hasattr(state, "get") else None


def measured() -> str | None:
    """'narrow' or 'wide' as the browser last measured the main column, or None before it has said."""
    kind = _told("kind")
    return kind if kind in ("narrow", "wide") else None


PANEL_SHOWN = "_filter_panel_shown"  # in the session state: the filter panel has been drawn in this session
PANEL_WAITS = "_filter_panel_waits"  # in the session state: this run left the filter panel out
RUNS = "_probe_runs"  # in the session state: the runs that mounted the probe (each run's data differ)
CHARTED = "_probe_charted"  # in the session state: the number of the run that drew a chart (see `chart_drawn`)
PANEL_CAME = "_filter_panel_came"  # in the session state: this run brings the panel the first run left out


def panel_now() -> bool:
    """Draw the filter panel in this run: not a browser's first run (see the module's docstring)."""
    state = st.session_state
    state[PANEL_CAME] = bool(_told("panel")) and not state.get(PANEL_SHOWN)
    if state.get(PANEL_SHOWN) or _told("panel") or not (st.context.headers or {}).get("User-Agent"):
        state[PANEL_SHOWN] = True
        state.pop(PANEL_WAITS, None)  # left by a run that did not mount the probe (a brief)
        return True
    state[PANEL_WAITS] = True
    return False


def narrow() -> bool:
    """Charts for a narrow column: as measured in the browser, else as the user agent suggests."""
    kind = measured()
    return by_agent() if kind is None else kind == "narrow"


def panel_came() -> bool:
    """This run is the one the browser asked for to bring the controls (its first after the first run)."""
    return bool(st.session_state.get(PANEL_CAME))


def controls_wait() -> bool:
    """This run leaves the filter panel out (a browser's first run), and with it the page's own controls (its slots:
    components/ui/render.py): they come in the next run, once the first chart is drawn."""
    return bool(st.session_state.get(PANEL_WAITS))


def chart_drawn() -> None:
    """Note that this run draws a chart: the script waits for it before asking for the controls."""
    st.session_state[CHARTED] = st.session_state.get(RUNS, 0) + 1  # this run's number (`probe` counts it at the end)


def probe() -> None:
    """Mount the script (once per run, in the main column, after the page; it draws nothing)."""
    shown = "narrow" if narrow() else "wide"
    panel = bool(st.session_state.pop(PANEL_WAITS, False))
    run = st.session_state[RUNS] = st.session_state.get(RUNS, 0) + 1  # new data each run: the script starts afresh
    chart = st.session_state.get(CHARTED) == run
    lang = language() if language() in LANGUAGES else "en"  # the pseudo-locale is English underneath
    _probe(key=KEY, data={"below": NARROW_BELOW, "shown": shown, "panel": panel, "run": run, "chart": chart,
                          "lang": lang},
           height=0,
           on_kind_change=lambda: None, on_panel_change=lambda: None)  # fmt: skip
