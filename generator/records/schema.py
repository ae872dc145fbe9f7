"""The record format: the one definition that validation, docs and the JSON Schema derive from.

A record's front-matter is parsed into plain strings, lists and mappings (see `frontmatter_yaml`),
so every conversion (dates, booleans) happens here, with our own messages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.problems import did_you_mean

# Limits keep one hostile record from costing the build time or memory; real records sit far below.
MAX_TITLE = 300
MAX_SUMMARY = 1_000
MAX_TEXT = 2_000
MAX_NAME = 200
MAX_LIST = 50

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WEB_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise PydanticCustomError(
            "iso_date", "must be a date written YYYY-MM-DD, got {got}", {"got": _show(value)}
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise PydanticCustomError(
            "real_date", "{got} is not a real date ({why})", {"got": value, "why": str(error)}
        ) from None


def _yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError("yes_no", "must be true or false, got {got}", {"got": _show(value)})


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def check_theme(theme: str, info: ValidationInfo) -> str:
    """Refuse a theme outside the vocabulary passed as validation context."""
    known: tuple[str, ...] = (info.context or {}).get("themes", ())
    if known and theme not in known:
        raise PydanticCustomError(
            "unknown_theme",
            "unknown theme {theme}{hint}; themes are: {known}",
            {"theme": repr(theme), "hint": did_you_mean(theme, known), "known": ", ".join(known)},
        )
    return theme


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
ThemeSlug = Annotated[str, AfterValidator(check_theme)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
Slug = Annotated[str, Field(min_length=1, max_length=60, pattern=SLUG.pattern)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: Any) -> Any:
        # `people:` with nothing after it is a curator leaving a field blank, not a type error.
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


class Source(_Strict):
    """Where the news comes from."""

    name: Name = Field(description="The outlet or institution, e.g. UNN.")
    url: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="Link to the original text; http or https only. Leave out when unknown.",
    )

    archived: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description=(
            "Link to an archived copy of the original (e.g. a Wayback Machine or archive.today "
            "snapshot), for when the original moves or goes; http or https only."
        ),
    )

    @field_validator("url", "archived")
    @classmethod
    def _web_url(cls, url: str | None) -> str | None:
        if url is not None and not WEB_URL.match(url):
            raise PydanticCustomError(
                "web_url", "must be an http:// or https:// address, got {got}", {"got": repr(url)}
            )
        return url


class Quote(_Strict):
    """A short quotation, always attributed."""

    text: Text = Field(description="The quoted words, short.")
    by: Name = Field(description="Who said or wrote them.")
    theme: ThemeSlug | None = Field(default=None, description="The theme this quote speaks to.")


class Correction(_Strict):
    """A dated note of what was corrected after publication."""

    date: IsoDate
    text: Text


class FrontMatter(_Strict):
    """The YAML front-matter of one briefing record."""

    title: str = Field(min_length=1, max_length=MAX_TITLE, description="Headline, in English.")
    date: IsoDate = Field(description="When the news happened or was reported, YYYY-MM-DD.")
    date_note: Text | None = Field(
        default=None, description="Shown beside the date when the date is uncertain."
    )
    themes: list[ThemeSlug] = Field(
        min_length=1, max_length=MAX_LIST, description="Theme slugs from site_config/themes.yml."
    )
    source: Source
    summary: str = Field(
        min_length=1,
        max_length=MAX_SUMMARY,
        description="One or two sentences in the curator's own words.",
    )
    people: list[Name] = Field(default=[], max_length=MAX_LIST, description="People named.")
    tags: list[Slug] = Field(default=[], max_length=MAX_LIST, description="Lowercase slugs.")
    quotes: list[Quote] = Field(default=[], max_length=MAX_LIST)
    highlights: dict[ThemeSlug, Text] = Field(
        default={}, description="Theme slug → what this record says about that theme."
    )
    updated: IsoDate | None = Field(default=None, description="When the record was last revised.")
    corrections: list[Correction] = Field(default=[], max_length=MAX_LIST)
    draft: YesNo = Field(default=False, description="Drafts never reach the published site.")

    @field_validator("themes")
    @classmethod
    def _no_repeats(cls, themes: list[str]) -> list[str]:
        if len(set(themes)) != len(themes):
            raise PydanticCustomError("repeated_theme", "must not list a theme twice")
        return themes


class Role(_Strict):
    """A position a person held; dates only when a source gives them."""

    title: Name = Field(description="The position, e.g. Minister of Defence of Ukraine.")
    since: IsoDate | None = Field(default=None, description="First day in the role, YYYY-MM-DD.")
    until: IsoDate | None = Field(default=None, description="Last day in the role, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _in_order(self) -> Role:
        if self.since is not None and self.until is not None and self.until < self.since:
            raise PydanticCustomError("role_order", "'until' is earlier than 'since'")
        return self


class PersonEntry(_Strict):
    """One person of the vocabulary in site_config/people.yml, under their slug."""

    name: Name = Field(description="The canonical spelling records use.")
    aliases: list[Name] = Field(
        default=[],
        max_length=MAX_LIST,
        description="Other spellings and scripts (e.g. Umierov); records naming one get a warning.",
    )
    roles: list[Role] = Field(default=[], max_length=MAX_LIST, description="Positions held, with dates.")


FIELD_NAMES: dict[str, tuple[str, ...]] = {
    model.__name__: tuple(model.model_fields)
    for model in (FrontMatter, Source, Quote, Correction, Role, PersonEntry)
}
