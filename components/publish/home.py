"""The home page: the indexes of each kind, what the live Overview shows (its build(): the headline figures, the
chart's text summary and the rows behind it, how firm the data is, how to cite it), the API's files and the feeds."""

from __future__ import annotations

from components.content.registry import view
from components.model.filters import Filters
from components.publish.api import API, PACKAGE, TABLES
from components.publish.blocks import content_parts
from components.publish.charts import ChartImages
from components.publish.site import KINDS, Site


def publish_home(site: Site, pages: dict[str, int], images: ChartImages | None = None) -> None:
    """The home page, linking the index of each kind (`pages`: how many pages each has); its chart drawn next to it
    when `images` draws charts."""
    content = view("overview").build(site.atlas, Filters(), {})
    live = site.live_view("overview")
    picture = (lambda chart: images.add("", chart, live)) if images else None
    description = " ".join(str(PACKAGE.descriptor.get("description", "")).split())  # the package's own words
    site.write_page(
        "",
        "home.html",
        title="AI Governance Atlas",
        description=description,
        kinds_shown=[(path, title, pages[path]) for path, title in KINDS.items()],
        parts=content_parts(content, site.resolve, site.live, picture),
        api=[(f"{API}{name}.{ext}", f"{name}.{ext}") for name in TABLES for ext in ("json", "csv")],
        live=live,
        live_name="Overview",
    )
