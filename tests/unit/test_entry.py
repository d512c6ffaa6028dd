"""Entry-into-force progress (issue 10): counts, the member-state condition, withdrawals and past dates."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from components.model.atlas import load_atlas
from components.model.entry import all_progress, in_force_after, party_in_force, progress
from tests.conftest import VALID

HEADER = "instrument_id,party_id,action,date,evidence,source_url,checked,notes\n"


def atlas_with(tmp_path, rows: str):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    kept = [line for line in (VALID / "participation.csv").read_text().splitlines()[1:] if "ratified" not in line]
    (folder / "participation.csv").write_text(HEADER + "\n".join(kept) + "\n" + rows)
    return load_atlas(folder)


ROWS = (
    "test-convention,USA,ratified,2025-06-10,official,https://example.org/t,2026-11-01,\n"
    "test-convention,EUU,ratified,2025-07,official,https://example.org/t,2026-11-01,\n"
    "test-convention,GBR,ratified,2026-01-15,official,https://example.org/t,2026-11-01,\n"
)


def test_first_day_of_the_month_after_the_delay():
    assert in_force_after(pd.Timestamp("2025-06-10"), 3) == pd.Timestamp("2025-10-01")
    assert in_force_after(pd.Timestamp("2025-05-31"), 3) == pd.Timestamp("2025-09-01")
    assert in_force_after(pd.Timestamp("2025-06-01"), 3) == pd.Timestamp("2025-10-01")


@pytest.mark.parametrize(
    ("asof", "count", "in_group", "met", "summary"),
    [
        ("2025-06-09", 0, 0, None, "0 of 2 consents to be bound, 0 of the 1 needed from Council of Europe member states: "
                                   "2 more needed, at least 1 of them from Council of Europe member states."),
        ("2025-07-15", 1, 0, None, "1 of 2 consents to be bound, 0 of the 1 needed from Council of Europe member "
                                   "states: 1 more needed, at least 1 of them from Council of Europe member states."),
        ("2025-08-01", 2, 0, None, "2 of 2 consents to be bound, 0 of the 1 needed from Council of Europe member "
                                   "states: 1 more needed, at least 1 of them from Council of Europe member states."),
        ("2026-03-01", 3, 1, "2026-01-15", "3 consents to be bound (the condition asks for 2), 1 of the 1 needed "
                                           "from Council of Europe member states. Condition met on 15 January 2026; "
                                           "enters into force on 1 May 2026."),
        ("2026-06-01", 3, 1, "2026-01-15", None),
    ],
)  # fmt: skip
def test_progress_as_of_dates_with_the_member_state_condition(tmp_path, asof, count, in_group, met, summary):
    atlas = atlas_with(tmp_path, ROWS)
    [result] = all_progress(atlas, asof=dt.date.fromisoformat(asof))
    assert (result.count, result.group_count) == (count, in_group)
    assert result.met_on == (pd.Timestamp(met) if met else None)
    if summary:
        assert result.summary() == summary
    if asof == "2026-06-01":
        assert result.in_force and "entered into force on 1 May 2026" in result.summary()
        # a partial date counts from the end of its month: the EU's "2025-07" is certain by 31 July
        assert result.consents["party_id"].tolist() == ["USA", "EUU", "GBR"]
        assert party_in_force(result, "USA", 3) == pd.Timestamp("2026-05-01")  # the treaty's own date
        assert party_in_force(result, "NAM", 3) is None


def test_a_withdrawn_consent_does_not_count(tmp_path):
    rows = ROWS + "test-convention,USA,withdrew,2026-02-01,official,https://example.org/t,2026-11-01,\n"
    atlas = atlas_with(tmp_path, rows)
    condition = atlas.entry_conditions.iloc[0]
    before = progress(condition, atlas.participation, atlas.parties, asof=dt.date(2026, 1, 31))
    after = progress(condition, atlas.participation, atlas.parties, asof=dt.date(2026, 3, 1))
    assert before.count == 3 and after.count == 2
    assert after.met_on == pd.Timestamp("2026-01-15")  # EU and the UK still meet it


def test_bundled_cets_225_condition_and_count():
    atlas = load_atlas()
    [cets] = [p for p in all_progress(atlas, asof=atlas.asof) if p.instrument_id == "coe-framework-convention-ai"]
    assert (cets.required, cets.group, cets.group_required) == (5, "CoE", 3)
    recorded = atlas.participation[
        (atlas.participation["instrument_id"] == "coe-framework-convention-ai")
        & (atlas.participation["action"] == "ratified")
    ]
    assert cets.count == recorded["party_id"].nunique()
    assert cets.group_count == sum(
        "CoE" in g for g in atlas.parties.set_index("id").loc[recorded["party_id"], "groups"]
    )


def test_a_withdrawal_after_entry_into_force_does_not_undo_it(tmp_path):
    rows = ROWS + "test-convention,GBR,withdrew,2026-08-01,official,https://example.org/t,2026-11-01,\n"
    atlas = atlas_with(tmp_path, rows)
    [result] = all_progress(atlas, asof=dt.date(2026, 9, 1))
    assert result.met_on == pd.Timestamp("2026-01-15") and result.in_force
    assert result.count == 2 and "GBR" not in set(result.consents["party_id"])  # no longer a party


def test_undated_and_partial_consents(tmp_path):
    rows = (
        "test-convention,USA,ratified,,official,https://example.org/t,2026-03-10,\n"  # undated: known when checked
        "test-convention,GBR,ratified,2025-07,official,https://example.org/t,2026-11-01,\n"  # known by 31 July
    )
    atlas = atlas_with(tmp_path, rows)
    [before] = all_progress(atlas, asof=dt.date(2026, 3, 9))
    assert before.count == 1 and before.met_on is None
    [after] = all_progress(atlas, asof=dt.date(2026, 3, 10))
    assert after.met_on == pd.Timestamp("2026-03-10")
    atlas = atlas_with(tmp_path / "b", rows.replace(",,official", ",2025-05-02,official"))
    [partial] = all_progress(atlas, asof=dt.date(2026, 1, 1))
    assert partial.met_on == pd.Timestamp("2025-07-31")
    assert partial.summary().endswith(
        "Condition met by 31 July 2025 (the consent that met it is dated 2025-07); entered into force on "
        "1 November 2025 at the latest."
    )
