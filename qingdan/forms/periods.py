"""The period one submission covers, by the form's frequency: "once", "2026", "2026-Q4" or "2026-11".

current_period(frequency, today)   the period being filled today
check_period(frequency, period)    the period as given, or ActionRefused naming what is wrong
period_end(period)                 the last day of a period (None for "once")
periods_in_year(frequency, year)   every period of a year
period_label(period)               the period as a person reads it: 一次性, 2026年, 2026年第4季度, 2026年11月
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused

from .choices import Frequency

ONCE = "once"
_PATTERNS = {
    Frequency.ONCE: re.compile(r"^once$"),
    Frequency.YEARLY: re.compile(r"^(\d{4})$"),
    Frequency.QUARTERLY: re.compile(r"^(\d{4})-Q([1-4])$"),
    Frequency.MONTHLY: re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
}


def current_period(frequency: str, today: datetime.date) -> str:
    if frequency == Frequency.YEARLY:
        return f"{today.year}"
    if frequency == Frequency.QUARTERLY:
        return f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    if frequency == Frequency.MONTHLY:
        return f"{today.year}-{today.month:02d}"
    return ONCE


def check_period(frequency: str, period: str) -> str:
    period = (period or "").strip()
    if not _PATTERNS[Frequency(frequency)].match(period):
        examples = {
            Frequency.ONCE: "once",
            Frequency.YEARLY: "2026",
            Frequency.QUARTERLY: "2026-Q4",
            Frequency.MONTHLY: "2026-11",
        }
        raise ActionRefused(
            _("The period %(period)s does not fit a %(frequency)s form; write it like %(example)s.")
            % {
                "period": period,
                "frequency": Frequency(frequency).label,
                "example": examples[Frequency(frequency)],
            }
        )
    return period


def period_end(period: str) -> datetime.date | None:
    if period == ONCE:
        return None
    year = int(period[:4])
    if len(period) == 4:
        return datetime.date(year, 12, 31)
    month = int(period[6]) * 3 if period[5] == "Q" else int(period[5:7])
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def period_label(period: str) -> str:
    """The stored period in words, for pages, notifications and exports (the code stays for the API)."""
    if period == ONCE:
        return str(Frequency.ONCE.label)
    if _PATTERNS[Frequency.YEARLY].match(period):
        return _("year %(year)s") % {"year": period}
    if match := _PATTERNS[Frequency.QUARTERLY].match(period):
        return _("%(year)s, quarter %(quarter)s") % {"year": match[1], "quarter": match[2]}
    if match := _PATTERNS[Frequency.MONTHLY].match(period):
        return _("%(year)s, month %(month)s") % {"year": match[1], "month": int(match[2])}
    return period


def periods_in_year(frequency: str, year: int) -> list[str]:
    if frequency == Frequency.YEARLY:
        return [f"{year}"]
    if frequency == Frequency.QUARTERLY:
        return [f"{year}-Q{q}" for q in range(1, 5)]
    if frequency == Frequency.MONTHLY:
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    return [ONCE]
