"""Hostile record files (synthetic, for tests and bench/hostile.py), each with what `check` must say.

Every case writes its files under a content/ folder; `expected` holds the exact lines
`briefing check` prints for it, before the summary line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEAD = (
    "---\n"
    "title: Synthetic hostile record\n"
    "date: 2025-03-04\n"
    "themes: [diplomacy]\n"
    "source:\n"  # with an archived copy, in the lines it had without (tests/conftest.py's record_text)
    "  {name: Test Wire, archived: https://archive.example.org/web/2025/https://example.org/test,\n"
    "  url: https://example.org/test}\n"
    "summary: A synthetic record that tries to break the generator.\n"
)
NAME = "2025/2025-03-04-synthetic-hostile.md"
SHOWN = f"content/{NAME}"


@dataclass(frozen=True)
class Hostile:
    name: str
    what: str
    make: Callable[[Path], None]  # writes the case into the given content/ folder
    expected: tuple[str, ...]


def remove_tree(folder: Path) -> None:
    """shutil.rmtree without recursion: Python 3.11's recurses, and the deep-folders case is deeper."""
    pending = [folder]
    while pending:
        current = pending[-1]
        children = [Path(entry.path) for entry in os.scandir(current)]
        subfolders = [child for child in children if child.is_dir() and not child.is_symlink()]
        for child in children:
            if child not in subfolders:
                child.unlink()
        if subfolders:
            pending += subfolders
        else:
            current.rmdir()
            pending.pop()


def _write(relative: str | bytes, data: str | bytes) -> Callable[[Path], None]:
    def make(content: Path) -> None:
        path = Path(os.fsdecode(os.path.join(os.fsencode(content), os.fsencode(relative))))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return make


def _record(front: str = "", body: str = "Synthetic body.\n") -> Callable[[Path], None]:
    return _write(NAME, HEAD + front + "---\n\n" + body)


def _billion_laughs() -> str:
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"lol{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _symlink_outside(content: Path) -> None:
    outside = content.parent / "outside-secret.md"
    outside.write_text(HEAD + "---\n\nNot in content/.\n", encoding="utf-8")
    (content / "2025").mkdir(parents=True, exist_ok=True)
    (content / NAME).symlink_to(outside)


def _linked_folder(content: Path) -> None:
    outside = content.parent / "outside-folder"
    outside.mkdir(exist_ok=True)
    (outside / "2025-03-04-synthetic-elsewhere.md").write_text(HEAD + "---\n\nBody.\n", encoding="utf-8")
    content.mkdir(parents=True, exist_ok=True)
    (content / "linked").symlink_to(outside, target_is_directory=True)


def _deep_folders(content: Path) -> None:
    folder = content
    for _ in range(1_500):  # deeper than Python's recursion limit, within PATH_MAX
        folder = folder / "a"
        folder.mkdir(parents=True)
    (folder / "2025-03-04-synthetic-deep.md").write_text(HEAD + "---\n\nBody.\n", encoding="utf-8")


def _fifo(content: Path) -> None:
    (content / "2025").mkdir(parents=True, exist_ok=True)
    os.mkfifo(content / NAME)


def _huge(content: Path) -> None:
    (content / "2025").mkdir(parents=True, exist_ok=True)
    with open(content / NAME, "wb") as out:
        out.write(HEAD.encode() + b"---\n\n")
        out.write(b"x" * (20 * 1024 * 1024))


RAW = "raw HTML is not allowed in a record body (found {0!r}); write Markdown, put code in `backticks`, or write &lt; for a literal <"
SCHEME = "link target {0!r} uses the {1}: scheme; only http, https and mailto links, or links to other pages, are allowed"

CASES: tuple[Hostile, ...] = (
    Hostile(
        "alias-bomb",
        "YAML alias bomb (billion laughs, 9 levels of 9)",
        _record(_billion_laughs()),
        (f"{SHOWN}:9: YAML anchors and aliases (& and *) are not allowed",),
    ),
    Hostile(
        "huge-file",
        "a 20 MB record",
        _huge,
        (f"{SHOWN}:1: file is 20,971,795 bytes; a record may be at most 262,144",),
    ),
    Hostile(
        "deep-nesting",
        "100,000 nested `[`",
        _record("deep: " + "[" * 100_000 + "\n"),
        (f"{SHOWN}:9: nested more than 8 levels deep",),
    ),
    Hostile(
        "python-tag",
        "YAML tag !!python/object/apply:os.system",
        _record("people: !!python/object/apply:os.system ['echo pwned']\n"),
        (f"{SHOWN}:9: YAML tag '!!python/object/apply:os.system' is not allowed",),
    ),
    Hostile(
        "many-keys",
        "15,000 keys in the front-matter",
        _record("".join(f"key{n}: value\n" for n in range(15_000))),
        (f"{SHOWN}:204: more than 200 keys in one mapping",),
    ),
    Hostile(
        "long-list",
        "a list of 30,000 names",
        _record("people: [" + ", ".join(f"P{n}" for n in range(30_000)) + "]\n"),
        (f"{SHOWN}:9: more than 200 items in one list",),
    ),
    Hostile(
        "long-line",
        "a 250,000-character title on one line",
        _write(NAME, HEAD.replace("Synthetic hostile record", "T" * 250_000) + "---\n\nBody.\n"),
        (f"{SHOWN}:2: 'title' is too long: at most 300 characters",),
    ),
    Hostile(
        "nul-byte",
        "a NUL byte in the body",
        _write(NAME, HEAD + "---\n\nBody with a \x00 NUL.\n"),
        (f"{SHOWN}:11: the file contains a NUL byte; is it really text?",),
    ),
    Hostile(
        "not-utf8",
        "Latin-1 bytes in the summary",
        _write(NAME, HEAD.encode().replace(b"tries", b"tri\xe9s") + b"---\n\nBody.\n"),
        (f"{SHOWN}:8: not UTF-8 text (byte 0xe9); save the file as UTF-8",),
    ),
    Hostile(
        "symlink-outside",
        "a record that is a symbolic link to a file outside content/",
        _symlink_outside,
        (f"{SHOWN}:1: records must be regular files, not symbolic links",),
    ),
    Hostile(
        "linked-folder",
        "a folder under content/ that is a symbolic link",
        _linked_folder,
        (
            "content/linked:1: folders under content/ must not be symbolic links; its records would be skipped",
        ),
    ),
    Hostile(
        "deep-folders",
        "a record 1,500 folders deep (os.walk in Python 3.11 recurses)",
        _deep_folders,
        (
            "content/a/a/a/a/a/a/a/a/a:1: folders nested more than 8 deep under content/; "
            "its records would be skipped",
        ),
    ),
    Hostile(
        "fifo",
        "a named pipe called *.md",
        _fifo,
        (f"{SHOWN}:1: records must be regular files",),
    ),
)


def _named(name: str | bytes) -> Callable[[Path], None]:
    return _write(name, HEAD + "---\n\nBody.\n")


BAD_NAME = (
    "bad file name {0}: use lowercase letters, digits and single hyphens, "
    "e.g. 2025-06-02-umerov-istanbul-positions.md"
)

CASES += (
    Hostile(
        "dot-dot-name",
        "a file name with `..`",
        _named("2025/a..b.md"),
        ("content/2025/a..b.md:1: " + BAD_NAME.format("'a..b.md'"),),
    ),
    Hostile(
        "space-name",
        "a file name with a space",
        _named("2025/with space.md"),
        ("content/2025/with space.md:1: " + BAD_NAME.format("'with space.md'"),),
    ),
    Hostile(
        "tab-name",
        "a file name with a tab",
        _named("2025/with\ttab.md"),
        ("content/2025/with\\ttab.md:1: " + BAD_NAME.format("'with\\ttab.md'"),),
    ),
    Hostile(
        "newline-name",
        "a file name with a newline",
        _named("2025/new\nline.md"),
        ("content/2025/new\\nline.md:1: " + BAD_NAME.format("'new\\nline.md'"),),
    ),
    Hostile(
        "bytes-name",
        "a file name that is not UTF-8",
        _named(b"2025/\xff\xfe.md"),
        ("content/2025/\\xff\\xfe.md:1: " + BAD_NAME.format("'\\xff\\xfe.md'"),),
    ),
)

_LONG_DATE = "'updated' must be a date written YYYY-MM-DD, got '" + "9" * 100_000 + "'"
CASES += (
    Hostile(
        "long-value-in-message",
        "a 100,000-digit date (the message quotes it, clipped)",
        _record("updated: " + "9" * 100_000 + "\n"),
        (f"{SHOWN}:9: " + _LONG_DATE[:299] + "…",),
    ),
)

# Bodies that would make Python-Markdown (and so the build) take minutes or overflow its stack.
CASES += (
    Hostile(
        "bracket-flood",
        "20,000 `[` in the body (Python-Markdown is quadratic in them)",
        _record(body="[" * 20_000 + "\n"),
        (f"{SHOWN}:10: the body has 20000 '[' characters; at most 200 are allowed",),
    ),
    Hostile(
        "backtick-run",
        "2,000 backticks in a row (Python-Markdown is cubic: 34 s)",
        _record(body="`" * 2_000 + "\n"),
        (
            f"{SHOWN}:10: the body has 2000 '`' characters; at most 400 are allowed",
            f"{SHOWN}:11: more than 16 backticks in a row",
        ),
    ),
    Hostile(
        "nested-lists",
        "lists nested 1,000 deep (RecursionError in Python-Markdown)",
        _record(body="1. " * 1_000 + "x\n"),
        (f"{SHOWN}:11: lists or quotes nested more than 8 deep",),
    ),
)

# Body text that must never reach a page, each with the exact problem `check` reports.
BODY_VECTORS: dict[str, tuple[str, str]] = {
    "script": ("Text <script>alert('body')</script> more.\n", f"{SHOWN}:11: " + RAW.format("<script")),
    "onerror": ('<img src="x" onerror="alert(1)">\n', f"{SHOWN}:11: " + RAW.format("<img")),
    "iframe": ('<iframe src="https://example.org/"></iframe>\n', f"{SHOWN}:11: " + RAW.format("<iframe")),
    "svg-onload": ("Fine line.\n\n<svg onload=alert(1)>\n", f"{SHOWN}:13: " + RAW.format("<svg")),
    "comment": ("<!-- hidden note -->\n", f"{SHOWN}:11: " + RAW.format("<!")),
    "javascript-link": (
        "[click](javascript:alert(1))\n",
        f"{SHOWN}:11: " + SCHEME.format("javascript:alert(1", "javascript"),
    ),
    "code-span-link": (
        "[click](`javascript:alert(1)`)\n",
        f"{SHOWN}:11: " + SCHEME.format("`javascript:alert(1", "javascript"),
    ),
    "obfuscated-link": (
        "[click](java&#09;script:alert(1))\n",
        f"{SHOWN}:11: " + SCHEME.format("java&#09;script:alert(1", "javascript"),
    ),
    "data-image": (
        "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)\n",
        f"{SHOWN}:11: " + SCHEME.format("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", "data"),
    ),
    "vbscript-reference": (
        "[click][evil]\n\n[evil]: vbscript:msgbox(1)\n",
        f"{SHOWN}:13: " + SCHEME.format("vbscript:msgbox(1)", "vbscript"),
    ),
    "onclick-attribute": (
        '[a link](https://example.org/){: onclick="alert(1)" }\n',
        f"{SHOWN}:11: attribute 'onclick' is not allowed in an attribute list; "
        "use #id, .class, or one of alt, height, lang, title, width",
    ),
    "javascript-autolink": ("<javascript:alert(1)>\n", f"{SHOWN}:11: " + RAW.format("<javascript:alert")),
    # A bare word in an attribute list is an attribute too (onload="onload"); found by Hypothesis.
    "bare-word-attribute": (
        "<https://example.org/>{:onload}\n",
        f"{SHOWN}:11: attribute 'onload' is not allowed in an attribute list; "
        "use #id, .class, or one of alt, height, lang, title, width",
    ),
}

# Front-matter text that looks like markup: valid, and shown as text, never run.
FRONT_MATTER_VECTORS = (
    "---\n"
    "title: \"<script>alert('title')</script> <iframe src=x></iframe> FMTITLE\"\n"
    "date: 2025-03-05\n"
    "themes: [diplomacy, drones]\n"
    "source:\n"
    '  name: "<img src=x onerror=alert(1)> Wire"\n'
    '  url: https://example.org/?q=<script>&a="onmouseover=alert(1)\n'
    "summary: \"[x](javascript:alert(1)) <a href='data:text/html,x'>y</a> {: onclick=alert(1) }\"\n"
    "people: [\"<script>alert('person')</script>\"]\n"
    "quotes:\n"
    "  - text: \"<iframe srcdoc='<script>alert(1)</script>'></iframe>\"\n"
    '    by: "javascript:alert(1)"\n'
    "highlights:\n"
    '  drones: "<svg onload=alert(1)>"\n'
    "---\n\nA plain synthetic body.\n"
)
