"""The one list of the Atlas's views. Navigation, tours, URLs, the offline pack, tests and benchmarks read it.

Adding a view = one entry here + one module in components/content/ (its `build()`, and `params()` when it has view
options) + its page script in views/.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType

from components.model.atlas import Atlas, derived
from components.model.filters import Filters
from components.model.query import ViewParam


@dataclass(frozen=True)
class View:
    name: str  # in URLs, tour files, file names: "signatories"
    title: str
    icon: str  # a Material icon, ":material/grid_on:"
    module: str  # the content module: "components.content.signatories"
    options: tuple[str, ...] = ()  # the names of its own URL options (their choices come from the data: params())
    filtered: bool = True  # reads the shared filters (False: the view covers the whole dataset, as published)
    tours: bool = False  # a tour step may show it
    default: bool = False  # the home page, served at the Atlas's root
    page: str = ""  # the Streamlit page script, when not views/<name>.py
    picker: bool = False  # the party filter is picked on the page itself (its Slot "party"), not in the sidebar

    @property
    def script(self) -> str:
        """The Streamlit page script (relative to the project root, or absolute)."""
        return self.page or f"views/{self.name}.py"

    @property
    def path(self) -> str:
        """The view's path in an address: '' for the home page (served at the root), else its name."""
        return "" if self.default else self.name

    def content(self) -> ModuleType:
        return importlib.import_module(self.module)

    def params(self, atlas: Atlas) -> tuple[ViewParam, ...]:
        """The view's own options (kept in the URL beside the filters); some take their choices from the data."""
        params = getattr(self.content(), "params", None)
        if not params:
            return ()
        return derived(atlas, f"params|{self.module}", lambda: tuple(params(atlas)))  # once per dataset

    def build(self, atlas: Atlas, filters: Filters | None = None, options: Mapping[str, tuple[str, ...]] | None = None):
        """The view's content (components/content/base.ViewContent); options left out take their defaults."""
        options = options or {}
        chosen = {}
        for param in self.params(atlas):  # left out, or an empty choice of a single-valued option: the default
            given = tuple(options.get(param.name, ()))
            chosen[param.name] = given if given or (param.multiple and param.name in options) else param.default
        return self.content().build(atlas, filters or Filters(), chosen)


def _view(name: str, title: str, icon: str, options: tuple[str, ...] = (), module: str = "", **flags) -> View:
    return View(name, title, f":material/{icon}:", f"components.content.{module or name}", options, **flags)


VIEWS: tuple[View, ...] = (
    _view("overview", "Overview", "public", tours=True, default=True),
    _view("timeline", "Timeline", "timeline", ("lane",), tours=True),
    _view("signatories", "Signatories", "grid_on", ("instrument", "sort", "compare", "focus"), tours=True),
    _view("overlap", "Overlap", "join_inner", ("instrument", "measure"), tours=True),
    _view("countries", "Countries", "flag", ("peers", "at_least"), tours=True, picker=True),
    _view("gaps", "Gaps", "diversity_3", tours=True),
    _view("industry", "Industry", "factory", tours=True),
    _view("landscape", "Binding vs soft law", "balance", ("by", "measure"), tours=True),
    _view("institutes", "AI Safety Institutes", "science", tours=True),
    _view("tours", "Guided tours", "co_present", filtered=False),  # in the first ten: not folded under "View more"
    _view("assessments", "Assessments", "rate_review", ("table",), filtered=False),
    _view("data", "Data and sources", "table_view", module="sources", filtered=False),  # not content.data (data/)
    _view("changes", "What changed", "notifications", ("since", "instrument")),
    _view("freshness", "Freshness", "update", ("months",), filtered=False),
)


def views() -> tuple[View, ...]:
    """The registry as it is now (read at call time, so a test can add a view to a copy of it)."""
    return VIEWS


def by_name(among: tuple[View, ...] | None = None) -> dict[str, View]:
    return {v.name: v for v in (among or views())}


def view(name: str, among: tuple[View, ...] | None = None) -> View:
    return by_name(among)[name]


def tour_views(among: tuple[View, ...] | None = None) -> dict[str, View]:
    """The views a tour step may show, by name."""
    return {v.name: v for v in (among or views()) if v.tours}
