"""Data and sources: the data dictionary, per-table downloads, coverage, and your own data to explore
(components/content/sources.py; the upload form is this page's own)."""

import streamlit as st

from components.content.sources import UPLOAD_TYPES, check_files, upload_accepted, upload_rejected
from components.ui.frame import plain_frame
from components.ui.language import _
from components.ui.render import blocks, render
from components.ui.source import UPLOAD_KEY, uses_upload

FLASH_KEY = "_upload_flash"
frame = plain_frame("data")


def upload():
    uploaded = st.file_uploader(_("Tables to check"), type=UPLOAD_TYPES,
                                accept_multiple_files=True, key="upload_files")  # fmt: skip
    flash = st.session_state.pop(FLASH_KEY, None)  # what the last valid upload did, kept across its rerun
    if flash:
        st.success(flash, icon=":material/check_circle:")
    if st.button(_("Check and use these tables"), disabled=not uploaded, icon=":material/fact_check:"):
        with st.spinner(_("Checking the tables…")):
            result = check_files([(file.name, file.getvalue()) for file in uploaded])  # same-named files both checked
        if result.ok:
            st.session_state[UPLOAD_KEY] = str(result.data_dir)
            st.session_state[FLASH_KEY] = upload_accepted(result)
            st.rerun()
        blocks(frame, upload_rejected(result), {}, {})
    if uses_upload() and st.button(_("Back to the bundled data"), icon=":material/undo:"):
        del st.session_state[UPLOAD_KEY]
        st.rerun()


render(frame, slots={"upload": upload})
