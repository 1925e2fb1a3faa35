"""The rows of a form: one per resident for a resident form, one for the village itself otherwise.

A cell is keyed (resident id or None for the village row, data element id).
"""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    """One row of a form: a resident (masked ID number only), or the village itself (resident_id None)."""

    resident_id: int | None
    name: str = ""
    id_masked: str = ""
    household: str = ""
    phone_masked: str = ""
    tags: str = ""


VILLAGE_ROW = Row(None)
ROW_COLUMNS = ("pk", "name", "id_masked", "household", "phone_masked", "tags")
Cell = tuple[int | None, int]
