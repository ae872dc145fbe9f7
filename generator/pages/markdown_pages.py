"""Markdown pages from templates: the Jinja environment every page template renders with.

A generated page is Markdown for what contributors wrote (their notes, which may hold Markdown)
and for the headings that belong in the table of contents; everything the generator makes
(listings, links, the meta line, the citation box, pagers) is HTML blocks, which Python-Markdown
passes through without parsing them again (and which `publish/mkdocs_pages.py` sets aside before
the Markdown pass altogether). So the environment escapes for HTML by default, and text that
lands in Markdown (a heading, a table cell) goes through the `md` filter, which escapes it as
Markdown: text from a record can never become markup, let alone a script.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property

import jinja2
from markupsafe import Markup

from generator.archive import urls
from generator.pages.context_key import context_key
from generator.pages.dates import long_date, month_name
from generator.pages.jinja import template_environment
from generator.pages.markdown_text import link_target, markdown_text


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "themes/drones.md"
    text: str

    @property
    def key(self) -> str | None:
        return None  # already rendered: written when its text differs from the file's


@dataclass(frozen=True)
class TemplatePage:
    """A page rendered only when its text is asked for.

    `inputs` are what the page shows, as plain values and records (`context_key` digests them:
    a record by its fingerprint); `helpers` are what the template calls to render them (listing
    entries, say), whose output depends only on what they are given and on the site's settings,
    which the whole cache is keyed on. The `key` digests the template's name and the inputs:
    while it is the key the docs folder's file was written under, the file already holds this
    text, and the page is not rendered at all."""

    path: str
    template: str
    inputs: Mapping[str, object] = field(repr=False)
    # Or a function that gives them: most pages are not rendered in a run, so what only their
    # rendering needs is made only then.
    helpers: Mapping[str, object] | Callable[[], Mapping[str, object]] = field(
        default_factory=dict, repr=False
    )

    @cached_property
    def text(self) -> str:
        helpers = self.helpers() if callable(self.helpers) else self.helpers
        return render_template(self.template, **self.inputs, **helpers)

    @cached_property
    def key(self) -> str | None:
        return context_key(self.template, self.inputs)


def templated(
    path: str,
    template: str,
    helpers: Mapping[str, object] | Callable[[], Mapping[str, object]] | None = None,
    **inputs: object,
) -> TemplatePage:
    return TemplatePage(path, template, inputs, helpers or {})


@cache
def environment() -> jinja2.Environment:
    env = template_environment(autoescape=True)
    env.globals["urls"] = urls
    env.filters.update(
        long_date=long_date,
        thousands="{:,}".format,
        month_name=month_name,
        # Text placed where Markdown reads it (a heading, a table cell): escaped as Markdown.
        md=lambda value: Markup(markdown_text(value)),
        url=link_target,
        yaml_text=yaml_text,
        # Inside code spans Markdown shows text as it is: flatten it, escape nothing.
        verbatim=lambda value: Markup(" ".join(str(value).split())),
        # One line of text in an HTML block: flattened (a blank line would end the block), escaped.
        html_text=lambda value: Markup(html.escape(" ".join(str(value).split()), quote=True)),
        body=Markup,
        icon=lambda name: Markup(":" + name.replace("/", "-") + ":"),
    )
    return env


def yaml_text(value: object) -> Markup:
    """Text for a page's YAML front-matter. Material inserts `page.meta` values into HTML
    unescaped (MkDocs' template environment does not autoescape), so it is HTML-escaped here."""
    flat = " ".join(str(value).split())
    return Markup(json.dumps(html.escape(flat, quote=True), ensure_ascii=False))


def render_template(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
