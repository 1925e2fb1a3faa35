"""Typed cell parsers: cell text → a value, or CellError with the Chinese reason.

Each takes the cell's text as read (a Grid cell) and strips it; the protective quote an export added
before a formula character (formulas.neutralise) is removed first. An importer that knows the row and
column turns a CellError into a Problem: problems.add(row, column, str(error)).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from . import messages
from .dates import parse_date
from .formulas import restore

PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; str() is the Chinese reason."""


def _preview(text: str, limit: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def text(cell: str, *, limit: int | None = None) -> str:
    value = restore(cell.strip()).strip()
    if limit is not None and len(value) > limit:
        raise CellError(messages.TOO_LONG.format(length=len(value), limit=limit))
    return value


def _number_text(cell: str) -> str:
    value = unicodedata.normalize("NFKC", restore(cell.strip())).strip().replace(",", "")
    if not PLAIN_NUMBER.fullmatch(value):
        raise CellError(messages.NOT_A_NUMBER.format(value=_preview(cell.strip())))
    return value


def decimal(cell: str) -> Decimal:
    try:
        return Decimal(_number_text(cell))
    except InvalidOperation:  # pragma: no cover - PLAIN_NUMBER lets only numbers through
        raise CellError(messages.NOT_A_NUMBER.format(value=_preview(cell.strip()))) from None


def integer(cell: str) -> int:
    number = decimal(cell)
    if number != number.to_integral_value():
        raise CellError(messages.NOT_AN_INTEGER.format(value=_preview(cell.strip())))
    return int(number)


def date(cell: str) -> datetime.date:
    found = parse_date(restore(cell.strip()))
    if found is None:
        raise CellError(messages.NOT_A_DATE.format(value=_preview(cell.strip())))
    return found


def choice(cell: str, options: Mapping[str, str]) -> str:
    """The value of the option whose label (spaces ignored) the cell holds."""
    wanted = "".join(text(cell).split())
    for label, value in options.items():
        if "".join(label.split()) == wanted:
            return value
    raise CellError(messages.NOT_A_CHOICE.format(value=_preview(cell.strip()), allowed="、".join(options)))
