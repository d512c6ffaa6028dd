"""Hostile uploads (issue 9): each gets a clear message naming the file, in bounded time and memory, and loses
nothing. The figures per case are printed (pytest -s); the bounds asserted are generous safety limits that a zip
bomb or a parser reading a million rows would break, not speed targets."""

from __future__ import annotations

import time

import pytest

from components.data.upload import MAX_ROWS, check_upload
from tests.conftest import VALID
from tests.hostile_uploads import CASES, PARTICIPATION, PEAK_MB, SECONDS, PeakMemory, xlsx, zipped

FIGURES: dict[str, tuple[float, float, int]] = {}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_upload_gets_a_clear_message_in_bounded_time_and_memory(name, tmp_path):
    case = CASES[name]
    files = case.files()
    with PeakMemory() as memory:
        started = time.perf_counter()
        result = check_upload(files, base_dir=VALID, workdir=tmp_path)
        seconds = time.perf_counter() - started
    peak = memory.extra_mb
    FIGURES[name] = (seconds, peak, len(result.problems))
    print(f"\n{case.category:18} {name:24} {sum(map(len, files.values())) / 2**20:7.2f} MB upload "
          f"{seconds:6.2f} s {peak:7.1f} MB more memory  {len(result.problems):6} problem(s)")  # fmt: skip
    assert seconds < SECONDS and peak < PEAK_MB, (seconds, peak)
    if case.valid:
        assert result.ok, [str(p) for p in result.problems][:5]
        return
    assert not result.ok and result.data_dir is None
    messages = [str(p) for p in result.problems]
    assert any(case.expect in m for m in messages), messages[:5]
    uploaded = set(files)
    assert all(any(p.file.startswith(u) for u in uploaded) for p in result.problems), messages[:5]  # names the file
    for count in result.counts:
        assert count.balanced, count  # rows read = accepted + reported: none dropped
    assert not list(tmp_path.iterdir()), "a rejected upload left files behind"


def test_path_traversal_writes_nothing_outside_the_session_folder(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    files = {"pkg.zip": zipped({"../../../participation.csv": PARTICIPATION})}
    result = check_upload(files, base_dir=VALID, workdir=work)
    assert result.ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]  # nothing beside the session's folder
    assert (result.data_dir / "participation.csv").read_bytes() == PARTICIPATION


def test_ignored_zip_entries_are_named():
    files = {"pkg.zip": zipped({"pkg/participation.csv": PARTICIPATION, "pkg/datapackage.yaml": b"x: 1",
                                "pkg/README.md": b"# hi"})}  # fmt: skip
    result = check_upload(files, base_dir=VALID)
    assert result.ok and result.ignored == ["pkg.zip/pkg/datapackage.yaml", "pkg.zip/pkg/README.md"]


def test_every_wrong_row_is_counted_as_reported():
    result = check_upload(CASES["every row wrong"].files(), base_dir=VALID)
    [count] = result.counts
    assert (count.rows_in, count.accepted, count.reported, count.whole_file) == (MAX_ROWS - 1, 0, MAX_ROWS - 1, False)
    rows = {p.row for p in result.problems}
    assert rows == set(range(2, MAX_ROWS + 1))  # each row by its own number


def test_same_named_files_are_both_checked():
    result = check_upload([("participation.csv", PARTICIPATION), ("participation.csv", PARTICIPATION)], base_dir=VALID)
    assert any("uploaded twice" in p.message for p in result.problems)


def test_workbook_rows_keep_their_empty_cells():
    """A sheet stores no empty cells at a row's end; the row still has all its columns (not a ragged row)."""
    result = check_upload({"mine.xlsx": xlsx()}, base_dir=VALID)  # ROW ends with an empty notes cell
    assert result.ok, [str(p) for p in result.problems]
