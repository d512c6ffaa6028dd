"""One URL builder: view + filters + options + release -> address, and back, for every view of the registry."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.content import urls
from components.content.registry import VIEWS, view
from components.model.filters import CHOICES, Filters
from components.model.query import Vocabulary

FILTERED = [v for v in VIEWS if v.filtered]


@pytest.fixture(scope="module")
def vocabulary(bundled_atlas):
    return Vocabulary.of(bundled_atlas)


def filter_states(vocabulary: Vocabulary):
    days = st.dates(min_value=vocabulary.first, max_value=vocabulary.last)
    lists = {name: st.lists(st.sampled_from(getattr(vocabulary, name)), max_size=3, unique=True).map(tuple)
             for name in CHOICES}  # fmt: skip
    return st.builds(Filters, asof=st.one_of(st.none(), days), **lists)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_address_reads_back_as_the_same_view_filters_and_options(bundled_atlas, vocabulary, data):
    target = data.draw(st.sampled_from(FILTERED))
    filters = data.draw(filter_states(vocabulary))
    if filters.asof == vocabulary.last:
        filters = Filters(**{**filters.__dict__, "asof": None})  # the data's own date is the default, not written
    options = {}
    for param in target.params(bundled_atlas):
        size = (param.max_items or 3) if param.multiple else 1
        chosen = data.draw(st.lists(st.sampled_from(param.options), min_size=1, max_size=size, unique=True))
        options[param.name] = tuple(chosen)
    address = urls.view_address(target, bundled_atlas, filters, options, root="https://atlas.example/app",
                                release="2026.11.1")  # fmt: skip
    assert address.startswith(f"https://atlas.example/app/{target.path}")
    assert "v=2026.11.1" in address
    back, parsed = urls.parse_address(address, bundled_atlas)
    assert back == target
    assert parsed.notices == []
    assert parsed.filters == filters
    assert {k: v for k, v in parsed.view.items()} == {**{p.name: p.default for p in target.params(bundled_atlas)},
                                                       **options}  # fmt: skip


def test_home_page_is_the_root_and_names_no_path(bundled_atlas):
    home = next(v for v in VIEWS if v.default)
    assert urls.view_address(home, bundled_atlas, root="https://x.org") == "https://x.org/"
    assert urls.view_of("https://x.org/") == home
    assert urls.view_of("https://x.org/?group=G20") == home


def test_an_address_keeps_commas_readable_and_adds_the_release_once():
    signatories = view("signatories")
    got = urls.address(signatories, {"instrument": "a,b", "v": "2026.11.0"}, root="http://h", release="2026.11.1")
    assert got == "http://h/signatories?instrument=a,b&v=2026.11.0"


@pytest.mark.parametrize(("url", "root"), [
    ("http://localhost:8501/timeline?lane=forum", "http://localhost:8501"),
    ("https://x.org/atlas/signatories", "https://x.org/atlas"),
    ("https://x.org/atlas/", "https://x.org/atlas"),
    ("https://x.org/atlas", "https://x.org/atlas"),
    ("", urls.LOCAL),
])  # fmt: skip
def test_root_of_any_page_address(url, root):
    assert urls.root_of(url) == root


def test_a_bad_address_gives_notices_not_an_error(bundled_atlas):
    target, parsed = urls.parse_address("http://h/gaps?asof=yesterday&group=G99&colour=red", bundled_atlas)
    assert target.name == "gaps"
    assert len(parsed.notices) == 3
    assert parsed.filters == Filters()


def test_dates_round_trip_exactly(bundled_atlas):
    filters = Filters(start=dt.date(2023, 11, 1), end=dt.date(2025, 2, 11), asof=dt.date(2025, 6, 1))
    _, parsed = urls.parse_address(urls.view_address(view("timeline"), bundled_atlas, filters), bundled_atlas)
    assert parsed.filters == filters


def test_a_notice_about_a_bad_choice_lists_the_few_allowed_ones(bundled_atlas):
    _, parsed = urls.parse_address("http://h/freshness?months=7", bundled_atlas)
    assert parsed.notices == ["`months`: unknown value(s) `7` ignored; use one of `3`, `6`, `12`, `24`."]
    _, parsed = urls.parse_address("http://h/gaps?party=XXX", bundled_atlas)
    assert parsed.notices == ["`party`: unknown value(s) `XXX` ignored."]  # hundreds of parties: not listed
