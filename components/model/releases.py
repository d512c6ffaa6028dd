"""Dated data releases: frozen copies of the package in data/releases/<version>/, loadable by the app (`?v=`), and a
CHANGELOG of the data generated from the differences between consecutive releases (never written by hand).

Versions are calendar versions, YEAR.MONTH.N (e.g. 2026.11.0). `data/` is the working copy: its descriptor names the
release it was last cut as, and the app adds `v=` to cited addresses only while `data/` is identical to that release.

Usage:
    python -m components.model.releases cut 2026.12.0      # freeze data/ as a release and regenerate data/CHANGELOG.md
    python -m components.model.releases changelog          # regenerate data/CHANGELOG.md and static/feeds/
    python -m components.model.releases check              # exit 1 when either is out of date
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from components.data.i18n import _
from components.data.schema import DEFAULT_DATA_DIR, Package, read_package

RELEASES = "releases"
VERSION = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d+)$")
IGNORED_COLUMNS = ("checked",)  # a new checked date alone is a re-check, not a change of fact


def releases_dir(data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    return Path(data_dir) / RELEASES


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in VERSION.match(version).groups())


def available(data_dir: Path = DEFAULT_DATA_DIR) -> list[str]:
    """Release versions, oldest first."""
    folder = releases_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [
        p.name for p in folder.iterdir() if p.is_dir() and VERSION.match(p.name) and (p / "datapackage.yaml").exists()
    ]
    return sorted(found, key=_key)


def release_path(version: str, data_dir: Path = DEFAULT_DATA_DIR) -> Path | None:
    return releases_dir(data_dir) / version if version in available(data_dir) else None


def release_date(path: Path) -> str:
    with open(Path(path) / "datapackage.yaml", encoding="utf-8") as handle:
        return str(yaml.safe_load(handle).get("x-released", ""))


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(path).iterdir()) if p.is_file() and p.suffix == ".csv"}


def same_as_release(data_dir: Path, version: str) -> bool:
    """Is the working copy identical (every CSV, byte for byte) to the release it names?"""
    path = release_path(version, data_dir)
    return path is not None and _files(data_dir) == _files(path)


@dataclass
class TableChanges:
    table: str
    added: list[str] = field(default_factory=list)  # one line per row
    removed: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)  # one line per changed cell
    rechecked: int = 0  # rows whose only change is a newer checked date

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.corrected or self.rechecked)


def _rows(path: Path, key: tuple[str, ...]) -> dict[tuple[str, ...], dict[str, str]]:
    """Rows by key (a key column a file lacks reads as empty; a repeated key keeps its first row)."""
    if not path.exists():
        return {}
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(tuple(row.get(k) or "" for k in key), row)
    return rows


def _columns(path: Path) -> list[str]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle), [])


def _count(path: Path) -> int:
    if not path.exists():
        return 0
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def _describe(key: tuple[str, ...], row: dict[str, str], columns: tuple[str, ...]) -> str:
    extra = [row[c] for c in ("name", "short_name", "action", "date") if c in row and c not in columns and row[c]][:2]
    text = " · ".join(key) + (f" ({', '.join(extra)})" if extra else "")
    source = row.get("source_url")
    return f"{text} — {source}" if source else text


def diff(old_dir: Path, new_dir: Path, package: Package) -> list[TableChanges]:
    """Row by row, by primary key: what was added, removed or corrected (cell by cell) between two packages."""
    changes = []
    for resource in package.resources:
        key = resource.primary_key or tuple(resource.field_names)
        old, new = _rows(Path(old_dir) / resource.path, key), _rows(Path(new_dir) / resource.path, key)
        table = TableChanges(resource.path)
        before_columns, after_columns = _columns(Path(old_dir) / resource.path), _columns(Path(new_dir) / resource.path)
        added = [c for c in after_columns if before_columns and c not in before_columns]
        removed = [c for c in before_columns if after_columns and c not in after_columns]
        table.corrected += [_("column {column} added").format(column=c) for c in added]  # the CLI: English
        table.corrected += [_("column {column} removed").format(column=c) for c in removed]
        shared = [c for c in after_columns if c in before_columns and c not in IGNORED_COLUMNS]
        for k in sorted(new.keys() - old.keys()):
            table.added.append(_describe(k, new[k], key))
        for k in sorted(old.keys() - new.keys()):
            table.removed.append(_describe(k, old[k], key))
        for k in sorted(old.keys() & new.keys()):
            before, after = old[k], new[k]
            cells = [c for c in shared if before.get(c, "") != after.get(c, "")]
            for column in cells:
                table.corrected.append(
                    f"{' · '.join(k)} — {column}: '{before.get(column, '')}' → '{after.get(column, '')}'"
                )
            if not cells and before.get("checked") != after.get("checked"):
                table.rechecked += 1
        changes.append(table)
    return changes


def change_rows(changes: list[TableChanges], wanted: set[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(table, added|corrected|removed, row) for a table view; with `wanted` ids, only rows whose key names one."""
    rows = [
        (t.table, kind, line)
        for t in changes
        for kind in ("added", "corrected", "removed")
        for line in getattr(t, kind)
    ]
    if wanted:  # a row names its key first: 'instrument · party · action (…) — source'
        rows = [row for row in rows if wanted & set(row[2].split(" — ")[0].split(" (")[0].split(" · "))]
    return rows


def release_notes(version: str, date: str, changes: list[TableChanges] | None, rows: dict[str, int],
                  note: str = "") -> str:  # fmt: skip
    """The CHANGELOG section of one release. `changes` None: the first release (counts only). `note`: what the
    maintainers wrote about it (`x-release-notes` in the descriptor, by version), before the generated lists."""
    lines = [f"## {version} — {date}", ""]
    if note:
        lines += [" ".join(note.split()), ""]
    if changes is None:
        counts = ", ".join(f"{n:,} row{'' if n == 1 else 's'} in {t}" for t, n in rows.items())
        lines.append(f"First release: {counts}.")
        return "\n".join(lines) + "\n"
    if all(t.empty for t in changes):
        return "\n".join([*lines, "No change of fact.", ""])
    for kind in ("added", "corrected", "removed"):
        entries = [(t.table, line) for t in changes for line in getattr(t, kind)]
        if entries:
            lines += [f"### {kind.capitalize()} ({len(entries)})", ""]
            lines += [f"- {table}: {line}" for table, line in entries]
            lines.append("")
    rechecked = sum(t.rechecked for t in changes)
    if rechecked:
        lines += [
            f"Re-checked against their sources without change: {rechecked:,} row{'' if rechecked == 1 else 's'}.",
            "",
        ]
    return "\n".join(lines)


def changelog(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    """data/CHANGELOG.md: every release, newest first, generated from the releases themselves."""
    versions = available(data_dir)
    sections = []
    for index, version in enumerate(versions):
        path = releases_dir(data_dir) / version
        package = read_package(path)
        rows = {r.path: _count(path / r.path) for r in package.resources}
        previous = releases_dir(data_dir) / versions[index - 1] if index else None
        changes = diff(previous, path, package) if previous else None
        note = str((package.descriptor.get("x-release-notes") or {}).get(version, ""))
        sections.append(release_notes(version, release_date(path), changes, rows, note))
    header = (
        "# Changes to the data\n\nGenerated by `python -m components.model.releases changelog` from the releases in "
        "`data/releases/`; do not edit by hand. Each release can be opened in the Atlas with `?v=VERSION`.\n\n"
    )
    return header + "\n".join(reversed(sections))


FEEDS_DIR = Path(__file__).resolve().parents[2] / "static" / "feeds"
FEED_LINK = "https://github.com/ai-governance-atlas/atlas"
FEED_ENTRIES = 200  # the newest events; the What changed page has them all


def feeds(data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, bytes]:
    """The Atom and JSON feeds of every dated event in the latest release (served from static/feeds/)."""
    from components.model.atlas import load_atlas
    from components.model.changes import atom_feed, dated_events, json_feed

    versions = available(data_dir)
    if not versions:
        return {}
    path = releases_dir(data_dir) / versions[-1]
    atlas = load_atlas(path, read_package(path))
    events = dated_events(atlas.instruments, atlas.participation, atlas.parties, atlas.institutes).head(FEED_ENTRIES)
    updated = dt.date.fromisoformat(release_date(path))
    return {
        "atlas.atom": atom_feed(events, link=FEED_LINK, updated=updated),
        "atlas.json": json_feed(events, link=FEED_LINK),
    }


def write_generated(data_dir: Path = DEFAULT_DATA_DIR, feeds_dir: Path = FEEDS_DIR) -> None:
    """data/CHANGELOG.md and the static feeds, from the releases."""
    (Path(data_dir) / "CHANGELOG.md").write_text(changelog(data_dir), encoding="utf-8")
    Path(feeds_dir).mkdir(parents=True, exist_ok=True)
    for name, content in feeds(data_dir).items():
        (Path(feeds_dir) / name).write_bytes(content)


def cut(
    version: str, data_dir: Path = DEFAULT_DATA_DIR, today: dt.date | None = None, feeds_dir: Path | None = None
) -> Path:
    """Freeze the working copy as release `version` (newer than every release) and regenerate the CHANGELOG."""
    if not VERSION.match(version):
        raise ValueError(f"version {version!r} is not YEAR.MONTH.N (e.g. 2026.11.0)")
    versions = available(data_dir)
    if versions and _key(version) <= _key(versions[-1]):
        raise ValueError(f"version {version} is not newer than the latest release, {versions[-1]}")
    target = releases_dir(data_dir) / version
    if target.exists():
        raise ValueError(f"{target} already exists; remove it or choose another version")
    today = today or dt.date.today()
    descriptor_path = Path(data_dir) / "datapackage.yaml"
    text = descriptor_path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version: .*$", f"version: {version}", text)
    text = re.sub(r"(?m)^x-released: .*\n", "", text)
    text = text.replace(f"version: {version}\n", f"version: {version}\nx-released: {today.isoformat()}\n", 1)
    descriptor_path.write_text(text, encoding="utf-8")
    target.mkdir(parents=True)
    for path in Path(data_dir).iterdir():
        if path.is_file() and path.suffix in (".csv", ".yaml", ".md") and path.name != "CHANGELOG.md":
            shutil.copy(path, target / path.name)
    if feeds_dir is None and Path(data_dir) != DEFAULT_DATA_DIR:
        (Path(data_dir) / "CHANGELOG.md").write_text(changelog(data_dir), encoding="utf-8")  # a package elsewhere
    else:
        write_generated(data_dir, feeds_dir or FEEDS_DIR)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Data releases and the data CHANGELOG.")
    sub = parser.add_subparsers(dest="command", required=True)
    cut_parser = sub.add_parser("cut", help="freeze data/ as a new release")
    cut_parser.add_argument("version")
    sub.add_parser("changelog", help="regenerate data/CHANGELOG.md and static/feeds/")
    sub.add_parser("check", help="exit 1 when data/CHANGELOG.md or the feeds are not what the releases generate")
    args = parser.parse_args(argv)
    if args.command == "cut":
        try:
            print(f"released {cut(args.version)}")
        except (ValueError, OSError) as exc:
            print(exc, file=sys.stderr)
            return 2
    elif args.command == "changelog":
        write_generated()
    else:
        current = (DEFAULT_DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
        stale = current != changelog() or any(
            not (FEEDS_DIR / name).exists() or (FEEDS_DIR / name).read_bytes() != content
            for name, content in feeds().items()
        )
        if stale:
            print("data/CHANGELOG.md or static/feeds/ is out of date: run python -m components.model.releases changelog",
                  file=sys.stderr)  # fmt: skip
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
