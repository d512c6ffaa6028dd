"""Data and sources: the data dictionary (from the schema), per-table downloads, and how to add data."""

from pathlib import Path

import streamlit as st

from components.data.dictionary import field_table, value_definitions
from components.data.schema import bundled_package
from components.data.upload import ACCEPTED, MAX_BYTES, MAX_ROWS, check_upload, template_zip
from components.export.rows import neutralise, package_zip
from components.model.atlas import citation
from components.model.coverage import coverage_table
from components.text import md
from components.ui.frame import UPLOAD_KEY, atlas_or_stop, ignore_url_parameters, problems_table, uses_upload

atlas = atlas_or_stop()
ignore_url_parameters()
package = bundled_package()
MAX_SHOWN = 1_000  # problems listed on the page; the download has every one
FLASH_KEY = "_upload_flash"

st.title("Data and sources")
st.markdown(
    "Every row names the page it was read from (`source_url`) and the date it was checked (`checked`). "
    "The tables follow a [Frictionless Data Package](https://datapackage.org/) descriptor, "
    "`data/datapackage.yaml`, and pass `python -m components.data.validate` before the app shows them."
)

st.download_button(
    "Download the whole data package (zip: CSVs, schema, licence, citation)",
    data=lambda: package_zip(Path(atlas.data_dir), citation(atlas)),
    file_name=f"ai-governance-atlas-{atlas.asof.isoformat()}.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
    on_click="ignore",
)
st.caption(f"Cite as: {citation(atlas)}")

st.subheader("Coverage per instrument")
st.caption(
    "Parties recorded, whether the list is complete, and how its rows are sourced: *official* = read on an official "
    "page; *secondary* = a reputable page reporting the official list; *unverified* = a single non-official source or "
    "an inference (see each row's notes)."
)
st.dataframe(coverage_table(atlas), hide_index=True, width="stretch", height=420)

st.subheader("Tables and data dictionary")
for resource in package.resources:
    frame = getattr(atlas, resource.name)
    with st.expander(f"**{resource.title}** — `{resource.path}`, {len(frame)} rows", expanded=False):
        st.write(resource.description)
        st.dataframe(field_table(resource), hide_index=True, width="stretch")
        for field_name, definitions in value_definitions(resource).items():
            st.markdown(f"Values of `{field_name}`:")
            st.dataframe(definitions, hide_index=True, width="stretch")
        path = Path(atlas.data_dir) / resource.path
        st.download_button(
            f"Download {resource.path}",
            data=path.read_bytes(),
            file_name=resource.path,
            mime="text/csv",
            key=f"download-{resource.name}",
        )

st.subheader("Explore your own data")
st.markdown(
    f"Upload tables in the Atlas schema — CSV files named like the tables above, an XLSX workbook with one sheet "
    f"per table, or a zip of the package. They are checked by the same validator; tables you do not upload keep "
    f"the bundled rows. A valid upload is used **in this browser session only**. Limits: "
    f"{MAX_BYTES // 2**20} MB per file, {MAX_ROWS:,} rows per table, UTF-8 text."
)
st.download_button(
    "Download the template (empty tables with their headers, and the data dictionary)",
    data=template_zip, file_name="atlas-template.zip", mime="application/zip", icon=":material/description:",
    on_click="ignore",
)  # fmt: skip
uploaded = st.file_uploader(
    "Tables to check", type=[suffix.lstrip(".") for suffix in ACCEPTED], accept_multiple_files=True, key="upload_files"
)
flash = st.session_state.pop(FLASH_KEY, None)  # what the last valid upload did, kept across its rerun
if flash:
    st.success(flash, icon=":material/check_circle:")
if st.button("Check and use these tables", disabled=not uploaded, icon=":material/fact_check:"):
    with st.spinner("Checking the tables…"):
        result = check_upload([(file.name, file.getvalue()) for file in uploaded])  # same-named files both checked
    if result.ok:
        st.session_state[UPLOAD_KEY] = str(result.data_dir)
        read = " · ".join(md(count) for count in result.counts)
        skipped = f" Not tables, so not read: {', '.join(md(n) for n in result.ignored)}." if result.ignored else ""
        st.session_state[FLASH_KEY] = (
            f"Valid: {md(', '.join(result.tables))} ({read}). Every view now shows your data, in this session "
            f"only.{skipped}"
        )
        st.rerun()
    else:
        shown = result.problems[:MAX_SHOWN]
        more = (
            f" The first {MAX_SHOWN:,} are listed; download them all below." if len(result.problems) > MAX_SHOWN else ""
        )
        st.error(f"{len(result.problems):,} problem(s): nothing was changed. Fix them and upload again.{more}")
        if result.counts:
            st.caption(" · ".join(md(count) for count in result.counts))
        st.dataframe(problems_table(shown), hide_index=True, width="stretch")
        st.code("\n".join(str(p) for p in shown), language=None)  # copyable, and readable by screen readers
        st.download_button(
            "Download every problem (CSV)", data=neutralise(problems_table(result.problems)).to_csv(index=False),
            file_name="atlas-upload-problems.csv", mime="text/csv", icon=":material/download:", on_click="ignore",
        )  # fmt: skip
    if result.ignored:
        st.caption("Not tables, so not read: " + ", ".join(md(name) for name in result.ignored))
if uses_upload() and st.button("Back to the bundled data", icon=":material/undo:"):
    del st.session_state[UPLOAD_KEY]
    st.rerun()

st.subheader("Adding or correcting a row")
st.markdown(
    "1. Read the official source (treaty office, government or summit page, OECD, UN) and note its address.\n"
    "2. Add the row to the CSV file with `source_url` and today's date in `checked`; put disagreements "
    "between sources in `notes`.\n"
    "3. Run `python -m components.data.validate` and fix every `file:row:column` problem it prints."
)
