"""Panels several views share, as blocks: how an instrument's parties are counted (and where sources differ),
progress towards entry into force, and a party's path through each instrument."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pandas as pd

from components.charts.country_profile import ladder
from components.content.base import Block, Context, Progress, Section, StandingNotice, Table, Text, source_links
from components.data.i18n import N_, _, ngettext
from components.model.atlas import derived
from components.model.claims import FLAG, claims_table, dispute_topics, disputed_instruments, disputed_pairs
from components.model.counting import breakdown, count_notes_by_instrument
from components.model.counting import describe as describe_count
from components.model.entry import all_progress, party_in_force
from components.model.filters import Filters, Slice, slice_of
from components.text import md, md_link

EMPTY = StandingNotice(  # its text is translated where it is read: in the language of the page run showing it
    N_(
        "No instruments match these filters on this date. Widen the date range, remove a filter, move the *As of* "
        "date later, or press **Reset filters** in the sidebar."
    ),
    icon="filter_alt_off",
)
CLAIMS_NOTE = N_(  # English here (the static site reads it too); translated where a view shows it: _(CLAIMS_NOTE)
    "A count is compared with the Atlas's count as of the source's date, under what the source counts (or the "
    "instrument's rule). 'More than N' and 'about N' (within 10%) agree where the Atlas's count fits. The Atlas shows "
    "its own value; these claims are kept in claims.csv."
)


def entry_into_force(ctx: Context, instrument_ids: Iterable[str] | None = None, *, brief: bool = True) -> list[Block]:
    """Progress towards entry into force of the treaties with a condition (all, or those given), as of the view's
    date. Every consent counts, whatever the party filters; what-if actions count too."""
    everyone = slice_of(ctx.atlas, Filters(asof=ctx.filters.asof, whatif=ctx.filters.whatif))
    wanted = set(instrument_ids) if instrument_ids is not None else None
    short = ctx.short
    atlas = replace(ctx.atlas, participation=everyone.participation)
    out: list[Block] = []
    for progress in all_progress(atlas, asof=everyone.asof):
        if wanted is not None and progress.instrument_id not in wanted:
            continue
        done = progress.count / progress.required
        if progress.group_required:
            done = min(done, progress.group_count / progress.group_required)
        inner: list[Block] = [
            Progress(min(done, 1.0), md(progress.summary())),
            Text(
                _("Condition: {rule} {source}").format(
                    rule=md(progress.rule), source=md_link(_("Source"), progress.source_url)
                ),
                caption=True,
            ),  # fmt: skip
        ]
        if not progress.consents.empty:
            consents = progress.consents.assign(
                **{_("Council of Europe member"): progress.consents["in_group"]} if progress.group == "CoE" else {}
            ).drop(columns=["date_by", "in_group"])
            inner.append(Table(f"entry_{progress.instrument_id}", consents.rename(
                columns={"party_id": _("Party id"), "name": _("Party"), "date_label": _("Consent")})))  # fmt: skip
        name = md(short.get(progress.instrument_id, progress.instrument_id))
        title = "**" + _("Entry into force of {instrument}").format(instrument=name) + "**"
        out.append(Section(title, inner, folded=False, brief=brief))
    return out


def how_counted(ctx: Context, instrument_ids: Iterable[str], participation: pd.DataFrame | None = None) -> list[Block]:
    """Per instrument: its count as of the view's date under its counting rule and what it is made of; how many of
    its parties rest on an unverified source; and, where sources disagree, a flag and every claim with its source."""
    ids = list(dict.fromkeys(instrument_ids))
    participation = ctx.slice.participation if participation is None else participation
    mine = participation[participation["instrument_id"].isin(ids)]
    atlas = ctx.atlas
    table = breakdown(mine, atlas.parties, atlas.instruments[atlas.instruments["id"].isin(ids)])
    claims = atlas.claims
    counts = not ctx.filters.restricts_parties  # with party filters a count is a subtotal no source speaks of
    disputed = disputed_instruments(claims, asof=ctx.slice.asof, counts=counts)
    short, names = ctx.short, ctx.names
    notes_of = count_notes_by_instrument(mine)  # how fresh each count is, and how many of its parties are unverified
    out: list[Block] = []
    for instrument in ids:
        if instrument not in table.index:
            continue
        topics = [  # the topics' words come from components.model.claims (translated there)
            t
            for t in dispute_topics(claims, instrument, names, asof=ctx.slice.asof)
            if counts or t not in ("the count", _("the count"))
        ]
        flag = (" · " + _("{flag} **sources differ** on {topics}").format(flag=FLAG, topics=md(", ".join(topics)))
                if instrument in disputed else "")  # fmt: skip
        out.append(
            Text(f"**{md(short.get(instrument, instrument))}**: {md(describe_count(table.loc[instrument]))}{flag}")
        )
        notes = notes_of.get(instrument, [])
        if notes:
            out.append(Text(" · ".join(notes) + ".", caption=True))
        here = claims[claims["instrument_id"] == instrument]
        if len(here):
            differ = int((here["status"] == "differs").sum())
            claimed = ngettext("1 claim", "{n} claims", len(here)).format(n=len(here))
            if differ:
                title = ngettext(
                    "What sources say: {claims}, {n} differs from the Atlas",
                    "What sources say: {claims}, {n} differ from the Atlas",
                    differ,
                )
            else:
                title = _("What sources say: {claims}, none differs")
            title = title.format(claims=claimed, n=differ)
            said = derived(
                atlas,
                f"claims_table|{instrument}",  # whatever the filters
                lambda here=here: claims_table(here, party_names=names),
            )
            out.append(Section(title, [
                Table(f"claims_{instrument}", said, links=source_links(said)),
                Text(_(CLAIMS_NOTE), caption=True),
            ], icon="flag" if differ else "fact_check", key=f"fold_claims_{instrument}"))  # fmt: skip
    return out


def path_table(ctx: Context, everyone: Slice, party: str) -> pd.DataFrame:
    """The party's ladder (components/charts/country_profile.ladder), with the in-force dates of treaties with an
    entry condition and a flag where sources differ on its act."""
    atlas = replace(ctx.atlas, participation=everyone.participation)
    delays = dict(zip(atlas.entry_conditions["instrument_id"], atlas.entry_conditions["delay_months"].astype(int),
                      strict=True))  # fmt: skip
    in_force = {p.instrument_id: party_in_force(p, party, delays[p.instrument_id])
                for p in all_progress(atlas, asof=everyone.asof)}  # fmt: skip
    table = ladder(party, everyone.participation, everyone.instruments, in_force)
    disputed = {i for p, i in disputed_pairs(ctx.atlas.claims) if p == party}
    differ = _("{flag} differ").format(flag=FLAG)
    # the column keeps its English name: the countries view heads its table's columns in the view's language
    return table.assign(Sources=table["instrument_id"].map(lambda i: differ if i in disputed else ""))
