"""The site being published: where it goes, its addresses (permanent, relative, live), the facts every page shares,
and writing pages through the Jinja templates (autoescaped: data text is always text)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape as xml_escape

import jinja2
import pandas as pd

from components.charts.matrix import instruments_with_parties
from components.content.registry import by_name, view
from components.content.report import ReportConfig, ReportFact, atlas_config, report_link
from components.content.urls import LOCAL, address, view_address
from components.data.dates import in_words
from components.data.schema import DESCRIPTOR, read_package
from components.export.citation import ViewMeta, cite_view
from components.model.atlas import Atlas, citation
from components.model.changes import atom_feed, dated_events, json_feed
from components.model.claims import disputed_pairs
from components.model.counting import breakdown, count_notes_by_instrument
from components.model.entry import Progress, all_progress
from components.model.filters import Filters, Slice, slice_of
from components.model.participation import party_names, short_names
from components.model.releases import FEED_ENTRIES, same_as_release
from components.publish import cards
from components.publish.markdown import http_only

HERE = Path(__file__).parent
STYLESHEET = "atlas.css"
FEEDS = {"atom": "feeds/atlas.atom", "json": "feeds/atlas.json"}
DEFAULT_BASE_URL = "http://localhost:8000"  # where `python -m http.server -d site` serves it; --base-url for real
KINDS = {"instruments": "Instruments", "parties": "Parties", "institutes": "AI safety institutes",
         "events": "Summits and meetings"}  # fmt: skip


def release_of(data_dir: Path) -> str:
    """The release the data is, while it is identical to the release its descriptor names ('' otherwise), so that
    live links and citations name a release that will not drift (as the live Atlas does, components/ui/source.py)."""
    if not (Path(data_dir) / DESCRIPTOR).exists():
        return ""
    version = str(read_package(Path(data_dir)).descriptor.get("version", ""))
    return version if version and same_as_release(Path(data_dir), version) else ""


@dataclass
class Site:
    """One publication of the Atlas into `out`."""

    atlas: Atlas
    out: Path
    base_url: str = DEFAULT_BASE_URL  # the site's own root, for permanent links, canonical links and the sitemap
    live_root: str = LOCAL  # the live Atlas, for "Explore this in the live Atlas"
    release: str = ""
    accessed: dt.date = field(default_factory=dt.date.today)  # the citations' access date: the day of publishing
    written: list[str] = field(default_factory=list)  # the pages written (site paths), for the sitemap

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,  # every page is HTML: every value is escaped unless it is Markup made by this package
            undefined=jinja2.StrictUndefined,  # a name a template misses is an error, not an empty string
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # ------------------------------------------------------------ what every page shares, computed once

    @cached_property
    def everyone(self) -> Slice:
        """The whole dataset as of its date, as the live views show it with no filter."""
        return slice_of(self.atlas, Filters())

    @cached_property
    def counts(self) -> pd.DataFrame:
        """Per instrument: its rule, count and what the count is made of (components/model/counting.breakdown)."""
        return breakdown(self.everyone.participation, self.atlas.parties, self.atlas.instruments)

    @cached_property
    def count_notes(self) -> dict[str, list[str]]:
        return count_notes_by_instrument(self.everyone.participation)

    @cached_property
    def disputed(self) -> set[tuple[str, str]]:
        return disputed_pairs(self.atlas.claims)

    @cached_property
    def progress(self) -> dict[str, Progress]:
        return {p.instrument_id: p for p in all_progress(self.atlas, asof=self.everyone.asof)}

    @cached_property
    def names(self) -> dict[str, str]:
        return party_names(self.atlas.parties)

    @cached_property
    def short(self) -> dict[str, str]:
        return short_names(self.atlas.instruments)

    @cached_property
    def party_rows(self) -> pd.DataFrame:
        """The parties table by id."""
        return self.atlas.parties.set_index("id")

    @cached_property
    def with_parties(self) -> set[str]:
        """Instruments with a participation row: those the live Signatories view can show."""
        return set(instruments_with_parties(self.atlas.instruments, self.atlas.participation))

    @cached_property
    def party_pages(self) -> set[str]:
        """Parties with a page: every party with a participation row."""
        return set(self.atlas.participation["party_id"].astype(str))

    @cached_property
    def citation(self) -> str:
        return citation(self.atlas)

    @cached_property
    def report_config(self) -> ReportConfig | None:
        """Where a reader's reports go (the descriptor's x-report); None: the pages offer no report link."""
        return atlas_config(self.atlas)

    def report(self, path: str, table: str, key: tuple[str, ...], shown: str, source_url: object,
               checked: object) -> str:  # fmt: skip
        """The address that opens a report on a fact of the page at `path` ('' without a report config)."""
        fact = ReportFact(table, key, shown, str(source_url or ""), str(checked or ""), self.permalink(path),
                          self.release)  # fmt: skip
        return report_link(fact, self.report_config)

    # ------------------------------------------------------------ addresses

    def permalink(self, path: str) -> str:
        return f"{self.base_url}/{path}"

    def live(self, name: str, query: Mapping[str, str] | None = None) -> str:
        """A view of the live Atlas with a query (and the release, while the data is one)."""
        return address(view(name), query, root=self.live_root, release=self.release)

    def live_view(
        self, name: str, filters: Filters | None = None, options: Mapping[str, tuple[str, ...]] | None = None
    ) -> str:
        """A view of the live Atlas showing these filters and options (only what differs from the defaults)."""
        return view_address(view(name), self.atlas, filters, options, root=self.live_root, release=self.release)

    def resolve(self, target: str) -> str:
        """A Markdown link's target in a view's text: an http(s) address as it is, a view of the Atlas ('freshness')
        as its address in the live Atlas; anything else stays text."""
        path, _, query = target.partition("?")
        if path.strip("./") in by_name():
            return self.live(path.strip("./"), dict(parse_qsl(query)))
        return http_only(target)

    def cite(self, path: str, title: str, key: str) -> tuple[str, str]:
        """The citation sentence and BibTeX of a page, with its permanent link and the release."""
        what = f"release {self.release}" if self.release else "data between releases"
        meta = ViewMeta(view=key.split("/")[0], title=title, filters=what, asof=self.atlas.asof,
                        url=self.permalink(path), citation=self.citation)  # fmt: skip
        return cite_view(meta, accessed=self.accessed, chart=key.split("/")[-1])

    # ------------------------------------------------------------ writing

    def write_page(self, path: str, template: str, *, title: str, description: str, **context) -> None:
        """templates/<template> rendered to <path>index.html, and its preview card to <path>og.png (cards.py); `path` is
        the page's folder ('' for the home page, 'parties/BRA/'), so that its address ends in a slash and every link
        from it is relative."""
        root = "../" * path.count("/")
        card = cards.card_for(self, path, title, description)
        self.write(f"{path}{cards.NAME}", card.png())  # the page's preview (og:image), beside it
        html = self.env.get_template(template).render(
            root=root, path=path, title=title, description=description, canonical=self.permalink(path),
            site=self, kinds=KINDS, feeds=FEEDS, stylesheet=STYLESHEET, asof=in_words(self.atlas.asof),
            card=card, card_url=self.permalink(f"{path}{cards.NAME}"), card_size=(cards.WIDTH, cards.HEIGHT),
            **context,
        )  # fmt: skip
        self.write(f"{path}index.html", html)
        self.written.append(path)

    def write_record(self, kind: str, row: pd.Series, *, summary: str, facts: list, fact_source, instruments: list,
                     live: str, live_name: str) -> None:  # fmt: skip
        """A record page (templates/record.html) of an institute or an event: `kind` is its folder; the row gives
        the title, checked date, notes and the citation's key."""
        path = f"{kind}/{row['id']}/"
        sentence, bibtex = self.cite(path, str(row["name"]), f"{kind[:-1]}/{row['id']}")
        self.write_page(path, "record.html", title=str(row["name"]), description=summary, summary=summary, kind=kind,
                        facts=facts, fact_source=fact_source, checked=str(row["checked_label"]),
                        notes=str(row["notes"] or ""), instruments=instruments, live=live, live_name=live_name,
                        sentence=sentence, bibtex=bibtex)  # fmt: skip

    def write(self, path: str, data: str | bytes) -> None:
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")

    def write_shared(self) -> None:
        """The stylesheet, the change feeds (made from the data published, as the live Atlas makes its own), robots.txt
        and the sitemap of every page written."""
        shutil.copyfile(HERE / "static" / STYLESHEET, self.out / STYLESHEET)
        atlas = self.atlas
        events = dated_events(atlas.instruments, atlas.participation, atlas.parties, atlas.institutes)
        events = events.head(FEED_ENTRIES)  # the newest, as the live Atlas's own feeds (components/model/releases)
        self.write(FEEDS["atom"], atom_feed(events, link=self.permalink(""), updated=atlas.asof))
        self.write(FEEDS["json"], json_feed(events, link=self.permalink("")))
        self.write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {self.permalink('sitemap.xml')}\n")
        urls = "".join(
            f"<url><loc>{xml_escape(self.permalink(path))}</loc><lastmod>{atlas.asof.isoformat()}</lastmod></url>\n"
            for path in self.written
        )
        self.write("sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                   f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n')  # fmt: skip
