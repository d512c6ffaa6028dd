"""Hostile and random URL parameters on every page (issue 9): the page renders, names what it ignored, and shows
no exception. Hypothesis generates the cases (derandomised, so a CI failure reproduces)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.model.query import NOTICE_CHARS, code_span
from tests.test_pages import PAGES, run

KNOWN = [
    "asof", "from", "to", "mechanism", "legal_force", "forum", "theme", "region", "group", "income", "party",
    "whatif", "layout", "tour", "step", "lane", "instrument", "compare", "sort", "by", "measure", "peers", "table", "months", "since", "v",
]  # fmt: skip
HOSTILE = [
    "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "' OR 1=1 --", "1; DROP TABLE parties",
    "../../etc/passwd", "C:\\Windows\\system32", "2024-02-30", "9999-99-99", "0000-00-00", "-1", "1e309", "NaN",
    "XXX", "USA:nope:signed", "USA:::", "%00", "\x00", "\u202e", "😀" * 50, "[x](javascript:alert(1))",
    "![p](https://evil.example/p.png)", "`", "x" * 100_000, "", ",,,", "G20,G20,G20", "Group of 77",
]  # fmt: skip
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
KEYS = st.one_of(st.sampled_from(KNOWN), st.sampled_from(HOSTILE[:22]).filter(bool), st.text(min_size=1, max_size=20))
QUERIES = st.dictionaries(KEYS, st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3)), max_size=4)


@settings(max_examples=220, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.sampled_from([*PAGES, "views/tours.py"]), query=QUERIES)
def test_any_url_renders_and_names_what_it_ignored(page, query):
    at = run(page, query)
    assert not at.exception, (page, query, at.exception)
    warnings = [w.value for w in at.warning]
    for key in query:
        if key.strip() and key not in KNOWN and key == key.strip():
            assert any(code_span(key) in w for w in warnings), (page, key, warnings)
    assert all(len(w) < 20 * NOTICE_CHARS for w in warnings), "a long value was echoed back whole"
