"""Where a session's data comes from: the bundled package, a release named in the address, or the session's own
upload; loaded and checked once per package and shared by every session (cache_resource)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.data.i18n import _
from components.data.schema import read_package
from components.data.validate import DataPackageError, problems_table
from components.model.atlas import Atlas, data_dir_from_env, load_atlas
from components.model.localized import localize
from components.model.releases import release_path, same_as_release

T = TypeVar("T")


def once_per_run(key: str, compute: Callable[[], T]) -> T:
    """compute() once per script run (outside a run, every time). A run reads the package's folder, its releases and
    their descriptors several times; on this machine's disk each stat call costs 0.2-3 ms."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return compute()
    # the run's cursors dict is replaced when the next run starts (ScriptRunContext.reset): it names the run, and
    # holding it keeps its identity from being reused
    memo = getattr(ctx, "_atlas_run_memo", None)
    if memo is None or memo[0] is not ctx.cursors:
        memo = (ctx.cursors, {})
        ctx._atlas_run_memo = memo
    if key not in memo[1]:
        memo[1][key] = compute()
    return memo[1][key]


def _fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the package's files: a changed file reloads the data."""
    return once_per_run(f"fingerprint:{data_dir}", lambda: _read_fingerprint(data_dir))


def _read_fingerprint(data_dir: Path) -> tuple:
    try:
        with os.scandir(data_dir) as entries:
            files = [(e.name, e.stat()) for e in entries if e.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return ()
    return tuple(sorted((name, stat.st_size, stat.st_mtime_ns) for name, stat in files))


# The dataset and its filtered slices are cached as shared, read-only objects (cache_resource), not pickled copies
# (cache_data): unpickling them on every rerun cost ~8 ms a time. Views and components never modify them in place
# (tests/test_ui_cache.py checks that a page run leaves them unchanged).
@st.cache_resource(show_spinner=False, max_entries=4)  # its spinner: atlas_and_key, in the view's language
def _cached_atlas(data_dir: str, key: str) -> Atlas:
    own = Path(data_dir) / "datapackage.yaml"  # a release carries its own descriptor (its version, its schema)
    return load_atlas(data_dir, read_package(Path(data_dir)) if own.exists() else None)


_LOADED: set[str] = set()  # the packages loaded by this process: a spinner only for a package's first load
UPLOAD_KEY = "_uploaded_data_dir"  # a session's own validated upload (components/data/upload.py)


def session_data_dir() -> Path:
    """The package this browser session explores: its own upload if it has one; else the release the address names
    (`?v=2026.11.0`); else the working copy (the bundled data, or ATLAS_DATA_DIR)."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded and Path(uploaded).is_dir():
        return Path(uploaded)
    base = data_dir_from_env()
    version = _release_asked()
    release = release_path(version, base) if version else None
    return release or base


def _release_asked() -> str | None:
    """The release in the address, or, while moving between pages (which drops the address), the session's."""
    return st.query_params.get("v") or st.session_state.get("v_v")


def release_shown() -> str | None:
    """The release this session is looking at: the one in the address, or the working copy's own release while the
    working copy is identical to it (so a cited address names a release that will not drift); None otherwise."""
    return once_per_run("release_shown", _release_shown)


def _release_shown() -> str | None:
    if uses_upload():
        return None
    version = _release_asked()
    base = data_dir_from_env()
    if version and release_path(version, base):
        return version
    if not (base / "datapackage.yaml").exists():
        return None  # a package without its own descriptor (a test fixture) has no releases
    return _release_of_working_copy(str(base), repr(_fingerprint(base)))


@st.cache_data(max_entries=8, show_spinner=False)
def _release_of_working_copy(data_dir: str, fingerprint_key: str) -> str | None:  # the key is part of the cache
    # key (a name starting with "_" would not be), so an edited file is noticed; read once, not on every run
    own = str(read_package(Path(data_dir)).descriptor.get("version", ""))
    return own if same_as_release(Path(data_dir), own) else None


def uses_upload() -> bool:
    uploaded = st.session_state.get(UPLOAD_KEY)
    return bool(uploaded and Path(uploaded).is_dir())


def atlas_or_stop() -> Atlas:
    """The validated dataset; on invalid data, show every problem (file, row, column) and stop the page."""
    return atlas_and_key()[0]


def atlas_and_key() -> tuple[Atlas, str]:
    """The dataset and the key that names it in every cache (folder and files' sizes and times, read once); its
    instruments' names and summaries in the view's language (components/model/localized.py)."""
    data_dir = session_data_dir()
    if not data_dir.is_dir():
        st.error(_("The data folder `{folder}` does not exist. Check the ATLAS_DATA_DIR environment variable.").format(
            folder=data_dir))  # fmt: skip
        st.stop()
    key = repr((str(data_dir), _fingerprint(data_dir)))
    try:
        if key in _LOADED:
            return localize(_cached_atlas(str(data_dir), key)), key
        with st.spinner(_("Loading and checking the data…")):  # a package's first load (a few seconds)
            atlas = _cached_atlas(str(data_dir), key)
        _LOADED.add(key)
        return localize(atlas), key
    except DataPackageError as error:
        st.error(
            _(
                "The data package in `{folder}` did not pass validation: {count} problem(s). Nothing is shown until they "
                "are fixed. Run `python -m components.data.validate` for the same list."
            ).format(folder=data_dir, count=len(error.problems))
        )
        st.dataframe(problems_table(error.problems), hide_index=True, width="stretch")
        st.stop()
