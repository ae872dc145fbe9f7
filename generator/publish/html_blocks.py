"""The generator's HTML blocks, set aside while Python-Markdown converts a page, then put back.

A generated page is mostly HTML blocks (listings, links, the citation box) around the few parts
that are Markdown (a record's notes, the headings of the table of contents). Python-Markdown
passes an HTML block through unchanged, but only after two `html.parser` passes over the whole
page (its own block extractor and MkDocs' anchor scan), which cost more than the rest of the
conversion. So the page-by-page build (`publish/mkdocs_pages.py`) replaces each such block by a
one-word paragraph, converts what is left, and puts the blocks back where their paragraphs are:
the HTML is what MkDocs' own build makes of the same page, byte for byte (tests/test_page_build.py
compares the two), at the cost of the Markdown a contributor wrote.

A block is set aside only when Python-Markdown would surely pass it through as it is: a chunk
between blank lines (or the page's ends) whose first line starts, at its first column, with the
opening tag of a block-level element that has no `markdown` attribute, and whose last line ends
with that element's closing tag. Records cannot hold raw HTML (`records/body_policy.py`), so
only the generator and the hand-written pages make such chunks; anything else is left to Markdown.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

# Block-level elements the generator writes (Python-Markdown treats each as a block too).
_OPENING = re.compile(
    r"<(div|nav|ul|ol|dl|p|figure|section|table|pre|blockquote|aside|details|form|h[1-6])"
    r"(?=[\s>])([^>]*)>"
)
_MARKDOWN_ATTRIBUTE = re.compile(r"""(?:^|\s)markdown(?:\s*=|\s|$)""")
_ANCHOR = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)="([^"]*)\"""")


@dataclass(frozen=True)
class SetAside:
    """A page's Markdown with its HTML blocks replaced by placeholder words, and the blocks."""

    markdown: str
    blocks: tuple[str, ...]
    token: str  # the placeholders are `token` followed by the block's number

    def restore(self, html: str) -> str:
        """The converted page with each placeholder paragraph replaced by its block."""
        if not self.blocks:
            return html
        # Python-Markdown keeps a block with the line break that ends it, then strips the page.
        restored = re.sub(
            rf"<p>{self.token}(\d+)</p>", lambda found: self.blocks[int(found.group(1))] + "\n", html
        )
        return restored.strip()

    def anchors(self) -> set[str]:
        """The ids (and `<a name>`s) in the blocks: what links to this page may name after "#"."""
        return {anchor for block in self.blocks for anchor in _ANCHOR.findall(block)}


def set_aside(markdown: str) -> SetAside:
    """Replace every HTML block of `markdown` that Markdown would pass through by a placeholder."""
    # A placeholder no page can hold by chance: letters and digits only, so Markdown keeps it
    # as one word of a paragraph of its own.
    token = "htmlblock" + secrets.token_hex(8)
    chunks = markdown.split("\n\n")
    blocks: list[str] = []
    for index, chunk in enumerate(chunks):
        core = chunk.strip("\n")
        if core.startswith("<") and _passed_through(core):
            before = len(chunk) - len(chunk.lstrip("\n"))
            after = len(chunk) - len(chunk.rstrip("\n"))
            chunks[index] = "\n" * before + f"{token}{len(blocks)}" + "\n" * after
            blocks.append(core)
    return SetAside("\n\n".join(chunks), tuple(blocks), token)


def _passed_through(chunk: str) -> bool:
    opening = _OPENING.match(chunk)
    if opening is None or _MARKDOWN_ATTRIBUTE.search(opening.group(2)):
        return False
    return chunk.endswith(f"</{opening.group(1)}>")
