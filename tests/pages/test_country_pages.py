"""Country lens computations on the fixture: commitments, peers and their gaps, comparison."""

from __future__ import annotations

import pytest

from components.model.atlas import load_atlas
from tests.conftest import VALID


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def test_country_page_shows_the_path_table():
    from tests.helpers import run

    at = run("views/countries.py", {"party": "GBR"})
    assert not at.exception
    paths = [d.value for d in at.dataframe if "Path" in d.value.columns]
    assert paths and paths[0]["Path"].str.contains("→|Endorsed|Signed").any()
