"""Everything the registers already hold, placed in a form before the village types anything.

prefill(form, village, period) -> Prefilled
    rows      one Row per resident for resident forms (the tagged active residents of the village, and
              anyone added to the submission by hand), one Row(resident_id=None) for village figures
    fields    the form's fields in order
    cells     {(resident_id or None, element_id): value} for every value the registers know
    prefilled how many cells are filled; to_type how many are left

A fixed number of queries whatever the number of residents: the fields, the rows, and the current
values, fetched newest first and kept once per (row, element) in Python. For a past period the values
are those true at its end.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone

from ._support import with_tag
from .choices import Register, RowsKind
from .models import (
    DataElement,
    FormField,
    FormRequest,
    Resident,
    ResidentFact,
    Submission,
    SubmissionValue,
    VillageFact,
)
from .overlap import is_held
from .periods import current_period, period_end
from .registers import resident_field


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


@dataclass
class Prefilled:
    rows: list[Row]
    fields: list[FormField]
    cells: dict[Cell, str]

    @property
    def prefilled(self) -> int:
        return len(self.cells)

    @property
    def to_type(self) -> int:
        return len(self.rows) * len(self.fields) - len(self.cells)


def form_fields(form: FormRequest) -> list[FormField]:
    return list(form.fields.select_related("element").order_by("position"))


def resident_rows(form: FormRequest, village, submission: Submission | None = None) -> QuerySet[Resident]:
    """The residents a resident form lists for a village: its active residents carrying the form's tag,
    and those added to this submission by hand."""
    listed = with_tag(Resident.objects.filter(village=village, is_active=True), form.resident_tag)
    if submission is not None and submission.pk is not None:
        added = SubmissionValue.objects.filter(submission=submission, resident__isnull=False).values(
            "resident_id"
        )
        listed = Resident.objects.filter(Q(pk__in=listed.values("pk")) | Q(pk__in=added))
    return listed.order_by("household", "name", "pk")


def rows_of(form: FormRequest, village, submission: Submission | None = None) -> list[Row]:
    if form.rows_kind != RowsKind.RESIDENTS:
        return [VILLAGE_ROW]
    return [Row(*values) for values in resident_rows(form, village, submission).values_list(*ROW_COLUMNS)]


def _latest(values: Iterable[tuple]) -> dict[Cell, str]:
    """From (row, element, value) newest first per (row, element), the first value of each pair."""
    cells: dict[Cell, str] = {}
    for row_id, element_id, value in values:
        cells.setdefault((row_id, element_id), value)
    return cells


def village_values(
    village, elements: list[DataElement], *, until: datetime.date | None = None
) -> dict[Cell, str]:
    """The village's current value (as of `until`, default today) of each element, keyed (None, element)."""
    facts = VillageFact.objects.filter(village=village, element__in=elements)
    if until is not None:
        facts = facts.filter(as_of__lte=until)
    ordered = facts.order_by("element_id", "-as_of", "-id").values_list("element_id", "value")
    return _latest((None, element_id, value) for element_id, value in ordered)


def resident_values(
    residents: QuerySet[Resident], elements: list[DataElement], *, until: datetime.date | None = None
) -> dict[Cell, str]:
    """Each resident's current value of each element, keyed (resident, element): one query."""
    facts = ResidentFact.objects.filter(resident__in=residents.order_by().values("pk"), element__in=elements)
    if until is not None:
        facts = facts.filter(as_of__lte=until)
    ordered = facts.order_by("resident_id", "element_id", "-as_of", "-id").values_list(
        "resident_id", "element_id", "value"
    )
    return _latest(ordered.iterator(chunk_size=5000))


def prefill(
    form: FormRequest,
    village,
    period: str | None = None,
    *,
    submission: Submission | None = None,
    fields: list[FormField] | None = None,
    today: datetime.date | None = None,
) -> Prefilled:
    """The form for one village with every value the registers hold filled in (see the module)."""
    today = today or timezone.localdate()
    period = period or current_period(form.frequency, today)
    end = period_end(period)
    until = end if end is not None and end < today else None
    fields = form_fields(form) if fields is None else fields
    held = [f.element for f in fields if is_held(f.element)]
    if form.rows_kind != RowsKind.RESIDENTS:
        village_held = [e for e in held if e.register == Register.VILLAGE]
        cells = village_values(village, village_held, until=until) if village_held else {}
        return Prefilled(rows=[VILLAGE_ROW], fields=fields, cells=cells)
    residents = resident_rows(form, village, submission)
    rows = [Row(*values) for values in residents.values_list(*ROW_COLUMNS)]
    cells = resident_cells(residents, rows, held, until=until) if rows else {}
    return Prefilled(rows=rows, fields=fields, cells=cells)


def resident_cells(
    residents: QuerySet[Resident],
    rows: list[Row],
    held: list[DataElement],
    *,
    until: datetime.date | None = None,
) -> dict[Cell, str]:
    """What the residents register knows of these residents (`rows` are the same people): attributes
    from their history, and what is kept on the resident itself."""
    resident_held = [e for e in held if e.register == Register.RESIDENTS]
    attributes = [e for e in resident_held if not resident_field(e)]
    cells = resident_values(residents, attributes, until=until) if attributes else {}
    cells.update(on_resident_values(rows, resident_held))
    return cells


def on_resident_values(rows: list[Row], elements: list[DataElement]) -> dict[Cell, str]:
    """Values kept on the resident itself (name, household, masked phone, tags), keyed (row, element)."""
    cells: dict[Cell, str] = {}
    for element in elements:
        column = resident_field(element)
        if column in Row._fields:
            position = Row._fields.index(column)
            for row in rows:
                value = row[position]
                if value:
                    cells[(row.resident_id, element.pk)] = str(value)
    return cells
