"""The gold set (data/gold.yaml): the bundled data agrees with every hand-checked fact, drift is caught, and a
malformed gold file says clearly what is wrong."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from components.model import gold
from components.model.atlas import load_atlas
from tests.conftest import ROOT

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def facts():
    return gold.load_gold(DATA / gold.GOLD_FILE)


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(DATA)


@pytest.fixture(scope="module")
def results(atlas, facts):
    return gold.check(atlas, facts)


def test_the_bundled_data_agrees_with_every_gold_fact(results):
    drifted = [line for line in gold.report(results) if line.startswith("drifted:")]
    assert not drifted, "\n".join(drifted)
    assert gold.report(results)[-1] == f"{len(results)} facts, {len(results)} agree"


def test_the_gold_set_is_broad_and_sourced(facts):
    assert len(facts) >= 30
    assert len({f.instrument for f in facts}) >= 8
    assert {"participation", "count", "date", "absent"} <= {f.kind for f in facts}
    assert sum(f.kind == "count" for f in facts) >= 5 and sum(f.kind == "date" for f in facts) >= 4
    for fact in facts:
        assert fact.url.startswith("https://"), fact.id
        assert fact.quote.strip(), fact.id


def test_an_absent_or_a_date_fact_drifts_when_the_data_says_otherwise(atlas, facts):
    absent = next(f for f in facts if f.id == "wassenaar-absent-chn")
    present = dataclasses.replace(absent, party="IND")  # India is a Participating State
    date = next(f for f in facts if f.id == "bletchley-adopted")
    wrong_day = dataclasses.replace(date, date="2023-11-02")
    results = gold.check(atlas, [present, wrong_day])
    assert [r.status for r in results] == ["drifted", "drifted"]
    assert results[0].found == "member 2017-12-08" and results[1].found == "adopted 2023-11-01"
    assert results[1].url == date.url and results[1].id == "bletchley-adopted"


def _rewrite(path, change):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(change(lines)), encoding="utf-8")


def test_a_removed_row_and_a_changed_date_make_exactly_their_facts_drift(tmp_path, capsys):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    italy = "seoul-statement-of-intent-safety-science,ITA,endorsed,"
    canada = "coe-framework-convention-ai,CAN,signed,2025-02-11,"
    _rewrite(folder / "participation.csv", lambda lines: [line for line in lines if not line.startswith(italy)])
    _rewrite(
        folder / "participation.csv",
        lambda lines: [line.replace(canada, canada.replace("2025-02-11", "2025-02-12")) for line in lines],
    )

    status = gold.main([str(folder)])

    lines = capsys.readouterr().out.splitlines()
    drifted = {line.split(": ")[1] for line in lines if line.startswith("drifted: ")}
    assert drifted == {
        "seoul-intent-endorsed-ita",  # the removed row
        "seoul-intent-count",  # 10, not 11
        "coe-225-signed-can-2025-02-11",  # the changed date
        "coe-225-count-2025-02-11",  # Canada not yet counted on 11 February
    }
    assert status == 1
    count_line = next(line for line in lines if line.startswith("drifted: seoul-intent-count: "))
    assert "gold says 11 parties" in count_line and "data says 10" in count_line and "https://www.gov.uk/" in count_line
    assert lines[-1].endswith("agree") and lines[-1].startswith(f"{len(gold.load_gold(folder / 'gold.yaml'))} facts")


MALFORMED = """
facts:
  - id: Bad Id
    kind: count
    instrument: gpai
    count: many
    as_of: 2024-13-01
    url: http://example.org
    quote: ""
    checked: 2026-12-01
  - id: no-such-kind
    kind: treaty
  - id: missing-things
    kind: participation
    instrument: gpai
    party: FRA
    colour: blue
"""


def test_a_malformed_gold_file_says_which_fact_is_wrong_and_how():
    with pytest.raises(gold.GoldFileError) as caught:
        gold.parse_gold(MALFORMED)
    problems = caught.value.problems
    assert "gold.yaml: fact Bad Id: needs an id: a lower-case slug (a-z, 0-9, -)" in problems
    assert "gold.yaml: fact Bad Id: url 'http://example.org' is not an https:// address" in problems
    assert any(p.startswith("gold.yaml: fact Bad Id: quote is empty") for p in problems)
    assert any(p.startswith("gold.yaml: fact Bad Id: as_of: '2024-13-01' has month 13") for p in problems)
    assert "gold.yaml: fact Bad Id: count 'many' is not a whole number of parties" in problems
    assert any(
        p.startswith("gold.yaml: fact no-such-kind: kind 'treaty' is not one of participation") for p in problems
    )
    assert "gold.yaml: fact missing-things: is missing 'action'" in problems
    assert "gold.yaml: fact missing-things: is missing 'url'" in problems
    assert any(p.startswith("gold.yaml: fact missing-things: has an unknown key 'colour'") for p in problems)
    assert all(p.startswith("gold.yaml: ") for p in problems)


@pytest.mark.parametrize(
    "text, message",
    [
        ("facts: {}", "gold.yaml: needs a top-level 'facts:' list"),
        ("- just a list", "gold.yaml: needs a top-level 'facts:' list"),
        ("facts: [oops", "gold.yaml: is not valid YAML"),
        ("facts:\n  - plain text", "gold.yaml: fact #1: is not a mapping of keys to values"),
    ],
)
def test_a_gold_file_of_the_wrong_shape_is_refused_clearly(text, message):
    with pytest.raises(gold.GoldFileError) as caught:
        gold.parse_gold(text)
    assert str(caught.value).startswith(message)


def test_duplicate_ids_are_refused(facts):
    text = (DATA / gold.GOLD_FILE).read_text(encoding="utf-8")
    first = text.index("  - id: ")
    doubled = text + text[first : text.index("  - id: ", first + 1)]
    with pytest.raises(gold.GoldFileError) as caught:
        gold.parse_gold(doubled)
    assert caught.value.problems == [f"gold.yaml: fact {facts[0].id}: the id is used by another fact"]
