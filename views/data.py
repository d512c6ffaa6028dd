"""Data and sources: the data dictionary (from the schema), per-table downloads, and how to add data."""

from pathlib import Path

import streamlit as st

from components.coverage import coverage_table
from components.dictionary import field_table, value_definitions
from components.export import package_zip
from components.load import citation
from components.schema import bundled_package
from components.ui import atlas_or_stop

atlas = atlas_or_stop()
package = bundled_package()

st.title("Data and sources")
st.markdown(
    "Every row names the page it was read from (`source_url`) and the date it was checked (`checked`). "
    "The tables follow a [Frictionless Data Package](https://datapackage.org/) descriptor, "
    "`data/datapackage.yaml`, and pass `python -m components.validate` before the app shows them."
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

st.subheader("Adding or correcting a row")
st.markdown(
    "1. Read the official source (treaty office, government or summit page, OECD, UN) and note its address.\n"
    "2. Add the row to the CSV file with `source_url` and today's date in `checked`; put disagreements "
    "between sources in `notes`.\n"
    "3. Run `python -m components.validate` and fix every `file:row:column` problem it prints."
)
