"""The site being published: where it goes, its addresses (permanent, relative, live), the facts every page shares,
and writing pages through the Jinja templates (autoescaped: data text is always text).

One Site is one language of the site (issue 20): English at the root, French under fr/ and Spanish under es/, the
same pages at the same relative paths. The templates' words go through gettext (Jinja's i18n extension, the Atlas's
own `_`/`ngettext`, components/data/i18n.py), and a page is rendered while its language is the current one
(build.py: `with speaking(code)`), so the Python code's words, dates and country names follow it too."""

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
from components.data.i18n import DEFAULT, LANGUAGES, N_, _, ngettext, pgettext
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
# each page kind's folder and name (English: translated where it is shown, kinds())
KINDS = {"instruments": N_("Instruments"), "parties": N_("Parties"), "institutes": N_("AI safety institutes"),
         "events": N_("Summits and meetings")}  # fmt: skip
SITE_NAME = N_("AI Governance Atlas")


def kinds() -> dict[str, str]:
    """Each page kind's folder and its name in the current language."""
    return {folder: _(name) for folder, name in KINDS.items()}


def prefix_of(code: str) -> str:
    """The folder of a language's pages: '' for English (the root), 'fr/', 'es/' (and 'en-XA/' for the tests'
    pseudo-locale)."""
    return "" if code == DEFAULT else f"{code}/"


def environment() -> jinja2.Environment:
    """The templates' environment: autoescaped, strict, and with gettext (`_()`, `gettext()`, `ngettext()` and
    `{% trans %}` blocks, trimmed) calling the Atlas's own functions, so a page's words are those of the language
    current when it is rendered. Newstyle gettext: placeholders are `%(name)s`, their values escaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every page is HTML: every value is escaped unless it is Markup made by this package
        undefined=jinja2.StrictUndefined,  # a name a template misses is an error, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's line breaks are not part of its msgid
    env.install_gettext_callables(gettext=_, ngettext=ngettext, pgettext=pgettext,  # type: ignore[attr-defined]
                                  newstyle=True)
    return env


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
    lang: str = DEFAULT  # the language of this site's pages (build.py renders them while it is the current one)
    languages: tuple[str, ...] = (DEFAULT,)  # every language the build publishes: each page's alternates
    pages: list[str] = field(default_factory=list)  # the pages written, as paths within the language's folder

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        self.env = environment()

    # ------------------------------------------------------------ the language

    @property
    def prefix(self) -> str:
        """This language's folder in the site: '' (English), 'fr/', 'es/'."""
        return prefix_of(self.lang)

    @property
    def up(self) -> str:
        """From the language's root to the site's: the shared files (stylesheet, search, feeds, API) are there."""
        return "../" * self.prefix.count("/")

    def alternates(self, path: str) -> list[tuple[str, str]]:
        """(hreflang, permanent link) of the page at `path` in every language published, and x-default (English):
        the <link rel="alternate"> of each page and the sitemap's."""
        published = [code for code in self.languages if code in LANGUAGES]
        if len(published) < 2:
            return []
        out = [(code, self.permalink(f"{prefix_of(code)}{path}")) for code in published]
        if DEFAULT in published:
            out.append(("x-default", self.permalink(path)))
        return out

    def switcher(self, path: str) -> list[tuple[str, str, str, bool]]:
        """(code, the language's own name, relative link, is it this page's) per language published: the page's
        language links in the header."""
        published = [code for code in self.languages if code in LANGUAGES]
        if len(published) < 2:
            return []
        top = "../" * path.count("/") + self.up
        return [
            (code, LANGUAGES[code], f"{top}{prefix_of(code)}{path}" or "./", code == self.lang) for code in published
        ]

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
        fact = ReportFact(table, key, shown, str(source_url or ""), str(checked or ""), self.page_link(path),
                          self.release)  # fmt: skip
        return report_link(fact, self.report_config)

    def print_footer(self, canonical: str, asof: str) -> str:
        """The printed page's running footer as the text of a CSS string (base.html, atlas.css): the Atlas, the data's
        date and release, the permanent link. A quote or backslash cannot end the string: in the words (an
        apostrophe in French) it is a CSS escape, in the address it is percent-encoded."""
        words = [_(SITE_NAME), _("data as of {date}").format(date=asof)]
        if self.release:
            words.append(_("release {release}").format(release=self.release))
        text = " · ".join(words).replace("\\", "\\5C ").replace("'", "\\27 ")
        address = canonical.replace("\\", "%5C").replace("'", "%27")
        return f"{text} · {address}"

    # ------------------------------------------------------------ addresses

    def permalink(self, path: str) -> str:
        """The permanent address of a file at `path` from the site's root (the API, the feeds)."""
        return f"{self.base_url}/{path}"

    def page_link(self, path: str) -> str:
        """The permanent address of this language's page at `path` (within the language's folder)."""
        return self.permalink(f"{self.prefix}{path}")

    @property
    def live_lang(self) -> dict[str, str]:
        """The query that opens the live Atlas in this site's language (none for English: its default)."""
        return {} if self.lang == DEFAULT else {"lang": self.lang}

    def live(self, name: str, query: Mapping[str, str] | None = None) -> str:
        """A view of the live Atlas with a query (and the release, while the data is one), in this language."""
        return address(view(name), {**(query or {}), **self.live_lang}, root=self.live_root, release=self.release)

    def live_view(
        self, name: str, filters: Filters | None = None, options: Mapping[str, tuple[str, ...]] | None = None
    ) -> str:
        """A view of the live Atlas showing these filters and options (only what differs from the defaults)."""
        return view_address(view(name), self.atlas, filters, options, root=self.live_root, release=self.release,
                            extra=self.live_lang)  # fmt: skip

    def resolve(self, target: str) -> str:
        """A Markdown link's target in a view's text: an http(s) address as it is, a view of the Atlas ('freshness')
        as its address in the live Atlas; anything else stays text."""
        path, _, query = target.partition("?")
        if path.strip("./") in by_name():
            return self.live(path.strip("./"), dict(parse_qsl(query)))
        return http_only(target)

    def cite(self, path: str, title: str, key: str) -> tuple[str, str]:
        """The citation sentence and BibTeX of a page, with its permanent link and the release."""
        what = _("release {release}").format(release=self.release) if self.release else _("data between releases")
        meta = ViewMeta(view=key.split("/")[0], title=title, filters=what, asof=self.atlas.asof,
                        url=self.page_link(path), citation=self.citation)  # fmt: skip
        return cite_view(meta, accessed=self.accessed, chart=key.split("/")[-1])

    # ------------------------------------------------------------ writing

    def write_page(self, path: str, template: str, *, title: str, description: str, **context) -> None:
        """templates/<template> rendered to <path>index.html, and its preview card to <path>og.png (cards.py); `path` is
        the page's folder within its language's ('' for the home page, 'parties/BRA/'), so that its address ends in a
        slash and every link from it is relative. `root` leads from the page to its language's home page, `top` (the
        template's) to the site's root and its shared files."""
        root = "../" * path.count("/")
        card = cards.card_for(self, path, title, description)
        self.write(f"{self.prefix}{path}{cards.NAME}", card.png())  # the page's preview (og:image), beside it
        html = self.env.get_template(template).render(
            root=root, path=path, title=title, description=description, canonical=self.page_link(path),
            site=self, kinds=kinds(), feeds=FEEDS, stylesheet=STYLESHEET, asof=in_words(self.atlas.asof),
            card=card, card_url=self.page_link(f"{path}{cards.NAME}"), card_size=(cards.WIDTH, cards.HEIGHT),
            **context,
        )  # fmt: skip
        self.write(f"{self.prefix}{path}index.html", html)
        self.written.append(f"{self.prefix}{path}")
        self.pages.append(path)

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

    def write_shared(self, others: tuple[Site, ...] = ()) -> None:
        """The stylesheet, the change feeds (made from the data published, as the live Atlas makes its own), robots.txt
        and the sitemap of every page written (by this site and by `others`: the other languages'), each with its
        alternates in the other languages. Written once, at the site's root, whatever the languages."""
        shutil.copyfile(HERE / "static" / STYLESHEET, self.out / STYLESHEET)
        atlas = self.atlas
        events = dated_events(atlas.instruments, atlas.participation, atlas.parties, atlas.institutes)
        events = events.head(FEED_ENTRIES)  # the newest, as the live Atlas's own feeds (components/model/releases)
        self.write(FEEDS["atom"], atom_feed(events, link=self.permalink(""), updated=atlas.asof))
        self.write(FEEDS["json"], json_feed(events, link=self.permalink("")))
        self.write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {self.permalink('sitemap.xml')}\n")
        urls = "".join(
            f"<url><loc>{xml_escape(site.page_link(path))}</loc><lastmod>{atlas.asof.isoformat()}</lastmod>"
            + "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(href)}"/>'
                      for code, href in site.alternates(path))
            + "</url>\n"
            for site in (self, *others)
            for path in site.pages
        )  # fmt: skip
        self.write("sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                   f'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n{urls}</urlset>\n')  # fmt: skip
