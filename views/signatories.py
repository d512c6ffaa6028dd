"""Signatory matrix: who joined which instruments, and the diff of two instruments."""

import streamlit as st

from components.charts.matrix import (
    SORTS,
    default_columns,
    diff,
    diff_figure,
    diff_table,
    instruments_with_parties,
    matrix_figure,
    matrix_table,
)
from components.export.rows import participation_rows
from components.model.query import ViewParam
from components.text import md
from components.ui.frame import (
    atlas_or_stop,
    chart,
    empty_state,
    entry_into_force,
    how_counted,
    memo,
    page_frame,
    view_control,
)

atlas = atlas_or_stop()
with_parties = instruments_with_parties(atlas.instruments, atlas.participation)
INSTRUMENT = ViewParam("instrument", with_parties, default=default_columns(with_parties), multiple=True)
SORT = ViewParam("sort", SORTS, default=("region",))
COMPARE = ViewParam("compare", with_parties, default=(), multiple=True, max_items=2)

frame = page_frame((INSTRUMENT, SORT, COMPARE))
view = frame.slice
short = atlas.instruments.set_index("id")["short_name"].to_dict()
subtitle = frame.subtitle

if not frame.brief:
    st.title("Signatories")
    st.caption(
        "Each cell is a party's strongest action on an instrument (ratified > signed > adhered > member > endorsed "
        "> …), with its date on hover. Totals in brackets."
    )
left, right = st.columns([3, 1]) if not frame.brief else (None, None)
chosen = view_control(INSTRUMENT, "Instruments (columns)", labels=short, container=left)
sort = view_control(
    SORT, "Order parties by", labels={"region": "Region", "count": "Commitments", "name": "Name"}, container=right
)

instruments = view.instruments[view.instruments["id"].isin(chosen or INSTRUMENT.default)]
participation = view.participation[view.participation["instrument_id"].isin(instruments["id"])]
pair = COMPARE.default
if participation.empty:
    empty_state()
else:
    fig = memo(frame, "signatories.matrix", lambda: matrix_figure(participation, view.parties, instruments,
               asof=view.asof, sort=sort, subtitle=subtitle, claims=atlas.claims,
               flag_counts=not frame.filters.restricts_parties), tuple(instruments["id"]),
               sort)  # fmt: skip
    chart(fig, frame=frame, path="signatories", title=fig.layout.title.text, key="matrix_chart",
          rows=participation_rows(participation, atlas.parties, atlas.instruments))  # fmt: skip
    if not frame.brief:
        with st.expander("How these counts were counted, and where sources differ", icon=":material/functions:"):
            st.caption(
                "Each instrument's parties are counted under its counting rule: states only, states and the EU, or "
                "every party listed (organisations, companies). A party that withdrew is not counted. ⚑ marks a "
                "count, date or act that a source states differently; ? marks an act resting on a single "
                "non-official source."
            )
            how_counted(frame, instruments["id"], participation)
        with st.expander("The matrix as a table"):
            table = matrix_table(participation, view.parties, instruments, sort=sort).rename(columns=short)
            st.dataframe(table, width="stretch")

if not frame.brief:
    st.subheader("Compare two instruments")
pair = view_control(COMPARE, "Pick two instruments", labels=short)
missing = [md(short[i]) for i in pair if i not in set(view.instruments["id"])]
if len(pair) == 2 and missing:
    st.warning(
        f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the current view (adopted after the "
        "as-of date, or excluded by the filters), so the comparison would be misleading. Widen the filters or "
        "pick another instrument.",
        icon=":material/compare_arrows:",
    )
elif len(pair) == 2:
    first, second = pair
    result = memo(frame, "signatories.diff", lambda: diff(view.participation, first, second), pair)
    fig = memo(frame, "signatories.diff_figure", lambda: diff_figure(result, first_name=short[first],
               second_name=short[second], asof=view.asof, subtitle=subtitle), pair)  # fmt: skip
    compared = view.participation[view.participation["instrument_id"].isin(pair)]
    chart(fig, frame=frame, path="signatories", title=fig.layout.title.text, key="diff_chart",
          rows=participation_rows(compared, atlas.parties, atlas.instruments))  # fmt: skip
    if not frame.brief:
        st.dataframe(diff_table(result, atlas.parties, short[first], short[second]), hide_index=True, width="stretch")
elif not frame.brief:
    st.info(
        "Pick two instruments — for example the Bletchley Declaration and the Paris statement — to see who is in "
        "both, only in one, or only in the other.",
        icon=":material/compare_arrows:",
    )

if not frame.brief and frame.atlas.entry_conditions.shape[0]:
    st.subheader("On the way to entry into force")
    st.caption(
        "Treaties that enter into force once enough parties have consented to be bound, with the consents recorded "
        "as of the view's date (all parties, whatever the party filters; what-if actions included)."
    )
    entry_into_force(frame)
