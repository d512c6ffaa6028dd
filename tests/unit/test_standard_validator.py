"""The reference Table Schema validator (frictionless) accepts the bundled package, every frozen release written in
the current layout, and the upload template; the Atlas's validator asks it for the schema-level checks, and older
layouts (lists in one cell) still load as they did."""

from __future__ import annotations

import io
import shutil
import warnings
import zipfile
from pathlib import Path

import frictionless
import pytest

from components.data.migrate import write_current
from components.data.schema import DEFAULT_DATA_DIR, read_package
from components.data.upload import template_zip
from components.data.validate import read_and_validate
from components.model.atlas import load_atlas
from components.model.releases import available, releases_dir
from tests.conftest import BROKEN, VALID, overlay

OLDER = VALID.parent / "older_layout"  # the valid fixture as written before the link tables (lists in one cell)


def reference_errors(folder: Path) -> list[str]:
    """What `frictionless validate <folder>/datapackage.yaml` reports, one line per error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.Package(str(folder / "datapackage.yaml")).validate(limit_errors=100_000)
    return [f"{task.name}:{getattr(e, 'row_number', '-')}: {e.message}" for task in report.tasks for e in task.errors]


def test_the_bundled_package_has_no_error_for_the_reference_validator():
    assert reference_errors(DEFAULT_DATA_DIR) == []


@pytest.mark.parametrize("version", available(DEFAULT_DATA_DIR))
def test_every_frozen_release_in_the_current_layout_has_no_error_and_reads_the_same(version, tmp_path):
    release = releases_dir(DEFAULT_DATA_DIR) / version
    assert write_current(release, tmp_path) == []
    assert reference_errors(tmp_path) == []
    # read as frozen (its own descriptor and layout) and as written now: the same lists, rows and counts
    frozen, current = load_atlas(release, read_package(release)), load_atlas(tmp_path)
    assert frozen.events["instrument_ids"].tolist() == current.events["instrument_ids"].tolist()
    assert frozen.assessments["instrument_ids"].tolist() == current.assessments["instrument_ids"].tolist()
    assert frozen.instruments["themes"].tolist() == current.instruments["themes"].tolist()
    assert len(frozen.participation) == len(current.participation)
    assert sum(map(len, current.events["instrument_ids"])) == len(current.event_instruments) > 0


def test_the_upload_template_has_no_error_for_the_reference_validator(tmp_path):
    with zipfile.ZipFile(io.BytesIO(template_zip())) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "atlas-template"
    assert {"event_instruments.csv", "assessment_instruments.csv"} <= {p.name for p in folder.glob("*.csv")}
    assert reference_errors(folder) == []


def test_a_package_in_the_older_layout_loads_with_the_same_lists():
    older, current = load_atlas(OLDER), load_atlas(VALID)
    assert (
        older.events["instrument_ids"].tolist() == current.events["instrument_ids"].tolist() == [["test-declaration"]]
    )
    assert older.assessments["instrument_ids"].tolist() == current.assessments["instrument_ids"].tolist()
    assert older.event_instruments[["event_id", "instrument_id"]].values.tolist() == [
        ["test-summit", "test-declaration"]
    ]


def test_a_wrong_item_of_an_older_list_cell_is_named_where_it_was_written(tmp_path):
    folder = shutil.copytree(OLDER, tmp_path / "pkg")
    events = (folder / "events.csv").read_text().replace(",test-declaration,", ",test-declaration;no-such-thing,")
    (folder / "events.csv").write_text(events)
    _, problems = read_and_validate(folder)
    assert [str(p) for p in problems] == [
        "events.csv:2:instrument_ids: 'no-such-thing' is not an id in instruments.csv"
    ]


@pytest.mark.parametrize(
    ("case", "kind"),
    [
        ("theme_not_in_vocabulary", "constraint-error"),
        ("legal_force_not_in_vocabulary", "constraint-error"),
        ("duplicate_participation", "primary-key"),
        ("unknown_party_reference", "foreign-key"),
        ("missing_source_url", "constraint-error"),
    ],
)
def test_what_the_reference_validator_finds_the_atlas_reports_in_its_own_words(case, kind, tmp_path):
    """The schema-level problem comes from frictionless (the same error on the same files), and the Atlas's message
    is its expected.txt: the two cannot disagree because the second is the first, reworded."""
    folder = overlay(case, tmp_path / "pkg")
    shutil.copy(DEFAULT_DATA_DIR / "datapackage.yaml", folder / "datapackage.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.Package(str(folder / "datapackage.yaml")).validate()
    assert kind in {e.type for task in report.tasks for e in task.errors}
    _, problems = read_and_validate(folder)
    expected = (BROKEN / case / "expected.txt").read_text().strip()
    assert len(problems) == 1 and str(problems[0]).startswith(expected), [str(p) for p in problems]


def test_a_list_fields_pattern_says_exactly_its_item_vocabulary():
    """Table Schema checks a list cell with constraints.pattern; the Atlas reads its items' vocabulary from x-enum.
    The two are written twice in the descriptor, so they must say the same."""
    import re

    lists = [(r, f) for r in read_package(DEFAULT_DATA_DIR).resources for f in r.fields if f.separator and f.enum]
    assert {(r.name, f.name) for r, f in lists} == {("instruments", "themes"), ("entry_conditions", "counted_actions")}
    for _, field in lists:
        item = "(?:" + "|".join(field.enum) + ")"
        assert field.pattern == f"^{item}(?:{re.escape(field.separator)}{item})*$"
