"""The package's layers import downwards only; Streamlit lives in components/ui only; modules stay short."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

COMPONENTS = ROOT / "components"
# Each layer and the layers it may import (besides itself and components.text, a leaf every layer may use).
ALLOWED = {
    "data": set(),
    "model": {"data"},
    "charts": {"data", "model"},
    "export": {"data", "model", "charts"},
    "content": {"data", "model", "charts", "export"},
    "ui": {"data", "model", "charts", "export", "content"},
    "publish": {"data", "model", "charts", "export", "content"},  # the static site: the views' content, no Streamlit
}
MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(p for p in COMPONENTS.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module name a file imports (at the top or inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "components":
                names |= {f"components.{alias.name}" for alias in node.names}
    return names


def layer(path: Path) -> str | None:
    parts = path.relative_to(COMPONENTS).parts
    return parts[0] if len(parts) > 1 else None


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_imports_only_the_layers_below_it(path):
    own = layer(path)
    for name in imported(path):
        if not name.startswith("components.") or name == "components.text":
            continue
        other = name.split(".")[1]
        if own is None:  # components/__init__.py and components/text.py import nothing of the Atlas
            pytest.fail(f"{path.name} imports {name}")
        if other != own:
            assert other in ALLOWED[own], f"{path.relative_to(ROOT)} ({own}) imports {name} ({other})"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_streamlit_is_imported_in_the_ui_layer_only(path):
    uses = {n for n in imported(path) if n == "streamlit" or n.startswith("streamlit.")}
    if layer(path) != "ui":
        assert not uses, f"{path.relative_to(ROOT)} imports {uses}"


# The one subprocess production code may start: the Pagefind indexer's command line, after the site is written (its
# Python API runs an asyncio loop of its own, which fails where one already runs, e.g. beside Playwright's sync API).
SUBPROCESS = {ROOT / "components" / "publish" / "build.py"}


def test_no_production_code_runs_pages_headless_or_in_a_subprocess():
    production = [*modules(), *(ROOT / "views").glob("*.py"), ROOT / "app.py"]
    for path in production:
        text = path.read_text(encoding="utf-8")
        assert "AppTest" not in text, path
        if path not in SUBPROCESS:
            assert "subprocess" not in imported(path), path
    assert all("pagefind" in path.read_text(encoding="utf-8") for path in SUBPROCESS)


@pytest.mark.parametrize("path", [*modules(), *(ROOT / "views").glob("*.py"), ROOT / "app.py"],
                         ids=lambda p: str(p.relative_to(ROOT)))  # fmt: skip
def test_no_module_is_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def test_page_scripts_hold_no_data_logic():
    """A page renders its view's content and widgets: no pandas, no figures, no filtering of its own."""
    for path in (ROOT / "views").glob("*.py"):
        names = imported(path)
        assert not {"pandas", "plotly.graph_objects", "components.model.filters"} & names, (path.name, names)
        assert not any(n.startswith("components.charts") for n in names), path.name


def test_pages_and_the_app_import_the_ui_and_content_layers_only():
    for path in [*(ROOT / "views").glob("*.py"), ROOT / "app.py"]:
        for name in imported(path):
            if name.startswith("components."):
                assert name.split(".")[1] in ("ui", "content"), f"{path.name} imports {name}"
