"""The gettext catalogs (Babel): extract every translatable string, update the French and Spanish catalogs, compile.

Strings come from the code (`_("…")` and `ngettext(…)` in components/, views/ and app.py, read by Babel's extractor
as `pybabel extract -F babel.cfg` would), from the published site's Jinja templates (components/publish/templates:
`{% trans %}` blocks and `_()`/`gettext()`/`ngettext()` calls, read by Jinja's own Babel extractor), from the
descriptor (the label of every value of every vocabulary: legal force, mechanism, action, theme, …; the package's
description and the definitions the published pages show) and from the registry (page titles).

Usage: python -m components.content.messages            # extract, update components/locale/*/atlas.po, compile .mo
       python -m components.content.messages --merge F.json …  # then fill empty entries from staged translations
       python -m components.content.messages --check    # exit 1 when a catalog lacks a translation (or is fuzzy)
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from components.content.registry import views
from components.data.i18n import DOMAIN, LANGUAGES, LOCALE_DIR
from components.data.labels import english_label
from components.data.schema import bundled_package

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# the templates' gettext (jinja2.ext.i18n): a {% trans %} block is a gettext()/ngettext() call to the extractor
TEMPLATE_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
TEMPLATES = "components/publish/templates"
TEMPLATE_EXTRACTOR = "jinja2.ext:babel_extract"
TEMPLATE_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}  # as components/publish/site.environment
TRANSLATED = tuple(code for code in LANGUAGES if code != "en")


def template() -> Catalog:
    """Every string the Atlas shows that a translator must translate."""
    # a fixed creation date: the catalogs change only when their strings do
    catalog = Catalog(project="AI Governance Atlas", domain=DOMAIN, creation_date=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    for folder in ("components", "views"):
        for filename, line, message, comments, context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            catalog.add(message, locations=[(f"{folder}/{filename}", line)], auto_comments=comments, context=context)
    for filename, line, message, comments, _context in extract_from_dir(
        ROOT, method_map=[("app.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, locations=[(filename, line)], auto_comments=comments)
    for filename, line, message, comments, _context in template_messages():
        catalog.add(message, locations=[(f"{TEMPLATES}/{filename}", line)], auto_comments=comments)
    package = bundled_package()
    description = " ".join(str(package.descriptor.get("description", "")).split())  # the home page's lede
    if description:
        catalog.add(description, locations=[("data/datapackage.yaml#description", 0)])
    for resource in package.resources:  # the data dictionary: every field's description and values' definitions
        for field in resource.fields:
            where = f"data/datapackage.yaml#{resource.name}.{field.name}"
            if field.description:
                catalog.add(field.description, locations=[(where, 0)])
            for meaning in (field.definitions or {}).values():
                catalog.add(meaning, locations=[(f"{where}.x-definitions", 0)])
    for resource in package.resources:  # the data page names and describes each table
        for text in (resource.title, resource.description):
            if text:
                catalog.add(text, locations=[(f"data/datapackage.yaml#{resource.name}", 0)])
    for resource in bundled_package().resources:
        for field in resource.fields:
            for value in field.enum or ():
                catalog.add(
                    english_label(value), locations=[(f"data/datapackage.yaml#{resource.name}.{field.name}", 0)]
                )
    from components.model.atlas import load_atlas

    atlas = load_atlas()  # names the data writes in English and the pages show: forums, continents, UN regions
    for frame, column in ((atlas.instruments, "forum"), (atlas.parties, "continent"), (atlas.parties, "region")):
        for value in sorted(set(frame[column].dropna().astype(str)) - {""}):
            catalog.add(value, locations=[(f"data#{column}", 0)])
    for view in views():
        catalog.add(view.title, locations=[("components/content/registry.py", 0)])
    return catalog


def template_messages():
    """The strings of the published site's templates: Jinja's Babel extractor (jinja2.ext.babel_extract), with the
    site's i18n extension and trimmed {% trans %} blocks, so a msgid is what the pages ask gettext for."""
    return extract_from_dir(ROOT / TEMPLATES, method_map=[("**.html", TEMPLATE_EXTRACTOR)],
                            options_map={"**.html": TEMPLATE_OPTIONS}, keywords=TEMPLATE_KEYWORDS)  # fmt: skip


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(code: str) -> Catalog:
    path = po_path(code)
    if not path.exists():
        return Catalog(locale=code, domain=DOMAIN)
    with open(path, "rb") as fh:
        return read_po(fh, locale=code, domain=DOMAIN)


def update() -> None:
    """Bring each catalog up to the template (new strings empty, gone ones dropped), write it and its .mo."""
    pot = template()
    for code in TRANSLATED:
        catalog = read(code)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = po_path(code)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=120, sort_output=True, ignore_obsolete=True)
        with open(path.with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog)


def merge(paths: list[Path]) -> dict[str, int]:
    """Fill the catalogs' empty entries from staged translations: JSON files of
    {msgid: {"fr": "…", "es": "…"}} (a plural: {singular: {"plural": "…", "fr": ["one", "many"], "es": [...]}}).
    An entry already translated is kept; a staged msgid no longer in the code is ignored. Returns entries filled."""
    import json

    staged: dict[str, dict] = {}
    for path in paths:
        staged.update(json.loads(Path(path).read_text(encoding="utf-8")))
    filled = {}
    for code in TRANSLATED:
        catalog = read(code)
        count = 0
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            given = staged.get(key, {}).get(code)
            if not given:
                continue
            current = message.string
            if isinstance(message.id, tuple | list):
                if not all(current or ("",)):
                    forms = list(given) if isinstance(given, list) else [given, given]
                    message.string = tuple((forms + forms[-1:] * 4)[: max(2, catalog.num_plurals)])
                    count += 1
            elif not current:
                message.string = given if isinstance(given, str) else given[0]
                count += 1
            message.flags.discard("fuzzy")
        path = po_path(code)
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=120, sort_output=True, ignore_obsolete=True)
        with open(path.with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog)
        filled[code] = count
    return filled


def missing(code: str) -> list[str]:
    """The strings of the template that the catalog lacks, leaves empty or marks fuzzy."""
    catalog = read(code)
    out = []
    for message in template():
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = found.string if found is not None else ""
        empty = not all(strings) if isinstance(strings, tuple | list) else not strings
        if found is None or empty or found.fuzzy:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--check" not in args:
        update()
    if "--merge" in args:
        files = [Path(a) for a in args[args.index("--merge") + 1 :] if not a.startswith("--")]
        print("filled from staged translations:", merge(files))
    gaps = {code: missing(code) for code in TRANSLATED}
    for code, ids in gaps.items():
        for message in ids:
            print(f"{po_path(code).relative_to(ROOT)}: no translation: {message!r}")
    total = sum(map(len, gaps.values()))
    print(f"{len(template())} strings; " + ", ".join(f"{c}: {len(g)} missing" for c, g in gaps.items()))
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
