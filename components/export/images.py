"""Chart images for briefings: a finished figure at a slide or document size, with the view's URL in its source
line, as PNG (2x) or SVG. Images come from plotly's export through kaleido, which drives the system Chromium (one
browser per process, shared by every export), so a file is the same whoever asks for it.
"""

from __future__ import annotations

import asyncio
import copy
import threading
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import plotly.graph_objects as go

from components.data.i18n import CODES, _, language, speaking

SIZES = {  # name: (width, height) in CSS pixels; PNGs are rendered at 2x
    "slide": (1600, 900),  # 16:9 slide
    "document": (1000, 700),  # the width of an A4 portrait page
}
FORMATS = ("png", "svg")
PNG_SCALE = 2
_kaleido_lock = threading.Lock()
_kaleido_started = False


def view_language(url: str) -> str:
    """The language of the view an address names (its `lang=`), else the current one. A figure's own words were
    written in the view's language; an image made on click runs outside the page's run, so the words this module adds
    follow the address the image names."""
    try:
        asked = parse_qs(urlsplit(url or "").query).get("lang", [])
    except ValueError:
        asked = []
    return asked[-1] if asked and asked[-1] in CODES else language()


def briefing_figure(fig: go.Figure, *, url: str, size: str = "slide", lang: str | None = None) -> go.Figure:
    """A copy of a finished figure at an export size, with the view's URL added to its source line (in `lang`, else
    the language the address names, else the current one)."""
    width, height = SIZES[size]
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    bottom = out.layout.margin.b if out.layout.margin.b is not None else 90
    with speaking(lang or view_language(url)):
        view = _("View: {url}")
    for annotation in out.layout.annotations:
        if annotation.name == "source" and url and url not in annotation.text:
            annotation.text = f"{annotation.text}<br>{view.format(url=url)}"
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


def image_bytes(
    fig: go.Figure, *, fmt: str = "png", size: str = "slide", url: str = "", lang: str | None = None
) -> bytes:
    """PNG (2x) or SVG of the figure at the named size (the words it adds in `lang`: see briefing_figure)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(FORMATS)}")
    export = briefing_figure(fig, url=url, size=size, lang=lang)
    width, height = SIZES[size]
    with _kaleido_lock, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # plotly's note on the shared server
        _ensure_kaleido()
        return export.to_image(format=fmt, width=width, height=height, scale=PNG_SCALE if fmt == "png" else 1)


def svg_images(figures: Sequence[tuple[go.Figure, str]], *, size: str = "document", tabs: int = 2) -> list[bytes]:
    """The SVG of each (figure, url) pair, the picture `image_bytes(figure, fmt="svg", size=size, url=url)` gives, drawn
    in one batch by a kaleido browser of its own with `tabs` tabs side by side, each drawing figure after figure (the
    static site's hundreds of charts: ~0.07 s each, not ~0.5 s). Same plotly.js, page, options and map outlines as
    the shared exporter; each trace gets a fixed uid (plotly names its SVG groups after it, at random otherwise)."""
    if not figures:
        return []
    width, height = SIZES[size]
    opts = {"format": "svg", "width": width, "height": height, "scale": 1}
    specs = []
    for fig, url in figures:
        spec = briefing_figure(fig, url=url, size=size).to_dict()
        for i, trace in enumerate(spec.get("data", [])):
            trace.setdefault("uid", str(i))
        specs.append(spec)
    import plotly.io as pio

    # the options plotly's own export (Figure.to_image) gives kaleido, and the bundled world outline for maps
    kopts = {k: getattr(pio.defaults, k) for k in ("plotlyjs", "mathjax", "headers") if getattr(pio.defaults, k, None)}
    topojson = TOPOJSON_DIR.as_uri() + "/"

    async def draw() -> list[bytes]:
        async with _batch_browser()(n=max(1, min(tabs, len(specs))), **kopts) as browser:
            return list(await asyncio.gather(*(browser.calc_fig(s, opts=opts, topojson=topojson) for s in specs)))

    # a thread of its own: asyncio.run refuses to start where an event loop runs (a notebook, Playwright's sync API)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, draw()).result()


def _batch_browser() -> type:
    """kaleido's browser, its tabs kept between figures: kaleido reloads a tab's page after every image (~0.45 s of
    the ~0.5 s an image takes here, most of it parsing plotly.js again); a batch of the Atlas's own figures needs no
    clean page each (the pictures are the same; only the order of some SVG attributes can differ). Overrides a
    private method of the pinned kaleido (pyproject.toml); tests/unit/test_publish_charts.py checks the pictures."""
    import kaleido

    class Batch(kaleido.Kaleido):
        async def _return_kaleido_tab(self, tab) -> None:
            await self.tabs_ready.put(tab)

    return Batch


# ---------------------------------------------------------------- the projector

PROJECTOR = (1760, 900)  # the picture's own size: a 1920×1080 screen's room under a step's caption, shown 1:1;
# the page scales it down to fit smaller screens whole (1280×720 included)
PROJECTOR_FONTS = {"ticks": 24, "title": 34, "subtitle": 24, "axis": 26, "legend": 24, "marks": 22, "source": 16}
PROJECTOR_ROW = 30  # px per category row (a matrix's parties): 24 px labels need ~30 px rows


def wrap(text: str, width: int) -> tuple[str, int]:
    """Plotly text broken into lines of at most `width` characters at spaces ('<br>' between them), and the count of
    lines (plotly does not wrap titles: a long one is cut at the picture's edge)."""
    import textwrap

    lines = [line for part in (text or "").split("<br>") for line in (textwrap.wrap(part, width) or [""])]
    return "<br>".join(lines), len(lines)


def projector_figure(fig: go.Figure, *, url: str = "", lang: str | None = None) -> go.Figure:
    """A copy of a finished figure for a projector: type for the back of a room (24 px ticks, 34 px title at the
    picture's own size, which a 1920×1080 screen shows at ~0.95×), every explicit small font raised, and a taller
    picture for many rows. Its size is the figure's layout width and height."""
    out = briefing_figure(fig, url=url, size="slide", lang=lang)
    f = PROJECTOR_FONTS
    out.update_layout(font=dict(size=f["ticks"]), legend=dict(font=dict(size=f["legend"])),
                      title=dict(font=dict(size=f["title"]), subtitle=dict(font=dict(size=f["subtitle"]))))  # fmt: skip
    out.update_xaxes(tickfont=dict(size=f["ticks"]), title_font=dict(size=f["axis"]))
    out.update_yaxes(tickfont=dict(size=f["ticks"]), title_font=dict(size=f["axis"]))
    for annotation in out.layout.annotations:
        size = annotation.font.size or 14
        annotation.font.size = f["source"] if annotation.name == "source" else max(size, f["marks"] - 4)
    for trace in out.data:
        if getattr(trace, "textfont", None) is not None and trace.type in ("bar", "scatter", "heatmap"):
            trace.textfont.size = f["marks"]
    rows = max((len(t.y) for t in out.data if t.type == "heatmap" and t.y is not None), default=0)
    if rows:
        out.update_yaxes(dtick=1)  # every row named: plotly skips category labels it thinks too close
    width, height = PROJECTOR
    title, title_lines = wrap(out.layout.title.text or "", round(width * 0.95 / (f["title"] * 0.52)))
    subtitle, sub_lines = wrap(out.layout.title.subtitle.text or "", round(width * 0.95 / (f["subtitle"] * 0.5)))
    out.update_layout(title=dict(text=title, subtitle=dict(text=subtitle or None)))
    extra = (title_lines - 1) * 42 + (max(sub_lines, 1) - 1) * 32 + (28 if sub_lines > 1 else 0)
    margin = out.layout.margin
    source = next((a for a in out.layout.annotations if a.name == "source"), None)
    source_lines, wrapped = 0, 0
    if source is not None:  # the view's address is long: wrap the source line rather than cut it at the edge
        before = source.text.count("<br>") + 1
        source.text, source_lines = wrap(source.text, round(width * 0.85 / (f["source"] * 0.5)))
        wrapped = source_lines - before
    bottom = round((margin.b or 90) * 1.3) + wrapped * 22
    if rows:  # a matrix: its column names stand at -40° under it, above the source line
        longest = max((len(str(x)) for t in out.data if t.type == "heatmap" for x in (t.x or [])), default=10)
        bottom = max(bottom, round(longest * f["ticks"] * 0.5 * 0.64) + 40 + source_lines * 22)
    top = round((margin.t or 90) * 1.35) + extra
    out.update_layout(margin=dict(l=round((margin.l or 60) * 1.4), t=top, b=bottom, r=margin.r or 30))
    if source is not None:
        source.yshift = -(bottom - 8)  # the foot of the (new) bottom margin
    out.update_layout(width=width, height=max(height, rows * PROJECTOR_ROW + top + bottom) if rows else height)
    return out


def projector_svg(fig: go.Figure, *, url: str = "", lang: str | None = None) -> bytes:
    """The projector picture as SVG, drawn once by kaleido; the page scales it to the screen."""
    out = projector_figure(fig, url=url, lang=lang)
    with _kaleido_lock, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        _ensure_kaleido()
        return out.to_image(format="svg", width=out.layout.width, height=out.layout.height)
