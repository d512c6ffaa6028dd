"""The countries view's content (components/content/countries.py): a profile, a comparison, the notices; counts
checked against the participation table, charts against what their figures draw, summaries against both."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
import pytest

from components.content.base import Chart, Links, Metrics, Notice, Slot, Table, walk
from components.content.countries import compare_summary, matrix_summary, profile_summary
from components.content.registry import view
from components.data.labels import label
from components.model.filters import Filters, slice_of
from tests.helpers import drawn_points

COUNTRIES = view("countries")


def build(atlas, filters=None, **options):
    return COUNTRIES.build(atlas, filters or Filters(), {k: (v,) for k, v in options.items()})


def joined(atlas, party: str, asof=None) -> dict[str, str]:
    """Instrument id -> legal force of what the party joined and did not leave, read from the participation table."""
    rows = slice_of(atlas, Filters(asof=asof)).participation
    mine = rows[rows["party_id"] == party]
    left = set(mine.loc[mine["withdrawn"] | (mine["action"].astype(str) == "withdrew"), "instrument_id"])
    force = atlas.instruments.set_index("id")["legal_force"].astype(str)
    return {i: force[i] for i in set(mine["instrument_id"]) - left}


def metrics(content) -> dict[str, str | int]:
    block = next(b for b in walk(content.blocks) if isinstance(b, Metrics))
    return {m.label: m.value for m in block.items}


def shown_in_brief(blocks):
    """The blocks the briefing layout shows: a block left out leaves out what it holds."""
    for block in blocks:
        if block.brief:
            yield block
            inner = block.blocks if hasattr(block, "blocks") else sum(getattr(block, "columns", []), [])
            yield from shown_in_brief(inner)


# ---------------------------------------------------------------- no party, too many parties


def test_no_party_shows_the_notice_with_example_links(bundled_atlas):
    content = build(bundled_atlas)
    assert not content.charts and not content.tables
    [notice] = content.notices
    assert "Choose a party" in notice.text and notice.kind == "info"
    [links] = [b for b in walk(content.blocks) if isinstance(b, Links)]
    assert [(view, query["party"]) for _, view, query in links.items] == [
        ("countries", "BRA"), ("countries", "IND"), ("countries", "KEN"), ("countries", "USA,CHN,IND")]  # fmt: skip


def test_more_than_four_parties_compares_the_first_four(bundled_atlas):
    content = build(bundled_atlas, Filters(party=("GBR", "USA", "FRA", "DEU", "JPN")))
    warning = content.notices[0]
    assert warning.kind == "warning" and "first four of the 5 parties" in warning.text
    names = {name for trace in content.charts["compare_chart"].figure.data for name in trace.x}
    assert names == {"United Kingdom", "United States", "France", "Germany"}


# ---------------------------------------------------------------- one party


@pytest.mark.parametrize(
    "party, asof", [("BRA", None), ("BRA", dt.date(2022, 1, 1)), ("USA", None), ("KEN", dt.date(2024, 6, 1))]
)
def test_profile_counts_chart_and_summary(bundled_atlas, party, asof):
    content = build(bundled_atlas, Filters(party=(party,), asof=asof))
    expected = joined(bundled_atlas, party, asof)
    assert expected, "pick a party with commitments on that date"
    assert set(content.charts) <= {"profile_chart", "peer_chart"} and "profile_chart" in content.charts
    chart = content.charts["profile_chart"]
    # the card, the table, the markers and the rows all count the same instruments
    assert metrics(content)["Instruments joined"] == len(expected)
    assert metrics(content)["Legally binding"] == sum(f == "legally_binding" for f in expected.values())
    table = content.tables["commitments_table"].data
    short = bundled_atlas.instruments.set_index("id")["short_name"]
    assert sorted(table["Instrument"]) == sorted(short[i] for i in expected)
    assert drawn_points(chart.figure) == len(expected)
    assert set(chart.rows["instrument_id"]) == set(expected) and set(chart.rows["party_id"]) == {party}
    # the summary: the total, each level of legal force, and the earliest and latest markers
    found = re.match(r".+ has joined (\d+) instruments?: (.+)\. Earliest: (.+) \((\S+)\); latest: (.+) \((\S+)\)\.$",
                     chart.summary)  # fmt: skip
    assert found, chart.summary
    assert int(found[1]) == len(expected)
    levels = {name: int(n) for name, n in re.findall(r"([A-Z][a-z -]+?) (\d+)", found[2])}
    assert levels == {label(f): n for f, n in pd.Series(list(expected.values())).value_counts().items()}
    days = sorted(pd.Timestamp(x).date().isoformat() for trace in chart.figure.data for x in trace.x)
    assert (found[4], found[6]) == (days[0], days[-1])
    assert {found[3], found[5]} <= set(table["Instrument"])


def test_withdrawn_instrument_is_neither_drawn_nor_exported(bundled_atlas):
    """The United States withdrew from the AI diffusion rule: not in its count, its markers or its chart's rows."""
    content = build(bundled_atlas, Filters(party=("USA",)))
    chart = content.charts["profile_chart"]
    assert "us-bis-ai-diffusion-rule" not in set(chart.rows["instrument_id"])
    assert "us-bis-ai-diffusion-rule" not in joined(bundled_atlas, "USA")


def test_profile_layout_and_brief_flags(bundled_atlas):
    content = build(bundled_atlas, Filters(party=("CHN",)), peers="G20")
    blocks = list(walk(content.blocks))
    kinds = [type(b).__name__ for b in blocks]
    assert kinds.index("Metrics") < kinds.index("Chart") < kinds.index("Columns")
    slots = [b.name for b in blocks if isinstance(b, Slot)]
    assert slots == ["party", "peers", "at_least"]  # the party picker on the page, first
    at = {b.name: i for i, b in enumerate(blocks) if isinstance(b, Slot)}
    gaps_at = next(i for i, b in enumerate(blocks) if isinstance(b, Table) and b.key == "peer_gaps_table")
    assert at["peers"] < at["at_least"] < gaps_at  # the controls sit just above the gaps
    assert blocks[at["at_least"]].choices == tuple(str(k) for k in range(1, 19))  # 1 to 18 of China's G20 peers
    brief = list(shown_in_brief(content.blocks))  # charts only, no tables, card or controls
    assert [b.key for b in brief if isinstance(b, Chart)] == ["profile_chart", "peer_chart"]
    assert not [b for b in brief if isinstance(b, Table | Metrics | Slot)]
    section = next(b for b in blocks if type(b).__name__ == "Section")
    assert section.title.startswith("Path through each instrument") and not section.brief
    # the tables show every row up to 40 without an inner scroll bar, and each has its own download
    for key in ("commitments_table", "peer_gaps_table"):
        table = content.tables[key]
        assert table.download and table.height >= 38 + 35 * min(len(table.data), 40)


def peer_counts(atlas, party, peers):
    parties = atlas.parties
    me = parties.set_index("id").loc[party]
    states = parties[(parties["id"] != party) & (parties["party_type"] == "state") & parties["un_member"]]
    group = states[states["region"] == me["region"]] if peers == "region" else states[states["groups"].map(
        lambda g: peers in g)]  # fmt: skip
    counts: dict[str, set] = {}
    for peer, name in zip(group["id"], group["name"], strict=True):
        for instrument in joined(atlas, peer):
            counts.setdefault(instrument, set()).add(name)
    return group, counts


@pytest.mark.parametrize("party, peers, at_least", [("CHN", "G20", "1"), ("BRA", "G20", "1"), ("BRA", "G20", "7"),
                                                    ("MEX", "G20", "9"), ("ABW", "region", "1")])  # fmt: skip
def test_peer_gaps_are_what_at_least_k_peers_joined(bundled_atlas, party, peers, at_least):
    content = build(bundled_atlas, Filters(party=(party,)), peers=peers, at_least=at_least)
    group, counts = peer_counts(bundled_atlas, party, peers)
    k = min(int(at_least), len(group))
    mine = joined(bundled_atlas, party)
    expected = {i: who for i, who in counts.items() if len(who) >= k and i not in mine}
    short = bundled_atlas.instruments.set_index("id")["short_name"]
    table = content.tables["peer_gaps_table"].data.set_index("Instrument")
    assert set(table.index) == {short[i] for i in expected}
    for instrument, who in expected.items():
        row = table.loc[short[instrument]]
        assert row["Peers that joined"] == len(who) and row["Share of peers (%)"] == round(100 * len(who) / len(group))
        assert row["Joined by"] == "; ".join(sorted(who, key=str.lower))  # in names
    assert (table["Peers"] == len(group)).all()
    assert f"Joined by at least **{k} of the {len(group)} peers**" in content.text()
    # the chart names the instruments most peers joined, '15 of 18' beside each bar; its rows are the whole table
    chart = content.charts["peer_chart"]
    drawn = {y: text for trace in chart.figure.data for y, text in zip(trace.y, trace.text, strict=True)}
    top = sorted(expected, key=lambda i: (-len(expected[i]), short[i]))[:20]
    assert set(drawn) == {short[i] for i in top}
    assert all(drawn[short[i]] == f"{len(expected[i])} of {len(group)}" for i in top)
    assert set(chart.rows["instrument_id"]) == set(expected)
    assert chart.summary.startswith(f"{bundled_atlas.parties.set_index('id').at[party, 'name']} has not joined "
                                    f"{len(expected)} instrument")  # fmt: skip
    best = max(expected, key=lambda i: (len(expected[i]), -ord(short[i][0])))
    assert f"({len(expected[best])} of {len(group)})" in chart.summary


def test_a_threshold_above_the_peers_is_the_largest(bundled_atlas):
    content = build(bundled_atlas, Filters(party=("BRA",)), peers="G20", at_least="150")
    assert "at least **18 of the 18 peers**" in content.text() or "every instrument that at least 18" in content.text()


def test_profile_on_the_fixture_has_path_institute_and_flag(valid_atlas):
    content = build(valid_atlas, Filters(party=("GBR",)))
    path = content.tables["path_table"].data.set_index("Instrument")
    assert path.loc["Test Convention", "Path"] == "Signed 2024-09-05 → Ratified 2025-03-01"
    assert path.loc["Test Convention", "Sources"].endswith("differ") and path.loc["Test Declaration", "Sources"] == ""
    assert list(content.tables["institutes_table"].data["name_as_of"]) == ["Test AI Security Institute"]
    assert "None recorded." in content.text()  # no bilateral partnership in the fixture
    assert metrics(content)["Groupings"] == 4


def test_a_party_with_nothing_on_that_date_gets_a_notice(bundled_atlas):
    # before the WTO (1995): Brazil joined nothing the Atlas records
    content = build(bundled_atlas, Filters(party=("BRA",), asof=dt.date(1994, 1, 1)))
    assert "profile_chart" not in content.charts  # (its peers' gaps may still be charted)
    assert any("No commitment of Brazil" in n.text for n in content.notices)
    assert metrics(content)["Instruments joined"] == 0


# ---------------------------------------------------------------- 2–4 parties


@pytest.mark.parametrize("parties, asof", [(("USA", "CHN", "IND"), None), (("GBR", "FRA"), dt.date(2024, 1, 1))])
def test_comparison_bars_matrix_and_summaries(bundled_atlas, parties, asof):
    content = build(bundled_atlas, Filters(party=parties, asof=asof))
    assert set(content.charts) == {"compare_chart", "compare_matrix"}
    names = bundled_atlas.parties.set_index("id")["name"]
    expected = {p: joined(bundled_atlas, p, asof) for p in parties}
    # bars: each party's stack is its number of instruments
    bars = content.charts["compare_chart"]
    heights: dict[str, int] = {}
    for trace in bars.figure.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            heights[x] = heights.get(x, 0) + int(y)
    assert heights == {names[p]: len(expected[p]) for p in parties}
    assert set(zip(bars.rows["party_id"], bars.rows["instrument_id"], strict=True)) == {
        (p, i) for p in parties for i in expected[p]}  # fmt: skip
    said = re.findall(r"([A-Z][A-Za-z ]+?) (?:has joined )?(\d+)(?: instruments?)? \((none|\d+) legally binding\)",
                      bars.summary)  # fmt: skip
    assert [(n, int(t), 0 if b == "none" else int(b)) for n, t, b in said] == [
        (names[p], len(expected[p]), sum(f == "legally_binding" for f in expected[p].values())) for p in parties]  # fmt: skip
    # matrix: one cell per party and instrument it took part in
    rows = slice_of(bundled_atlas, Filters(asof=asof)).participation
    acts = rows[rows["party_id"].isin(parties) & (rows["action"].astype(str) != "withdrew")]
    pairs = acts[["party_id", "instrument_id"]].drop_duplicates()
    matrix = content.charts["compare_matrix"]
    cells = sum(1 for row in matrix.figure.data[0].z for v in row if v is not None and not math.isnan(v))
    assert cells == len(pairs)
    assert set(matrix.rows["party_id"]) <= set(parties)
    everyone = (pairs.groupby("instrument_id")["party_id"].nunique() == len(parties)).sum()
    found = re.search(r"took part in (\d+) instruments? between them \((\d+) party–instrument cells?\); (?:both|all \d) "
                      r"in (\d+|none)", matrix.summary)  # fmt: skip
    assert found, matrix.summary
    assert (int(found[1]), int(found[2])) == (pairs["instrument_id"].nunique(), len(pairs))
    assert (0 if found[3] == "none" else int(found[3])) == everyone


def test_comparison_with_nothing_on_that_date_gets_a_notice(bundled_atlas):
    content = build(bundled_atlas, Filters(party=("USA", "CHN"), asof=dt.date(1990, 1, 1)))
    assert not content.charts
    [notice] = content.notices
    assert "No commitment of United States and China" in notice.text and isinstance(notice, Notice)


def test_summary_builders():
    rows = pd.DataFrame({"instrument": ["A", "B", "C"], "legal_force": ["political_commitment", "legally_binding",
                         "political_commitment"], "when": pd.to_datetime(["2020-01-02", "2019-05-01", "2024-03-04"])})  # fmt: skip
    assert profile_summary(rows, "Ruritania") == (
        "Ruritania has joined 3 instruments: Legally binding 1 and Political commitment 2. "
        "Earliest: B (2019-05-01); latest: C (2024-03-04).")  # fmt: skip
    counts = pd.DataFrame({"legally_binding": [2, 0], "political_commitment": [3, 1]}, index=["X", "Y"])
    assert compare_summary(counts, {"X": "Ex", "Y": "Why"}) == (
        "Ex has joined 5 instruments (2 legally binding) and Why 1 (none legally binding).")  # fmt: skip
    compared = pd.DataFrame({"party_id": ["X", "X", "Y"], "instrument_id": ["i", "j", "i"],
                             "action": ["signed", "endorsed", "ratified"], "date": pd.NaT, "date_label": "",
                             "evidence": "official", "withdrawn": False})  # fmt: skip
    assert matrix_summary(compared, ["X", "Y"], {"X": "Ex", "Y": "Why"}, {"i": "Eye", "j": "Jay"}) == (
        "Ex and Why took part in 2 instruments between them (3 party–instrument cells); both in 1: Eye.")  # fmt: skip
