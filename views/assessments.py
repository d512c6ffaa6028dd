"""Assessments: the seed documents' own tables, shown as published and clearly marked as their authors' judgements."""

from urllib.parse import quote

import streamlit as st

from components.model.assessments import catalogue, instruments_spoken_of, wide_table
from components.model.query import ViewParam
from components.text import md, md_link
from components.ui.frame import atlas_or_stop, page_frame, view_control

atlas = atlas_or_stop()
tables = catalogue(atlas.assessments)
TABLE = ViewParam("table", tuple(tables["table_id"]), default=tuple(tables["table_id"][:1]))

frame = page_frame((TABLE,))
st.title("Assessments from the source texts")
st.info(
    "These tables are **assessments published by the named sources** — the secondary texts the Atlas started from — "
    "reproduced as published, spelling included. They are their authors' judgements, not facts of the dataset, and "
    "some of their claims are contradicted by official sources (see the notes in the data).",
    icon=":material/rate_review:",
)
if tables.empty:
    st.info("The data package holds no assessment tables.")
    st.stop()
titles = dict(zip(tables["table_id"], tables["title"], strict=True))
chosen = view_control(TABLE, "Table", labels=titles)
if chosen not in titles:
    chosen = tables["table_id"].iloc[0]
info = tables.set_index("table_id").loc[chosen]
st.subheader(md(info["title"]))
st.caption(f"Source: {md_link(info['source_url'], info['source_url'])} (seed document {md(info['seed_file'])})")
st.dataframe(wide_table(atlas.assessments, chosen), hide_index=True, width="stretch")
spoken = instruments_spoken_of(atlas.assessments, chosen)
if spoken:
    short = atlas.instruments.set_index("id")["short_name"]
    st.markdown(
        "Instruments this table speaks of: "
        + " · ".join(f"[{md(short.get(i, i))}](signatories?instrument={quote(i)})" for i in spoken)
    )
with st.expander("All tables"):
    st.dataframe(tables.drop(columns="table_id"), hide_index=True, width="stretch")
