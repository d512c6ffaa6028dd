"""AI Governance Atlas — navigation and the shared frame."""

import streamlit as st

from components.ui.language import _, choose_language, language_picker  # _: the ui layer hands it on
from components.ui.navigation import navigation_pages
from components.ui.probe import probe as browser_probe
from components.ui.sidebar import data_caption, draw_later
from components.ui.source import atlas_or_stop, uses_upload

choose_language()  # before anything is named: ?lang=, else the browser's language, else English
st.set_page_config(page_title=_("AI Governance Atlas"), page_icon="🌐", layout="wide")
# Streamlit draws captions at 60 % opacity (4.0:1 against white, below WCAG AA's 4.5:1): full opacity, a grey that
# reads at 6:1, and code spans in captions in the text colour. Short tables (st.table) wrap their cells to the width
# of a phone instead of scrolling sideways in a box the keyboard cannot reach. The buttons over an interactive table
# (search, download, full screen) stay transparent when reached by Tab: shown, with a ring.
st.html(
    """<style>
    [data-testid="stCaptionContainer"] {opacity: 1 !important; color: #56606a !important;}
    [data-testid="stCaptionContainer"] code {color: #1f2933 !important;}
    [data-testid="stTable"] :is(td, th, td *, th *) {white-space: normal !important; hyphens: auto;
                                                      overflow-wrap: anywhere !important;}
    /* a report link ("Report", components/content/report.py: its address carries title= or is a mailto) stays one word */
    [data-testid="stTable"] td a:is([href*="title="], [href^="mailto:"]) {overflow-wrap: normal !important;
                                                                          white-space: nowrap !important;}
    @media (max-width: 640px) {[data-testid="stTable"] :is(td, th) {font-size: 0.8rem; padding: 0.25rem !important;}}
    .st-key-atlas_probe {display: none !important;}
    [data-testid="stElementToolbar"]:focus-within {opacity: 1 !important;}
    [data-testid="stElementToolbar"] button:focus-visible {outline: 3px solid #0b5394 !important; outline-offset: 1px;}
    </style>"""
)

# The page scripts live in views/, not pages/: with a pages/ folder beside app.py, Streamlit serves the first request
# after a restart in its old folder-based multipage mode, so a deep link such as /timeline would bypass this file.
pages = navigation_pages()
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
        [data-testid="stMarkdownContainer"] p.atlas-step-caption {font-size: 2.1rem !important; font-weight: 700;
                                                                  line-height: 1.2; margin: 0.2rem 0 0.4rem 0;}
        [data-testid="stMainBlockContainer"] {padding-top: 0.5rem !important; max-width: 100% !important;}
        a.atlas-step-link {display: block; text-align: center; padding: 0.45rem 0.8rem; border-radius: 0.5rem;
                           border: 1px solid #1f2933; color: #1f2933 !important; text-decoration: none !important;
                           font-size: 1.3rem;}
        a.atlas-step-link.primary {background: #0b5394; border-color: #0b5394; color: #ffffff !important;}
        a.atlas-step-link:focus-visible {outline: 3px solid #e69f00; outline-offset: 2px;}
        /* the chart: the whole picture on the screen, under the caption (1280×720 included) */
        [data-testid="stImage"] img {max-height: calc(100vh - 11rem) !important; width: 100% !important;
                                     height: auto; object-fit: contain; object-position: left top;}
        [data-testid="stBaseButton-primary"], [data-testid="stBaseButton-secondary"] {font-size: 1.3rem !important;}
        </style>"""
    )

atlas = atlas_or_stop()
if uses_upload() and not brief:
    st.info(
        _(
            "You are exploring **your uploaded data** — in this browser session only; the bundled data is unchanged. "
            "*Data and sources* has the button to go back."
        ),
        icon=":material/upload_file:",
    )
data_caption(atlas)
if not brief:
    language_picker()

try:
    navigation.run()
finally:  # the filter panel, after the page's content (st.stop included); the column's width measured
    draw_later()
    if not brief:
        browser_probe()
