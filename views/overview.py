"""Overview: headline figures, instruments by legal force, latest additions, how to cite."""

import datetime as dt

import streamlit as st

from components.charts.overview import headline, latest_instruments, legal_force_chart
from components.data.dates import in_words
from components.export.rows import instrument_rows
from components.model.atlas import citation
from components.model.claims import dispute_counts
from components.model.coverage import evidence_counts, party_list_counts
from components.model.filters import describe
from components.model.freshness import freshness
from components.text import md
from components.ui.frame import chart, page_frame

frame = page_frame()
atlas, view = frame.atlas, frame.slice
names = frame.names
figures = headline(view)

if not frame.brief:
    st.title("AI Governance Atlas")
    st.markdown(
        "Who has committed to what on AI, when, and how binding is it? The Atlas collects the treaties, declarations, "
        "recommendations, codes of conduct, company commitments, networks and institutes of international AI "
        f"governance, each fact with its source. **Data as of {in_words(atlas.asof)}.**"
    )
    if not frame.filters.is_default():
        st.caption(
            f"Filtered: {md(describe(frame.filters, view.asof))}. **Reset filters** in the sidebar shows everything."
        )

    columns = st.columns(6)
    columns[0].metric("Instruments", figures.instruments, help="Instruments of any legal force that match the filters.")
    columns[1].metric(
        "Legally binding", figures.binding_instruments, help="Instruments whose legal force is 'legally binding'."
    )
    columns[2].metric(
        "States taking part",
        figures.states,
        help="States with at least one signature, endorsement, adherence or membership.",
    )
    columns[3].metric(
        "Organisations",
        figures.organisations,
        help="The EU and other international or regional organisations taking part.",
    )
    columns[4].metric("Companies and industry bodies", figures.companies)
    columns[5].metric("AI safety institutes", figures.institutes)

if figures.instruments == 0:
    st.info(
        "No instruments to show: the data package is empty or the filters select nothing. See *Data and sources* "
        "for how to add rows, or press **Reset filters**."
    )
else:
    subtitle = None if frame.filters.is_default() else describe(frame.filters, view.asof, names)
    chart(
        legal_force_chart(view, subtitle=subtitle), frame=frame, path="", title="Instruments by legal force",
        rows=instrument_rows(view.instruments, view.participation), key="legal_force_chart",
    )  # fmt: skip
    if not frame.brief:
        st.subheader("Latest instruments")
        st.dataframe(
            latest_instruments(view),
            hide_index=True,
            width="stretch",
            column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
        )

if not frame.brief:
    st.subheader("How firm the data is")
    evidence = evidence_counts(view)
    lists = party_list_counts(view)
    st.markdown(
        f"Of **{figures.participation_rows}** participation records, **{evidence['official']}** were read on an "
        f"official page, **{evidence['secondary']}** on a reputable secondary page, and **{evidence['unverified']}** "
        f"rest on a single non-official source or an inference and are marked *unverified*. **{lists['complete']}** "
        f"instruments have a complete list of parties, **{lists['partial']}** a partial one, and "
        f"**{lists['not_recorded']}** none (reports, unilateral texts, or lists not found). *Data and sources* has "
        "the detail per instrument."
    )
    fresh = freshness(atlas, today=dt.date.today())
    st.markdown(
        f"**Last full check: {in_words(fresh.oldest)}** — every one of the {fresh.rows:,} rows has been checked "
        f"against its source since then (newest check {in_words(fresh.newest)}); **{fresh.due:,}** rows are more "
        f"than {fresh.months} months old. [Freshness](freshness) lists the rows due for re-checking."
    )
    n_facts, n_disputed = dispute_counts(atlas.claims)
    st.markdown(
        f"**Counting and disagreements.** Each instrument's parties are counted under its own rule (states only, "
        f"states and the EU, or every party listed). **{len(atlas.claims):,}** claims of sources about counts, dates "
        f"and participation are recorded; on **{n_facts:,}** {'fact' if n_facts == 1 else 'facts'} of "
        f"**{n_disputed:,}** {'instrument' if n_disputed == 1 else 'instruments'} a source differs from the Atlas. "
        "They are marked ⚑ where shown and listed on [Freshness](freshness)."
    )
    st.subheader("Cite the Atlas")
    st.code(citation(atlas), language=None, wrap_lines=True)
    st.caption(f"{figures.events} summits and meetings recorded. Code under the MIT licence; data under CC BY 4.0.")
