"""Guided tours: the bundled tours, each started as a URL in presentation layout."""

from urllib.parse import urlencode

import streamlit as st

from components.content.tours import VIEW_PAGES, load_tours, step_query
from components.model.query import Vocabulary
from components.ui.frame import atlas_or_stop, ignore_url_parameters, tour_pack_source

atlas = atlas_or_stop()
ignore_url_parameters()
tours, problems = load_tours(vocabulary=Vocabulary.of(atlas))

st.title("Guided tours")
st.caption(
    "For workshops on a projector: each step opens a view with its filters, a caption and a question for the room, in "
    "large type without the sidebar. Move with the arrow keys; every step has its own address, so a facilitator can "
    "jump to a step or recover after a crash. Tours are YAML files in `data/tours/`."
)
for problem in problems:
    st.error(f"Tour file problem: {problem}", icon=":material/error:")
for tour in tours.values():
    with st.container(border=True):
        st.subheader(tour.title)
        st.caption(f"For: {tour.audience} · {len(tour.steps)} steps")
        for number, step in enumerate(tour.steps, start=1):
            url = f"{step.view if step.view != 'overview' else ''}?{urlencode(step_query(tour, number), safe=',')}"
            st.markdown(f"{number}. [{step.caption}]({url})")
        start, pack = st.columns(2)
        if start.button("Start this tour", key=f"start_{tour.id}", type="primary", icon=":material/play_arrow:"):
            st.switch_page(VIEW_PAGES[tour.steps[0].view], query_params=step_query(tour, 1))
        pack.download_button(
            "Offline pack (zip: the charts and CSVs of every step, and a handout)",
            data=tour_pack_source(tour.id), file_name=f"atlas-tour-{tour.id}.zip",
            mime="application/zip", key=f"pack_{tour.id}", icon=":material/download:", on_click="ignore",
        )  # fmt: skip
