"""The Streamlit shell's own strings (app.py, components/ui/: sidebar, pickers, chart downloads, notices, tours'
controls) go through the translation function, and their staged French and Spanish translations
(docs/research/issue20/po/A.json) keep every placeholder and every bit of Markdown (issue 20)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.support import Translations

from components.content.messages import KEYWORDS, read
from components.data.i18n import CLOSE, OPEN, speaking

ROOT = Path(__file__).resolve().parents[2]
STAGED = ROOT / "docs" / "research" / "issue20" / "po" / "A.json"
SHELL = ["app.py", *(f"components/ui/{p.name}" for p in sorted((ROOT / "components" / "ui").glob("*.py")))]


def staged() -> dict:
    return json.loads(STAGED.read_text(encoding="utf-8"))


def staged_translations(code: str) -> Translations:
    """The staged translations as compiled gettext (what the catalogs hold once the lead has merged them), to build a
    page in French or Spanish before the merge."""
    catalog = Catalog(locale=code, domain="atlas")
    for msgid, entry in staged().items():
        if "plural" in entry:
            forms = list(entry[code])  # CLDR gives French and Spanish a third form (millions): the last one again
            catalog.add((msgid, entry["plural"]), tuple((forms + forms[-1:] * 4)[: max(2, catalog.num_plurals)]))
        else:
            catalog.add(msgid, entry[code])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain="atlas")


def use_staged(monkeypatch) -> None:
    """`_()` and `ngettext()` read the staged translations (and the catalogs' for the rest: vocabulary, titles)."""
    import components.data.i18n as i18n

    real = i18n._translations
    cache: dict[str, Translations] = {}

    def translations(code: str):
        if code not in cache:
            cache[code] = staged_translations(code)
            cache[code].add_fallback(real(code))
        return cache[code]

    monkeypatch.setattr(i18n, "_translations", translations)


def shell_messages() -> dict[str, tuple[str, int]]:
    """msgid (a plural's singular) -> where the shell marks it."""
    found = {}
    for name in SHELL:
        for line, message, _comments, _context in extract_from_file("python", ROOT / name, keywords=KEYWORDS):
            key = message if isinstance(message, str) else message[0]
            found.setdefault(key, (name, line))
    return found


def test_every_new_string_of_the_shell_has_a_staged_or_catalogued_translation():
    entries, catalogs = staged(), {code: read(code) for code in ("fr", "es")}

    def known(msgid: str, code: str) -> bool:
        message = catalogs[code].get(msgid)
        return bool(message and message.string) or bool(entries.get(msgid, {}).get(code))

    missing = [f"{where[0]}:{where[1]}: {msgid!r}" for msgid, where in shell_messages().items()
               if not (known(msgid, "fr") and known(msgid, "es"))]  # fmt: skip
    assert missing == []
    assert len(shell_messages()) > 60  # the sidebar, pickers, chart downloads, notices and tours' controls


PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\{[^}]*\}")


def _markup(text: str) -> list[str]:
    return sorted([*PLACEHOLDER.findall(text), *re.findall(r"\*\*|`", text), *re.findall(r"\]\(", text)])


@pytest.mark.parametrize("code", ["fr", "es"])
def test_staged_translations_keep_placeholders_and_markdown(code):
    for msgid, entry in staged().items():
        forms = entry[code] if isinstance(entry[code], list) else [entry[code]]
        originals = [msgid, entry["plural"]] if "plural" in entry else [msgid]
        assert len(forms) == (2 if "plural" in entry else 1), msgid
        for original, form in zip(originals * 2, forms, strict=False):
            assert form.strip() and form != original or msgid in ("Document", "Instrument", "Source"), msgid
            assert _markup(form) == _markup(original), (msgid, form)


def test_pickers_notes_and_placeholders_are_translated():
    from components.ui.pickers import Catalogue

    parties = {"NER": "Niger", "NGA": "Nigeria", "USA": "United States", "GBR": "United Kingdom"}
    catalogue = Catalogue(tuple(parties), {p: f"{n} ({p})" for p, n in parties.items()}, (), "party", "parties")
    with speaking("en-XA"):
        assert catalogue.resolve("United")[2].startswith(f"{OPEN}2 parties match “United”")
        note = catalogue.resolve("Nigerya")[2]
        assert (
            note.startswith(f"{OPEN}No party matches “Nigerya”.{CLOSE} {OPEN}Did you mean Nigeria")
            and note[-1] == CLOSE
        )
        assert catalogue.search_placeholder() == f"{OPEN}Type a name or code, then Enter (4 parties){CLOSE}"
    with speaking("en"):  # English as before
        assert catalogue.resolve("zzzz")[2] == "No party matches “zzzz”."
        assert catalogue.search_placeholder() == "Type a name or code, then Enter (4 parties)"


def test_pickers_speak_french_with_the_staged_translations(monkeypatch):
    from components.ui.pickers import Catalogue

    use_staged(monkeypatch)
    ids = tuple(f"P{i:04d}" for i in range(1200))
    catalogue = Catalogue(ids, {p: f"Party {p} ({p})" for p in ids}, (), "party", "parties")
    with speaking("fr"):
        assert (
            catalogue.search_placeholder().replace("\u202f", " ")
            == "Tapez un nom ou un code, puis Entrée (1 200 parties)"
        )
        assert catalogue.resolve("zzzz")[2] == "Aucune partie ne correspond à «\u00a0zzzz\u00a0»."
    with speaking("es"):
        assert catalogue.resolve("zzzz")[2] == "Ninguna parte coincide con «zzzz»."


def test_numbers_are_written_as_the_language_writes_them():
    from components.ui.language import number

    with speaking("en"):
        assert (number(100_000), number(2.345, 1)) == ("100,000", "2.3")
    with speaking("fr"):
        assert number(2.345, 1) == "2,3" and number(100_000).replace("\u202f", " ").replace("\u00a0", " ") == "100 000"
    with speaking("es"):
        assert (number(100_000), number(2.345, 1)) == ("100.000", "2,3")


def test_image_sizes_are_named_in_the_language():
    from components.ui.chart import size_label

    assert size_label("slide") == "Slide (1600×900)"
    with speaking("en-XA"):
        assert size_label("document") == f"{OPEN}Document{CLOSE} (1000×700)"
