"""The Atlas in French and Spanish, in chromium (issue 20):
- every view opened in the pseudo-locale (`?lang=en-XA`) shows no visible text outside the ⟦ ⟧ markers that is not
  data: a hard-coded string would be read in English by a French or Spanish reader;
- a chart exported in French (SVG and PNG) has its title, legend and source line in French;
- the slide export of the charts with the longest French and Spanish labels keeps every label inside the picture
  and the legend's entries apart (bounding boxes measured in chromium).
"""

from __future__ import annotations

import re

import pytest

from components.content.registry import views
from components.data.i18n import speaking
from tests.helpers import NEEDS
from tests.pseudo import is_codes, is_data_excerpt, is_file_row, leftovers

pytestmark = pytest.mark.browser

# Every visible text node of the page (HTML and SVG), with what it is in: hidden nodes (display:none, visibility,
# zero size, aria-hidden decoration) and the parts no reader sees (scripts, styles) are left out.
VISIBLE_TEXT = """() => {
  const BLOCKS = 'p, li, td, th, h1, h2, h3, h4, h5, h6, label, button, summary, figcaption, caption, text, tspan, '
               + 'option, [role="option"], [data-testid="stMetricValue"], [data-testid="stMetricLabel"]';
  const seen = new Set();
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript, template, code, [aria-hidden="true"]')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
    const rects = el.getClientRects();
    if (!rects.length || (rects[0].width === 0 && rects[0].height === 0)) continue;
    const block = el.closest(BLOCKS) || el;  // a sentence is read whole, its bold and links included
    if (seen.has(block)) continue;
    seen.add(block);
    const copy = block.cloneNode(true);  // a file's column names in `code` are the file's own words
    copy.querySelectorAll('code').forEach(c => c.replaceWith(' '));
    const where = el.closest('[data-testid]');
    const cell = el.closest('td, th');
    const chrome = el.closest('[data-testid="stFileUploaderDropzone"]');  // Streamlit's own "Upload" button
    out.push([chrome ? 'stFileUploaderDropzone' : (where ? where.getAttribute('data-testid') : el.tagName),
              copy.textContent.trim(), cell ? cell.tagName : block.tagName]);
  }
  return out;
}"""
# Streamlit's own chrome around the Atlas (its status widget and toolbar: not the Atlas's words).
STREAMLIT_CHROME = {"stStatusWidget", "stToolbar", "stDecoration", "stAppDeployButton", "stMainMenu",
                    "stSkipToContent", "stSidebarNavViewButton", "stIconMaterial", "stExpanderIcon",
                    "stFileUploaderDropzone", "stTooltipIcon"}  # fmt: skip
# plotly's own words in a chart (its modebar's tooltips are not text nodes; "trace 0" would be a missing name)
PLOTLY_OWN = re.compile(r"^(?:[A-Z][a-z]{2} \d{4}|[A-Z][a-z]{2} \d{1,2}|\d{4})$")  # date ticks: numbers and months


def _address(view, lang: str) -> str:
    query = "&".join([*(f"{k}={v}" for k, v in NEEDS.get(view.name, {}).items()), f"lang={lang}"])
    return f"{view.path}?{query}"


def _rendered(page) -> None:
    page.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)


def _untranslated(page) -> dict[str, str]:
    found = {}
    for where, text, tag in page.evaluate(VISIBLE_TEXT):
        if where in STREAMLIT_CHROME or PLOTLY_OWN.match(text) or (where == "stPlotlyChart" and text == "Aa"):
            continue  # Streamlit's own words; plotly's date ticks and its legend's sample of a text trace
        if tag == "TD" and (is_codes(text) or is_data_excerpt(text) or is_file_row(text)):
            continue  # a cell may show a file's own codes (the data dictionary) or the start of a long note
        rest = leftovers(text)
        if rest:
            found[text[:120]] = f"{where}: {rest}"
    return found


@pytest.mark.parametrize("view", views(), ids=lambda v: v.name)
def test_every_view_reads_only_translated_text_or_data_in_the_pseudo_locale(server, page, view):
    page.goto(f"{server}/{_address(view, 'en-XA')}")
    _rendered(page)
    for toggle in page.locator('[data-testid="stExpander"] summary').all()[:12]:  # folded sections: their content too
        try:
            toggle.click(timeout=2000)
        except Exception:  # noqa: BLE001 (a section that moved away while the page redrew)
            continue
    _rendered(page)
    found = _untranslated(page)
    assert not found, "\n".join(f"{text!r} -> {rest}" for text, rest in found.items())


def test_a_french_page_reads_in_french(server, page):
    page.goto(f"{server}/signatories?lang=fr")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    _rendered(page)
    body = page.inner_text("body")
    assert "Signataires" in body and "Filtres" in body and "Télécharger ou citer ce graphique" in body, body[:600]
    page.wait_for_function("() => document.documentElement.lang === 'fr'", timeout=10_000)  # WCAG 3.1.1, not 'en'
    page.goto(f"{server}/signatories?lang=es")
    page.wait_for_function("() => document.documentElement.lang === 'es'", timeout=60_000)


# ---------------------------------------------------------------- exports in French and Spanish


def _chart(view_name: str, key: str, lang: str, atlas):
    from components.content.registry import view

    with speaking(lang):
        return view(view_name).build(atlas).charts[key]


def _svg_texts(svg: bytes) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg.decode(), flags=re.S)]


def test_a_chart_exported_in_french_has_a_french_title_legend_and_source_line(bundled_atlas):
    from components.export.images import image_bytes

    chart = _chart("overview", "legal_force_chart", "fr", bundled_atlas)
    with speaking("fr"):
        svg = image_bytes(chart.figure, fmt="svg", size="slide", url="https://atlas.example/?lang=fr")
        png = image_bytes(chart.figure, fmt="png", size="slide")
    texts = " ".join(_svg_texts(svg))
    assert chart.title in texts and "Instruments par force juridique" in texts, texts[:400]
    assert "Juridiquement contraignant" in texts  # a legal-force label
    assert re.search(r"Source\s:\sAtlas de la gouvernance de l.IA\s;\sdonnées au", texts), texts[-600:]
    assert re.search(r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
                     r" \d{4}", texts), "the date in French"
    assert png.startswith(b"\x89PNG")


# The charts whose labels grow most in French and Spanish: long vocabulary labels on axes and legends.
LONG_LABELS = [("overview", "legal_force_chart"), ("timeline", "timeline_chart"), ("landscape", "heatmap_chart"),
               ("landscape", "cumulative_chart"), ("institutes", "institutes_chart")]

# Each text element's box in the exported SVG, measured by chromium: [text, x, y, width, height, in legend].
BOXES = """() => {
  const svg = document.querySelector('svg');
  const box = svg.getBoundingClientRect();
  return [[box.width, box.height], Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return [t.textContent, r.x - box.x, r.y - box.y, r.width, r.height, !!t.closest('.legend'),
            !!t.closest('.infolayer .annotation')];
  })];
}"""


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("case", LONG_LABELS, ids=lambda c: c[1])
def test_the_longest_labels_stay_inside_the_slide_and_apart(browser, bundled_atlas, lang, case):
    from components.export.images import image_bytes

    chart = _chart(*case, lang, bundled_atlas)
    with speaking(lang):
        svg = image_bytes(chart.figure, fmt="svg", size="slide", url=f"https://atlas.example/{case[0]}?lang={lang}")
    page = browser.new_context(viewport={"width": 1700, "height": 1000}).new_page()
    page.set_content(f"<html><body style='margin:0'>{svg.decode()}</body></html>")
    (width, height), boxes = page.evaluate(BOXES)
    page.context.close()
    outside = [b[0] for b in boxes if b[1] < -1 or b[2] < -1 or b[1] + b[3] > width + 1 or b[2] + b[4] > height + 1]
    assert not outside, f"labels cut at the slide's edge: {outside}"
    legend = [b for b in boxes if b[5]]
    overlaps = [
        (a[0], b[0]) for i, a in enumerate(legend) for b in legend[i + 1:]
        if a[1] < b[1] + b[3] - 1 and b[1] < a[1] + a[3] - 1 and a[2] < b[2] + b[4] - 1 and b[2] < a[2] + a[4] - 1
    ]  # fmt: skip
    assert not overlaps, f"legend entries drawn over each other: {overlaps}"
    if case[1] in ("timeline_chart", "cumulative_chart", "institutes_chart"):
        assert len(legend) >= 2, "the legend was drawn"
