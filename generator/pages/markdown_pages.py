"""Markdown pages from templates: the Jinja environment every page template renders with.

Every `{{ value }}` is escaped as Markdown text unless it is marked safe, so text from a record
can never become markup, let alone a script.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
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
    """A page rendered only when its text is asked for. `key` digests its template's name and
    context (`context_key`): while it is the key the docs folder's file was written under, the
    file already holds this text, and the page is not rendered at all."""

    path: str
    template: str
    context: Mapping[str, object] = field(repr=False)

    @cached_property
    def text(self) -> str:
        return render_template(self.template, **self.context)

    @cached_property
    def key(self) -> str | None:
        return context_key(self.template, self.context)


def templated(path: str, template: str, **context: object) -> TemplatePage:
    return TemplatePage(path, template, context)


@cache
def environment() -> jinja2.Environment:
    env = template_environment(
        # Autoescape makes macros return safe text; finalize makes "escaped" mean Markdown-escaped.
        finalize=lambda value: value if isinstance(value, Markup) else Markup(markdown_text(value)),
        autoescape=True,
    )
    env.globals["urls"] = urls
    env.filters.update(
        long_date=long_date,
        thousands="{:,}".format,
        month_name=month_name,
        url=link_target,
        yaml_text=yaml_text,
        # Inside code spans Markdown shows text as it is: flatten it, escape nothing.
        verbatim=lambda value: Markup(" ".join(str(value).split())),
        # Inside a raw HTML block Markdown changes nothing: escape for HTML only.
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
