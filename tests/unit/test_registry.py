"""The registry lists every view once; everything else reads it."""

from __future__ import annotations

import ast
import importlib

from components.content import registry
from components.content.registry import VIEWS, by_name, tour_views
from tests.conftest import ROOT


def test_every_view_has_a_content_module_a_page_and_one_name():
    assert len(by_name()) == len(VIEWS)
    assert [v.default for v in VIEWS].count(True) == 1
    for view in VIEWS:
        module = importlib.import_module(view.module)
        assert callable(module.build), view.name
        assert (ROOT / view.script).is_file(), view.script
        assert view.icon.startswith(":material/"), view.name


def test_the_options_listed_are_the_options_the_module_declares(bundled_atlas):
    for view in VIEWS:
        assert tuple(p.name for p in view.params(bundled_atlas)) == view.options, view.name


def _names_view(text: str, names: set[str]) -> str | None:
    """The view a string literal names: 'timeline', 'timeline?lane=forum', '/timeline', 'views/timeline.py'."""
    stem = text.removeprefix("views/").removesuffix(".py").lstrip("/").split("?")[0]
    return stem if stem in names else None


def test_no_other_file_lists_the_views():
    """The list of views is written once: no list, tuple, set or dict literal elsewhere names four views or more."""
    names = {v.name for v in VIEWS}
    for path in [*ROOT.glob("components/**/*.py"), *ROOT.glob("views/*.py"), ROOT / "app.py",
                 *ROOT.glob("benchmarks/*.py"), *ROOT.glob("tests/**/*.py")]:  # fmt: skip
        if path.name in ("registry.py", "test_registry.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                found = {_names_view(i.value, names) for i in items if isinstance(i, ast.Constant) and
                         isinstance(i.value, str)} - {None}  # fmt: skip
                assert len(found) < 4, f"{path.relative_to(ROOT)}:{node.lineno} lists views {sorted(found)}"


def test_tour_views_are_the_ones_marked_for_tours():
    assert set(tour_views()) == {v.name for v in VIEWS if v.tours}
    assert "data" not in tour_views() and "signatories" in tour_views()


def test_views_are_read_at_call_time(monkeypatch):
    extra = registry.View("extra", "Extra", ":material/star:", "components.content.overview")
    monkeypatch.setattr(registry, "VIEWS", (*VIEWS, extra))
    assert registry.view("extra") is extra
