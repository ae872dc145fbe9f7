"""Dates as people read them ("2 June 2025"), the same on every machine."""

from __future__ import annotations

import datetime as dt

# Spelled out rather than taken from strftime, whose month names follow the machine's locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_name(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def month_anchor(day: dt.date) -> str:
    """The id Python-Markdown's toc gives a month's heading ("March 2024" → "march-2024")."""
    return month_name(day).lower().replace(" ", "-")
