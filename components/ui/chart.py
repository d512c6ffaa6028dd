"""A chart on a page: the figure, its text summary, and its downloads (PNG, SVG, CSV, XLSX) and citation."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.charts.margins import settle_margins
from components.content.base import Chart, Table
from components.content.urls import address, root_of
from components.data.i18n import DEFAULT, N_, _, language
from components.export.citation import ViewMeta, cite_view, file_name
from components.export.images import SIZES, briefing_figure, image_bytes, projector_svg
from components.export.rows import csv_bytes, xlsx_bytes
from components.model.atlas import citation
from components.model.evidence import mix as evidence_mix
from components.text import md
from components.ui.frame import Frame
from components.ui.probe import chart_drawn
from components.ui.source import release_shown

SIZE_NAMES = {"slide": N_("Slide"), "document": N_("Document")}  # components/export/images.SIZES


def size_label(size: str) -> str:
    """'Slide (1600×900)': an image size's name in the view's language, and its pixels."""
    name = _(SIZE_NAMES[size]) if size in SIZE_NAMES else size.capitalize()
    return f"{name} ({SIZES[size][0]}×{SIZES[size][1]})"


class _Sent(go.Figure):
    """A shared figure as st.plotly_chart takes it: its dict made once, with margins its labels fit.

    st.plotly_chart calls `Figure.to_dict()`, which deep-copies every array on every run: 0.25 s of each run for the
    timeline's 11,000 markers at 100× data, before the chart is sent. The Atlas's figures are shared, read-only
    objects (frame.memo), so the dict is made once and kept with the figure; this wrapper hands it over uncopied."""

    def __init__(self, figure: go.Figure, *, settle: bool = True):  # no Figure.__init__: only to_dict() is asked
        sent = figure.__dict__.get("_atlas_sent")
        if sent is None:
            sent = figure.to_dict()
            if settle:  # drawn once in the browser, not twice (charts/margins.py); not on a phone, where plotly's own
                settle_margins(sent)  # automargin keeps the plot a share of the 360 px that fixed margins would not
            figure._atlas_sent = sent
        object.__setattr__(self, "_sent", sent)

    def to_dict(self) -> dict:
        return self._sent


def view_url(frame: Frame) -> str:
    """The address of this view with its filters (what 'copy the address bar' would give), with the release shown so
    that a cited address keeps showing what it showed."""
    query = {k: v for k, v in frame.query.items() if k != "layout"}
    if language() != DEFAULT and "lang" not in query:  # a language from the browser: the cited address keeps it
        query["lang"] = language()
    return address(frame.page, query, root=root_of(st.context.url or ""), release=release_shown() or "")


def _projector(frame: Frame, key: str, fig, url: str) -> bytes:
    """The chart as the projector's SVG, drawn once per filter state and address (shared by sessions)."""
    from components.ui.frame import memo

    return memo(frame, f"projector:{frame.page.name}:{key}", lambda: projector_svg(fig, url=url, lang=language()), url)


def table_download(table: Table, frame: Frame) -> None:
    """'Download this table': its rows as CSV or XLSX, with the citation, filters and date in the file."""
    meta = ViewMeta(view=frame.page.name, title=table.download, filters=frame.subtitle, asof=frame.slice.asof,
                    url=view_url(frame), citation=citation(frame.atlas), data_asof=frame.atlas.asof,
                    sources=evidence_mix(table.data))  # fmt: skip
    data, key = table.data, table.key
    left, right = st.columns(2)
    left.download_button(
        f"{table.download} (CSV)", data=lambda: csv_bytes(data, meta), mime="text/csv",
        file_name=file_name(meta, "csv", chart=key), key=f"{key}_csv", icon=":material/table:", on_click="ignore",
    )  # fmt: skip
    right.download_button(
        f"{table.download} (XLSX)", data=lambda: xlsx_bytes(data, meta), file_name=file_name(meta, "xlsx", chart=key),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
        icon=":material/grid_on:", on_click="ignore",
    )  # fmt: skip


def show_chart(chart: Chart, frame: Frame, *, explain: bool = True):
    """Show a finished figure and its summary; under it, downloads and 'cite this view'. Returns the selection.
    `explain`: say how to read the chart's unverified note (once per page; its source line keeps the note)."""
    url = view_url(frame)
    fig, key = chart.figure, chart.key
    meta = ViewMeta(view=frame.page.name, title=chart.title, filters=frame.subtitle, asof=frame.slice.asof, url=url,
                    citation=citation(frame.atlas), data_asof=frame.atlas.asof, sources=chart.sources)  # fmt: skip
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"filename": file_name(meta, "png")[:-4]},
        # the bundled world outline (static/topojson/README.md), relative: served under a base path too (/explore/)
        "topojsonURL": "app/static/topojson/",
    }
    if frame.present:  # a projector: the picture scaled to the screen (app.py), type for the back of the room
        st.image(_projector(frame, key, fig, url).decode("utf-8"), alt=chart.summary, width="stretch")
        st.caption(md(chart.summary))
        return None
    chart_drawn()  # the browser's script waits for it before asking for the controls (components/ui/probe.py)
    if frame.brief:
        shown = briefing_figure(fig, url=url, size="slide")
        shown.update_layout(width=1200, height=675)  # slide proportions that fit a laptop screen
        event = st.plotly_chart(shown, key=key, config=config, width="content", alt=chart.summary, theme=None)
        st.caption(md(chart.summary))
        return event
    if frame.narrow:  # a phone: wrapped titles, legend above, long labels wrapped (the downloads keep the full figure)
        from components.charts.narrow import narrow_figure
        from components.ui.frame import memo

        shown_fig = memo(frame, f"narrow:{frame.page.name}:{key}", lambda: narrow_figure(fig), url)
    else:
        shown_fig = fig
    event = st.plotly_chart(
        _Sent(shown_fig, settle=not frame.narrow),
        key=key,
        config=config,
        alt=chart.summary,
        theme=None,  # the Atlas template, as exported; the summary is its accessible name
        **({"on_select": "rerun", "selection_mode": ("points",)} if chart.selectable else {}),
    )
    st.caption(md(chart.summary))  # the chart's text alternative, with its main numbers
    if chart.unverified and explain:
        st.caption(
            _(
                "{note} The CSV and XLSX say which (`evidence` or `parties_unverified`), and `sources_differ` marks what "
                "sources dispute."
            ).format(note=chart.unverified),
            help=_(
                "Evidence levels: official (read on an official page), secondary (a reputable page reporting the "
                "official list), unverified (a single non-official source or an inference stated in the row's "
                "notes)."
            ),
        )
    rows = chart.rows
    # A folded section, not a popover: its controls follow the chart in the page's order (a popover's content sits at
    # the end of the page, where Tab does not reach it from its button). Drawn when opened (on_change="rerun"): six
    # controls and two citations per chart are not sent on every run.
    cite = st.expander(_("Download or cite this chart"), icon=":material/download:", key=f"{key}_cite",
                       on_change="rerun", width=620)  # fmt: skip
    if not cite.open:
        return event
    with cite:
        lang = language()  # a download is made on click, outside the page's run: it keeps the page's language
        size = st.radio(_("Image size"), list(SIZES), key=f"{key}_size", horizontal=True, format_func=size_label)
        left, right = st.columns(2)
        left.download_button(
            "PNG (2×)", data=lambda: image_bytes(fig, fmt="png", size=size, url=url, lang=lang), mime="image/png",
            file_name=file_name(meta, "png", size, chart=key), key=f"{key}_png", icon=":material/image:", on_click="ignore",
        )  # fmt: skip
        right.download_button(
            "SVG", data=lambda: image_bytes(fig, fmt="svg", size=size, url=url, lang=lang), mime="image/svg+xml",
            file_name=file_name(meta, "svg", size, chart=key), key=f"{key}_svg", icon=":material/draw:", on_click="ignore",
        )  # fmt: skip
        left.download_button(
            _("Data (CSV)"), data=lambda: csv_bytes(rows, meta), mime="text/csv", file_name=file_name(meta, "csv", chart=key),
            key=f"{key}_csv", icon=":material/table:", on_click="ignore",
        )  # fmt: skip
        right.download_button(
            _("Data (XLSX)"), data=lambda: xlsx_bytes(rows, meta), file_name=file_name(meta, "xlsx", chart=key), key=f"{key}_xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/grid_on:",
            on_click="ignore",
        )  # fmt: skip
        sentence, bibtex = cite_view(meta, chart=key)
        st.markdown(_("**Cite this view**"))
        st.code(sentence, language=None, wrap_lines=True)
        st.code(bibtex, language="latex")
        st.caption(
            _("Briefing layout (no sidebar, for screenshots): [{view} in brief]({address})").format(
                view=frame.page.name, address=f"{url}{'&' if '?' in url else '?'}layout=brief"
            )
        )
    return event
