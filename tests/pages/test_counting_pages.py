"""Counting rules applied the same way everywhere; claims of sources compared with what the Atlas shows."""

import re

import pandas as pd
import pytest

from components.data.schema import DEFAULT_DATA_DIR
from components.model.atlas import load_atlas
from components.model.claims import FLAG
from tests.conftest import VALID
from tests.helpers import run


@pytest.fixture(scope="module")
def fixture_atlas():
    return load_atlas(VALID)


@pytest.fixture(scope="module")
def bundled():
    return load_atlas(DEFAULT_DATA_DIR)


def _typed_claims(rows: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    """Claims rows typed as load_atlas types them (as_of_by at the end of the period, checked as a Timestamp)."""
    from components.data.dates import to_end_timestamp

    rows = rows.reindex(columns=[c for c in like.columns if c not in ("atlas_value", "status")])
    for column in ("party_id", "action", "counted_as"):
        rows[column] = rows[column].astype(object)
    rows["as_of_by"] = pd.to_datetime(
        rows["as_of"].map(lambda v: to_end_timestamp(v) if isinstance(v, str) else pd.NaT)
    )
    rows["as_of_label"] = rows["as_of"].fillna("")
    rows["checked"] = pd.Timestamp("2026-11-01")
    rows["checked_label"] = "2026-11-01"
    rows["source_url"] = "https://example.org/claim"
    return rows


def test_pages_show_the_rule_the_flags_and_the_claims(monkeypatch):
    at = run("views/signatories.py", {"instrument": "paris-ai-action-statement,bletchley-declaration"})
    assert not at.exception
    lines = [m.value for m in at.markdown]
    assert any("Paris" in m and "every party listed" in m and FLAG in m and "the count" in m for m in lines), lines
    assert any(e.label.startswith("What sources say") for e in at.expander)
    claims = [d.value for d in at.dataframe if "Source says" in d.value.columns]
    assert claims and any((c["Status"] == "differs from the Atlas").any() for c in claims)
    assert any("single non-official source" in c.value for c in at.caption)  # the unverified rows are counted
    assert any(re.match(r"Rows checked (between )?\d+ [A-Z][a-z]+ \d{4}", c.value) for c in at.caption)  # how fresh

    fresh = run("views/freshness.py")
    assert not fresh.exception
    disputes = next(d.value for d in fresh.dataframe if "Instrument" in d.value.columns and "Source says" in d.value)
    assert {"Paris AI Action Summit Statement", "Political Declaration on Military AI"} & set(disputes["Instrument"])

    monkeypatch.setenv("ATLAS_DATA_DIR", str(VALID))  # GBR's ratification date of the convention is disputed
    country = run("views/countries.py", {"party": "GBR"})
    assert not country.exception
    path = next(d.value for d in country.dataframe if "Path" in d.value.columns).set_index("Instrument")
    assert path.loc["Test Convention", "Sources"] == f"{FLAG} differ" and path.loc["Test Declaration", "Sources"] == ""
