"""Signatories: who joined which instruments (the matrix), how each count was counted, and the diff of two."""

from __future__ import annotations

from collections.abc import Mapping

from components.charts.matrix import (
    SORTS,
    default_columns,
    diff,
    diff_figure,
    instruments_with_parties,
    matrix_figure,
    matrix_table,
    strongest_actions,
)
from components.charts.selection import selected_pair
from components.content.base import (
    Block,
    Columns,
    Context,
    Heading,
    Labels,
    Links,
    Notice,
    Section,
    Slot,
    StandingNotice,
    Table,
    Text,
    ViewContent,
    fit_height,
    names_list,
    number,
)
from components.content.panels import EMPTY, entry_into_force, how_counted
from components.content.report import Report, correction_csv, correction_file, participation_fact
from components.data.i18n import N_, _, ngettext
from components.data.labels import label as label_of
from components.export.rows import participation_rows, set_rows
from components.model.atlas import Atlas
from components.model.counting import party_counts
from components.model.filters import Filters, slice_of
from components.model.query import ViewParam
from components.text import md, md_link

TITLE = N_("Signatories")  # the page translates its title
SUBTITLE = N_(
    "Each cell is a party's strongest action on an instrument (ratified > signed > adhered > member > endorsed > …), "
    "with its date on hover. Totals in brackets. Pick two instruments to compare them: the comparison, with the "
    "parties by name, then comes first."
)
SORT_LABELS = Labels({"region": N_("Region"), "count": N_("Commitments"), "name": N_("Name")})  # translated when read


def params(atlas: Atlas) -> tuple[ViewParam, ...]:
    with_parties = instruments_with_parties(atlas.instruments, atlas.participation)
    return (
        ViewParam("instrument", with_parties, default=default_columns(with_parties), multiple=True),
        ViewParam("sort", SORTS, default=("region",)),
        ViewParam("compare", with_parties, default=(), multiple=True, max_items=2),
        ViewParam("focus", ("differ",), default=()),  # a projector: only the rows that differ, at most FOCUS_ROWS
    )


def matrix_summary(participation, instruments, short: Mapping[str, str]) -> str:
    """'111 parties took part in at least one of the 11 instruments shown (380 party–instrument cells). Parties
    counted per instrument: Bletchley Declaration 30, …'"""
    best = strongest_actions(participation)
    counts = party_counts(participation).reindex(instruments["id"]).fillna(0).astype(int)
    listed = ", ".join(f"{short.get(i, i)} {n}" for i, n in counts.items())
    parties = best["party_id"].nunique()
    return ngettext(
        "{n} party took part in at least one of the {instruments} shown ({cells}). Parties counted per instrument: "
        "{listed}.",
        "{n} parties took part in at least one of the {instruments} shown ({cells}). Parties counted per instrument: "
        "{listed}.",
        parties,
    ).format(
        n=number(parties),
        instruments=ngettext("{n} instrument", "{n} instruments", len(instruments)).format(n=number(len(instruments))),
        cells=ngettext("{n} party–instrument cell", "{n} party–instrument cells", len(best)).format(
            n=number(len(best))
        ),
        listed=listed,
    )


def diff_summary(result, first: str, second: str) -> str:
    both = len(result.both)
    return ngettext(
        "{n} party joined both {first} and {second}; {only_first} only {first} and {only_second} only {second}.",
        "{n} parties joined both {first} and {second}; {only_first} only {first} and {only_second} only {second}.",
        both,
    ).format(n=number(both), first=first, second=second, only_first=number(len(result.only_first)),
             only_second=number(len(result.only_second)))  # fmt: skip


EXAMPLE = ("bletchley-declaration", "paris-ai-action-statement")
EXAMPLE_LABEL = N_("Bletchley Declaration and Paris statement")


def set_labels(first: str, second: str) -> tuple[str, str, str]:
    """The three sets of a comparison, as the bars (charts/matrix.diff_figure) and the data file name them."""
    only = _("Only {instrument}")
    return only.format(instrument=first), _("Both"), only.format(instrument=second)


def names_text(result, labels: tuple[str, str, str], names: Mapping[str, str]) -> str:
    """'**Only Bletchley Declaration (7):** Israel, Philippines, …' — each set with its parties by name (Markdown)."""
    parts = []
    for label, ids in zip(labels, (result.only_first, result.both, result.only_second), strict=True):
        listed = sorted((names.get(p, p) for p in ids), key=str.lower)
        parts.append(_("**{set} ({n}):** {parties}").format(
            set=md(label), n=len(ids), parties=", ".join(md(n) for n in listed) if listed else _("none")))  # fmt: skip
    return "  \n".join(parts)


def matrix_blocks(ctx: Context, chosen: tuple[str, ...], sort: str, focus: bool = False) -> list[Block]:
    """The matrix of the chosen instruments, how each count was counted, and the matrix as a table."""
    atlas, view = ctx.atlas, ctx.slice
    instruments = view.instruments[view.instruments["id"].isin(chosen)]
    participation = view.participation[view.participation["instrument_id"].isin(instruments["id"])]
    blocks: list[Block] = [Slot("matrix_options")]
    if participation.empty:
        return [*blocks, EMPTY]
    fig = matrix_figure(participation, view.parties, instruments, asof=view.asof, sort=sort, subtitle=ctx.subtitle,
                        claims=atlas.claims, flag_counts=not ctx.filters.restricts_parties, focus=focus,
                        selectable=True)  # fmt: skip
    rows = participation_rows(participation, atlas.parties, atlas.instruments)
    summary = matrix_summary(participation, instruments, ctx.short)
    shown = (fig.layout.meta or {}).get("focus")
    if shown:  # a focused matrix (?focus=differ) says which rows it keeps
        summary += f" {shown}."
    blocks.append(ctx.chart("matrix_chart", fig, rows, summary, selectable=True))
    blocks.append(Slot("cell", brief=False))  # the selected cell's detail (`detail`), drawn by the page
    blocks.append(Section(_("How these counts were counted, and where sources differ"), [
        Text(_("Each instrument's parties are counted under its counting rule: states only, states and the EU, or "
               "every party listed (organisations, companies). A party that withdrew is not counted. ⚑ marks a "
               "count, date or act that a source states differently; ? marks an act resting on a single "
               "non-official source."), caption=True),
        *how_counted(ctx, instruments["id"], participation),
    ], icon="functions", brief=False))  # fmt: skip
    table = matrix_table(participation, view.parties, instruments, sort=sort).rename(
        columns={**ctx.short, "party": _("party"), "region": _("region"), "total": _("total")}
    )
    blocks.append(Section(_("The matrix as a table"), [Table("matrix_table", table, index=True)], brief=False))
    return blocks


def compare_blocks(ctx: Context, pair: tuple[str, ...]) -> tuple[list[Block], bool]:
    """The comparison of two instruments (bars naming their parties, the names, the table of sets), or why there is
    none; and whether there is one."""
    atlas, view, short = ctx.atlas, ctx.slice, ctx.short
    blocks: list[Block] = [Heading(_("Compare two instruments"), brief=False), Slot("compare")]
    missing = [md(short.get(i, i)) for i in pair if i not in set(view.instruments["id"])]
    if len(pair) == 2 and missing:
        return [*blocks, Notice(ngettext(
            "{instruments} is not in the current view (adopted after the as-of date, or excluded by the filters), so "
            "the comparison would be misleading. Widen the filters or pick another instrument.",
            "{instruments} are not in the current view (adopted after the as-of date, or excluded by the filters), so "
            "the comparison would be misleading. Widen the filters or pick another instrument.",
            len(missing)).format(instruments=names_list(missing)),
            kind="warning", icon="compare_arrows")], False  # fmt: skip
    if len(pair) != 2:
        return [*blocks, Notice(
            _("Pick two instruments to see who is in both, only in one, or only in the other. For example:"),
            icon="compare_arrows", brief=False),
            Links([(_(EXAMPLE_LABEL), "signatories", {"compare": ",".join(EXAMPLE)})], brief=False)], False  # fmt: skip
    first, second = pair
    result = diff(view.participation, first, second)
    labels = set_labels(short[first], short[second])
    fig = diff_figure(result, first_name=short[first], second_name=short[second], asof=view.asof,
                      subtitle=ctx.subtitle, party_names=ctx.names)  # fmt: skip
    compared = view.participation[view.participation["instrument_id"].isin(pair)]
    sets = list(zip(labels, (result.only_first, result.both, result.only_second), strict=True))
    rows = set_rows(sets, compared, atlas.parties, atlas.instruments)  # only the first's parties first
    columns = ["party", "party_id", "set", "acts", "evidence", "source_url", "checked"]
    per_set = [
        [
            Text(f"**{md(name)}** ({len(ids)})"),
            Table(
                f"set_{i}_table",
                rows.loc[rows["set"] == name, columns].reset_index(drop=True),
                links={"source_url": _("source")},
                height=fit_height(len(ids), most=12),
                download=name,
            ),
        ]  # fmt: skip
        for i, (name, ids) in enumerate(sets, start=1)
    ]
    blocks += [
        ctx.chart("diff_chart", fig, rows, diff_summary(result, short[first], short[second])),
        Text(names_text(result, labels, ctx.names), brief=False),
        Text(
            _("Each set as its own table, with its download (one row per party, with its `set`):"),
            caption=True,
            brief=False,
        ),  # fmt: skip
        Columns(per_set, brief=False),
        Section(
            _("Every party of the comparison in one table"),
            [Table("diff_table", rows[columns], links={"source_url": _("source")}, download=_("Comparison"))],
            brief=False,
        ),
    ]
    return blocks, True


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    view = slice_of(atlas, filters)
    ctx = Context(atlas, filters, view)
    chosen = options["instrument"] or next(p.default for p in params(atlas) if p.name == "instrument")
    matrix = matrix_blocks(ctx, chosen, options["sort"][0], focus=options.get("focus") == ("differ",))
    comparison, compared = compare_blocks(ctx, options["compare"])
    who = Heading(_("Who joined what"), brief=False)
    blocks = [*comparison, who, *matrix] if compared else [*matrix, *comparison]
    if len(atlas.entry_conditions):
        blocks += [
            Heading(_("On the way to entry into force"), brief=False),
            Text(
                _(
                    "Treaties that enter into force once enough parties have consented to be bound, with the consents "
                    "recorded as of the view's date (all parties, whatever the party filters; what-if actions "
                    "included)."
                ),
                caption=True,
                brief=False,
            ),  # fmt: skip
            *entry_into_force(ctx, brief=False),
        ]
    return ViewContent(TITLE, _(SUBTITLE), blocks, filters=ctx.subtitle, asof=view.asof)


CELL_HINT = StandingNotice(N_("Select a cell to see the party's actions on that instrument, their sources, and how to "
                              "report a problem with one."), icon="touch_app", brief=False)  # fmt: skip


def selected(event) -> tuple[str, str] | None:
    """The (party id, instrument id) a selection event of the matrix selects."""
    return selected_pair(event)


def detail(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]],
           selection: tuple[str, str] | None) -> list[Block]:  # fmt: skip
    """The selected cell's facts: every action of the party on the instrument, each with its date, evidence, source
    and checked date, a way to report a problem with it and its row to correct; a hint when no cell in view is
    selected; nothing when the matrix is not shown. Detail only: brief=False."""
    view = slice_of(atlas, filters)
    chosen = options.get("instrument") or next(p.default for p in params(atlas) if p.name == "instrument")
    shown = view.participation[view.participation["instrument_id"].isin(chosen)]
    if shown.empty:
        return []
    if selection is None:
        return [CELL_HINT]
    party, instrument = selection
    acts = shown[(shown["party_id"] == party) & (shown["instrument_id"] == instrument)].sort_values("date")
    if acts.empty:
        return [CELL_HINT]
    names = dict(zip(atlas.parties["id"], atlas.parties["name"], strict=True))
    short = dict(zip(atlas.instruments["id"], atlas.instruments["short_name"], strict=True))
    inner: list[Block] = [Text(f"**{md(names.get(party, party))} — {md(short.get(instrument, instrument))}**")]
    for act in acts.itertuples():
        action = str(act.action)
        what = _("**{action}** {date} · evidence: {evidence}").format(
            action=label_of(action), date=md(act.date_label) if act.date_label else _("undated"),
            evidence=md(label_of(str(act.evidence)).lower()),
        )  # fmt: skip
        if act.hypothetical:
            inner.append(Text(_("{fact} · hypothetical (what-if), not in the data").format(fact=what)))
            continue
        inner.append(Text(_("{fact} · {source} · checked {date}").format(
            fact=what, source=md_link(_("Source"), str(act.source_url)), date=md(act.checked_label))))  # fmt: skip
        if act.notes:
            inner.append(Text(md(act.notes), caption=True))
        fact = participation_fact(atlas, instrument, party, action)
        if fact is not None:
            key = (instrument, party, action)
            inner.append(Report(fact, key="_".join(key), file_name=correction_file("participation"),
                                correction=lambda key=key: correction_csv(atlas, "participation", key),
                                brief=False))  # fmt: skip
    return [Section("", inner, folded=False, brief=False)]
