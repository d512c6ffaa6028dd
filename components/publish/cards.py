"""A page's preview card for OpenGraph and Twitter: a 1200×630 PNG (og.png beside the page's index.html) naming the
Atlas, the page's kind, its title, one line the page already says, and the data's date and release.

Drawn in Source Sans, the live app's own type, from the font file Streamlit installs (Pillow reads its WOFF2), so
the cards are the same on any machine, whatever fonts it has; Latin letters with their accents, dashes and quotes
included. Without that file, Pillow's bundled font (Aileron, ASCII and a few marks) is used, and a letter it lacks is
drawn without its accent ('Türkiye' -> 'Turkiye'), a dash as '-'; a character neither font has is drawn as '?' (the
card's alt text, in the page's meta, keeps the data's own characters). Data text is drawn as text: markup in it is
letters on the card.
"""

from __future__ import annotations

import importlib.util
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from textwrap import shorten
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from components.data.dates import in_words
from components.data.i18n import N_, _, ngettext
from components.data.labels import label, number

if TYPE_CHECKING:
    from components.publish.site import Site

WIDTH, HEIGHT = 1200, 630  # what OpenGraph and Twitter's summary_large_image show at full size (1.91:1)
NAME = "og.png"  # beside the page's index.html
SITE_NAME = N_("AI Governance Atlas")  # the default brand (a card is drawn in its page's language: Card.brand)
# Colours, as WCAG contrast ratios (AA asks 4.5:1 for text); tests/unit/test_publish_cards.py checks every pair drawn
INK = "#1f2933"  # the title and the date: 14.8:1 on white, 13.1:1 on the band
BLUE = "#0b5394"  # the Atlas's accent (its name, the bar down the left edge): 7.8:1 on white
MUTED = "#52606d"  # the kind and the key line: 6.5:1 on white
PAPER = "#ffffff"
BAND = "#eef2f6"  # the footer band (light grey-blue)

MARGIN = 72  # left and right
TEXT_WIDTH = WIDTH - 2 * MARGIN
ACCENT = 16  # the blue bar down the left edge
BAND_TOP = 540
# (size in px, line height, most lines) of each text block
BRAND, KIND, TITLE, LINE, FOOTER = (34, 40, 1), (30, 36, 1), (60, 72, 3), (34, 44, 3), (28, 34, 1)
TITLE_TOP = 170
WEIGHTS = {TITLE[0]: 600}  # font weight by size (Source Sans' axis): the title semibold, the rest regular (400)
ELLIPSIS = "…"

KIND_OF = {"instruments": N_("Instrument"), "parties": N_("Party"), "institutes": N_("AI safety institute"),
           "events": N_("Summit or meeting")}  # fmt: skip
DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z0-9“\"(])")  # not after 'U.S.'


@cache
def _source_sans() -> Path | None:
    """Streamlit's Source Sans (the app's type), a variable font in WOFF2, if this Streamlit ships it. Only the file is
    read: the package is located, not imported (the publishing layer runs without Streamlit)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        return None
    media = Path(spec.origin).parent / "static" / "static" / "media"
    return next(iter(sorted(media.glob("SourceSansVF-Upright*.woff2"))), None)


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """The cards' font at a size, made once per size: Source Sans (semibold for the title, regular for the rest; the
    variable font's own default is its thinnest), else Pillow's bundled font."""
    path = _source_sans()
    if path is not None:
        try:
            face = ImageFont.truetype(path, size)
            face.set_variation_by_axes([WEIGHTS.get(size, 400)])
            return face
        except OSError:  # a Pillow built without WOFF2 (Brotli) support
            pass
    return ImageFont.load_default(size=size)


@cache
def _notdef() -> bytes:
    return bytes(font(20).getmask("\ue000"))  # a private-use character: no font has it, so this is the missing box


@cache
def drawable(char: str) -> bool:
    """Whether the bundled font has a glyph for `char` (its mask is not the missing-glyph box)."""
    return char.isspace() or bytes(font(20).getmask(char)) != _notdef()


@cache
def fold_char(char: str) -> str:
    if drawable(char):
        return char
    category = unicodedata.category(char)
    if category == "Cf":  # word joiners, zero-width spaces, direction marks: nothing to draw
        return ""
    if category.startswith(("C", "Z")):  # control characters, line and paragraph separators
        return " "
    if char.translate(DASHES) != char:
        return "-"
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(drawable(c) for c in base) else "?"


def fold(text: str) -> str:
    """`text` in characters the bundled font draws, its white space collapsed."""
    return " ".join("".join(fold_char(c) for c in str(text)).split())


def fits(text: str, size: int, width: int = TEXT_WIDTH) -> bool:
    """Whether `text`'s ink, drawn from the margin, ends within `width`."""
    return font(size).getbbox(text)[2] <= width


def most(fit, n: int) -> int:
    """The largest k in 0..n with fit(k), fit being true up to some k and false after (a binary search: a line is
    measured a few times, not once per word)."""
    low, high = 0, n
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fit(middle) else (low, middle - 1)
    return low


def wrap(text: str, size: int, lines: int, width: int = TEXT_WIDTH) -> list[str]:
    """`text` (folded) broken into at most `lines` lines that each fit `width` at `size`: at spaces, inside a word
    too long for a line, and the last line ending in an ellipsis when the text is longer."""
    words, out, i = fold(text).split(), [], 0
    while i < len(words) and len(out) < lines:
        n = most(lambda k, start=i: fits(" ".join(words[start : start + k]), size, width), len(words) - i)
        if n == 0:  # a word wider than the line: break it where it fills the line
            word = words[i]
            cut = max(1, most(lambda k, word=word: fits(word[:k], size, width), len(word)))
            out.append(word[:cut])
            words[i] = word[cut:]
            continue
        out.append(" ".join(words[i : i + n]))
        i += n
    if out and i < len(words):  # more than fits: the last line ends in an ellipsis
        last = out[-1]
        while last and not fits(last + ELLIPSIS, size, width):  # drop its last word (or letter, in a broken word)
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last.rstrip(" ,;:-") + ELLIPSIS
    return out


def first_sentence(text: str) -> str:
    return SENTENCE_END.split(" ".join(str(text).split()), maxsplit=1)[0]


@dataclass(frozen=True)
class Card:
    """What a page's card says; `image()` draws it, `png()` is its file."""

    kind: str
    title: str
    line: str  # one thing the page says: a count, or its description's first sentence
    footer: str  # 'Data as of 1 December 2026 · release 2026.11.1'
    brand: str = SITE_NAME  # the Atlas's name in the page's language

    @property
    def alt(self) -> str:
        """The card's text in reading order, with the data's own characters: the image's alt text. A long title or
        line is shortened as the card shortens it, so the whole stays within Twitter's 420 characters."""
        title, line = (
            shorten(text, width, placeholder=ELLIPSIS) for text, width in ((self.title, 170), (self.line, 130))
        )
        return " · ".join(p for p in (self.brand, self.kind, title, line, self.footer) if p)

    def blocks(self) -> list[Block]:
        """The card's text, top to bottom: the fixed blocks (the Atlas, the kind, the date) and the page's own."""
        brand, kind, footer = fixed_blocks(self.kind, self.footer, self.brand)
        title = Block(TITLE, INK, tuple(wrap(self.title, TITLE[0], TITLE[2])), TITLE_TOP)
        top = TITLE_TOP + TITLE[1] * len(title.lines) + 24
        room = min(LINE[2], (BAND_TOP - 24 - top) // LINE[1])  # 3 lines under a short title, 2 under a long one
        line = Block(LINE, MUTED, tuple(wrap(self.line, LINE[0], room)), top)
        return [brand, kind, title, line, footer]

    def image(self) -> Image.Image:
        """The card as a palette image (a third of the bytes of RGB to draw and compress: 5 ms a card rather than
        40, measured): drawn as palette indices in an L image, each block's text antialiased along its ramp (PAIRS),
        then given the palette."""
        canvas = background(self.kind, self.footer, self.brand).copy()  # shared background: drawn on a copy
        for block in self.blocks()[2:4]:
            block.draw(canvas)
        image = canvas.convert("P")  # L to P keeps each value as the index (with a grey palette, replaced here)
        image.putpalette(PALETTE)
        return image

    def png(self) -> bytes:
        out = io.BytesIO()
        # zlib level 3: 3 ms a card and about 30 kB; level 6 takes 9 ms for 26 kB, level 9 70 ms (measured)
        self.image().save(out, "PNG", optimize=False, compress_level=3)
        return out.getvalue()


# The palette: for each text colour on its background, LEVELS steps from the background (0) to the colour. Drawing
# a block's text in an L image whose region is filled with its ramp's level 0, with its ramp's last level as the ink,
# blends the two as Pillow blends colours, and gives the palette index of each pixel.
PAIRS = ((BLUE, PAPER), (MUTED, PAPER), (INK, PAPER), (INK, BAND))
LEVELS = 256 // len(PAIRS)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _palette() -> list[int]:
    out: list[int] = []
    for colour, ground in PAIRS:
        fg, bg = _rgb(colour), _rgb(ground)
        for level in range(LEVELS):
            out += [round(b + (f - b) * level / (LEVELS - 1)) for f, b in zip(fg, bg, strict=True)]
    return out


PALETTE = _palette()


@dataclass(frozen=True)
class Block:
    """Lines of text in one size and colour, from `top`; `spec` is (size, line height, most lines)."""

    spec: tuple[int, int, int]
    colour: str
    lines: tuple[str, ...]
    top: int

    @property
    def box(self) -> tuple[int, int, int, int]:
        """Where its text is drawn: the lines' height (each size's ascent and descent fit its line height)."""
        return MARGIN - 8, self.top, WIDTH, self.top + self.spec[1] * len(self.lines)

    def draw(self, canvas: Image.Image) -> None:
        if not self.lines:
            return
        start = PAIRS.index((self.colour, BAND if self.top >= BAND_TOP else PAPER)) * LEVELS
        draw = ImageDraw.Draw(canvas)
        draw.rectangle(self.box, fill=start)  # the same colour as the card there, as the ramp's level 0
        for i, text in enumerate(self.lines):
            draw.text((MARGIN, self.top + i * self.spec[1]), text, font=font(self.spec[0]), fill=start + LEVELS - 1)


@lru_cache(maxsize=48)
def fixed_blocks(kind: str, footer: str, brand: str = SITE_NAME) -> tuple[Block, Block, Block]:
    """The blocks every page of a kind shares: the Atlas's name, the kind, the date (centred on the band); all three
    in the page's language (the arguments are the cache's key)."""
    footer_top = BAND_TOP + (HEIGHT - BAND_TOP - FOOTER[1]) // 2
    return (
        Block(BRAND, BLUE, tuple(wrap(brand, BRAND[0], BRAND[2])), 58),
        Block(KIND, MUTED, tuple(wrap(kind, KIND[0], KIND[2])), 106),
        Block(FOOTER, INK, tuple(wrap(footer, FOOTER[0], FOOTER[2])), footer_top),
    )


@lru_cache(maxsize=48)
def background(kind: str, footer: str, brand: str = SITE_NAME) -> Image.Image:
    """The card without its page's title and line (as palette indices): white, the blue bar down the left edge, the
    grey band at the foot, the Atlas's name, the kind and the date (the same on every page of a kind)."""
    canvas = Image.new("L", (WIDTH, HEIGHT), PAIRS.index((BLUE, PAPER)) * LEVELS)  # level 0: white
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, BAND_TOP, WIDTH, HEIGHT), fill=PAIRS.index((INK, BAND)) * LEVELS)  # level 0: the band
    draw.rectangle((0, 0, ACCENT - 1, HEIGHT), fill=PAIRS.index((BLUE, PAPER)) * LEVELS + LEVELS - 1)  # all blue
    for block in fixed_blocks(kind, footer, brand):
        block.draw(canvas)
    return canvas


def key_line(site: Site, path: str, title: str, description: str) -> str:
    """The one line a page's card adds to its title: an instrument's legal force and count, an index's or the home
    page's counts, else the first sentence of the page's description (without the title it may start with)."""
    atlas = site.atlas
    folder, _sep, record = path.strip("/").partition("/")
    n = {"instruments": len(atlas.instruments), "parties": len(site.party_pages), "institutes": len(atlas.institutes),
         "events": len(atlas.events)}  # fmt: skip
    counts = {
        "instruments": ngettext("{n} instrument", "{n} instruments", n["instruments"]),
        "parties": ngettext("{n} party", "{n} parties", n["parties"]),
        "institutes": ngettext("{n} AI safety institute", "{n} AI safety institutes", n["institutes"]),
        "events": ngettext("{n} summit or meeting", "{n} summits and meetings", n["events"]),
    }
    counts = {folder: text.format(n=number(n[folder])) for folder, text in counts.items()}
    if not path:
        return " · ".join(counts.values())
    if not record:
        if folder not in counts:
            return first_sentence(description)
        if folder == "parties":
            return ngettext("{n} party with a recorded action", "{n} parties with a recorded action",
                            n["parties"]).format(n=number(n["parties"]))  # fmt: skip
        return counts[folder]
    if folder == "instruments" and record in site.counts.index:
        counted = int(site.counts.at[record, "counted"])
        force = atlas.instruments.set_index("id").at[record, "legal_force"]
        if counted:
            parties = ngettext("{n} party counted", "{n} parties counted", counted).format(n=number(counted))
            return f"{label(str(force))} · {parties}"
    sentence = first_sentence(description)
    for lead in (f"{title}: ", f"{title}\u00a0: ", f"{title} : "):  # 'AI Action Summit: AI Safety Summit series, …'
        if sentence.startswith(lead):  # (French writes a space before the colon)
            sentence = sentence[len(lead) :]
            sentence = sentence[:1].upper() + sentence[1:]
            break
    return sentence


def card_for(site: Site, path: str, title: str, description: str) -> Card:
    """The card of the page at `path` ('' for the home page, 'instruments/' for an index, 'parties/BRA/')."""
    folder, _sep, record = path.strip("/").partition("/")
    if not path:
        kind = _("Overview")
    elif not record:
        kind = _("Index")
    else:
        kind = _(KIND_OF[folder]) if folder in KIND_OF else _("Page")
    footer = _("Data as of {date}").format(date=in_words(site.atlas.asof))
    if site.release:
        footer += " · " + _("release {release}").format(release=site.release)
    return Card(kind=kind, title=title, line=key_line(site, path, title, description), footer=footer,
                brand=_(SITE_NAME))  # fmt: skip
