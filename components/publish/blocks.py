"""A view's content (components/content/base.ViewContent) as parts of a published page.

Where a page shows what a live view shows, it renders that view's own blocks: text and notices (Markdown, as HTML),
metrics, tables, and each chart as its title, its image (an SVG file next to the page, components/publish/charts.py,
when the build draws charts), text summary and the rows behind it. Widgets (slots), downloads and progress bars of the live page have no static form and are left out, or
shown as their text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from components.content.base import (
    Block,
    Chart,
    Code,
    Columns,
    Heading,
    Links,
    Metrics,
    Notice,
    Progress,
    Section,
    Table,
    Text,
    ViewContent,
)
from components.data.i18n import _
from components.publish.cells import Grid, frame_grid
from components.publish.charts import Picture
from components.publish.markdown import Resolver, inline

LiveLink = Callable[[str, Mapping[str, str]], str]  # a view's name and query -> its address in the live Atlas
Pictures = Callable[[Chart], Picture | None]  # a chart -> its image file on the page (None: no image)


@dataclass(frozen=True)
class Part:
    """One piece of a page for the `parts` macro (templates/macros.html): its kind and what it shows."""

    kind: str  # heading | text | caption | notice | metrics | chart | table | code | section | columns | links
    html: Markup = Markup("")  # heading, text, notice, section title
    items: list = field(default_factory=list)  # metrics: (label, value); links: (label, href); code: lines
    grid: Grid | None = None  # table, chart (the rows behind it)
    summary: str = ""  # chart: its text summary (plain text)
    note: str = ""  # chart: how many of its rows are unverified
    title: str = ""  # chart title (plain text)
    image: Picture | None = None  # chart: its SVG next to the page (alt text: the summary)
    children: list = field(default_factory=list)  # section, columns: lists of parts


def parts(blocks: list[Block], resolve: Resolver, live: LiveLink, picture: Pictures | None = None) -> list[Part]:
    """The blocks as parts, in page order; `resolve` turns a Markdown link's target into an href, `live` a view's
    name and query into its address in the live Atlas, `picture` a chart into its image on the page."""
    out: list[Part] = []
    for block in blocks:
        part = _part(block, resolve, live, picture)
        if part is not None:
            out.append(part)
    return out


def chart_part(chart: Chart, picture: Pictures | None = None) -> Part:
    """A chart: its title, image, text summary, unverified note and the rows behind it."""
    grid = frame_grid(chart.rows, caption=_("The rows behind “{title}”").format(title=chart.title), key=chart.key)
    return Part("chart", grid=grid, summary=chart.summary, note=chart.unverified, title=chart.title,
                image=picture(chart) if picture else None)  # fmt: skip


def _part(block: Block, resolve: Resolver, live: LiveLink, picture: Pictures | None) -> Part | None:
    if isinstance(block, Heading):
        return Part("heading", html=inline(block.text, resolve))
    if isinstance(block, Text):
        return Part("caption" if block.caption else "text", html=inline(block.text, resolve))
    if isinstance(block, Notice | Progress):
        return Part("notice", html=inline(block.text, resolve))
    if isinstance(block, Metrics):
        return Part("metrics", items=[(m.label, str(m.value)) for m in block.items])
    if isinstance(block, Chart):
        return chart_part(block, picture)
    if isinstance(block, Table):
        return Part("table", grid=frame_grid(block.data, links=block.links, key=block.key, index=block.index))
    if isinstance(block, Code):
        return Part("code", items=block.text.splitlines())
    if isinstance(block, Section):
        children = [parts(block.blocks, resolve, live, picture)]
        return Part("section", html=inline(block.title, resolve), children=children)
    if isinstance(block, Columns):
        return Part("columns", children=[parts(column, resolve, live, picture) for column in block.columns])
    if isinstance(block, Links):
        return Part("links", items=[(label, live(name, query)) for label, name, query in block.items])
    return None  # slots (the live page's widgets) and downloads


def content_parts(
    content: ViewContent, resolve: Resolver, live: LiveLink, picture: Pictures | None = None
) -> list[Part]:
    """A whole view's content: its subtitle, then its blocks."""
    intro = [Part("text", html=inline(content.subtitle, resolve))] if content.subtitle else []
    return intro + parts(content.blocks, resolve, live, picture)
