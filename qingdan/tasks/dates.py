"""Dates in checklists: shifting last year's deadlines; deadlines are read by qingdan.sheets.dates."""

from __future__ import annotations

import datetime

from qingdan.sheets.dates import parse_date  # deadlines are read like every other date

__all__ = ["parse_date", "shift_date"]


def shift_date(value: datetime.date, *, years: int = 0, days: int = 0) -> datetime.date:
    """The date moved by whole years (29 February becomes 28 February in a common year), then by days."""
    year = value.year + years
    try:
        moved = value.replace(year=year)
    except ValueError:  # 29 February into a year without one
        moved = datetime.date(year, 2, 28)
    return moved + datetime.timedelta(days=days)
