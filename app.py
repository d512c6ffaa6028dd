"""AI Governance Atlas — navigation and the shared frame."""

import streamlit as st

from components.ui import atlas_or_stop

st.set_page_config(page_title="AI Governance Atlas", page_icon="🌐", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/public:", url_path="overview", default=True),
    st.Page("pages/data.py", title="Data and sources", icon=":material/table_view:", url_path="data"),
]
navigation = st.navigation(pages)

atlas = atlas_or_stop()
with st.sidebar:
    st.caption(f"Data as of **{atlas.asof:%d %B %Y}** · version {atlas.version}")

navigation.run()
