"""Guided tours for workshops: YAML files in data/tours/, validated like the data, each step a view and its URL;
and the Guided tours view, which lists them (its start buttons and offline packs are the page's own widgets).

A tour's texts are in English under their plain keys and in French and Spanish under the same key with the
language's code: `title`, `title_fr`, `title_es`; `audience`, `audience_fr`, `audience_es`; and in each step
`caption`, `caption_fr`, `caption_es`, `question`, `question_fr`, `question_es`:

    id: my-tour
    title: From Bletchley to Paris
    title_fr: De Bletchley à Paris
    title_es: De Bletchley a París
    audience: …            (audience_fr, audience_es)
    steps:
      - view: timeline
        chart: timeline_chart
        query: {from: "2023"}
        caption: …         (caption_fr, caption_es)
        question: …        (question_fr, question_es)

The English texts are required (a tour without them is refused); a missing translation is not an error: the text
shows in English, and `untranslated()` lists each gap as 'file: step N: 'caption_fr' is missing' (the Guided tours
view shows those of its language as warnings; the bundled tours must have none, tests/unit/test_tours.py). A key
with another language's code (`caption_de`) is refused. `Tour.title`, `Tour.audience`, `Step.caption` and
`Step.question` give the text in the language of the view being built (`language()`, read at use time, so parsed
tours can be cached across languages); `title_in(code)` and the like give it in a named language. A step's address
carries `lang=<code>` when the view is not in English, so that the projector and the offline pack keep the tour's
language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from components.content.base import Block, Notice, Section, Slot, Text, ViewContent
from components.content.registry import View, tour_views
from components.content.urls import address, relative
from components.data.i18n import CLOSE, DEFAULT, LANGUAGES, N_, OPEN, PSEUDO, _, language, ngettext
from components.data.schema import DEFAULT_DATA_DIR
from components.model.atlas import Atlas, derived
from components.model.filters import SHARED_PARAMS, Filters
from components.model.query import Vocabulary, parse_query
from components.text import md

TOURS_DIR = DEFAULT_DATA_DIR / "tours"
TRANSLATED = tuple(code for code in LANGUAGES if code != DEFAULT)  # a tour's texts have a key per language: fr, es
TOUR_TEXTS = ("title", "audience")
STEP_TEXTS = ("caption", "question")


def in_language(texts: Mapping[str, str], code: str | None = None) -> str:
    """One of a tour's texts in a language (the current view's by default); English when it has no translation. In
    the pseudo-locale the English text is wrapped like a translated string."""
    code = language() if code is None else code
    if code == PSEUDO:
        return f"{OPEN}{texts[DEFAULT]}{CLOSE}"
    return texts.get(code) or texts[DEFAULT]


@dataclass(frozen=True)
class Step:
    view: str
    query: dict[str, str]
    captions: dict[str, str]  # language code -> text; English ('en') always
    questions: dict[str, str]
    chart: str = ""  # the key of the one chart the step shows (a Chart of the view's build for this query)

    @property
    def caption(self) -> str:
        """The caption in the language of the view being built."""
        return in_language(self.captions)

    @property
    def question(self) -> str:
        return in_language(self.questions)

    def caption_in(self, code: str) -> str:
        return in_language(self.captions, code)

    def question_in(self, code: str) -> str:
        return in_language(self.questions, code)


@dataclass(frozen=True)
class Tour:
    id: str
    titles: dict[str, str]  # language code -> text; English ('en') always
    audiences: dict[str, str]
    steps: tuple[Step, ...]

    @property
    def title(self) -> str:
        """The title in the language of the view being built."""
        return in_language(self.titles)

    @property
    def audience(self) -> str:
        return in_language(self.audiences)

    def title_in(self, code: str) -> str:
        return in_language(self.titles, code)

    def audience_in(self, code: str) -> str:
        return in_language(self.audiences, code)


def _as_text(value) -> str:
    return ",".join(str(v) for v in value) if isinstance(value, list) else str(value)


def _texts(item: Mapping, key: str) -> dict[str, str]:
    """{'en': item[key], 'fr': item[key_fr], 'es': item[key_es]}, without the translations that are missing or empty."""
    texts = {DEFAULT: str(item.get(key) or "").strip()}
    for code in TRANSLATED:
        value = str(item.get(f"{key}_{code}") or "").strip()
        if value:
            texts[code] = value
    return texts


def _other_languages(item: Mapping, keys: tuple[str, ...], where: str) -> list[str]:
    """Keys such as 'caption_de' or 'title_EN': a translation into a language the Atlas does not have."""
    problems = []
    for key in item:
        base, sep, code = str(key).rpartition("_")
        if sep and base in keys and code not in TRANSLATED:
            problems.append(f"{where}: '{key}' is not a language of the Atlas; translations: "
                            f"{', '.join(f'{base}_{c}' for c in TRANSLATED)}")  # fmt: skip
    return problems


def read_tour(
    path: Path, vocabulary: Vocabulary | None = None, views: tuple[View, ...] | None = None
) -> tuple[Tour | None, list[str]]:
    """One tour file; problems as 'file: step N: message' (none means valid). Missing translations are not problems
    (see `untranslated`)."""
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
    problems += _other_languages(raw, TOUR_TEXTS, name)
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
        problems += _other_languages(item, STEP_TEXTS, where)
        query = {str(k): _as_text(v) for k, v in (item.get("query") or {}).items()}
        allowed = set(SHARED_PARAMS) | set(allowed_views[view].options)
        for key in query:
            if key not in allowed:
                problems.append(f"{where}: '{key}' is not a filter or option of the {view} view")
        if vocabulary is not None:
            shared = {k: v for k, v in query.items() if k in SHARED_PARAMS}
            problems += [f"{where}: {notice}" for notice in parse_query(shared, vocabulary).notices]
        steps.append(Step(view, query, _texts(item, "caption"), _texts(item, "question"),
                          str(item.get("chart") or "").strip()))  # fmt: skip
    if problems:
        return None, problems
    return Tour(raw["id"], _texts(raw, "title"), _texts(raw, "audience"), tuple(steps)), []


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


def untranslated(tours: Mapping[str, Tour], codes: tuple[str, ...] = TRANSLATED) -> list[str]:
    """The texts of valid tours that have no translation into these languages (they show in English), as
    'file: 'title_fr' is missing' and 'file: step N: 'caption_es' is missing'."""
    codes = tuple(c for c in codes if c in TRANSLATED)
    gaps = []
    for tour in tours.values():
        texts = [("", "title", tour.titles), ("", "audience", tour.audiences)]
        for n, step in enumerate(tour.steps, start=1):
            texts += [(f"step {n}: ", "caption", step.captions), (f"step {n}: ", "question", step.questions)]
        gaps += [f"{tour.id}.yaml: {where}'{key}_{code}' is missing" for where, key, found in texts for code in codes
                 if code not in found]  # fmt: skip
    return gaps


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
    """The URL query of a tour step (1-based): its filters and options, in presentation layout, and the language of
    the view being built when it is not English (`lang=fr`: the step opens in the language the tour was shown in)."""
    step = tour.steps[number - 1]
    query = {**step.query, "layout": "present", "tour": tour.id, "step": str(number)}
    if language() != DEFAULT:
        query["lang"] = language()
    return query


def step_address(
    tour: Tour, number: int, *, root: str = "", release: str = "", views: tuple[View, ...] | None = None
) -> str:
    """The address of a tour step (1-based), in presentation layout (with `lang=` as in step_query)."""
    return address(tour_views(views)[tour.steps[number - 1].view], step_query(tour, number), root=root, release=release)


TITLE = N_("Guided tours")
SUBTITLE = N_(
    "For workshops on a projector: each step opens a view with its filters, a caption and a question for the room, in "
    "large type without the sidebar. Move with the arrow keys; every step has its own address, so a facilitator can "
    "jump to a step or recover after a crash. Tours are YAML files in `data/tours/`."
)


def shown_tours(atlas: Atlas) -> tuple[dict[str, Tour], list[str]]:
    """The tours in TOURS_DIR (read at call time), checked against this dataset, and every problem in their files.
    (Cached without the language: a tour's texts are chosen when they are shown, the problems are for tour authors.)"""
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
    blocks: list[Block] = [
        Notice(_("Tour file problem: {problem}").format(problem=md(p)), kind="error", icon="error") for p in problems
    ]
    blocks += [
        Notice(_("Tour file without a translation: {problem}. The text is shown in English.").format(problem=md(p)),
               kind="warning", icon="translate")
        for p in untranslated(tours, (language(),))
    ]  # fmt: skip
    for tour in tours.values():
        n = len(tour.steps)
        blocks.append(Section(f"### {md(tour.title)}", [
            Text(ngettext("For: {audience} · {n} step", "For: {audience} · {n} steps", n).format(
                audience=md(tour.audience), n=n), caption=True),
            Text(step_list(tour)),
            Slot(slot_name(tour)),
        ], folded=False))  # fmt: skip
    return ViewContent(_(TITLE), _(SUBTITLE), blocks, asof=atlas.asof)
