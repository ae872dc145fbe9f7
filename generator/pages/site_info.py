"""What the generated files need to know about the site itself: its address, name and language,
and the settings this project owns under `extra:` in `mkdocs.yml`.

Feeds, downloads and citations carry absolute links, so they need the site's address. The
engine's adapter (`publish/mkdocs.py`) loads `mkdocs.yml` once, with the engine's own loader
(`!ENV`, defaults and validation are MkDocs'), and `site_info` makes this value of what it loaded,
checking what MkDocs does not: the address, and the project's own keys under `extra:`, each wrong
one a one-line problem naming the key, the value and what is allowed. The pages only read it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from generator.archive import urls
from generator.problems import Problem, Refused, did_you_mean
from generator.project import CONFIG_FILE, SITE_URL_VARIABLE

# Hosts that are never a published site's (RFC 2606 and 6761): the placeholder mkdocs.yml falls
# back to for local builds, and local servers.
_PLACEHOLDER_SUFFIXES = (".example", ".invalid", ".test", ".localhost", "example.org", "example.com")
_PLACEHOLDER_HOSTS = frozenset({"example.net", "localhost", "127.0.0.1", "::1", "0.0.0.0"})


def _web_address(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("not a web address")
    return value


# Each setting's description says what it may be, in the one-line error about a wrong value.
WebAddress = Annotated[str, AfterValidator(_web_address), Field(description="an http:// or https:// address")]
Text = Annotated[str, Field(description="text")]


class Licence(BaseModel):
    """`extra.licence`: the licence of the curators' summaries, notes and the data files."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    name: Text
    url: WebAddress


class ExtraSettings(BaseModel):
    """The keys under `extra:` in mkdocs.yml: this project's, checked here, and the theme's."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    licence: Licence | None = None  # shown in the footer, on the Data page and in briefings.json
    # "year": the search index in a bundle per year (publish/search_bundles.py); unset, one index.
    search_parts: Literal["year"] | None = None
    # Material's own keys (its templates read them from the config; nothing here does).
    alternate: Any = None
    analytics: Any = None
    annotate: Any = None
    consent: Any = None
    generator: Any = None
    homepage: Any = None
    polyfills: Any = None
    scope: Any = None
    social: Any = None
    status: Any = None
    tags: Any = None
    version: Any = None


OWN_KEYS = ("licence", "search_parts")


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # always ends with "/"
    description: str
    language: str
    licence_name: str | None = None  # `extra.licence` in mkdocs.yml: summaries, notes and data
    licence_url: str | None = None
    # `extra.search_parts` in mkdocs.yml: "year" splits the search index into a bundle per year
    # (publish/search_bundles.py); unset, one index.
    search_parts: str | None = None

    def link(self, path: str) -> str:
        """The absolute address of `path` (relative to the site root)."""
        return self.url + path.lstrip("/")

    def briefing_url(self, record_id: str) -> str:
        return self.link(urls.briefing_url(record_id))


def site_info(
    *,
    url: object,
    name: str,
    description: str | None,
    language: str | None,
    extra: Mapping[str, object],
    deploy: bool = False,
) -> SiteInfo:
    """The site's settings as the engine loaded them, checked; Refused names every wrong one.

    With `deploy` (a build to publish), a placeholder address is refused too: every absolute
    link of the site would lead there."""
    problems = _address_problems(url, deploy)
    try:
        settings = ExtraSettings.model_validate(dict(extra))
    except ValidationError as error:
        problems += [_extra_problem(detail) for detail in error.errors()]
    if problems:
        raise Refused(problems)
    address = str(url)
    licence = settings.licence
    return SiteInfo(
        name=name,
        url=address if address.endswith("/") else address + "/",
        description=description or "",
        language=language or "en",
        licence_name=licence.name if licence else None,
        licence_url=licence.url if licence else None,
        search_parts=settings.search_parts,
    )


def is_placeholder(url: str) -> bool:
    """Whether `url`'s host is reserved for examples or is this machine: never a published site."""
    host = (urlsplit(url).hostname or "").lower()
    return host in _PLACEHOLDER_HOSTS or host.endswith(_PLACEHOLDER_SUFFIXES)


def _address_problems(url: object, deploy: bool) -> list[Problem]:
    if url is None or url == "":
        message = (
            "site_url: empty; feeds, citations and the sitemap need the site's address: "
            f"set site_url in {CONFIG_FILE} or the {SITE_URL_VARIABLE} environment variable"
        )
        return [Problem(CONFIG_FILE, 0, message)]
    parts = urlsplit(url) if isinstance(url, str) else None
    if not isinstance(url, str) or parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        message = f"site_url: {url!r} is not allowed; use an http:// or https:// address"
        return [Problem(CONFIG_FILE, 0, message)]
    if deploy and is_placeholder(url):
        message = (
            f"site_url: {url!r} is a placeholder, and a build to deploy needs the address the site is "
            f"published at: set {SITE_URL_VARIABLE} (the publish workflow takes it from GitHub Pages)"
        )
        return [Problem(CONFIG_FILE, 0, message)]
    return []


def _extra_problem(detail: Any) -> Problem:
    """One pydantic error about `extra:` as one line: the key, the value, what is allowed."""
    location = tuple(str(part) for part in detail["loc"])
    key = ".".join(("extra", *location))
    value = detail.get("input")
    kind = detail["type"]
    model = _model_at(location[:-1])
    if kind == "extra_forbidden":
        ours = [name for name in model.model_fields if model is not ExtraSettings or name in OWN_KEYS]
        theirs = [name for name in model.model_fields if name not in ours]
        hint = did_you_mean(location[-1], model.model_fields)
        also = f"; the theme reads {', '.join(theirs)}" if theirs else ""
        return Problem(CONFIG_FILE, 0, f"{key}: unknown setting{hint}; use one of: {', '.join(ours)}{also}")
    if kind == "missing":
        return Problem(CONFIG_FILE, 0, f"{key}: missing; {_allowed(location)}")
    return Problem(CONFIG_FILE, 0, f"{key}: {value!r} is not allowed; {_allowed(location)}")


def _model_at(location: Sequence[str]) -> type[BaseModel]:
    model: type[BaseModel] = ExtraSettings
    for part in location:
        inner = [arg for arg in get_args(model.model_fields[part].annotation) if isinstance(arg, type)]
        model = next(arg for arg in inner if issubclass(arg, BaseModel))
    return model


def _allowed(location: Sequence[str]) -> str:
    """What the setting at `location` may be."""
    field = _model_at(location[:-1]).model_fields[location[-1]]
    options = [arg for arg in get_args(field.annotation) if arg is not type(None)]
    literals = [value for option in options for value in get_args(option) if isinstance(value, str)]
    models = [option for option in options if isinstance(option, type) and issubclass(option, BaseModel)]
    if literals:
        return f"use one of: {', '.join(literals)} (or leave it out)"
    if models:
        return f"use a mapping with {', '.join(models[0].model_fields)}"
    return f"use {field.description}"
