"""Build the whole site into a folder: every page kind, the home page, the API (with its OpenAPI description), the
feeds, sitemap and robots.txt, the Pagefind search index over the record pages; and the API of any frozen release
asked for, under v/<version>/.

The pages are written once per language (issue 20): English at the root, French under fr/, Spanish under es/, each
built while its language is the current one (`speaking(code)`), from the data with the instruments' names in that
language (components/model/localized.py); their charts are drawn per language too. The API, the feeds, the sitemap
and the stylesheet are written once: the API is the same data whatever the reader's language (it carries the
instruments' translated names as fields of their own)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from components.content.urls import LOCAL
from components.data.i18n import DEFAULT, LANGUAGES, N_, _, speaking
from components.data.schema import read_package
from components.model.atlas import Atlas, data_dir_from_env, load_atlas
from components.model.releases import available, release_path, releases_dir
from components.publish.api import publish_api
from components.publish.charts import ChartImages
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


def localized(atlas: Atlas) -> Atlas:
    """The atlas with its instruments' names, short names and summaries in the current language where the data has
    them (components/model/localized.localize); the atlas as it is while that module does not exist."""
    try:
        from components.model.localized import localize
    except ImportError:
        return atlas
    return localize(atlas)


def publish(out: Path, atlas: Atlas | None = None, *, base_url: str = DEFAULT_BASE_URL,
            live_url: str = LOCAL, releases: Sequence[str] = (), charts: bool = True,
            languages: Sequence[str] = tuple(LANGUAGES)) -> dict[str, int]:  # fmt: skip
    """Write the site of `atlas` (default: the package in ATLAS_DATA_DIR or data/) into `out` in each of `languages`
    (English at the root, any other under its code: fr/, es/), and the API of each of `releases` (versions frozen in
    the package's releases/) under v/<version>/; with `charts`, the live views' charts the pages show as SVG files next
    to them (drawn by kaleido; the pages are the same without, less the images). Returns how many pages of each kind
    (in one language), HTML files, chart images and API files it wrote."""
    atlas = atlas or load_atlas(data_dir_from_env())
    codes = tuple(dict.fromkeys(languages)) or (DEFAULT,)
    # the releases are read before `out` is emptied, so that an unknown one leaves the last build in place
    frozen = {version: frozen_atlas(Path(atlas.data_dir), version) for version in releases}
    prepare(out)
    release = release_of(Path(atlas.data_dir))
    images = ChartImages(out, enabled=charts)
    sites: list[Site] = []
    pages: dict[str, int] = {}
    for code in codes:
        with speaking(code):
            site = Site(atlas if code == DEFAULT else localized(atlas), out, base_url=base_url, live_root=live_url,
                        release=release, lang=code, languages=codes)  # fmt: skip
            site.env.globals["search"] = search_records(site.atlas, atlas)  # base.html marks these pages for the index
            pages = publish_pages(site, images)
            sites.append(site)
    drawn = publish_charts(images)
    with speaking(DEFAULT):  # the API, feeds and sitemap: one copy, in the data's own words
        english = next((s for s in sites if s.lang == DEFAULT), None)
        shared = english or Site(atlas, out, base_url=base_url, live_root=live_url, release=release, languages=codes)
        shared.write_shared(others=tuple(s for s in sites if s is not shared))
        api = publish_api(shared) + publish_openapi(shared)
        api += sum(publish_release(out, frozen[v], v, base_url=base_url, live_url=live_url) for v in frozen)
    index_search(out)
    return {**pages, "html files": sum(len(s.written) for s in sites), **({"charts": drawn} if charts else {}),
            "api files": api, **({"languages": len(codes)} if len(codes) > 1 else {}),
            **({"releases": len(frozen)} if frozen else {})}  # fmt: skip


def publish_pages(site: Site, images: ChartImages) -> dict[str, int]:
    """Every page of one language: the record pages and indexes of each kind, then the home page (which counts
    them); returns how many record pages of each kind."""
    pages = {
        "instruments": publish_instruments(site),
        "parties": publish_parties(site, images),
        "institutes": publish_institutes(site, images),
        "events": publish_events(site),
    }
    publish_home(site, pages, images)
    return pages


def publish_charts(images: ChartImages) -> int:
    """The chart images the pages asked for, drawn in one batch; returns how many."""
    return images.write()


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


# ---------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchRecord:
    """What the search index knows of a record page beyond its text: its kind (shown with each result) and the other
    names it is looked for by, all from the data (short name, what a name gives in brackets, former name, a state's
    code, an institute's id such as us-caisi: the curators' abbreviation), none made up here."""

    kind: str
    aliases: tuple[str, ...] = ()


SEARCH_ASSETS = ("search.js", "search.css")  # static/: start Pagefind's UI in every page's search box, and place it
# what every record page repeats rather than says (the citation and BibTeX repeat the title, the printed sources list
# is addresses, the breadcrumb and the live link are the same words on every page): not indexed
SEARCH_SKIPS = ".cite, .print-only, .live, p.kind"
# each page's kind (English: translated in search_records)
SEARCH_KINDS = {"instruments": N_("Instrument"), "parties": N_("Party"), "institutes": N_("AI safety institute"),
                "events": N_("Summit or meeting")}  # fmt: skip


def bracketed(name: str) -> list[str]:
    """What a name gives in brackets ('Canadian … Institute (CAISI)' -> 'CAISI')."""
    return re.findall(r"\(([^()]+)\)", name)


def aliases_of(*names: str) -> tuple[str, ...]:
    """Each distinct, non-empty name."""
    return tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def search_records(atlas: Atlas, english: Atlas | None = None) -> dict[str, SearchRecord]:
    """Per record page (its path in its language's folder), the kind (in the current language) and aliases the search
    index gets; index pages and the home page are not indexed (a list of 269 parties would match every name).
    `english`: the data with its own (English) names, which a French or Spanish page is found by too."""
    kinds = {folder: _(kind) for folder, kind in SEARCH_KINDS.items()}
    records: dict[str, SearchRecord] = {}
    own = {} if english is None else english.instruments.set_index("id")[["name", "short_name"]].to_dict("index")
    for row in atlas.instruments.itertuples():
        short = str(row.short_name or "")
        names = (short, *bracketed(short), *bracketed(str(row.name))) if short != row.name else bracketed(str(row.name))
        theirs = [str(v) for v in own.get(row.id, {}).values() if v and v not in (row.name, row.short_name)]
        records[f"instruments/{row.id}/"] = SearchRecord(kinds["instruments"], aliases_of(*names, *theirs))
    parties = atlas.parties.set_index("id")
    for party in sorted(set(atlas.participation["party_id"].astype(str))):
        code = party if parties.loc[party, "party_type"] == "state" else ""  # a state's ISO code: BRA
        records[f"parties/{party}/"] = SearchRecord(kinds["parties"], aliases_of(code))
    for row in atlas.institutes.itertuples():
        former = str(row.former_name or "")
        names = (str(row.id).replace("-", " "), *bracketed(str(row.name)), former)
        records[f"institutes/{row.id}/"] = SearchRecord(kinds["institutes"], aliases_of(*names))
    for row in atlas.events.itertuples():
        records[f"events/{row.id}/"] = SearchRecord(kinds["events"])
    return records


def index_search(out: Path) -> None:
    """Pagefind's index of the pages in `out` (those base.html marks with data-pagefind-body) and its search UI,
    into out/pagefind/; and the two files that start the UI on every page."""
    for name in SEARCH_ASSETS:
        shutil.copyfile(Path(__file__).parent / "static" / name, out / name)
    command = [sys.executable, "-m", "pagefind", "--site", str(out), "--exclude-selectors", SEARCH_SKIPS, "--silent"]
    subprocess.run(command, check=True)
