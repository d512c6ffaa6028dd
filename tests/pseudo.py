"""The pseudo-locale check (issue 20): text a reader sees that never went through the translation function.

In the pseudo-locale `en-XA` every translated string is wrapped in ⟦ ⟧ (components/data/i18n.py). What is left of a
visible text once the wrapped parts, the data (names, notes, dates, codes from the dataset), numbers and punctuation
are taken out is a hard-coded string: `leftovers()` returns it. The same function serves the AppTest scan (every
element of a page run: titles, captions, notices, widget labels and options, help, tables' headers and cells, chart
titles, axes, legends, hovers and alt texts) and the chromium scan (every visible text node of the page).

Run as a script, it lists what is left per view:  python -m tests.pseudo [view …]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from components.data.i18n import CLOSE, OPEN

# A wrapped part with no wrapped part inside (removed repeatedly, so nested ones go from the inside out).
_INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_NOISE = [
    re.compile(r"%\{[^}]*\}"),  # a chart's hover placeholders
    re.compile(r"<[^>]+>"),  # a chart's markup (<b>, <br>, <extra>)
    re.compile(r"\]\([^)]*\)"),  # a Markdown link's address
    re.compile(r"https?://\S+"),
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),  # an address to write to
    re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b"),  # ISO dates
    re.compile(r"\?[\w=&,.:%-]+"),  # a query string shown as an example
    re.compile(r"\b[\w-]+\.(?:csv|yaml|json|xlsx|zip|md|atom|pdf)\b"),  # file names
    re.compile(r"\b[A-Z]{2,4}\d*\b"),  # codes: BRA, G7, EU, AU, OECD, UN, AI, G20, CSV, PNG, SVG, URL
]
_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters or more: a word a reader reads
# Words that read the same in the Atlas's three languages and need no translation (units, file formats, …).
SAME_IN_EVERY_LANGUAGE = {
    "px",
    "kB",
    "MB",
    "zip",
    "BibTeX",
    "XLSX",
    "CSV",
    "PNG",
    "SVG",
    "JSON",
    "YAML",
    "Jaccard",
    "UpSet",
    "plotly",
    "Streamlit",
    "Markdown",
    "Wayback",
    "GitHub",
    "English",
    "Français",
    "Español",
}  # each language's own name (the picker)


@lru_cache(maxsize=1)
def data_terms() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in _data_texts()) + r")(?!\w)")


def is_data_excerpt(text: str) -> bool:
    """A cell that shows the beginning of a long data text (a note cut short in a preview)."""
    import bisect

    start = str(text).rstrip("…. ").strip()
    if len(start) < 40:
        return False
    texts = _sorted_texts()
    i = bisect.bisect_left(texts, start)
    return i < len(texts) and texts[i].startswith(start)


@lru_cache(maxsize=1)
def _sorted_texts() -> list[str]:
    return sorted(_data_texts())


@lru_cache(maxsize=1)
def _data_texts() -> tuple[str, ...]:
    """Every text of the bundled dataset (names, short names, notes, summaries, sources, values, tours' own texts are
    not data), longest first, as one pattern: what a page shows from the data is not a hard-coded string."""
    import dataclasses

    import pandas as pd

    from components.data.schema import bundled_package
    from components.model.atlas import load_atlas

    atlas = load_atlas()
    vocabularies = {  # machine values of a vocabulary (legal force, evidence, …): shown only through their labels
        (resource.name, field.name)
        for resource in bundled_package().resources
        for field in resource.fields
        if field.enum
    }
    terms: set[str] = set()
    for field in dataclasses.fields(atlas):
        frame = getattr(atlas, field.name)
        if not isinstance(frame, pd.DataFrame):
            continue
        for column in frame.columns:
            if (field.name, column) in vocabularies or isinstance(frame[column].dtype, pd.CategoricalDtype):
                continue
            values = frame[column]
            if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
                continue
            for value in values.dropna():
                if isinstance(value, str):
                    terms.add(value.strip())
                elif isinstance(value, (list, tuple)):
                    terms.update(str(v).strip() for v in value)
    terms |= {t.replace("--", dash) for t in terms if "--" in t for dash in ("—", "–")}  # as Markdown draws "--"
    terms = {t for t in terms if len(t) >= 2}
    return tuple(sorted(terms, key=len, reverse=True))


def leftovers(text: str) -> str:
    """What is left of `text` that is neither translated (inside ⟦ ⟧), nor data, nor a number, date, code or
    punctuation: the words of a hard-coded string, or '' when there is none."""
    if not text:
        return ""
    from tests.helpers import shown

    rest = shown(str(text))
    while True:
        stripped = _INNERMOST.sub(" ", rest)
        if stripped == rest:
            break
        rest = stripped
    for pattern in _NOISE[:4]:  # addresses first: a data term inside one would break it apart
        rest = pattern.sub(" ", rest)
    rest = data_terms().sub(" ", rest)
    for pattern in _NOISE[4:]:
        rest = pattern.sub(" ", rest)
    words = [w for w in _WORD.findall(rest) if w not in SAME_IN_EVERY_LANGUAGE]
    return " ".join(words)


# Proto fields of page elements that a reader sees.
_TEXT_FIELDS = {
    "body",
    "label",
    "help",
    "placeholder",
    "options",
    "alt",
    "caption",
    "text",
    "title",
    "value",
    "tooltip",
    "description",
    "pageLink",
}
_SKIPPED_KINDS = {"Html"}  # raw HTML blocks (the frame's skip link, styles): scanned in chromium instead
_PLOT_TEXT = ("text", "name", "hovertemplate", "title")


def _plot_texts(spec: dict) -> Iterator[str]:
    layout = spec.get("layout", {})

    def title_of(node):
        title = (node or {}).get("title")
        if isinstance(title, dict):
            return title.get("text")
        return title

    for key, node in layout.items():
        if key == "title" or key.startswith(("xaxis", "yaxis", "legend", "coloraxis")):
            yield title_of({"title": node} if key == "title" else node) or ""
            if isinstance(node, dict):
                for tick in node.get("ticktext") or ():
                    yield str(tick)
    for note in layout.get("annotations") or ():
        yield note.get("text") or ""
    for trace in spec.get("data", []):
        for key in ("name", "hovertemplate"):
            if isinstance(trace.get(key), str):
                yield trace[key]
        for key in ("text", "hovertext", "x", "y", "labels"):
            value = trace.get(key)
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, str):
                        yield item
                    elif isinstance(item, list):
                        yield from (str(i) for i in item if isinstance(i, str))
        colorbar = (trace.get("marker") or {}).get("colorbar") or trace.get("colorbar")
        if colorbar:
            yield title_of(colorbar) or ""
            yield from (str(t) for t in colorbar.get("ticktext") or ())


def _arrow_texts(data: bytes) -> Iterator[tuple[str, str]]:
    import pyarrow as pa

    table = pa.ipc.open_stream(data).read_all()
    for name in table.column_names:
        if not name.startswith("__index_level"):
            yield ".header", name
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            yield from (("", v) for v in column.to_pylist() if v)


def page_texts(at) -> Iterator[tuple[str, str]]:
    """(element kind, text) for every text a reader sees in an AppTest page run, charts' texts included."""
    from google.protobuf.json_format import MessageToDict

    def strings(node, path=()) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from strings(value, (*path, key))
        elif isinstance(node, list):
            for value in node:
                yield from strings(value, path)
        elif isinstance(node, str) and path:
            yield path[-1], node

    def walk(node):
        proto = getattr(node, "proto", None)
        kind = type(node).__name__
        if proto is not None and kind not in _SKIPPED_KINDS:
            arrow = getattr(getattr(proto, "arrow_data", None), "data", None)  # a table's cells (st.table, dataframe)
            if arrow:
                settings = json.loads(getattr(proto, "columns", "") or "{}")  # a dataframe's headers set by the page
                yield from ((kind + part, t) for part, t in _arrow_texts(arrow)
                            if not (part == ".header" and (settings.get(t) or {}).get("label")))
            for field, text in strings(MessageToDict(proto)):
                if field == "data" and arrow:
                    continue
                if field == "columns":  # a dataframe's column settings: their labels and help
                    for setting in json.loads(text).values():
                        for key in ("label", "help"):
                            if isinstance(setting, dict) and setting.get(key):
                                yield kind, setting[key]
                elif field == "spec":
                    yield from ((kind + ".chart", t) for t in _plot_texts(json.loads(text)))
                elif field == "json" and kind == "UnknownElement":
                    yield from ((kind + ".component", t) for t in _component_texts(json.loads(text)))
                elif field in _TEXT_FIELDS and not (kind in ("TextInput", "TextArea") and field == "value"):
                    yield kind, text
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                yield from walk(child)

    yield from walk(at._tree)


def _component_texts(value) -> Iterator[str]:
    """Texts of a custom component's arguments (the signatories matrix): labels, titles, hovers."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in (
                "id",
                "key",
                "shown",
                "href",
                "url",
                "code",
                "codes",
                "ids",
                "instrument_ids",
                "party_ids",
                "colour",
                "color",
                "fill",
                "style",
                "kind",
                "state",
                "action",
            ):
                continue
            yield from _component_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _component_texts(item)
    elif isinstance(value, str):
        yield value


@lru_cache(maxsize=1)
def vocabulary_codes() -> frozenset[str]:
    """Every code of every vocabulary of the descriptor ('legally_binding', 'signed', …)."""
    from components.data.schema import bundled_package

    package = bundled_package()
    values = {str(v) for r in package.resources for f in r.fields for v in (f.enum or ())}
    return frozenset(values | {f.name for r in package.resources for f in r.fields})  # and the files' column names


def is_codes(text: str) -> bool:
    """A cell that lists the files' own codes ('signed', 'official, reputable, weak', 'source_url'): the data
    dictionary shows the columns and values of a file as they are written there."""
    items = [item.strip() for item in str(text).replace("\\", "").split(",")]
    return bool(items) and all(item in vocabulary_codes() for item in items)


_FILE_ROW = re.compile(r"^([\w.-]+)(?: · [\w.-]+)*(?: \(.*\))?(?: — .*)?$", re.S)


def is_file_row(text: str) -> bool:
    """A row of a data file named by its key ('oecd-ai-principles · URY · adhered — evidence: 'x' → 'y''), as the
    changes between releases list them: the file's own codes and values."""
    from tests.helpers import shown

    found = _FILE_ROW.match(shown(str(text)))
    return bool(found) and bool(data_terms().fullmatch(found.group(1)))


def untranslated(texts: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """{leftover words: [where, …]} for the texts that keep a hard-coded string (a table's cell may hold codes; its
    header may not)."""
    found: dict[str, list[str]] = {}
    for kind, text in texts:
        if kind == "Dataframe.header" and text == "source_url":  # headed "Source" by its column's settings
            continue
        if kind in ("Table", "Dataframe") and (is_codes(text) or is_data_excerpt(text) or is_file_row(text)):
            continue
        rest = leftovers(text)
        if rest:
            found.setdefault(rest, []).append(f"{kind}: {text[:160]}")
    return found


def main(argv: list[str] | None = None) -> int:
    import sys

    from components.content.registry import views
    from components.data.i18n import PSEUDO, speaking
    from tests.helpers import NEEDS, run, unfold

    wanted = set((argv if argv is not None else sys.argv[1:]) or ())
    total = 0
    for view in views():
        if wanted and view.name not in wanted:
            continue
        at = run(view.script, {**NEEDS.get(view.name, {}), "lang": "en-XA"})
        with speaking(PSEUDO):  # AppTest formats widget values in this thread: in the page's language
            unfold(at)
        found = untranslated(page_texts(at))
        total += len(found)
        print(f"== {view.name}: {len(found)}")
        for rest, where in sorted(found.items()):
            print(f"  [{rest[:80]}]  <- {where[0]}")
    print(f"total {total}")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
