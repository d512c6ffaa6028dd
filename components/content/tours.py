"""Guided tours for workshops: YAML files in data/tours/, validated like the data, each step a view and its URL;
and the Guided tours view, which lists them (its start buttons and offline packs are the page's own widgets)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from components.content.base import Block, Notice, Section, Slot, Text, ViewContent
from components.content.registry import View, tour_views
from components.content.urls import address, relative
from components.data.schema import DEFAULT_DATA_DIR
from components.model.atlas import Atlas, derived
from components.model.filters import SHARED_PARAMS, Filters
from components.model.query import Vocabulary, parse_query
from components.text import md

TOURS_DIR = DEFAULT_DATA_DIR / "tours"


@dataclass(frozen=True)
class Step:
    view: str
    query: dict[str, str]
    caption: str
    question: str
    chart: str = ""  # the key of the one chart the step shows (a Chart of the view's build for this query)


@dataclass(frozen=True)
class Tour:
    id: str
    title: str
    audience: str
    steps: tuple[Step, ...]


def _as_text(value) -> str:
    return ",".join(str(v) for v in value) if isinstance(value, list) else str(value)


def read_tour(
    path: Path, vocabulary: Vocabulary | None = None, views: tuple[View, ...] | None = None
) -> tuple[Tour | None, list[str]]:
    """One tour file; problems as 'file: step N: message' (none means valid)."""
    name = path.name
    allowed_views = tour_views(views)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [f"{name}: not valid YAML ({type(exc).__name__})"]
    if not isinstance(raw, dict):
        return None, [f"{name}: expected a mapping with id, title, audience and steps"]
    problems = [f"{name}: '{key}' is missing" for key in ("id", "title", "audience", "steps") if not raw.get(key)]
    if raw.get("id") and raw["id"] != path.stem:
        problems.append(f"{name}: id '{raw['id']}' should match the file name '{path.stem}'")
    steps = []
    for number, item in enumerate(raw.get("steps") or [], start=1):
        where = f"{name}: step {number}"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected view, query, caption and question")
            continue
        view = item.get("view")
        if view not in allowed_views:
            problems.append(f"{where}: unknown view '{view}'; views: {', '.join(allowed_views)}")
            continue
        for key in ("chart", "caption", "question"):
            if not str(item.get(key) or "").strip():
                problems.append(f"{where}: '{key}' is missing")
        query = {str(k): _as_text(v) for k, v in (item.get("query") or {}).items()}
        allowed = set(SHARED_PARAMS) | set(allowed_views[view].options)
        for key in query:
            if key not in allowed:
                problems.append(f"{where}: '{key}' is not a filter or option of the {view} view")
        if vocabulary is not None:
            shared = {k: v for k, v in query.items() if k in SHARED_PARAMS}
            problems += [f"{where}: {notice}" for notice in parse_query(shared, vocabulary).notices]
        steps.append(Step(view, query, str(item.get("caption", "")).strip(), str(item.get("question", "")).strip(),
                          str(item.get("chart") or "").strip()))  # fmt: skip
    if problems:
        return None, problems
    return Tour(raw["id"], raw["title"], raw["audience"], tuple(steps)), []


def load_tours(
    folder: Path = TOURS_DIR, vocabulary: Vocabulary | None = None, views: tuple[View, ...] | None = None
) -> tuple[dict[str, Tour], list[str]]:
    tours, problems = {}, []
    for path in sorted(Path(folder).glob("*.yaml")):
        tour, found = read_tour(path, vocabulary, views)
        problems += found
        if tour:
            tours[tour.id] = tour
    return tours, problems


def step_content(atlas: Atlas, tour: Tour, number: int, views: tuple[View, ...] | None = None):
    """What the step's view shows for the step's query (its ViewContent)."""
    step = tour.steps[number - 1]
    view = tour_views(views)[step.view]
    parsed = parse_query(step.query, Vocabulary.of(atlas), view.params(atlas))
    return view.build(atlas, parsed.filters, parsed.view)


def chart_problems(atlas: Atlas, tours: dict[str, Tour], views: tuple[View, ...] | None = None) -> list[str]:
    """Steps whose chart is not one the step's view draws for its query, as 'tour: step N: …'."""
    problems = []
    for tour in tours.values():
        for number, step in enumerate(tour.steps, start=1):
            charts = step_content(atlas, tour, number, views).charts
            if step.chart not in charts:
                drawn = ", ".join(charts) or "none"
                problems.append(f"{tour.id}: step {number}: the {step.view} view draws no chart '{step.chart}' for "
                                f"this query (it draws: {drawn})")  # fmt: skip
    return problems


def step_query(tour: Tour, number: int) -> dict[str, str]:
    """The URL query of a tour step (1-based): its filters and options, in presentation layout."""
    step = tour.steps[number - 1]
    return {**step.query, "layout": "present", "tour": tour.id, "step": str(number)}


def step_address(
    tour: Tour, number: int, *, root: str = "", release: str = "", views: tuple[View, ...] | None = None
) -> str:
    """The address of a tour step (1-based), in presentation layout."""
    return address(tour_views(views)[tour.steps[number - 1].view], step_query(tour, number), root=root, release=release)


TITLE = "Guided tours"
SUBTITLE = (
    "For workshops on a projector: each step opens a view with its filters, a caption and a question for the room, in "
    "large type without the sidebar. Move with the arrow keys; every step has its own address, so a facilitator can "
    "jump to a step or recover after a crash. Tours are YAML files in `data/tours/`."
)


def shown_tours(atlas: Atlas) -> tuple[dict[str, Tour], list[str]]:
    """The tours in TOURS_DIR (read at call time), checked against this dataset, and every problem in their files."""
    folder = TOURS_DIR

    def read() -> tuple[dict[str, Tour], list[str]]:
        tours, problems = load_tours(folder, vocabulary=Vocabulary.of(atlas))
        wrong = chart_problems(atlas, tours)
        bad = {p.split(":")[0] for p in wrong}
        return {k: t for k, t in tours.items() if k not in bad}, problems + wrong

    return derived(atlas, f"tours|{folder}", read)


def slot_name(tour: Tour) -> str:
    """Where the page puts a tour's start button and offline pack."""
    return f"tour_{tour.id}"


def step_link(tour: Tour, number: int) -> str:
    """A step's address relative to the page showing it ('timeline?…'; the home page is './?…'), so that it works
    wherever the Atlas is served."""
    return relative(step_address(tour, number))


def step_list(tour: Tour) -> str:
    """'1. [caption](timeline?…)' and so on, one numbered line per step (Markdown)."""
    return "\n".join(f"{n}. [{md(step.caption)}]({step_link(tour, n)})" for n, step in enumerate(tour.steps, start=1))


def build(atlas: Atlas, filters: Filters, options: Mapping[str, tuple[str, ...]]) -> ViewContent:
    tours, problems = shown_tours(atlas)
    blocks: list[Block] = [Notice(f"Tour file problem: {md(p)}", kind="error", icon="error") for p in problems]
    for tour in tours.values():
        blocks.append(Section(f"### {md(tour.title)}", [
            Text(f"For: {md(tour.audience)} · {len(tour.steps)} steps", caption=True),
            Text(step_list(tour)),
            Slot(slot_name(tour)),
        ], folded=False))  # fmt: skip
    return ViewContent(TITLE, SUBTITLE, blocks, asof=atlas.asof)
