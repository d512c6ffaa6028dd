"""The home page: the indexes of each kind, what the live Overview shows (its build(): the headline figures, the
chart's text summary and the rows behind it, how firm the data is, how to cite it), the API's files and the feeds."""

from __future__ import annotations

from components.content.registry import view
from components.data.i18n import _
from components.model.filters import Filters
from components.publish.api import API, PACKAGE, TABLES
from components.publish.blocks import content_parts
from components.publish.charts import ChartImages
from components.publish.site import SITE_NAME, Site, kinds


def package_description() -> str:
    """The data package's own description (datapackage.yaml), in the current language: the catalogs carry it
    (components/content/messages.py adds it), English when they do not."""
    description = " ".join(str(PACKAGE.descriptor.get("description", "")).split())
    return _(description)


def publish_home(site: Site, pages: dict[str, int], images: ChartImages | None = None) -> None:
    """The home page, linking the index of each kind (`pages`: how many pages each has); its chart drawn next to it
    when `images` draws charts."""
    content = view("overview").build(site.atlas, Filters(), {})
    live = site.live_view("overview")
    picture = (lambda chart: images.add(site.prefix, chart, live)) if images else None
    site.write_page(
        "",
        "home.html",
        title=_(SITE_NAME),
        description=package_description(),
        kinds_shown=[(path, title, pages[path]) for path, title in kinds().items()],
        parts=content_parts(content, site.resolve, site.live, picture),
        api=[(f"{API}{name}.{ext}", f"{name}.{ext}") for name in TABLES for ext in ("json", "csv")],
        live=live,
        live_name=_(view("overview").title),
    )
