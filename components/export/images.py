"""Chart images for briefings: a finished figure at a slide or document size, with the view's URL in its source
line, as PNG (2x) or SVG. Images come from plotly's export through kaleido, which drives the system Chromium (one
browser per process, shared by every export), so a file is the same whoever asks for it.
"""

from __future__ import annotations

import copy
import threading
import warnings
from pathlib import Path

import plotly.graph_objects as go

SIZES = {  # name: (width, height) in CSS pixels; PNGs are rendered at 2x
    "slide": (1600, 900),  # 16:9 slide
    "document": (1000, 700),  # the width of an A4 portrait page
}
FORMATS = ("png", "svg")
PNG_SCALE = 2
_kaleido_lock = threading.Lock()
_kaleido_started = False


def briefing_figure(fig: go.Figure, *, url: str, size: str = "slide") -> go.Figure:
    """A copy of a finished figure at an export size, with the view's URL added to its source line."""
    width, height = SIZES[size]
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    bottom = out.layout.margin.b if out.layout.margin.b is not None else 90
    for annotation in out.layout.annotations:
        if annotation.name == "source" and url and url not in annotation.text:
            annotation.text = f"{annotation.text}<br>View: {url}"
            annotation.yshift = -(bottom + 16 - 8)  # one more line, one line lower
    shrink = height / out.layout.height if out.layout.height else 1.0
    if shrink < 1:  # a tall chart squeezed into the export: marks drawn as text shrink with its rows
        for trace in out.data:
            if getattr(trace, "mode", None) == "text" and trace.textfont.size:
                trace.textfont.size = max(4, round(trace.textfont.size * shrink, 1))
    out.update_layout(width=width, height=height, margin=dict(b=bottom + 16))
    return out


TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"


def _ensure_kaleido() -> None:
    """Keep one headless browser for all exports of this process (~0.2 s per image instead of ~3 s)."""
    global _kaleido_started
    if not _kaleido_started:
        import kaleido
        import plotly.io as pio

        pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"  # maps draw offline from the bundled outline
        kaleido.start_sync_server(silence_warnings=True)
        _kaleido_started = True


def image_bytes(fig: go.Figure, *, fmt: str = "png", size: str = "slide", url: str = "") -> bytes:
    """PNG (2x) or SVG of the figure at the named size."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(FORMATS)}")
    export = briefing_figure(fig, url=url, size=size)
    width, height = SIZES[size]
    with _kaleido_lock, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # plotly's note on the shared server
        _ensure_kaleido()
        return export.to_image(format=fmt, width=width, height=height, scale=PNG_SCALE if fmt == "png" else 1)
