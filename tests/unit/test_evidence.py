"""Every chart's source line, and its download's header, say what its rows rest on (issue 19 item 1)."""

from __future__ import annotations

import pandas as pd

from components.content.registry import views
from components.export.citation import ViewMeta
from components.export.rows import csv_bytes
from components.model.evidence import mix, shares
from components.model.filters import Filters


def source_line(figure) -> str:
    return next(a.text for a in figure.layout.annotations if a.name == "source")


def build(atlas, name: str, options: dict | None = None, filters: Filters | None = None):
    view = next(v for v in views() if v.name == name)
    return view.build(atlas, filters or Filters(), options or {})


def test_the_mix_of_records_counts_derived_rows_apart():
    rows = pd.DataFrame({
        "evidence": ["official", "official", "secondary", "unverified", "unverified", "official"],
        "basis": ["stated", "stated", "stated", "stated", "membership", "consensus"],
    })  # fmt: skip
    assert mix(rows) == (
        "Sources of these 6 records: 33 % official pages, 17 % reputable secondary, 17 % single non-official "
        "(marked ?), 33 % derived from membership or consensus."
    )
    assert mix(rows.iloc[:2]) == "Sources of these 2 records: 100 % official pages."
    assert mix(rows.iloc[:0]) == ""
    assert mix(pd.DataFrame({"name": ["a"]})) == ""  # rows that say nothing of their sources: no claim


def test_shares_add_up_to_100_and_a_small_share_is_never_zero():
    assert sum(shares({"a": 1, "b": 1, "c": 1}).values()) == 100
    rows = pd.DataFrame({"evidence": ["official"] + ["secondary"] * 399, "basis": "stated"})
    assert mix(rows) == "Sources of these 400 records: <1 % official pages, 100 % reputable secondary."


def test_a_chart_whose_rows_are_all_official_says_so(bundled_atlas):
    content = build(bundled_atlas, "signatories", {"instrument": ("seoul-declaration", "wassenaar-arrangement")})
    chart = content.charts["matrix_chart"]
    assert set(chart.rows["evidence"]) == {"official"} and set(chart.rows["basis"]) == {"stated"}
    n = len(chart.rows)
    assert chart.sources == f"Sources of these {n} records: 100 % official pages."
    assert chart.sources in source_line(chart.figure)
    assert "compiled from official texts" not in source_line(chart.figure)


def test_a_chart_with_mixed_evidence_states_its_mix_from_its_rows(bundled_atlas):
    chart = build(bundled_atlas, "signatories").charts["matrix_chart"]
    rows = chart.rows
    kinds = rows["evidence"].where(~rows["basis"].isin(["membership", "consensus"]), "derived")
    assert kinds.nunique() == 4  # official, secondary, unverified and derived rows in the default matrix
    expected = shares(kinds.value_counts().to_dict())
    line = source_line(chart.figure)
    assert f"{expected['official']} % official pages" in line
    assert f"{expected['unverified']} % single non-official (marked ?)" in line
    assert f"{expected['derived']} % derived from membership or consensus" in line
    assert chart.sources.startswith(f"Sources of these {len(rows):,} records:")


def test_every_chart_of_every_view_states_what_its_rows_rest_on(bundled_atlas):
    for view in views():
        options = {}
        filters = Filters(party=("BRA",)) if view.name == "countries" else Filters()
        for key, chart in build(bundled_atlas, view.name, options, filters).charts.items():
            assert chart.sources.startswith("Sources of"), (view.name, key)
            assert chart.sources in source_line(chart.figure), (view.name, key)


def test_instrument_charts_rest_on_their_instruments_pages(bundled_atlas):
    chart = build(bundled_atlas, "overview").charts["legal_force_chart"]
    counts = chart.rows["reliability"].value_counts()
    percent = shares(counts.to_dict())
    assert chart.sources == (
        f"Sources of these {len(chart.rows)} instruments: {percent['official']} % official pages, "
        f"{percent['reputable']} % reputable secondary, {percent['weak']} % weak (aggregator, mirror or repost)."
    )


def test_the_download_header_says_what_the_rows_rest_on(bundled_atlas):
    chart = build(bundled_atlas, "signatories").charts["matrix_chart"]
    meta = ViewMeta(view="signatories", title=chart.title, filters="", asof=bundled_atlas.asof, url="http://x/",
                    citation="c", sources=chart.sources)  # fmt: skip
    header = [line for line in csv_bytes(chart.rows, meta).decode().splitlines() if line.startswith("#")]
    assert f"# sources: {chart.sources}" in header
    assert {"reliability", "basis", "basis_rule"} <= set(chart.rows.columns)
