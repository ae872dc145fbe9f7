"""What a reader sees, measured in Chromium rather than compared as pixels: the rendered height of
text, boxes and their overlaps, what is cut off without a sign that it scrolls, tap targets that
are too small, and the contrast between computed colours.

Every helper takes a Playwright page or locator and returns numbers or the list of what fails,
so that a test's assertion message says what is wrong and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Tap targets (WCAG 2.2, 2.5.8): 24 by 24 CSS px, or far enough from every other target that a
# 24 px circle centred on each touches none of the others.
TAP = 24


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right - 0.5
            and other.x < self.right - 0.5
            and self.y < other.bottom - 0.5
            and other.y < self.bottom - 0.5
        )

    def inside(self, other: Box, slack: float = 0.5) -> bool:
        return (
            self.x >= other.x - slack
            and self.right <= other.right + slack
            and self.y >= other.y - slack
            and self.bottom <= other.bottom + slack
        )


def box(locator: Any) -> Box:
    found = locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }"
    )
    return Box(*found)


def boxes(locator: Any) -> list[Box]:
    found = locator.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"
    )
    return [Box(*each) for each in found]


def overlapping(found: list[Box]) -> list[tuple[Box, Box]]:
    return [(one, other) for n, one in enumerate(found) for other in found[n + 1 :] if one.overlaps(other)]


# A JavaScript function: the glyph boxes of each non-blank text under an element (a range over
# the text, however the element around it is sized or scaled), one per line the text takes, as
# [text, top, bottom].
GLYPHS = """el => {
    const found = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
            if (rect.width > 0) found.push([node.textContent.trim(), rect.top, rect.bottom]);
        }
    }
    return found;
}"""

# A JavaScript function: the lines of text under an element, top to bottom, each as the [top,
# bottom] of the glyphs on it.
LINES = f"""el => {{
    const lines = [];
    for (const [, top, bottom] of ({GLYPHS})(el).sort((a, b) => a[1] - b[1])) {{
        const last = lines[lines.length - 1];
        if (last && top < last[1] - 2) {{ last[0] = Math.min(last[0], top); last[1] = Math.max(last[1], bottom); }}
        else lines.push([top, bottom]);
    }}
    return lines;
}}"""


def text_heights(locator: Any) -> list[tuple[str, float]]:
    """Each non-blank text under the located elements and the height it renders at: its glyph
    box, however the element around it is sized or scaled."""
    return locator.evaluate_all(
        f"els => els.flatMap(el => ({GLYPHS})(el).map(([text, top, bottom]) => [text, bottom - top]))"
    )


# Elements in `scope` whose content is wider than their box: a scroll box without the site's
# sign that it scrolls (edge shades: gradients attached to the scrolled content), or a box that
# cuts its content off without scrolling at all.
_CLIPPED = """scope => [...document.querySelectorAll(scope + ', ' + scope + ' *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
    .map(e => {
        const style = getComputedStyle(e);
        const scrolls = ['auto', 'scroll'].includes(style.overflowX);
        const clips = scrolls || ['hidden', 'clip'].includes(style.overflowX);
        const shaded = (style.backgroundImage.match(/gradient/g) || []).length >= 2
            && style.backgroundAttachment.includes('local');
        const name = e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
            ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
        return {name, clips, scrolls, shaded, text: e.textContent.trim().slice(0, 40),
                ellipsis: style.textOverflow === 'ellipsis'};
    })
    .filter(found => found.clips && !found.ellipsis && !(found.scrolls && found.shaded))
    .map(found => `${found.name} (${found.scrolls ? 'scrolls unshaded' : 'cut off'}): ${found.text}`)"""


def clipped_without_affordance(page: Any, scope: str = "article") -> list[str]:
    return page.evaluate(_CLIPPED, scope)


def small_tap_targets(page: Any, selector: str) -> list[str]:
    """The targets matching `selector` (visible ones) smaller than TAP by TAP whose TAP-wide
    circle reaches another target (WCAG 2.5.8 and its spacing exception)."""
    return page.evaluate(
        """([selector, tap]) => {
            const targets = [...document.querySelectorAll(selector)]
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width > 0 && r.height > 0);
            const near = (r, other) => {
                const cx = r.x + r.width / 2, cy = r.y + r.height / 2;
                const dx = Math.max(other.x - cx, 0, cx - (other.x + other.width));
                const dy = Math.max(other.y - cy, 0, cy - (other.y + other.height));
                return Math.hypot(dx, dy) < tap / 2;
            };
            return targets
                .filter(([e, r]) => r.width < tap - 0.5 || r.height < tap - 0.5)
                .filter(([e, r]) => targets.some(([o, other]) => o !== e && !o.contains(e) && !e.contains(o)
                    && near(r, other)))
                .map(([e, r]) => `${(e.textContent || e.getAttribute('aria-label') || e.outerHTML).trim().slice(0, 40)}`
                    + ` (${Math.round(r.width)} x ${Math.round(r.height)} px)`);
        }""",
        [selector, TAP],
    )


_COLOUR = re.compile(r"rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? /? ?([\d.]+))?\)")


def parse_colour(text: str) -> tuple[float, float, float, float]:
    """A computed CSS colour ("rgb(…)", "rgba(…)") as red, green, blue (0-255) and alpha (0-1)."""
    found = _COLOUR.search(text)
    assert found, f"not a computed colour: {text!r}"
    red, green, blue, alpha = found.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha is not None else 1.0


def over(colour: tuple[float, ...], background: tuple[float, ...]) -> tuple[float, float, float, float]:
    """`colour` painted over an opaque `background`."""
    alpha = colour[3]
    red, green, blue = (alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], background[:3], strict=True))
    return red, green, blue, 1.0


def contrast(one: tuple[float, ...], other: tuple[float, ...]) -> float:
    """WCAG's contrast ratio between two opaque colours."""

    def luminance(colour: tuple[float, ...]) -> float:
        def linear(channel: float) -> float:
            c = channel / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        red, green, blue = (linear(c) for c in colour[:3])
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def background_of(locator: Any) -> tuple[float, float, float, float]:
    """The opaque colour behind the located element: its own and its ancestors' backgrounds,
    composed from the page's up."""
    layers = locator.evaluate(
        """e => { const found = [];
            for (let at = e; at; at = at.parentElement) found.push(getComputedStyle(at).backgroundColor);
            return found; }"""
    )
    colour: tuple[float, ...] = (255.0, 255.0, 255.0, 1.0)
    for layer in reversed(layers):
        colour = over(parse_colour(layer), colour)
    return colour  # type: ignore[return-value]


def computed(locator: Any, prop: str, pseudo: str | None = None) -> str:
    return locator.evaluate(
        "(e, [p, pseudo]) => getComputedStyle(e, pseudo).getPropertyValue(p)", [prop, pseudo]
    )
