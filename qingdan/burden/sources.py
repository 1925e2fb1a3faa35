"""The contract between the burden figures and the modules that count them.

A source is a module exposing ``MEASURES: list[Measure]`` and
``counts(county, villages=None) -> Iterable[Count]`` (``villages`` None means every village of the
county; otherwise only those, for an incremental refresh). The refresh imports every module named in
``SOURCE_MODULES`` lazily and skips one that does not exist yet.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, Protocol

from django.utils.functional import Promise

if TYPE_CHECKING:
    from qingdan.orgs.models import Division

UNITS = ("count", "hours", "yuan", "characters")


@dataclass(frozen=True)
class Measure:
    """One figure with one definition, shown on the page beside the figure."""

    code: str  # e.g. "orders_reaching", "documents_received"
    label: str | Promise  # gettext_lazy; Chinese on the page
    definition: str | Promise  # gettext_lazy: how it is counted
    unit: str = "count"  # one of UNITS
    prevented: bool = False  # True for load stopped by admission (refused/returned)
    # True for what stays in force (an app, a chat group): a month's figure is the count in force that
    # month; a period's (before, after, last year, a ranking) counts each once, however many months it
    # lasted. The source then also counts, under taken_up(code), each one in the month it began.
    in_force: bool = False


def taken_up(code: str) -> str:
    """The companion figure of an in-force measure: how many began in the month. A period's figure is the
    count in force in its first month plus those taken up in its later months."""
    return f"{code}__taken_up"


class Count(NamedTuple):
    """One village's figure for one issuer and month."""

    village_id: int  # a Division at village level
    issuer_unit_id: int | None  # the county department / unit that put the load, if known
    month: datetime.date  # first day of the month
    measure: str  # Measure.code
    value: float | int


class Source(Protocol):
    MEASURES: list[Measure]

    def counts(self, county: Division, villages: list[int] | None = None) -> Iterable[Count]: ...


SOURCE_MODULES = [
    "qingdan.burden.derived",
    "qingdan.burden.ledger.sources",
    "qingdan.assessment.sources",
    "qingdan.cadres.sources",
]


def load_sources() -> list[ModuleType]:
    """The source modules that exist; one not written yet is skipped (only that module, not its errors)."""
    found = []
    for name in SOURCE_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as missing:
            if missing.name is not None and name.startswith(missing.name):
                continue
            raise
    return found


def all_measures() -> dict[str, Measure]:
    """Every measure of every source, by code, in the order the sources list them."""
    return {m.code: m for module in load_sources() for m in module.MEASURES}


def first_of_month(day: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(day, datetime.datetime):
        day = day.date()
    return day.replace(day=1)
