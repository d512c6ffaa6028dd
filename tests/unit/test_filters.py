"""Filters: parsing query parameters (with notices), writing them back, and applying them as of a date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
import pytest

from components.model.atlas import load_atlas
from components.model.filters import Filters, apply_filters
from components.model.query import ViewParam, Vocabulary, parse_query, to_query
from tests.conftest import VALID


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


@pytest.fixture(scope="module")
def vocabulary(atlas):
    return Vocabulary.of(atlas)


LANE = ViewParam("lane", ("mechanism", "forum"), default=("mechanism",))


def test_round_trip(vocabulary):
    filters = Filters(
        start=dt.date(2023, 1, 1),
        end=dt.date(2024, 12, 31),
        asof=dt.date(2024, 6, 1),
        legal_force=("legally_binding", "political_commitment"),
        group=("G20",),
        party=("GBR", "EUU"),
        theme=("safety",),
    )
    query = to_query(filters, {"lane": ("forum",)}, (LANE,))
    parsed = parse_query(query, vocabulary, (LANE,))
    assert parsed.filters == filters
    assert parsed.view == {"lane": ("forum",)}
    assert parsed.notices == []


def test_defaults_write_no_parameters(vocabulary):
    assert to_query(Filters(), {"lane": ("mechanism",)}, (LANE,)) == {}
    parsed = parse_query({}, vocabulary, (LANE,))
    assert parsed.filters.is_default() and parsed.view == {"lane": ("mechanism",)}


def test_repeated_and_comma_separated_values_and_case(vocabulary):
    parsed = parse_query({"group": ["g20", "OECD,G7"]}, vocabulary)
    assert parsed.filters.group == ("G20", "OECD", "G7")


def test_unknown_and_malformed_parameters_become_notices(vocabulary):
    parsed = parse_query(
        {"colour": "red", "asof": "2024-13-45", "group": "G20,G99", "lane": "sideways,forum"}, vocabulary, (LANE,)
    )
    text = " ".join(parsed.notices)
    assert "Unknown parameter `colour`" in text
    assert "`asof=2024-13-45` is not a date" in text
    assert "`G99`" in text and parsed.filters.group == ("G20",)
    assert "`sideways`" in text and parsed.view["lane"] == ("forum",)
    assert parsed.filters.asof is None


def test_to_is_inclusive_of_its_year(vocabulary):
    assert parse_query({"to": "2024"}, vocabulary).filters.end == dt.date(2024, 12, 31)
    assert parse_query({"from": "2024"}, vocabulary).filters.start == dt.date(2024, 1, 1)


def test_reversed_range_and_future_asof_are_ignored_with_notice(vocabulary):
    parsed = parse_query({"from": "2025", "to": "2020", "asof": "2099-01-01"}, vocabulary)
    assert parsed.filters.start is None and parsed.filters.end is None and parsed.filters.asof is None
    assert len(parsed.notices) == 2


def test_asof_excludes_later_instruments_and_actions(atlas):
    view = apply_filters(atlas, Filters(asof=dt.date(2024, 12, 31)))
    assert set(view.instruments["id"]) == {"test-convention", "test-declaration", "test-commitments"}
    # GBR ratified the convention on 2025-03-01: not yet on 31 Dec 2024
    actions = set(zip(view.participation["party_id"], view.participation["action"], strict=True))
    assert ("GBR", "signed") in actions and ("GBR", "ratified") not in actions
    earlier = apply_filters(atlas, Filters(asof=dt.date(2024, 1, 1)))
    # the declaration is dated 2023-11 (over by 1 Jan 2024); the commitments only "2024", certain on 31 Dec 2024
    assert set(earlier.instruments["id"]) == {"test-declaration"}


def test_partial_dates_count_from_the_end_of_their_period(atlas):
    mid = apply_filters(atlas, Filters(asof=dt.date(2023, 11, 15)))
    assert "test-declaration" not in set(mid.instruments["id"])  # "2023-11" is certain only from 30 Nov
    end = apply_filters(atlas, Filters(asof=dt.date(2023, 11, 30)))
    assert "test-declaration" in set(end.instruments["id"])


def test_undated_action_counts_from_its_instruments_adoption(atlas):
    participation = atlas.participation.copy()
    row = participation["party_id"] == "KEN"
    participation.loc[row, ["date", "date_by"]] = pd.NaT
    undated = dataclasses.replace(atlas, participation=participation)
    before = apply_filters(undated, Filters(asof=dt.date(2023, 11, 15)))
    assert "KEN" not in set(before.participation["party_id"])
    after = apply_filters(undated, Filters(asof=dt.date(2023, 12, 1)))
    assert "KEN" in set(after.participation["party_id"])


def test_dates_outside_the_data_are_refused_with_notices(vocabulary):
    parsed = parse_query({"asof": "1990-01-01", "from": "1980", "to": "2099"}, vocabulary)
    assert parsed.filters.asof == vocabulary.first
    assert parsed.filters.start is None and parsed.filters.end is None
    assert len(parsed.notices) == 3


def test_undated_actions_count_from_adoption(atlas):
    # institutes: the fixture institute was renamed on 2025-02-14; before that it had its former name
    view = apply_filters(atlas, Filters(asof=dt.date(2024, 6, 1)))
    assert view.institutes["name_then"].tolist() == ["Test AI Safety Institute"]
    now = apply_filters(atlas, Filters())
    assert now.institutes["name_then"].tolist() == ["Test AI Security Institute"]


def test_party_filters_restrict_participation_and_instruments(atlas):
    view = apply_filters(atlas, Filters(group=("AU",)))
    assert set(view.parties["id"]) == {"NAM", "KEN"}
    assert set(view.instruments["id"]) == {"test-declaration"}
    assert set(view.participation["party_id"]) == {"NAM", "KEN"}


def test_instrument_filters(atlas):
    view = apply_filters(atlas, Filters(legal_force=("legally_binding",)))
    assert view.instruments["id"].tolist() == ["test-convention"]
    view = apply_filters(atlas, Filters(theme=("transparency",)))
    assert view.instruments["id"].tolist() == ["test-commitments"]
    view = apply_filters(atlas, Filters(income=("lower_middle",)))
    assert set(view.parties["id"]) == {"KEN"}


def test_describe_in_words():
    from components.model.filters import describe

    text = describe(Filters(group=("G20",), legal_force=("legally_binding",)), dt.date(2025, 6, 1))
    assert text == "G20 members · Legally binding · as of 1 June 2025"
    assert describe(Filters(), dt.date(2025, 6, 1)) == "All instruments and parties · as of 1 June 2025"


def test_a_partial_date_is_certain_once_its_source_was_checked(tmp_path):
    import shutil

    from components.model.atlas import load_atlas as load

    shutil.copytree(VALID, tmp_path / "pkg")
    path = tmp_path / "pkg" / "participation.csv"
    path.write_text(path.read_text().replace("example-ai,committed,2024-05-21", "example-ai,committed,2026"))
    atlas = load(tmp_path / "pkg")
    # dated only "2026", but its source was read on 2026-11-02: by then it had certainly happened
    assert atlas.participation.set_index("party_id").at["example-ai", "date_by"] == pd.Timestamp("2026-11-02")
    assert apply_filters(atlas, Filters()).participation["party_id"].eq("example-ai").any()
    assert not apply_filters(atlas, Filters(asof=dt.date(2026, 11, 1))).participation["party_id"].eq("example-ai").any()


def test_instrument_filters_keep_the_events_that_produced_what_is_shown(atlas):
    assert len(apply_filters(atlas, Filters()).events) == 1
    assert (
        len(apply_filters(atlas, Filters(forum=("AI Safety Summit series",))).events) == 1
    )  # produced the declaration
    assert apply_filters(atlas, Filters(forum=("Council of Europe",))).events.empty


def test_a_withdrawal_counts_only_from_its_date():
    from components.model.participation import active

    bundled = load_atlas()  # the US rescinded the BIS AI diffusion rule on 13 May 2025
    before = apply_filters(bundled, Filters(asof=dt.date(2025, 5, 1))).participation
    after = apply_filters(bundled, Filters(asof=dt.date(2025, 6, 1))).participation
    pair = ("USA", "us-bis-ai-diffusion-rule")
    assert pair in set(zip(active(before)["party_id"], active(before)["instrument_id"], strict=True))
    assert pair not in set(zip(active(after)["party_id"], active(after)["instrument_id"], strict=True))
    assert not before.loc[before["party_id"].eq("USA") & before["instrument_id"].eq(pair[1]), "withdrawn"].any()


@pytest.mark.parametrize(
    "hostile",
    ["[click](https://evil.example)", "![x](https://evil.example/p.png)", "a`b", "``", "x" * 100_000, "**b**\n# h"],
)
def test_values_from_the_url_stay_inert_and_short_in_notices(vocabulary, hostile):
    from components.model.query import NOTICE_CHARS

    parsed = parse_query({hostile: "1", "group": hostile, "asof": hostile, "whatif": hostile}, vocabulary)
    assert len(parsed.notices) == 4
    for notice in parsed.notices:
        assert len(notice) < 3 * NOTICE_CHARS + 120  # a 100 kB value is not echoed back whole
        assert "\n" not in notice
        # every piece taken from the URL sits inside a code span that its own backticks cannot close
        outside = re.sub(r"(`+)(?:(?!\1).)*?\1", "", notice)
        assert "](" not in outside and "**" not in outside
