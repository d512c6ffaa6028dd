"""AI Governance Atlas — navigation and the shared frame."""

import streamlit as st

from components.model.atlas import data_dir_from_env
from components.model.releases import available
from components.ui.frame import atlas_or_stop, release_shown, uses_upload

st.set_page_config(page_title="AI Governance Atlas", page_icon="🌐", layout="wide")

# The page scripts live in views/, not pages/: with a pages/ folder beside app.py, Streamlit serves the first request
# after a restart in its old folder-based multipage mode, so a deep link such as /timeline would bypass this file.
pages = [
    st.Page("views/overview.py", title="Overview", icon=":material/public:", url_path="overview", default=True),
    st.Page("views/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("views/signatories.py", title="Signatories", icon=":material/grid_on:", url_path="signatories"),
    st.Page("views/overlap.py", title="Overlap", icon=":material/join_inner:", url_path="overlap"),
    st.Page("views/countries.py", title="Countries", icon=":material/flag:", url_path="countries"),
    st.Page("views/gaps.py", title="Gaps", icon=":material/diversity_3:", url_path="gaps"),
    st.Page("views/industry.py", title="Industry", icon=":material/factory:", url_path="industry"),
    st.Page("views/landscape.py", title="Binding vs soft law", icon=":material/balance:", url_path="landscape"),
    st.Page("views/institutes.py", title="AI Safety Institutes", icon=":material/science:", url_path="institutes"),
    st.Page("views/assessments.py", title="Assessments", icon=":material/rate_review:", url_path="assessments"),
    st.Page("views/tours.py", title="Guided tours", icon=":material/co_present:", url_path="tours"),
    st.Page("views/data.py", title="Data and sources", icon=":material/table_view:", url_path="data"),
    st.Page("views/changes.py", title="What changed", icon=":material/notifications:", url_path="changes"),
    st.Page("views/freshness.py", title="Freshness", icon=":material/update:", url_path="freshness"),
]
layout = st.query_params.get("layout")
brief = layout in ("brief", "present")
navigation = st.navigation(pages, position="hidden" if brief else "sidebar")
if brief:
    # Briefing layout: no sidebar, header, toolbar or navigation, so a plain screenshot is clean.
    st.html(
        """<style>
        [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
        [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
        [data-testid="stStatusWidget"] {display: none !important;}
        [data-testid="stMainBlockContainer"] {padding-top: 1rem !important;}
        </style>"""
    )
if layout == "present":
    # Workshop presentation: type readable from the back of a room.
    st.html(
        """<style>
        [data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"] {font-size: 1.5rem !important;}
        [data-testid="stMarkdownContainer"] h2 {font-size: 2.6rem !important; line-height: 1.2 !important;}
        [data-testid="stBaseButton-primary"], [data-testid="stBaseButton-secondary"] {font-size: 1.3rem !important;}
        </style>"""
    )

atlas = atlas_or_stop()
if uses_upload() and not brief:
    st.info(
        "You are exploring **your uploaded data** — in this browser session only; the bundled data is unchanged. "
        "*Data and sources* has the button to go back.",
        icon=":material/upload_file:",
    )
with st.sidebar:
    release = release_shown()
    latest = (available(data_dir_from_env()) or [None])[-1]
    if release and release != latest:
        st.warning(f"Showing the data of release **{release}**, not the latest ({latest}). Remove `v=` from the "
                   "address for the latest.", icon=":material/history:")  # fmt: skip
    shown = f"release {release}" if release else f"version {atlas.version} with later changes"
    st.caption(f"Data as of **{atlas.asof:%d %B %Y}** · {shown}")

navigation.run()
