"""Freshness: how recently each fact was checked, and the rows due for re-checking, with their sources."""

import datetime as dt

import streamlit as st

from components.data.dates import in_words
from components.export.rows import neutralise
from components.model.claims import dispute_table, status_summary
from components.model.freshness import DEFAULT_MONTHS, due_rows, freshness
from components.model.query import code_span
from components.ui.frame import atlas_or_stop, ignore_url_parameters

PERIODS = (3, 6, 12, 24)  # months

atlas = atlas_or_stop()
today = dt.date.today()
asked = st.query_params.get("months")
if asked is not None and asked not in {str(p) for p in PERIODS}:
    st.warning(f"`months`: {code_span(asked)} is not one of {', '.join(map(str, PERIODS))}; showing {DEFAULT_MONTHS}.",
               icon=":material/link_off:")  # fmt: skip
    asked = None
ignore_url_parameters(known=("layout", "months", "v"))

st.title("Freshness and maintenance")
st.caption(
    "Every row of the Atlas says when it was last checked against its source (`checked`). Rows not re-checked for "
    "longer than the period chosen here are listed with their source, so a maintainer can re-read them and update "
    "the date (or the fact). This page covers the whole dataset, whatever the filters on other pages."
)
months = st.segmented_control(
    "Due when not re-checked for more than", PERIODS, default=int(asked or DEFAULT_MONTHS),
    format_func=lambda m: f"{m} months", key="freshness_months",
) or DEFAULT_MONTHS  # fmt: skip
st.query_params["months"] = str(months)
summary = freshness(atlas, today=today, months=months)
columns = st.columns(3)
columns[0].metric("Rows with a checked date", f"{summary.rows:,}")
columns[1].metric("Last full check", in_words(summary.oldest), help="Every row has been checked on or after this day.")
columns[2].metric(f"Due (over {months} months)", f"{summary.due:,}")
st.markdown(
    " · ".join(f"**{count:,}** {band}" for band, count in summary.bands.items())
    + f". Newest check: {in_words(summary.newest)}."
)
due = due_rows(atlas, today=today, months=months)
if due.empty:
    st.success(f"No row is more than {months} months old: nothing is due for re-checking.", icon=":material/verified:")
else:
    st.dataframe(
        due,
        hide_index=True,
        width="stretch",
        column_config={"source_url": st.column_config.LinkColumn("Source", display_text="open source")},
    )
    st.download_button(
        "Download the rows due (CSV)", data=due.to_csv(index=False), file_name=f"atlas-due-{today.isoformat()}.csv",
        mime="text/csv", icon=":material/download:", on_click="ignore",
    )  # fmt: skip

st.subheader("Where sources disagree")
st.caption(
    "claims.csv records what sources say about counts, dates and who took part. Each claim is compared with the value "
    "the Atlas shows; a fact is listed here, with every claim about it, when at least one source differs. The Atlas "
    "keeps its own value and marks the fact ⚑ on the Signatories, Timeline and Countries pages."
)
claims = atlas.claims
if claims.empty:
    st.info("No claims are recorded yet: add rows to claims.csv to compare sources.", icon=":material/fact_check:")
else:
    st.markdown(status_summary(claims))
    disputes = dispute_table(claims, atlas.instruments, atlas.parties.set_index("id")["name"].to_dict())
    if disputes.empty:
        st.success("Every claim recorded agrees with the Atlas (or cannot be compared).", icon=":material/verified:")
    else:
        st.dataframe(
            disputes, hide_index=True, width="stretch",
            column_config={"Source": st.column_config.LinkColumn("Source", display_text="open source")},
        )  # fmt: skip
        st.download_button(
            "Download the disagreements (CSV)", data=neutralise(disputes).to_csv(index=False),
            file_name=f"atlas-disagreements-{today.isoformat()}.csv", mime="text/csv", icon=":material/download:",
            on_click="ignore",
        )  # fmt: skip
