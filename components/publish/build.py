"""Build the whole site into a folder: every page kind, the home page, the API (with its OpenAPI description), the
feeds, sitemap and robots.txt; and the API of any frozen release asked for, under v/<version>/."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from components.content.urls import LOCAL
from components.data.schema import read_package
from components.model.atlas import Atlas, data_dir_from_env, load_atlas
from components.model.releases import available, release_path, releases_dir
from components.publish.api import publish_api
from components.publish.events import publish_events
from components.publish.home import publish_home
from components.publish.institutes import publish_institutes
from components.publish.instruments import publish_instruments
from components.publish.openapi import publish_openapi
from components.publish.parties import publish_parties
from components.publish.site import DEFAULT_BASE_URL, Site, release_of

MARKER = ".atlas-site"  # names a folder this module wrote, so that a rebuild may empty it
RELEASES = "v/"  # a frozen release's files live under v/<version>/ (v/2026.11.1/api/v1/instruments.json)


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
            live_url: str = LOCAL, releases: Sequence[str] = ()) -> dict[str, int]:  # fmt: skip
    """Write the site of `atlas` (default: the package in ATLAS_DATA_DIR or data/) into `out`, and the API of each of
    `releases` (versions frozen in the package's releases/) under v/<version>/; returns how many pages of each kind,
    HTML files and API files it wrote."""
    atlas = atlas or load_atlas(data_dir_from_env())
    # the releases are read before `out` is emptied, so that an unknown one leaves the last build in place
    frozen = {version: frozen_atlas(Path(atlas.data_dir), version) for version in releases}
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
    api = publish_api(site) + publish_openapi(site)
    api += sum(publish_release(out, frozen[v], v, base_url=base_url, live_url=live_url) for v in frozen)
    return {**pages, "html files": len(site.written), "api files": api, **({"releases": len(frozen)} if frozen else {})}


def frozen_atlas(data_dir: Path, version: str) -> Atlas:
    """A release frozen in data_dir/releases/, read with its own descriptor (as the live Atlas reads `?v=`)."""
    path = release_path(version, data_dir)
    if path is None:
        known = ", ".join(available(data_dir)) or "none"
        raise LookupError(f"no release {version!r} in {releases_dir(data_dir)} (releases: {known})")
    return load_atlas(path, read_package(path))


def publish_release(out: Path, atlas: Atlas, version: str, *, base_url: str, live_url: str) -> int:
    """The API of a frozen release under v/<version>/api/v1/, its addresses and citations naming the release: the
    files a citation of the release points at stay the same whatever later data the rest of the site shows. Returns
    how many files it wrote."""
    prefix = f"{RELEASES}{version}"
    site = Site(atlas, out / prefix, base_url=f"{base_url.rstrip('/')}/{prefix}", live_root=live_url, release=version)
    return publish_api(site) + publish_openapi(site)
