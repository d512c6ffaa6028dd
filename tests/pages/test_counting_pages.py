"""Counting rules applied the same way everywhere; claims of sources compared with what the Atlas shows."""

import re

from components.model.claims import FLAG
from tests.conftest import VALID
from tests.helpers import run, shown_tables, unfold


def test_pages_show_the_rule_the_flags_and_the_claims(monkeypatch):
    at = unfold(run("views/signatories.py", {"instrument": "paris-ai-action-statement,bletchley-declaration"}))
    assert not at.exception
    lines = [m.value for m in at.markdown]
    assert any("Paris" in m and "every party listed" in m and FLAG in m and "the count" in m for m in lines), lines
    assert any(e.label.startswith("What sources say") for e in at.expander)
    claims = [t for t in shown_tables(at) if "Source says" in t.columns]
    assert claims and any((c["Status"] == "differs from the Atlas").any() for c in claims)
    assert any("single non-official source" in c.value for c in at.caption)  # the unverified rows are counted
    assert any(re.match(r"Rows checked (between )?\d+ [A-Z][a-z]+ \d{4}", c.value) for c in at.caption)  # how fresh

    fresh = run("views/freshness.py")
    assert not fresh.exception
    disputes = next(t for t in shown_tables(fresh) if "Instrument" in t.columns and "Source says" in t)
    assert {"Paris AI Action Summit Statement", "Political Declaration on Military AI"} & set(disputes["Instrument"])

    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))  # GBR's ratification date of the convention is disputed
    country = unfold(run("views/countries.py", {"party": "GBR"}))
    assert not country.exception
    path = next(t for t in shown_tables(country) if "Path" in t.columns).set_index("Instrument")
    assert path.loc["Test Convention", "Sources"] == f"{FLAG} differ" and path.loc["Test Declaration", "Sources"] == ""
