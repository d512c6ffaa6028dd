"""What a file says about the view it came from: ViewMeta, safe file names, a citation sentence and BibTeX."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from components.data.dates import in_words
from components.data.i18n import N_, _, language, speaking

MAX_NAME = 60  # characters of view and chart name in a download's file name
LICENCE = N_("Data: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Code: MIT.")  # files: _(LICENCE)


@dataclass(frozen=True)
class ViewMeta:
    """What a file needs to say about the view it came from."""

    view: str  # e.g. "timeline"
    title: str
    filters: str  # the filters in words, e.g. "G20 members · as of 1 June 2025"
    asof: dt.date  # the view's date
    url: str
    citation: str
    data_asof: dt.date | None = None  # the data's own date, when the view shows an earlier day
    sources: str = ""  # what the rows rest on (components/model/evidence.mix)
    # the view's language, taken when the view is built: a file made later (a download made on click, outside the
    # page's run) is written in it, like the title and filters it carries
    lang: str = field(default_factory=language)

    @property
    def dates(self) -> str:
        """'data as of 26 November 2026' or, for a view of an earlier day, 'data as of 26 November 2026; view as of
        1 January 2024' (in the current language)."""
        if self.data_asof and self.data_asof != self.asof:
            return _("data as of {date}; view as of {view_date}").format(date=in_words(self.data_asof),
                                                                       view_date=in_words(self.asof))  # fmt: skip
        return _("data as of {date}").format(date=in_words(self.asof))


def file_name(meta: ViewMeta, extension: str, size: str | None = None, chart: str = "") -> str:
    """'atlas-timeline-2025-06-01-slide.png': the view (and chart, where a page has several), the date, the size."""
    name = re.sub(r"[^a-z0-9]+", "-", f"{meta.view} {chart}".lower())[:MAX_NAME].strip("-") or "overview"
    parts = ["atlas", name, meta.asof.isoformat()]
    if size:
        parts.append(size)
    return "-".join(parts) + "." + extension


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "_": r"\_", "$": r"\$", "^": r"\^{}", "~": r"\~{}"}  # fmt: skip


def _bibtex_text(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def _bibtex_url(url: str) -> str:
    return url.replace("\\", "/").replace("%", r"\%").replace("#", r"\#").replace("{", "%7B").replace("}", "%7D")


def cite_view(meta: ViewMeta, *, accessed: dt.date | None = None, chart: str = "") -> tuple[str, str]:
    """A ready sentence and a BibTeX entry for the view, with its URL and as-of date (in the view's language)."""
    with speaking(meta.lang):
        return _cite(meta, accessed or dt.date.today(), chart)


def _cite(meta: ViewMeta, accessed: dt.date, chart: str) -> tuple[str, str]:
    sentence = _("AI Governance Atlas, “{title}” ({filters}), {dates}, {url} (accessed {date}).").format(
        title=meta.title, filters=meta.filters, dates=meta.dates, url=meta.url, date=in_words(accessed)
    )
    slug = re.sub(r"[^a-z0-9]+", "_", f"{meta.view} {chart}".lower()).strip("_") or "overview"
    key = f"atlas_{slug}_{meta.asof:%Y%m%d}"
    note = _bibtex_text(_("{filters}. Data as of {date}. CC BY 4.0").format(filters=meta.filters,
                                                                           date=meta.asof.isoformat()))  # fmt: skip
    bibtex = (
        f"@misc{{{key},\n"
        f"  title        = {{{{AI Governance Atlas}}: {_bibtex_text(meta.title)}}},\n"
        f"  note         = {{{note}}},\n"
        f"  year         = {{{meta.asof.year}}},\n"
        f"  howpublished = {{\\url{{{_bibtex_url(meta.url)}}}}},\n"
        f"  urldate      = {{{accessed.isoformat()}}}\n"
        f"}}"
    )
    return sentence, bibtex
