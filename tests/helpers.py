"""Helpers shared by the test tiers (imported by tests, never a test file itself)."""

from __future__ import annotations

import contextlib
import functools
import json
import threading
from collections.abc import Iterator

import plotly.graph_objects as go


def drawn_points(figure: go.Figure) -> int:
    """How many data points the figure's data traces draw (legend-only traces with x=[None] left out)."""
    total = 0
    for trace in figure.data:
        xs = getattr(trace, "x", None)
        if xs is None or all(x is None for x in xs):
            continue
        total += len(xs)
    return total


def figure_json(figure: go.Figure) -> dict:
    return json.loads(figure.to_json())


def run(page: str | None = None, query: dict | None = None, timeout: int = 60):
    """app.py under AppTest, switched to a page script (e.g. views/timeline.py) with a query; returns the AppTest."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.run()
    if page:
        at.switch_page(page)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    if page or query:
        at.run()
    return at


def unfold(at, prefix: str = "fold_"):
    """Open every folded section of the page (nested ones too), as a reader clicking each: a folded section's content
    is drawn only once it is opened (components/ui/render.py)."""
    for _ in range(4):
        closed = [k for k in at.session_state.keys() if str(k).startswith(prefix) and not at.session_state[k]]
        if not closed:
            break
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at


def typed(widget, text: str):
    """Type `text` into a picker that accepts entries not in its list and press Enter, as the browser sends it
    (AppTest's set_value takes only listed options). Returns the widget; run the AppTest after."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    base = type(widget)
    multiple = base.__name__ == "Multiselect"
    before = list(widget.values) if multiple else []

    class Typed(base):
        @property
        def _widget_state(self):
            state = WidgetState()
            state.id = self.id
            if multiple:
                state.string_array_value.data[:] = [*before, text]
            else:
                state.string_value = text
            return state

    widget.__class__ = Typed
    return widget


def shown(text):
    """Markdown-escaped text as its reader sees it (backslash escapes and word joiners removed); other values as they
    are."""
    import re

    from components.text import WORD_JOINER

    if not isinstance(text, str):
        return text
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")


def shown_tables(at) -> list:
    """Every table in the page's main area, in page order: interactive ones (st.dataframe) and plain ones (st.table,
    for short tables; their text unescaped, links as Markdown)."""
    out = []

    def walk(node):
        kind = getattr(node, "type", None)
        if kind == "dataframe":
            out.append(node.value)
        elif kind == "table":
            out.append(node.value.rename(columns=shown, index=shown).map(shown))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return out


# What a view needs in its address to show its main content (its charts), besides the defaults.
NEEDS = {"countries": {"party": "BRA"}}


def page_cases(among=None) -> list:
    """One page test case per view of the registry: (view, the query that shows its main content)."""
    from components.content.registry import views

    return [(v, NEEDS.get(v.name, {})) for v in (among or views())]


def by_hand(atlas, asof, parties: set[str] | None = None):
    """(instruments, participation rows, events) in view, read from the atlas's tables without the model: adopted by
    the date; rows dated by then (undated ones count from their instrument's adoption); with parties, the
    instruments they joined and the meetings that produced them."""
    import pandas as pd

    stamp = pd.Timestamp(asof)
    instruments = atlas.instruments[atlas.instruments["adopted_by"] <= stamp]
    rows = atlas.participation[atlas.participation["instrument_id"].isin(instruments["id"])]
    adopted = rows["instrument_id"].map(atlas.instruments.set_index("id")["adopted_by"])
    rows = rows[rows["date_by"].fillna(adopted) <= stamp]
    events = atlas.events[atlas.events["start_date_by"] <= stamp]
    if parties is not None:
        rows = rows[rows["party_id"].isin(parties)]
        instruments = instruments[instruments["id"].isin(rows["instrument_id"])]
        kept = set(instruments["id"])
        events = events[events["instrument_ids"].map(lambda ids: bool(kept & set(ids)))]
    return instruments, rows, events


@contextlib.contextmanager
def served(folder, headers: dict[str, str] | None = None) -> Iterator[str]:
    """A folder (a published site) served by Python's http.server on a free port, in a thread, with extra response
    `headers`; yields its address ending in "/". The server is stopped on leaving."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 (the base class's name)
            pass

        def log_error(self, format, *args):  # noqa: A002
            pass

        def handle(self):
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):  # a client that stopped reading (a link checker does)
                pass

        def end_headers(self):
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
