"""Dates in checklists: shifting last year's deadlines, and reading deadlines as people write them."""

from __future__ import annotations

import datetime
import re

# 2025-06-30, 2025/6/30, 2025.6.30, 2025年6月30日 (with or without 日), 20250630
_PATTERNS = [
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def shift_date(value: datetime.date, *, years: int = 0, days: int = 0) -> datetime.date:
    """The date moved by whole years (29 February becomes 28 February in a common year), then by days."""
    year = value.year + years
    try:
        moved = value.replace(year=year)
    except ValueError:  # 29 February into a year without one
        moved = datetime.date(year, 2, 28)
    return moved + datetime.timedelta(days=days)


def parse_date(text: str) -> datetime.date | None:
    """A date written in one of the usual ways, or None when the text is not a date."""
    text = _TIME_PART.sub("", text.strip())
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                return None
    return None
