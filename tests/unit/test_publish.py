"""The published site (components/publish): a page for every instrument, party, institute and event; counts equal
to the live Signatories view's; links that resolve; hostile data shown as text; an API whose JSON and CSV carry the
data files' cells under the schema's column names; Brazil's page beside its G20 peers as the Countries view has it.

The bundled data is published once per test process (tests/conftest.published_site; the hostile fixture
package once for the module), without chart images (test_publish_charts.py): about 20 s.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from markupsafe import escape

from components.charts.country_profile import commitments
from components.content.base import Chart, Table, walk
from components.content.registry import view
from components.data.schema import DEFAULT_DATA_DIR, bundled_package
from components.model.atlas import load_atlas
from components.model.filters import Filters, slice_of
from components.publish.api import API, DERIVED, TABLES
from components.publish.build import publish
from components.publish.parties import threshold
from components.text import WORD_JOINER, md
from tests.conftest import PUBLISHED_BASE, PUBLISHED_LIVE, VALID
from tests.hostile import PAYLOADS, hostile_package

# one worker publishes the site for both publish modules (make check: -n 2 --dist loadgroup)
pytestmark = pytest.mark.xdist_group("published_site")
BASE, LIVE = PUBLISHED_BASE, PUBLISHED_LIVE
PACKAGE = bundled_package()
KINDS = ("instruments", "parties", "institutes", "events")
# Every element the templates write; a payload that became markup would add another (or an on… attribute).
TAGS = {"html", "head", "meta", "title", "link", "body", "a", "header", "nav", "ul", "li", "main", "footer", "p",
        "article", "h1", "h2", "h3", "section", "dl", "div", "dt", "dd", "span", "data", "abbr", "table", "caption",
        "thead", "tbody", "tr", "th", "td", "details", "summary", "pre", "figure", "figcaption", "strong", "em", "code",
        "br", "script", "noscript"}  # fmt: skip
REPORTS = bundled_package().descriptor["x-report"]["issue_url"].split("?")[0] + "?"  # the tracker's issue form
SCRIPTS = ("pagefind/pagefind-ui.js", "search.js")  # base.html's site search: the only scripts a page may load


@pytest.fixture(scope="module")
def site(published_site) -> Path:
    return published_site


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The tiny fixture package with a payload in every free-text cell, published (its chart images, drawn by
    kaleido, are tested in test_publish_charts.py); and its atlas."""
    atlas = load_atlas(hostile_package(tmp_path_factory.mktemp("hostile") / "data", source=VALID))
    out = tmp_path_factory.mktemp("hostile-site")
    publish(out, atlas, base_url=BASE, live_url=LIVE, charts=False)
    return out, atlas


class Page(HTMLParser):
    """What a page holds: its elements (tag and attributes), ids, links and text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.elements if "id" in attrs}

    @property
    def links(self) -> list[str]:
        return [attrs.get("href") or attrs.get("src") for tag, attrs in self.elements
                if tag in ("a", "link", "img", "script") and (attrs.get("href") or attrs.get("src"))]  # fmt: skip


def pages(root: Path) -> dict[Path, Page]:
    return {path.resolve(): Page(path.read_text(encoding="utf-8")) for path in sorted(root.rglob("*.html"))}


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def linked(site: Path, kind: str) -> set[str]:
    """The pages an index links to, by id."""
    return {href.strip("/") for href in Page(page(site, kind)).links if re.fullmatch(r"[^/.:#?]+/", href)}


def expected(atlas) -> dict[str, set[str]]:
    return {
        "instruments": set(atlas.instruments["id"]),
        "parties": set(atlas.participation["party_id"].astype(str)),
        "institutes": set(atlas.institutes["id"]),
        "events": set(atlas.events["id"]),
    }


# ---------------------------------------------------------------- the page set


def test_a_page_for_every_instrument_party_institute_and_event(site, bundled_atlas):
    for kind, ids in expected(bundled_atlas).items():
        published = {p.name for p in (site / kind).iterdir() if p.is_dir()}
        assert published == ids, kind
        assert all((site / kind / i / "index.html").exists() for i in ids), kind
    assert len(expected(bundled_atlas)["instruments"]) == len(bundled_atlas.instruments) > 100


def test_each_index_lists_every_page_of_its_kind_and_the_home_page_links_them(site, bundled_atlas):
    for kind, ids in expected(bundled_atlas).items():
        assert linked(site, kind) == ids, kind
        assert '<th scope="col">' in page(site, kind)  # a table with headers
    home = Page(page(site, ""))
    assert {f"{kind}/" for kind in KINDS} <= set(home.links)


def test_sitemap_robots_canonical_and_feeds(site):
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    published = {"" if p.parent == site else str(p.parent.relative_to(site)) for p in site.rglob("index.html")}
    assert {loc.removeprefix(BASE + "/").rstrip("/") for loc in locs} == published
    assert f"Sitemap: {BASE}/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    text = page(site, "instruments/bletchley-declaration")
    assert f'<link rel="canonical" href="{BASE}/instruments/bletchley-declaration/">' in text
    assert 'property="og:title"' in text and 'property="og:description"' in text
    assert 'type="application/atom+xml"' in text and (site / "feeds" / "atlas.atom").stat().st_size > 1000
    assert f'href="{LIVE}/signatories?instrument=bletchley-declaration' in text


# ---------------------------------------------------------------- the same counts as the live view


def test_every_instruments_count_is_the_one_signatories_shows(site, bundled_atlas):
    """For every instrument: the count on its page, in its API file and in instruments.json equals the count the
    live Signatories view shows (its build(), all instruments chosen), and what the count is made of too."""
    atlas = bundled_atlas
    on_page, in_file = {}, {}
    for instrument in atlas.instruments["id"]:
        found = re.search(r'<data id="parties-counted" value="(\d+)">', page(site, f"instruments/{instrument}"))
        on_page[instrument] = int(found.group(1))
        body = json.loads((site / API / "instruments" / f"{instrument}.json").read_text(encoding="utf-8"))
        assert body["counts"]["parties"] == body["instrument"]["parties"] == on_page[instrument], instrument
        in_file[instrument] = body["counts"]["description"]
    listed = json.loads((site / API / "instruments.json").read_text(encoding="utf-8"))["instruments"]
    assert {r["id"]: r["parties"] for r in listed} == on_page

    content = view("signatories").build(atlas, Filters(), {"instrument": tuple(atlas.instruments["id"])})
    shown = slice_of(atlas, Filters()).instruments
    short = dict(zip(atlas.instruments["id"], atlas.instruments["short_name"], strict=True))
    per_instrument = ", ".join(f"{short[i]} {on_page[i]}" for i in shown["id"])
    assert content.charts["matrix_chart"].summary.endswith(f"Parties counted per instrument: {per_instrument}.")
    assert len(shown) == len(atlas.instruments)  # so every instrument was compared
    texts = content.text()
    for instrument, description in in_file.items():
        if on_page[instrument]:
            assert f"**{md(short[instrument])}**: {md(description)}" in texts, instrument
        assert escape(description) in page(site, f"instruments/{instrument}")


# ---------------------------------------------------------------- links


def target(page_path: Path, href: str) -> tuple[Path, str]:
    """The file a relative link opens, and its fragment."""
    parts = urlsplit(href)
    path = (page_path.parent / parts.path).resolve() if parts.path else page_path
    return (path / "index.html" if path.is_dir() or parts.path.endswith("/") else path), parts.fragment


def test_every_internal_link_resolves_to_a_file_and_anchor_that_exist(site):
    parsed = pages(site)
    checked = 0
    for path, content in parsed.items():
        for href in content.links:
            scheme = urlsplit(href).scheme
            if scheme in ("http", "https"):
                continue
            assert not scheme, (path, href)
            file, fragment = target(path, href)
            assert file.exists(), (path.relative_to(site), href)
            if fragment:
                assert fragment in parsed[file].ids, (path.relative_to(site), href)
            checked += 1
    assert checked > 10_000


# ---------------------------------------------------------------- hostile data


def shown_cells(atlas) -> list[str]:
    """The free-text cells the pages show (participation notes are in the API only: too long for a table)."""
    parties = atlas.parties[atlas.parties["id"].isin(atlas.participation["party_id"])]
    return [
        *atlas.instruments[["name", "short_name", "summary", "forum", "notes"]].stack(),
        *parties["name"],
        *atlas.institutes[["name", "former_name", "parent_body", "notes"]].stack(),
        *atlas.events[["name", "series", "city", "host", "notes"]].stack(),
    ]


def test_hostile_data_is_shown_as_text_with_http_links_only(hostile):
    hostile_site, atlas = hostile
    parsed = pages(hostile_site)
    assert len(parsed) > 8
    for path, content in parsed.items():
        raw = path.read_text(encoding="utf-8")
        scripts = [attrs.get("src", "") for tag, attrs in content.elements if tag == "script"]
        assert raw.lower().count("<script") == len(scripts) == len(SCRIPTS), path  # the templates' own, no other
        assert all(src.endswith(SCRIPTS) for src in scripts), (path, scripts)
        for tag, attrs in content.elements:
            assert tag in TAGS, (path, tag)
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
        for href in content.links:
            assert urlsplit(href).scheme in ("", "http", "https"), (path, href)
            # a "Report a problem" link carries the fact's text in its query, every character of it URL-encoded
            target = href.split("?", 1)[0] if href.startswith(REPORTS) else href
            assert "javascript" not in target.lower(), (path, href)
    shown = "".join("".join(p.text) for p in parsed.values()).replace(WORD_JOINER, "")  # md's invisible joiner
    cells = [c for c in shown_cells(atlas) if c]
    assert {p for p in PAYLOADS if any(c.startswith(p) for c in cells)} >= {PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]}
    for text in cells:
        assert text in shown, text  # as written: text, not markup
    for path in (hostile_site / API).rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the API


def test_every_json_file_parses_and_round_trips(site):
    files = [p for p in (site / API).rglob("*.json") if p.name != "openapi.json"]  # OpenAPI allows only x- keys
    assert len(files) > 300
    for path in files:
        body = json.loads(path.read_text(encoding="utf-8"))
        assert json.loads(json.dumps(body, ensure_ascii=False)) == body, path
        assert body["about"]["url"] == f"{BASE}/{path.relative_to(site)}"


def test_json_and_csv_carry_the_data_files_cells_under_the_schemas_columns(site):
    for name in TABLES:
        resource = PACKAGE.resource(name)
        columns = [f.name for f in resource.fields] + list(DERIVED.get(name, ()))
        text = (site / API / f"{name}.csv").read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert list(rows[0].keys()) == columns, name
        records = json.loads((site / API / f"{name}.json").read_text(encoding="utf-8"))[name]
        assert json.loads(json.dumps(records)) == records
        as_text = [{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in r.items()} for r in records]
        assert as_text == rows, name  # JSON and CSV say the same
        with open(DEFAULT_DATA_DIR / resource.path, newline="", encoding="utf-8") as handle:
            original = {tuple(r[k] for k in resource.primary_key): r for r in csv.DictReader(handle)}
        assert len(records) == len(original), name
        for record in records:
            source = original[tuple(record[k] for k in resource.primary_key)]
            differ = {k for k in source if source[k].strip() != record[k]}
            assert differ <= ({"counting_rule"} if not source.get("counting_rule") else set()), (name, differ)


def test_an_instrument_file_has_its_parties_claims_and_sources(site, bundled_atlas):
    body = json.loads((site / API / "instruments" / "bletchley-declaration.json").read_text(encoding="utf-8"))
    rows = bundled_atlas.participation[bundled_atlas.participation["instrument_id"] == "bletchley-declaration"]
    assert len(body["participation"]) == len(rows)
    assert body["claims"] and all(c["instrument_id"] == "bletchley-declaration" for c in body["claims"])
    assert set(rows["source_url"]) <= set(body["sources"])
    assert body["about"]["url"] == f"{BASE}/{API}instruments/bletchley-declaration.json"
    party = json.loads((site / API / "parties" / "BRA.json").read_text(encoding="utf-8"))
    assert party["party"]["name"] == "Brazil" and len(party["participation"]) >= 10


# ---------------------------------------------------------------- a party page


def test_brazils_page_names_what_it_joined_and_what_its_g20_peers_joined_that_it_did_not(site, bundled_atlas):
    text = page(site, "parties/BRA")
    everyone = slice_of(bundled_atlas, Filters())
    for row in commitments("BRA", everyone.participation, everyone.instruments).itertuples():
        assert f'<a href="../../instruments/{row.instrument_id}/">{escape(row.instrument)}</a>' in text
    at_least = threshold(18)
    content = view("countries").build(
        bundled_atlas, Filters(party=("BRA",)), {"peers": ("G20",), "at_least": (str(at_least),)}
    )
    gaps = next(b for b in walk(content.blocks) if isinstance(b, Table) and b.key == "peer_gaps_table").data
    assert len(gaps) > 0
    g20 = text.split('id="table-peers-g20"')[1].split("</table>")[0]
    for instrument in gaps["Instrument"]:
        assert f">{escape(instrument)}</a>" in g20, instrument
    summary = next(b for b in walk(content.blocks) if isinstance(b, Chart) and b.key == "peer_chart").summary
    assert f"<p>{escape(summary)}</p>" in text  # the same words as the live view's chart


def test_a_folder_that_was_not_built_here_is_never_replaced(tmp_path, bundled_atlas):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        publish(tmp_path, bundled_atlas)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
