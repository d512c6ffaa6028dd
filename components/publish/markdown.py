"""The Markdown the views' content writes, as HTML: bold, emphasis, code, links and line breaks, nothing else.

A view's text blocks are Markdown in which data text is already escaped (components/text.md), so every character a
backslash escapes is shown as written; the Atlas's own markup is the only markup. Anything this renderer does not
know stays text, and a link becomes one only when its target is http(s) or a view of the live Atlas.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

Resolver = Callable[[str], str]  # a link's target -> its href, or "" when it must stay text

HTTP = re.compile(r"^https?://", re.IGNORECASE)
_INLINE = {"**": "strong", "*": "em"}


def http_only(target: str) -> str:
    """The target when it is an http(s) address, else '' (javascript:, data:, relative paths stay text)."""
    return target if HTTP.match(target) else ""


def _closing_bracket(text: str, start: int) -> int:
    """The index of the first unescaped ']' from start, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "]":
            return i
        i += 1
    return -1


def _link(text: str, i: int, resolve: Resolver) -> tuple[Markup, int] | None:
    """A '[label](target)' starting at i, as HTML and the index after it; None when there is none."""
    close = _closing_bracket(text, i + 1)
    if close < 0 or not text.startswith("(", close + 1):
        return None
    end = text.find(")", close + 2)
    if end < 0:
        return None
    label = inline(text[i + 1 : close], resolve)
    href = resolve(text[close + 2 : end].strip())
    html = Markup('<a href="{}">{}</a>').format(href, label) if href else label
    return html, end + 1


def inline(text: str, resolve: Resolver = http_only) -> Markup:
    """One Markdown paragraph as HTML (escaped): '**2** of *5*' -> '<strong>2</strong> of <em>5</em>'."""
    out: list[str] = []
    stack: list[str] = []  # open tags, innermost last
    i = 0
    while i < len(text):
        char = text[i]
        if text.startswith(("  \n", "\\\n"), i):  # a hard line break
            out.append("<br>")
            i += 3 if char == " " else 2
        elif char == "\\" and i + 1 < len(text) and not text[i + 1].isalnum() and text[i + 1].isascii():
            out.append(escape(text[i + 1]))
            i += 2
        elif char == "`" and text.find("`", i + 1) > i:
            end = text.find("`", i + 1)
            out.append(Markup("<code>{}</code>").format(text[i + 1 : end]))
            i = end + 1
        elif char == "*":
            marker = "**" if text.startswith("**", i) else "*"
            _toggle(_INLINE[marker], stack, out)
            i += len(marker)
        elif char == "[" and (link := _link(text, i, resolve)):
            out.append(link[0])
            i = link[1]
        else:
            out.append(escape(" " if char == "\n" else char))
            i += 1
    out += [f"</{tag}>" for tag in reversed(stack)]
    return Markup("".join(out))


def _toggle(tag: str, stack: list[str], out: list[str]) -> None:
    """Open the tag, or close it (and any tag opened inside it), so the HTML stays well nested."""
    if tag not in stack:
        stack.append(tag)
        out.append(f"<{tag}>")
        return
    while stack:
        inner = stack.pop()
        out.append(f"</{inner}>")
        if inner == tag:
            return
