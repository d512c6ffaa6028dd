"""Build the whole site into a folder: every page kind, the home page, the API, the feeds, sitemap and robots.txt."""

from __future__ import annotations

import shutil
from pathlib import Path

from components.content.urls import LOCAL
from components.model.atlas import Atlas, data_dir_from_env, load_atlas
from components.publish.api import publish_api
from components.publish.events import publish_events
from components.publish.home import publish_home
from components.publish.institutes import publish_institutes
from components.publish.instruments import publish_instruments
from components.publish.parties import publish_parties
from components.publish.site import DEFAULT_BASE_URL, Site, release_of

MARKER = ".atlas-site"  # names a folder this module wrote, so that a rebuild may empty it


def prepare(out: Path) -> None:
    """An empty `out`: a folder this module built before is emptied (no page of an earlier build survives); any
    other folder with files in it is refused, never deleted."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise FileExistsError(f"{out} is not empty and was not written by components.publish; not replacing it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Built by python -m components.publish; replaced by the next build.\n", encoding="utf-8")


def publish(out: Path, atlas: Atlas | None = None, *, base_url: str = DEFAULT_BASE_URL,
            live_url: str = LOCAL) -> dict[str, int]:  # fmt: skip
    """Write the site of `atlas` (default: the package in ATLAS_DATA_DIR or data/) into `out`; returns how many pages
    of each kind, HTML files and API files it wrote."""
    atlas = atlas or load_atlas(data_dir_from_env())
    prepare(out)
    site = Site(atlas, out, base_url=base_url, live_root=live_url, release=release_of(Path(atlas.data_dir)))
    pages = {
        "instruments": publish_instruments(site),
        "parties": publish_parties(site),
        "institutes": publish_institutes(site),
        "events": publish_events(site),
    }
    publish_home(site, pages)
    site.write_shared()
    return {**pages, "html files": len(site.written), "api files": publish_api(site)}
