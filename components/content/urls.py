"""The one URL builder: a view, its filters, options and data release -> an address of the Atlas, and back.

`to_query` and `parse_query` (components/model/query.py) turn filters and options into query parameters and back;
this module adds the view's path, the Atlas's root and the release (`v=`), so that every address the Atlas writes
(cited views, tour steps, the offline pack's links) is made in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, urlencode, urlsplit

from components.content.registry import View, by_name, views
from components.model.atlas import Atlas
from components.model.filters import Filters
from components.model.query import Parsed, Vocabulary, parse_query, to_query

LOCAL = "http://localhost:8501"  # the root when the Atlas's own address is not known (headless, tests)
PAGE_PARAMS = (
    "layout",
    "lang",
    "tour",
    "step",
    "v",
)  # understood by every filtered page besides the filters and options


def address(view: View, query: Mapping[str, str] | None = None, *, root: str = "", release: str = "") -> str:
    """The address of a view with a query already made: root/path?query (commas kept readable), with `v=release`
    added when the query names no release, so that a cited address keeps showing what it showed."""
    query = dict(query or {})
    if release and "v" not in query:
        query["v"] = release
    path = f"{root.rstrip('/')}/{view.path}"
    return path + (f"?{urlencode(query, safe=',')}" if query else "")


def relative(address: str) -> str:
    """An address of the Atlas made relative to the page it is shown on ('/signatories?…' -> 'signatories?…'), so
    that it works wherever the Atlas is served; the home page is './'."""
    path = address.lstrip("/")
    return path if path and not path.startswith("?") else "./" + path


def view_address(
    view: View,
    atlas: Atlas,
    filters: Filters | None = None,
    options: Mapping[str, tuple[str, ...]] | None = None,
    *,
    root: str = "",
    release: str = "",
    extra: Mapping[str, str] | None = None,
) -> str:
    """The address of a view showing these filters and options (only what differs from the defaults is written)."""
    query = to_query(filters or Filters(), options or {}, view.params(atlas))
    return address(view, {**query, **(extra or {})}, root=root, release=release)


def root_of(url: str, among: tuple[View, ...] | None = None) -> str:
    """The Atlas's root from the address of any of its pages ('https://x.org/atlas/timeline?…' -> 'https://x.org/atlas');
    LOCAL when the address is not known."""
    base = (url or "").split("?")[0].split("#")[0].rstrip("/")
    if not base:
        return LOCAL
    last = base.rsplit("/", 1)[-1]
    if last in by_name(among) and "/" in base.split("://", 1)[-1]:
        return base.rsplit("/", 1)[0]
    return base


def view_of(url: str, among: tuple[View, ...] | None = None) -> View:
    """The view an address shows (the home page for the root or an unknown path)."""
    path = urlsplit(url).path.rstrip("/")
    name = path.rsplit("/", 1)[-1] if path else ""
    return by_name(among).get(name) or next(v for v in (among or views()) if v.default)


def parse_address(url: str, atlas: Atlas, among: tuple[View, ...] | None = None) -> tuple[View, Parsed]:
    """Which view an address shows, and its filters, options and notices (the inverse of view_address)."""
    view = view_of(url, among)
    params = {k: v for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items() if k not in PAGE_PARAMS}
    return view, parse_query(params, Vocabulary.of(atlas), view.params(atlas))
