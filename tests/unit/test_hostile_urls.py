"""Hostile and random URL parameters (issue 9), read by parse_query for every view of the registry: nothing raises,
every unknown name and bad value is named in a shortened notice, and only known values get through. Hypothesis
generates the cases (derandomised, so a CI failure reproduces); one page run per view is in tests/pages."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.content.registry import VIEWS
from components.model.filters import CHOICES, SHARED_PARAMS, Filters
from components.model.query import NOTICE_CHARS, Vocabulary, code_span, parse_query, to_query

PAGE = ("whatif", "layout", "tour", "step", "v")
KNOWN = sorted({*SHARED_PARAMS, *PAGE, *(name for view in VIEWS for name in view.options)})
HOSTILE = [
    "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "' OR 1=1 --", "1; DROP TABLE parties",
    "../../etc/passwd", "C:\\Windows\\system32", "2024-02-30", "9999-99-99", "0000-00-00", "-1", "1e309", "NaN",
    "XXX", "USA:nope:signed", "USA:::", "%00", "\x00", "\u202e", "😀" * 50, "[x](javascript:alert(1))",
    "![p](https://evil.example/p.png)", "`", "x" * 100_000, "", ",,,", "G20,G20,G20", "Group of 77",
]  # fmt: skip
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
KEYS = st.one_of(st.sampled_from(KNOWN), st.sampled_from(HOSTILE[:22]).filter(bool), st.text(min_size=1, max_size=20))
QUERIES = st.dictionaries(KEYS, st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3)), max_size=4)


@pytest.fixture(scope="module")
def setting(bundled_atlas):
    return Vocabulary.of(bundled_atlas), {view.name: view.params(bundled_atlas) for view in VIEWS}


@settings(max_examples=500, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(name=st.sampled_from([v.name for v in VIEWS]), query=QUERIES)
def test_any_query_is_read_safely_and_names_what_it_ignored(setting, name, query):
    vocabulary, params = setting
    own = params[name]
    parsed = parse_query(query, vocabulary, own)
    for key in query:  # an unknown parameter is named (shortened) in the first notice
        if key not in {*SHARED_PARAMS, "whatif", *(p.name for p in own)}:
            assert parsed.notices and code_span(key) in parsed.notices[0], (key, parsed.notices)
    assert all(len(n) < 20 * NOTICE_CHARS for n in parsed.notices), "a long value was echoed back whole"
    for choice in CHOICES:  # only values of the vocabulary get through
        assert set(getattr(parsed.filters, choice)) <= set(getattr(vocabulary, choice))
    for param in own:
        assert set(parsed.view[param.name]) <= set(param.options)
        assert param.multiple or len(parsed.view[param.name]) <= 1
    for item in parsed.filters.whatif:
        party, instrument, action = item.split(":")
        assert party in vocabulary.party and instrument in vocabulary.instrument and action in vocabulary.action
    again = parse_query(to_query(parsed.filters, parsed.view, own), vocabulary, own)  # what is kept reads back
    assert again.notices == [] and again.filters == parsed.filters and again.view == parsed.view


def test_a_clean_query_has_no_notice(setting):
    vocabulary, _ = setting
    assert parse_query({}, vocabulary).filters == Filters()
    assert parse_query({}, vocabulary).notices == []
