"""Printed briefs: the PDF of a party's or an instrument's published page, printed by the system chromium with the
site's print stylesheet (no navigation, sources as full addresses, the as-of date and permanent link on every page).

    python -m components.publish.briefs OUT_DIR [--party ID ...] [--instrument ID ...] [--paper A4|Letter]
                                        [--to DIR] [--base-url URL] [--lang en|fr|es|all ...]

OUT_DIR is a site built by `python -m components.publish OUT_DIR`; an empty or missing folder is built first. The
PDFs go to OUT_DIR/briefs/ (or --to DIR), named party-BRA.pdf, instrument-bletchley-declaration.pdf; a brief in French
or Spanish is printed from that language's page (fr/parties/BRA/) and named party-BRA-fr.pdf, party-BRA-es.pdf.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from components.data.i18n import DEFAULT, LANGUAGES
from components.publish.build import MARKER
from components.publish.site import prefix_of

PAPERS = ("A4", "Letter")
KIND_FOLDERS = {"party": "parties", "instrument": "instruments"}
# The system chromium, as every browser of the Atlas is started (TECH_NOTES: Playwright's own download fails here).
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-sync"]  # fmt: skip


class BriefError(Exception):
    """A brief that cannot be printed: no chromium, no such page."""


def has_site(out: Path) -> bool:
    return (out / MARKER).exists() and (out / "index.html").exists()


def ensure_site(out: Path, *, base_url: str | None = None) -> bool:
    """Build the site into `out` (its permanent links under `base_url`) unless it holds one already; True when it
    was built now."""
    if has_site(out):
        return False
    from components.publish.build import publish  # loads the data: only when there is a site to build

    publish(out, **({"base_url": base_url} if base_url else {}))
    return True


def page_of(out: Path, kind: str, ident: str, lang: str = DEFAULT) -> Path:
    """The published page of a party or an instrument in a language; BriefError when the site has none."""
    page = out / prefix_of(lang) / KIND_FOLDERS[kind] / ident / "index.html"
    if not page.is_file() or ident in ("", ".", "..") or "/" in ident:
        raise BriefError(f"the site in {out} has no page for {kind} {ident!r}" + (f" in {lang}" if lang != DEFAULT
                                                                                 else ""))  # fmt: skip
    return page


def pdf_name(kind: str, ident: str, lang: str = DEFAULT) -> str:
    """'party-BRA.pdf' (English), 'party-BRA-fr.pdf'."""
    return f"{kind}-{ident}{'' if lang == DEFAULT else f'-{lang}'}.pdf"


def chromium() -> str:
    found = shutil.which("chromium")
    if not found:
        raise BriefError("no chromium on PATH: install Debian's chromium (apt-get install chromium)")
    return found


def print_pdfs(jobs: Iterable[tuple[Path, Path]], *, paper: str = "A4") -> list[Path]:
    """Print each (page, pdf) pair with one chromium: the page's print stylesheet and its @page margins and running
    footer, on `paper` (A4 or Letter), without the browser's own header and footer. In a thread of its own:
    Playwright's sync API refuses to start in a thread where another of its sessions (or an asyncio loop) runs."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print_pdfs, list(jobs), paper).result()


def _print_pdfs(jobs: list[tuple[Path, Path]], paper: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for html, pdf in jobs:
                page.goto(html.resolve().as_uri(), wait_until="load")
                pdf.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(pdf), format=paper, print_background=False, display_header_footer=False)
                written.append(pdf)
        finally:
            browser.close()
    return written


def briefs(out: Path, *, parties: Iterable[str] = (), instruments: Iterable[str] = (), to: Path | None = None,
           paper: str = "A4", base_url: str | None = None, languages: Iterable[str] = (DEFAULT,)) -> list[Path]:  # fmt: skip
    """The briefs of these parties and instruments in each of `languages` from the site in `out` (built first when
    missing, with its permanent links under `base_url`), written to `to` (default OUT_DIR/briefs/); returns the PDFs'
    paths."""
    if paper not in PAPERS:
        raise BriefError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    codes = list(dict.fromkeys(languages)) or [DEFAULT]
    unknown = [code for code in codes if code not in LANGUAGES]
    if unknown:
        raise BriefError(f"language must be one of {', '.join(LANGUAGES)}, not {unknown[0]!r}")
    ensure_site(out, base_url=base_url)
    to = to or out / "briefs"
    wanted = [("party", p) for p in parties] + [("instrument", i) for i in instruments]
    jobs = [(page_of(out, kind, ident, lang), to / pdf_name(kind, ident, lang)) for lang in codes
            for kind, ident in wanted]  # fmt: skip
    return print_pdfs(jobs, paper=paper) if jobs else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.publish.briefs", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="a site built by components.publish (built first when missing)")
    parser.add_argument("--party", action="append", default=[], help="a party's id, e.g. BRA (repeatable)")
    parser.add_argument("--instrument", action="append", default=[], help="an instrument's id (repeatable)")
    parser.add_argument("--to", type=Path, default=None, help="where to write the PDFs (default OUT_DIR/briefs/)")
    parser.add_argument("--paper", choices=PAPERS, default="A4")
    parser.add_argument("--base-url", default=None, help="the site's address, when the site has to be built first")
    parser.add_argument("--lang", action="append", default=[], choices=[*LANGUAGES, "all"],
                        help="print the brief in this language (en, fr, es; repeatable; 'all': the three; default en)")  # fmt: skip
    args = parser.parse_args(argv)
    languages = list(LANGUAGES) if "all" in args.lang else args.lang or [DEFAULT]
    if not args.party and not args.instrument:
        parser.error("name at least one --party or --instrument")
    try:
        written = briefs(
            args.out,
            parties=args.party,
            instruments=args.instrument,
            to=args.to,
            paper=args.paper,
            base_url=args.base_url,
            languages=languages,
        )
    except (BriefError, FileExistsError) as error:
        print(error, file=sys.stderr)
        return 2
    for pdf in written:
        print(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
