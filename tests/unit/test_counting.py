"""Counting rules applied the same way everywhere; claims of sources compared with what the Atlas shows."""

import re
import shutil

import pandas as pd
import pytest

from components.charts.matrix import matrix_figure
from components.charts.timeline import timeline_figure, timeline_table
from components.data.schema import DEFAULT_DATA_DIR, read_package
from components.export.rows import instrument_rows, participation_rows
from components.model import claims, counting
from components.model.atlas import load_atlas
from components.model.claims import FLAG, assess, count_agrees
from components.model.counting import COUNTED, UNVERIFIED_MARK, counted_flags, party_counts
from components.model.coverage import coverage_table
from components.model.filters import Filters, apply_filters
from tests.conftest import VALID


@pytest.fixture(scope="module")
def fixture_atlas():
    return load_atlas(VALID)


@pytest.fixture(scope="module")
def bundled():
    return load_atlas(DEFAULT_DATA_DIR)


def test_rules_are_read_and_an_empty_rule_follows_the_party_types(fixture_atlas):
    rules = fixture_atlas.instruments.set_index("id")["counting_rule"].astype(str).to_dict()
    # the convention and the declaration say their rule; the company commitments leave it empty: companies listed
    assert rules == {
        "test-convention": "states_and_eu",
        "test-declaration": "states",
        "test-commitments": "all_parties",
    }


def test_the_eu_counts_under_states_and_eu_but_not_under_states(fixture_atlas):
    # the convention: GBR, USA and the EU signed; GBR also ratified
    assert party_counts(fixture_atlas.participation)["test-convention"] == 3
    only_states = fixture_atlas.instruments.assign(
        counting_rule=fixture_atlas.instruments["counting_rule"].cat.set_categories(counting.RULES)
    )
    only_states.loc[only_states["id"] == "test-convention", "counting_rule"] = "states"
    rows = fixture_atlas.participation.assign(
        **{COUNTED: counted_flags(fixture_atlas.participation, only_states, fixture_atlas.parties)}
    )
    assert party_counts(rows)["test-convention"] == 2
    table = counting.breakdown(rows, fixture_atlas.parties, only_states)
    assert counting.describe(table.loc["test-convention"]) == (
        "2 counted (rule: states only): 2 states; also listed, not counted: the EU"
    )
    everyone = only_states.assign(counting_rule="all_parties")
    rows = rows.assign(**{COUNTED: counted_flags(rows, everyone, fixture_atlas.parties)})
    assert party_counts(rows)["test-commitments"] == 1  # a company counts only when every party does


def test_describe_names_what_was_counted(fixture_atlas):
    table = counting.breakdown(fixture_atlas.participation, fixture_atlas.parties, fixture_atlas.instruments)
    assert counting.describe(table.loc["test-convention"]) == "3 counted (rule: states and the EU): 2 states and the EU"
    assert counting.describe(table.loc["test-commitments"]) == "1 counted (rule: every party listed): 1 company"


def test_what_if_rows_follow_the_rule(fixture_atlas):
    plain = apply_filters(fixture_atlas, Filters())
    scenario = apply_filters(fixture_atlas, Filters(whatif=("KEN:test-convention:signed",)))
    assert (
        party_counts(scenario.participation)["test-convention"]
        == party_counts(plain.participation)["test-convention"] + 1
    )
    assert scenario.participation[COUNTED].dtype == bool


def test_claims_are_compared_with_the_atlas(fixture_atlas):
    status = fixture_atlas.claims.set_index("id")["status"].astype(str).to_dict()
    assert status == {
        "declaration-count-host": "agrees",  # 3 countries, as the Atlas counts
        "declaration-count-press": "differs",  # 4: a disagreement, flagged
        "convention-count-depositary": "agrees",  # two states and the EU on 6 September 2024
        "convention-usa-signed": "agrees",
        "convention-gbr-ratified-news": "differs",  # 1 April; the Atlas has 1 March
        "convention-gbr-ratified-depositary": "agrees",  # 'March' agrees with 1 March
    }
    values = fixture_atlas.claims.set_index("id")["atlas_value"].to_dict()
    assert values["declaration-count-press"] == "3" and values["convention-gbr-ratified-news"] == "2025-03-01"
    # the declaration's count and GBR's ratification date of the convention are disputed
    assert claims.disputed_instruments(fixture_atlas.claims) == {"test-declaration", "test-convention"}
    assert claims.disputed_pairs(fixture_atlas.claims) == {("GBR", "test-convention")}
    # a count claim about 2 November 2023 does not flag a view of the day before; party filters leave counts out
    assert claims.disputed_instruments(fixture_atlas.claims, asof="2023-11-01") == {"test-convention"}
    assert claims.disputed_instruments(fixture_atlas.claims, counts=False) == {"test-convention"}


def test_a_count_is_compared_as_of_its_date_and_under_its_own_rule(fixture_atlas):
    claims = fixture_atlas.claims.iloc[:0]
    rows = pd.DataFrame(
        [
            # before anyone signed the convention: none
            {"id": "a", "instrument_id": "test-convention", "field": "party_count", "value": "0", "as_of": "2024-09-01"},
            # on the day of the signatures, counting states only: GBR and USA
            {"id": "b", "instrument_id": "test-convention", "field": "party_count", "value": "2", "counted_as": "states",
             "as_of": "2024-09-05"},
            # a month later, under the instrument's rule (states and the EU)
            {"id": "c", "instrument_id": "test-convention", "field": "party_count", "value": "3", "as_of": "2024-10"},
            {"id": "d", "instrument_id": "test-convention", "field": "party_count", "value": ">2", "as_of": "2024-10"},
            {"id": "e", "instrument_id": "test-convention", "field": "party_count", "value": ">3", "as_of": "2024-10"},
        ]
    )  # fmt: skip
    assessed = assess(_typed_claims(rows, claims), fixture_atlas.instruments, fixture_atlas.participation,
                      fixture_atlas.parties)  # fmt: skip
    assert assessed.set_index("id")["status"].astype(str).to_dict() == {
        "a": "agrees", "b": "agrees", "c": "agrees", "d": "agrees", "e": "differs",
    }  # fmt: skip


def test_a_count_that_only_missing_dates_could_settle_is_not_a_disagreement(fixture_atlas):
    participation = fixture_atlas.participation.copy()
    undated = participation["instrument_id"] == "test-declaration"
    participation.loc[undated, ["date", "date_by"]] = pd.NaT
    participation.loc[undated, "date_label"] = ""
    rows = pd.DataFrame(
        [{"id": "early", "instrument_id": "test-declaration", "field": "party_count", "value": "2", "as_of": "2023-11"}]
    )
    assessed = assess(_typed_claims(rows, fixture_atlas.claims.iloc[:0]), fixture_atlas.instruments, participation,
                      fixture_atlas.parties)  # fmt: skip
    assert assessed["status"].astype(str).tolist() == ["undated"]  # 0 dated, 3 undated: 2 fits between


def test_a_party_that_joined_later_does_not_contradict_an_earlier_source(fixture_atlas):
    rows = pd.DataFrame(
        [
            # on 1 Nov 2023 the US had not signed the convention (it signed on 5 Sep 2024): both are true
            {"id": "early-no", "instrument_id": "test-convention", "party_id": "USA", "field": "took_part",
             "action": "signed", "value": "no", "as_of": "2023-11-01"},
            {"id": "late-no", "instrument_id": "test-convention", "party_id": "USA", "field": "took_part",
             "action": "signed", "value": "no", "as_of": "2024-10"},
            {"id": "ever-no", "instrument_id": "test-convention", "party_id": "USA", "field": "took_part",
             "action": "signed", "value": "no"},
        ]
    )  # fmt: skip
    assessed = assess(_typed_claims(rows, fixture_atlas.claims.iloc[:0]), fixture_atlas.instruments,
                      fixture_atlas.participation, fixture_atlas.parties)  # fmt: skip
    assert assessed.set_index("id")["status"].astype(str).to_dict() == {
        "early-no": "agrees", "late-no": "differs", "ever-no": "differs",
    }  # fmt: skip
    # the same claim against an undated signature cannot be settled
    undated = fixture_atlas.participation.copy()
    undated.loc[undated["party_id"] == "USA", ["date", "date_by"]] = pd.NaT
    assessed = assess(_typed_claims(rows.iloc[:1], fixture_atlas.claims.iloc[:0]), fixture_atlas.instruments, undated,
                      fixture_atlas.parties)  # fmt: skip
    assert assessed["status"].astype(str).tolist() == ["undated"]


def test_a_lower_bound_beyond_the_atlas_is_not_blamed_on_missing_dates(fixture_atlas):
    participation = fixture_atlas.participation.copy()
    undated = participation["instrument_id"] == "test-declaration"
    participation.loc[undated, ["date", "date_by"]] = pd.NaT
    rows = pd.DataFrame(
        [
            {"id": "more-than-3", "instrument_id": "test-declaration", "field": "party_count", "value": ">3",
             "as_of": "2023-11"},
            {"id": "more-than-1", "instrument_id": "test-declaration", "field": "party_count", "value": ">1",
             "as_of": "2023-11"},
        ]
    )  # fmt: skip
    assessed = assess(_typed_claims(rows, fixture_atlas.claims.iloc[:0]), fixture_atlas.instruments, participation,
                      fixture_atlas.parties)  # fmt: skip
    # the Atlas has 3 (all undated): 'more than 3' cannot be reached by any dates; 'more than 1' agrees already
    assert assessed.set_index("id")["status"].astype(str).to_dict() == {
        "more-than-3": "differs",
        "more-than-1": "agrees",
    }


def test_count_claims_that_are_bounds_or_approximations():
    assert count_agrees("57", 57) and not count_agrees("57", 58)
    assert count_agrees(">120", 123) and not count_agrees(">120", 120)
    assert count_agrees("~60", 61) and count_agrees("~60", 54) and not count_agrees("~60", 67)


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


def test_the_same_instrument_shows_the_same_count_everywhere(bundled):
    """Timeline, instrument exports, the coverage table, the matrix's column totals and the 'how counted' line."""
    view = apply_filters(bundled, Filters())
    expected = party_counts(view.participation)
    timeline = timeline_table(view.instruments, view.participation).set_index("id")["parties"]
    exported = instrument_rows(view.instruments, view.participation).set_index("id")["parties"]
    coverage = coverage_table(bundled).set_index("Instrument")["Parties recorded"]
    breakdown = counting.breakdown(view.participation, bundled.parties, view.instruments)["counted"]
    short = bundled.instruments.set_index("id")["short_name"]
    chosen = ["bletchley-declaration", "paris-ai-action-statement", "new-delhi-declaration-ai-impact",
              "coe-framework-convention-ai", "frontier-ai-safety-commitments", "unga-res-78-265"]  # fmt: skip
    fig = matrix_figure(view.participation[view.participation["instrument_id"].isin(chosen)], view.parties,
                        view.instruments[view.instruments["id"].isin(chosen)], asof=view.asof, claims=bundled.claims)  # fmt: skip
    totals = {m.group(1): int(m.group(2)) for m in (re.match(r"^(.*) \((\d+)(?: ⚑)?\)$", x) for x in fig.data[0].x)}
    for instrument in chosen:
        n = int(expected[instrument])
        assert timeline[instrument] == exported[instrument] == breakdown[instrument] == n, instrument
        assert coverage[short[instrument]] == n, instrument
        assert totals[short[instrument]] == n, instrument
    # the Paris statement counts every party listed: the EU and the African Union Commission with the states
    paris = counting.breakdown(view.participation, bundled.parties, view.instruments).loc["paris-ai-action-statement"]
    assert paris["counted"] == paris["state"] + paris["eu"] + paris["regional_organisation"]


def test_disputed_counts_and_acts_are_flagged_in_the_matrix(bundled, fixture_atlas):
    view = apply_filters(bundled, Filters())
    chosen = ["paris-ai-action-statement", "cartagena-declaration-ai-lac", "oecd-ai-principles"]
    rows = view.participation[view.participation["instrument_id"].isin(chosen)]
    fig = matrix_figure(rows, view.parties, view.instruments[view.instruments["id"].isin(chosen)], asof=view.asof,
                        claims=bundled.claims)  # fmt: skip
    labels = list(fig.data[0].x)
    paris = next(x for x in labels if x.startswith("Paris"))
    assert paris.endswith(f"{FLAG})")  # sources differ on the Paris count
    # whether Cuba endorsed the Cartagena Declaration: the Atlas has no cell for it, so the column carries the flag
    assert next(x for x in labels if x.startswith("Cartagena")).endswith(f"{FLAG})")
    assert not next(x for x in labels if x.startswith("OECD")).endswith(f"{FLAG})")
    traces = {t.name: t for t in fig.data}
    unverified = traces["Unverified source (?)"]
    expected = rows[rows["evidence"].astype(str) == "unverified"].drop_duplicates(["party_id", "instrument_id"])
    assert len(unverified.x) <= len(expected) and len(unverified.x) > 0
    assert set(unverified.text) == {UNVERIFIED_MARK}


def test_a_disputed_act_is_flagged_in_its_cell_beside_the_unverified_mark(fixture_atlas):
    participation = fixture_atlas.participation.copy()
    participation.loc[participation["party_id"] == "GBR", "evidence"] = "unverified"
    fig = matrix_figure(participation, fixture_atlas.parties, fixture_atlas.instruments, asof=fixture_atlas.asof,
                        claims=fixture_atlas.claims)  # fmt: skip
    traces = {t.name: t for t in fig.data}
    flags, doubts = traces["Sources differ (⚑)"], traces["Unverified source (?)"]
    # GBR's ratification date of the convention is disputed, and GBR's rows are unverified here: both marks, apart
    assert list(zip(flags.x, flags.y, strict=True)) == [("Test Convention (3 ⚑)", "United Kingdom (2)")]
    assert ("Test Convention (3 ⚑)", "United Kingdom (2)") in set(zip(doubts.x, doubts.y, strict=True))
    assert flags.textposition == "middle right" and doubts.textposition == "middle left"
    assert "Test Declaration (3 ⚑)" in fig.data[0].x  # its count is disputed
    source = next(a for a in fig.layout.annotations if a.name == "source").text
    assert f"{FLAG} A source states this count" in source  # the image explains the flag


def test_the_timeline_hover_says_how_it_counted_and_flags_disputes(bundled):
    view = apply_filters(bundled, Filters())
    fig = timeline_figure(view.instruments, view.participation, view.events, asof=view.asof, claims=bundled.claims)
    custom = {row[0]: row for trace in fig.data if trace.customdata is not None for row in trace.customdata}
    assert "counted: states and the EU" in custom["bletchley-declaration"][5]
    assert FLAG in custom["paris-ai-action-statement"][5]
    assert FLAG not in custom["oecd-ai-principles"][5]


def test_exports_mark_unverified_and_disputed_rows(bundled, fixture_atlas):
    own = claims.mark_rows(
        participation_rows(fixture_atlas.participation, fixture_atlas.parties, fixture_atlas.instruments),
        fixture_atlas.claims,
    )
    assert set(own.loc[own["sources_differ"], "party_id"] + ":" + own.loc[own["sources_differ"], "instrument_id"]) == {
        "GBR:test-convention"
    }
    rows = participation_rows(bundled.participation, bundled.parties, bundled.instruments)
    marked = claims.mark_rows(rows, bundled.claims)
    assert "counted" in marked and "evidence" in marked
    assert counting.unverified_count(marked) == (
        int((bundled.participation["evidence"] == "unverified").sum()),
        "records",
    )
    instruments = claims.mark_rows(instrument_rows(bundled.instruments, bundled.participation), bundled.claims)
    flagged = set(instruments.loc[instruments["sources_differ"], "id"])
    assert "paris-ai-action-statement" in flagged and "oecd-ai-principles" not in flagged
    assert "counting_rule" in instruments
    # instrument rows say how many of the parties counted rest on an unverified source
    paris = instruments.set_index("id").loc["paris-ai-action-statement"]
    assert 0 < paris["parties_unverified"] <= paris["parties"]
    assert counting.unverified_count(instruments)[1] == "parties"


def test_an_older_release_without_rules_keeps_its_counts(tmp_path):
    """2026.11.0 predates counting rules and claims: it loads, and every count is what it was (all parties)."""
    release = DEFAULT_DATA_DIR / "releases" / "2026.11.0"
    atlas = load_atlas(release, package=read_package(release))
    assert atlas.claims.empty
    before = atlas.participation[~atlas.participation["withdrawn"] & (atlas.participation["action"] != "withdrew")]
    assert (
        party_counts(atlas.participation).to_dict() == before.groupby("instrument_id")["party_id"].nunique().to_dict()
    )
    # a package whose instruments leave the rule empty gets the same derived rules
    copy = tmp_path / "pkg"
    shutil.copytree(VALID, copy)
    text = (
        (copy / "instruments.csv")
        .read_text()
        .replace(",states_and_eu,", ",,")
        .replace(",complete,states,", ",complete,,")
    )
    (copy / "instruments.csv").write_text(text)
    derived = load_atlas(copy).instruments.set_index("id")["counting_rule"].astype(str).to_dict()
    assert derived == {"test-convention": "states_and_eu", "test-declaration": "states_and_eu",
                       "test-commitments": "all_parties"}  # fmt: skip


def test_bundled_claims_have_both_sides_and_real_sources(bundled):
    assessed = bundled.claims
    assert len(assessed) >= 50
    assert assessed["source_url"].str.startswith("http").all()
    for (instrument, party, field, _action), group in claims.disputed_facts(assessed).groupby(
        ["instrument_id", "party_id", "field", "action"], dropna=False, observed=True
    ):
        assert len(group) >= 2 or field == "party_count", (instrument, party, field)  # each side has its source


def test_overlap_and_commitments_follow_the_rule(fixture_atlas, tmp_path):
    """The EU endorsing a declaration counted as states only: listed, but in no count (overlap, heatmap)."""
    from components.charts.heatmap import _long
    from components.charts.overlap import overlap_table

    copy = tmp_path / "pkg"
    shutil.copytree(VALID, copy)
    with (copy / "participation.csv").open("a") as fh:
        fh.write("test-declaration,EUU,endorsed,2023-11-01,official,https://example.org/declaration,2026-11-01,\n")
    atlas = load_atlas(copy)
    assert party_counts(atlas.participation)["test-declaration"] == 3
    table = overlap_table(atlas.participation, ("test-declaration", "test-convention"))
    same = table[(table["a"] == "test-declaration") & (table["b"] == "test-declaration")]
    assert same["shared"].item() == 3
    both = table[(table["a"] == "test-declaration") & (table["b"] == "test-convention")]
    assert both["shared"].item() == 1  # GBR; the EU is in both lists but counted only for the convention
    rows = _long(atlas.instruments, atlas.participation, atlas.parties, "region", "commitments")
    assert len(rows[rows["instrument_id"] == "test-declaration"]) == 3


def test_an_upload_written_before_counting_rules_is_accepted(tmp_path):
    from components.data.validate import read_and_validate

    copy = tmp_path / "pkg"
    shutil.copytree(VALID, copy)
    lines = (copy / "instruments.csv").read_text().splitlines()
    header = lines[0].split(",")
    at = header.index("counting_rule")
    import csv
    import io

    rows = list(csv.reader(io.StringIO((copy / "instruments.csv").read_text())))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:at] + r[at + 1 :] for r in rows])
    (copy / "instruments.csv").write_text(out.getvalue())
    _, problems = read_and_validate(copy)
    assert [str(p) for p in problems] == []
    rules = load_atlas(copy).instruments.set_index("id")["counting_rule"].astype(str).to_dict()
    assert rules["test-commitments"] == "all_parties" and rules["test-declaration"] == "states_and_eu"


def test_marks_shrink_with_the_rows_of_a_squeezed_export(bundled):
    from components.export.images import briefing_figure

    view = apply_filters(bundled, Filters())
    rows = view.participation[view.participation["instrument_id"] == "paris-ai-action-statement"]
    fig = matrix_figure(rows, view.parties, view.instruments, asof=view.asof, claims=bundled.claims)
    marks = next(t for t in fig.data if t.name == "Unverified source (?)")
    small = next(t for t in briefing_figure(fig, url="", size="document").data if t.name == marks.name)
    assert small.textfont.size < marks.textfont.size  # 66 rows in 700 pixels
