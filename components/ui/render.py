"""Render a view's content (components/content/base.ViewContent) with Streamlit, block by block."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from components.content import base
from components.content.report import Report, ReportTable, atlas_config
from components.data.dictionary import column_label, column_labels
from components.data.i18n import _, language, speaking
from components.text import md, md_link
from components.ui.chart import show_chart, table_download, view_url
from components.ui.frame import Frame
from components.ui.probe import controls_wait
from components.ui.source import release_shown, uses_upload

STATIC_ROWS = 40  # up to this many rows, a table is plain HTML (read by screen readers, printed whole, light to
# load); longer ones are interactive (sortable, searchable, scrolled)
EXPLAINED = "_unverified_explained"  # in the events: the page has said once how to read the unverified note
FOLDS = "_folds"  # in the events: the keys of the folded sections drawn so far
CHARTED = "_charted"  # in the events: a chart has been drawn in this run


def static_table(block: base.Table) -> pd.DataFrame:
    """A short table as st.table draws it: every cell's text shown as written (st.table reads Markdown), links as
    links, and nothing for a missing value."""

    def cell(value, link: str | None = None):
        if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
            return ""
        if link is not None:
            return md_link(link, str(value)) if str(value) else ""
        if isinstance(value, bool | np.bool_):  # a yes-or-no column, in the view's language
            return _("yes") if value else _("no")
        return md(value) if isinstance(value, str) else value

    def one_kind(values: list) -> list:  # a blanked number makes a column text: all of it, so Arrow takes it
        if any(isinstance(v, str) for v in values) and not all(isinstance(v, str) for v in values):
            return [v if isinstance(v, str) else _number(v) for v in values]
        return values

    data = block.data
    out = pd.DataFrame({(_("Source") if column == "source_url" else md(column_label(column) or column)):  # as the interactive table heads it
                        one_kind([cell(v, block.links.get(column)) for v in data[column]]) for column in data.columns},
                       index=[cell(i) for i in data.index] if block.index else None)  # fmt: skip
    return out


def _in_language(code: str, make):
    with speaking(code):
        return make()


def _number(value) -> str:
    """A number as a table shows it: 12 not 12.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _icon(name: str | None) -> str | None:
    return f":material/{name}:" if name else None


def _fold_key(block: base.Section, events: dict) -> str:
    """A folded section's key, stable across runs (its own, or from its title: a second one alike gets a number)."""
    import hashlib

    key = block.key or "fold_" + hashlib.md5(block.title.encode()).hexdigest()[:10]
    seen = events.setdefault(FOLDS, set())
    unique, n = key, 1
    while unique in seen:
        n += 1
        unique = f"{key}_{n}"
    seen.add(unique)
    return unique


def render(frame: Frame, content: base.ViewContent | None = None, *, slots: dict[str, Callable[[], None]] | None = None,
           header: bool = True) -> dict:  # fmt: skip
    """Show the content (the frame's own when none is given); `slots` put the page's widgets in their places.
    Returns the selection of each selectable chart, by its key."""
    content = content if content is not None else frame.content
    events: dict = {}
    if header and not frame.brief:
        st.title(_(content.title))  # the page titles are in the catalogs (the registry)
        if content.subtitle:
            st.caption(content.subtitle)
    step = frame.tour_step
    if step is not None:  # a tour step shows its one chart (components/content/tours.py checks it exists), then
        from components.ui.tours import step_footer  # its question and the controls

        tour, number = step
        chart = content.charts.get(tour.steps[number - 1].chart)
        blocks(frame, [chart] if chart is not None else content.blocks, slots or {}, events)
        step_footer(tour, number)
        return events
    blocks(frame, content.blocks, slots or {}, events)
    return events


def blocks(frame: Frame, items: list[base.Block], slots: dict, events: dict) -> None:
    for block in items:
        if events.get(CHARTED) and controls_wait() and not frame.brief:
            # a browser's first run ends with its first chart: what follows comes with the controls, once the chart
            # is on screen (components/ui/probe.py; an interactive table or three more charts in the same run held
            # the first chart back: the overview 1.46 -> 1.28x the floor, gaps 1.35 -> 1.27, measured)
            return
        if frame.brief and not block.brief:
            continue
        _block(frame, block, slots, events)


def _table_download(block: base.Table, frame: Frame) -> None:
    if controls_wait() and not frame.brief:  # a browser's first run: with the other controls (components/ui/probe.py)
        st.space("medium")  # a button's room
    else:
        table_download(block, frame)


def _reported(frame: Frame, block: Report | ReportTable) -> list[base.Block]:
    """A fact's report link (and its correction) with the address this reader sees and its release. A session
    exploring its own upload reports to no one: its facts are not the Atlas's."""
    config = None if uses_upload() else atlas_config(frame.atlas)
    resolved = block.resolve(view_url(frame), release_shown() or "", config)
    return resolved if isinstance(resolved, list) else [resolved]


def _block(frame: Frame, block: base.Block, slots: dict, events: dict) -> None:  # noqa: C901 (one branch per kind)
    if isinstance(block, Report | ReportTable):  # drawn as the text, download and table blocks they resolve to
        blocks(frame, _reported(frame, block), slots, events)
    elif isinstance(block, base.Heading):
        st.subheader(block.text)
    elif isinstance(block, base.Text):
        (st.caption if block.caption else st.markdown)(block.text)
    elif isinstance(block, base.Notice):
        getattr(st, block.kind)(block.text, icon=_icon(block.icon))
    elif isinstance(block, base.Links):  # st.page_link: the same tab (a Markdown link opens a new one)
        from components.content.registry import view

        for column, (text, name, query) in zip(st.columns(len(block.items)), block.items, strict=True):
            column.page_link(view(name).script, label=text, query_params=query, icon=":material/arrow_forward:")
    elif isinstance(block, base.Metrics):
        for column, metric in zip(st.columns(len(block.items)), block.items, strict=True):
            column.metric(metric.label, metric.value, help=metric.help)
    elif isinstance(block, base.Chart):
        # how to read the "? N records … unverified" note: under the first chart that has one, not under each
        explained = events.get(EXPLAINED, False)
        events[block.key] = show_chart(block, frame, explain=not explained)
        events[EXPLAINED] = explained or bool(block.unverified)
        events[CHARTED] = True
    elif isinstance(block, base.Table) and len(block.data) <= STATIC_ROWS:
        st.table(static_table(block), hide_index=not block.index)
        if block.download:
            _table_download(block, frame)
    elif isinstance(block, base.Table):
        config = {c: st.column_config.LinkColumn(c if c != "source_url" else _("Source"), display_text=text)
                  for c, text in block.links.items()}  # fmt: skip
        for column, words in column_labels(c for c in block.data.columns if c not in config).items():
            config[column] = st.column_config.Column(words)  # a file's column name, headed as readers read it
        data = block.data
        if block.index and column_label(data.index.name or ""):  # the index's name heads its column too
            data = data.rename_axis(column_label(data.index.name))
        st.dataframe(data, hide_index=not block.index, width="stretch", column_config=config or None,
                     **({"height": block.height} if block.height else {}))  # fmt: skip
        if block.download:
            _table_download(block, frame)
    elif isinstance(block, base.Download):
        data = block.data
        if callable(data):  # made on click, outside the page's run: in the page's language
            data = functools.partial(_in_language, language(), data)
        st.download_button(block.label, data=data, file_name=block.file_name, mime=block.mime, key=block.key,
                           icon=_icon(block.icon), on_click="ignore")  # fmt: skip
    elif isinstance(block, base.Progress):
        st.progress(min(max(block.value, 0.0), 1.0), text=block.text)
    elif isinstance(block, base.Code):
        st.code(block.text, language=block.language, wrap_lines=True)
    elif isinstance(block, base.Section):
        if block.folded:  # its content is drawn when opened, not sent on every run
            folded = st.expander(block.title, icon=_icon(block.icon), key=_fold_key(block, events), on_change="rerun")
            if folded.open:
                with folded:
                    blocks(frame, block.blocks, slots, events)
        else:
            with st.container(border=True):
                if block.title:
                    st.markdown(block.title)
                blocks(frame, block.blocks, slots, events)
    elif isinstance(block, base.Columns):
        for column, items in zip(st.columns(block.widths or len(block.columns)), block.columns, strict=True):
            with column:
                blocks(frame, items, slots, events)
    elif isinstance(block, base.Slot):
        if block.name in slots and controls_wait() and not frame.brief:
            # a browser's first run: the page's controls come with the filter panel (components/ui/probe.py)
            st.space("large")  # their room (a labelled field), so the chart does not move when they come
        elif block.name in slots:
            slots[block.name](*((block.choices,) if block.choices else ()))
    else:
        raise TypeError(f"no renderer for {type(block).__name__}")
