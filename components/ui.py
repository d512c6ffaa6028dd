"""The one bridge to Streamlit: the cached loader and the way data problems are shown on a page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from components.load import Atlas, data_dir_from_env, load_atlas
from components.validate import DataPackageError


def _fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the package's files: a changed file reloads the data."""
    if not data_dir.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in data_dir.iterdir() if p.is_file()))


@st.cache_data(show_spinner="Loading and checking the data…", max_entries=4)
def _cached_atlas(data_dir: str, fingerprint: tuple) -> Atlas:
    return load_atlas(data_dir)


def problems_table(error: DataPackageError) -> pd.DataFrame:
    return pd.DataFrame(
        [{"file": p.file, "row": p.row, "column": p.column or "", "problem": p.message} for p in error.problems]
    )


def atlas_or_stop() -> Atlas:
    """The validated dataset; on invalid data, show every problem (file, row, column) and stop the page."""
    data_dir = data_dir_from_env()
    if not data_dir.is_dir():
        st.error(f"The data folder `{data_dir}` does not exist. Check the ATLAS_DATA_DIR environment variable.")
        st.stop()
    try:
        return _cached_atlas(str(data_dir), _fingerprint(data_dir))
    except DataPackageError as error:
        st.error(
            f"The data package in `{data_dir}` did not pass validation: {len(error.problems)} problem(s). "
            "Nothing is shown until they are fixed. Run `python -m components.validate` for the same list."
        )
        st.dataframe(problems_table(error), hide_index=True, width="stretch")
        st.stop()
