"""Data text shown as text: escaping for plotly's HTML-like labels and for Streamlit's Markdown.

Names, summaries and notes come from data files (and from uploads), so they may hold `<b>`, `<a href=…>`,
`**stars**`, `$maths$` or `:red[colour]`. Plotly reads a subset of HTML in every label and hover, and Streamlit
reads Markdown (with LaTeX, colour directives and icons) in every caption; neither may interpret data.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable

import numpy as np
import plotly.graph_objects as go

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones Streamlit's
# Markdown (GFM, LaTeX, directives like :red[…], :material/…: icons, emoji shortcodes) can give a meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'@])")
_SHORTCODE = re.compile(r":(?=[\w+\-/]+:)")
WORD_JOINER = "\u2060"
_PLOTLY_SPECIAL = re.compile(r"[<>&]")
TRACE_DATA_FIELDS = ("x", "y", "customdata", "hovertext", "labels")  # data shown through plotly's HTML subset


def md(value: object) -> str:
    """Text for st.markdown, st.caption and widget labels: every character shown as written, on one line."""
    text = " ".join(str(value).split())  # a newline or leading indent would start a list, quote or code block
    # Icons (:material/home:) and emoji (:smile:) are replaced after Markdown's escapes are read, so a backslash
    # does not stop them; an invisible word joiner after the colon does.
    text = _SHORTCODE.sub(":" + WORD_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def md_url(url: str) -> str:
    """An http(s) or mailto: address safe inside Markdown's (…): brackets, spaces and quotes percent-encoded; else
    empty (a javascript: or data: address never becomes a link)."""
    if not re.match(r"^(https?://|mailto:)", url, flags=re.IGNORECASE):
        return ""
    return "".join(f"%{ord(ch):02X}" if ch in " ()<>[]\"'`\\" else ch for ch in url)


def md_link(label: object, url: str) -> str:
    """A Markdown link with an escaped label, or the escaped label alone when the address is not http(s)."""
    target = md_url(str(url))
    return f"[{md(label)}]({target})" if target else md(label)


def plotly_text(value: object) -> str:
    """Text for a plotly title, label or hover: &, < and > as entities, which plotly shows literally."""
    text = str(value)
    return html.escape(text, quote=False) if _PLOTLY_SPECIAL.search(text) else text


def fill(template: str, **values: object) -> str:
    """A translated template of a plotly hover with its named {placeholders} filled in; plotly's own %{…}
    placeholders are left alone (str.format would read them as its own fields)."""
    for name, value in values.items():
        template = re.sub(r"(?<!%)\{" + re.escape(name) + r"\}", lambda _m, v=str(value): v, template)
    return template


def fill_columns(template: str, **values):
    """A translated template filled element-wise with columns (pandas Series or numpy arrays, broadcast as `+` does)
    or single strings: 'A — B: no action recorded' for every cell at once, in whatever order the translation puts
    its {placeholders}."""
    out = None
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        for part in ([literal] if literal else []) + ([values[field]] if field is not None else []):
            out = part if out is None else out + part
    return "" if out is None else out


def _escape_values(values):
    """The same array or tuple with each string escaped; None when nothing needed escaping."""
    if values is None or isinstance(values, str | bytes):
        return plotly_text(values) if isinstance(values, str) and _PLOTLY_SPECIAL.search(values) else None
    array = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    if array.dtype != object:
        return None  # numbers and dates
    flat = array.ravel()
    hits = [i for i, v in enumerate(flat) if isinstance(v, str) and _PLOTLY_SPECIAL.search(v)]
    if not hits:
        return None
    out = flat.copy()
    for i in hits:
        out[i] = html.escape(out[i], quote=False)
    return out.reshape(array.shape)


def escape_figure(fig: go.Figure, *, fields: Iterable[str] = TRACE_DATA_FIELDS) -> go.Figure:
    """Escape data strings in every trace's axes values, customdata, hover text and legend name.

    A trace's `text` is left alone: where it carries hover HTML the chart builds it with `plotly_text` itself.
    Selections return the escaped customdata; `components.charts.selection` unescapes it.
    """
    for trace in fig.data:
        for name in fields:
            if name not in trace:
                continue
            escaped = _escape_values(trace[name])
            if escaped is not None:
                trace[name] = escaped
        if "name" in trace and isinstance(trace.name, str):
            trace.name = plotly_text(trace.name)
    for axis in _axes(fig):  # the order of categories names them too: escaped like the values, or they would not
        for name in ("categoryarray", "ticktext"):  # match and plotly would draw each category twice
            escaped = _escape_values(axis[name])
            if escaped is not None:
                axis[name] = escaped
    return fig


def _axes(fig: go.Figure) -> list:
    layout = fig.layout
    return [layout[key] for key in layout if key.startswith(("xaxis", "yaxis")) and layout[key] is not None]
