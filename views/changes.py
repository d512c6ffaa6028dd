"""What changed: dated events (signatures, ratifications, new instruments and institutes, renamings) since a month,
for the parties and instruments chosen, as a table and as Atom and JSON feeds; and the changes between releases."""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components.data.schema import read_package
from components.model.atlas import data_dir_from_env
from components.model.changes import atom_feed, dated_events, json_feed, since
from components.model.query import ViewParam
from components.model.releases import available, change_rows, diff, release_date, releases_dir
from components.text import md
from components.ui.frame import atlas_or_stop, empty_state, memo, page_frame, view_control

atlas = atlas_or_stop()
first, last = atlas.instruments["adopted"].min(), pd.Timestamp(atlas.asof)
MONTHS = tuple(f"{p.year}-{p.month:02d}" for p in pd.period_range(first, last, freq="M"))[::-1]  # newest first
default = (last - pd.DateOffset(months=12)).strftime("%Y-%m")
SINCE = ViewParam("since", MONTHS, default=(default if default in MONTHS else MONTHS[-1],))
INSTRUMENT = ViewParam("instrument", tuple(atlas.instruments["id"]), default=(), multiple=True, max_items=10)

frame = page_frame((SINCE, INSTRUMENT))
view = frame.slice
short = atlas.instruments.set_index("id")["short_name"].to_dict()
if not frame.brief:
    st.title("What changed")
    st.caption(
        "Signatures, ratifications, endorsements and withdrawals, new instruments, new institutes and renamings, newest "
        "first — for the parties chosen in the sidebar (*Parties*, *Grouping*, …) and the instruments chosen here. "
        "Each row links to its source. Subscribe with the feeds below; the changes between data releases are at the end."
    )
if frame.brief:  # no controls on a brief or a projector
    start, chosen = st.session_state.get("v_since"), view_control(INSTRUMENT, "")
else:
    left, right = st.columns([1, 3])
    start = left.selectbox("Since", MONTHS, key="v_since", format_func=lambda m: pd.Timestamp(m).strftime("%B %Y"))
    chosen = view_control(INSTRUMENT, "Instruments (all when none is chosen)", labels=short, container=right)
start = start or SINCE.default[0]

events = memo(frame, "changes.events", lambda: dated_events(view.instruments, view.participation, view.parties,
                                                             view.institutes))  # fmt: skip
parties = tuple(view.parties["id"]) if frame.filters.restricts_parties else ()
shown = since(events, pd.Timestamp(start).date(), party=parties, instrument=tuple(chosen))
if shown.empty and view.instruments.empty:
    empty_state()
elif shown.empty:
    st.info(f"Nothing recorded since {pd.Timestamp(start):%B %Y} for these choices. Pick an earlier month, or fewer "
            "filters.", icon=":material/event_busy:")  # fmt: skip
else:
    st.markdown(f"**{len(shown):,} events since {pd.Timestamp(start):%B %Y}**")
    st.dataframe(
        shown[["date_label", "kind", "what", "source_url"]].rename(columns={"date_label": "Date", "kind": "Kind",
                                                                            "what": "What happened"}),
        hide_index=True, width="stretch",
        column_config={"source_url": st.column_config.LinkColumn("Source", display_text="source")},
    )  # fmt: skip
    link = "https://github.com/ai-governance-atlas/atlas"
    feeds = st.columns(2)
    feeds[0].download_button(
        "Atom feed of these events", data=atom_feed(shown, link=link, updated=atlas.asof, selection=urlencode(frame.query, safe=",")), mime="application/atom+xml",
        file_name=f"atlas-changes-since-{start}.atom", icon=":material/rss_feed:", on_click="ignore",
    )  # fmt: skip
    feeds[1].download_button(
        "JSON feed of these events", data=json_feed(shown, link=link), mime="application/feed+json",
        file_name=f"atlas-changes-since-{start}.json", icon=":material/data_object:", on_click="ignore",
    )  # fmt: skip
st.caption(
    "The newest 200 events of the latest release, for feed readers: `/app/static/feeds/atlas.atom` and `/app/static/feeds/atlas.json` "
    "on this server (regenerated with each data release)."
)

if not frame.brief:
    st.subheader("Changes between data releases")
    folder = releases_dir(data_dir_from_env())
    versions = available(data_dir_from_env())
    if len(versions) < 2:
        st.caption(f"One release so far ({md(versions[0]) if versions else 'none'}): nothing to compare yet. "
                   "`data/CHANGELOG.md` lists the releases.")  # fmt: skip
    for older, newer in reversed(list(zip(versions, versions[1:], strict=False))):
        path = folder / newer
        changes = diff(folder / older, path, read_package(path))
        rows = change_rows(changes, {*parties, *chosen})
        with st.expander(f"{md(newer)} ({md(release_date(path))}), against {md(older)}: {len(rows)} changes"):
            st.dataframe(pd.DataFrame(rows, columns=["Table", "Change", "Row"]), hide_index=True, width="stretch")
