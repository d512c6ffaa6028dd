"""Dated data releases and the generated CHANGELOG (issue 10)."""

from __future__ import annotations

import datetime as dt

from components.model.releases import cut
from tests.helpers import run, shown_tables, unfold


def test_an_older_release_shows_its_own_counts(package_dir, monkeypatch):
    cut("2026.11.0", package_dir, today=dt.date(2026, 11, 20))
    monkeypatch.setenv("ATLAS_DATA_DIR", str(package_dir))
    latest = unfold(run("views/signatories.py", {"instrument": "test-convention"}))  # "The matrix as a table"
    older = unfold(run("views/signatories.py", {"instrument": "test-convention", "v": "2026.10.0"}))
    assert not latest.exception and not older.exception

    # the older release lacks KEN's signature of the convention: one party fewer in the matrix's table

    def parties(at):
        return len(next(t for t in shown_tables(at) if {"party", "Party"} & set(t.columns)))  # the matrix as a table

    assert older.query_params["v"] == "2026.10.0"
    assert any("release **2026.10.0**" in w.value and "(2026.11.0)" in w.value for w in older.sidebar.warning)
    assert not any("release" in w.value for w in latest.sidebar.warning)
    assert any("release 2026.11.0" in c.value for c in latest.sidebar.caption)  # the working copy is that release
    assert any("release 2026.10.0" in c.value for c in older.sidebar.caption)
    assert parties(older) == parties(latest) - 1


def test_unknown_release_is_named_and_the_latest_shown(package_dir, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(package_dir))
    at = run("views/overview.py", {"v": "1999.1.0"})
    assert not at.exception
    assert any("1999.1.0" in w.value for w in at.warning)


def test_a_changed_working_copy_is_not_cited_as_its_release(package_dir, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(package_dir))  # changed since 2026.10.0 (see the fixture)
    at = run("views/overview.py")
    assert any("version 2026.10.0 with later changes" in c.value for c in at.sidebar.caption)
