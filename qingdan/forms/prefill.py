"""Everything the registers already hold, placed in a form before the village types anything.

prefill(form, village, period, *, page=1) -> Prefilled
    rows      the rows of one page: a resident form lists the village's active residents carrying the
              form's tag (and anyone added to the submission by hand), ROWS_PER_PAGE at a time, by household
              and name; a village form has one row, Row(resident_id=None). page=None: every row at once
    fields    the form's fields in order
    cells     {(resident_id or None, element_id): value} for every value the registers know of those rows
    page      the Django Page the rows came from (None for a village form or page=None)
known_count(form, village, period, *, submission=None) -> int
    how many cells of the whole form the registers fill, counted in the database

A page costs a fixed number of small queries whatever the size of the village: the fields, the count and
the page of rows, and the current values of those rows only. For a past period the values are those true
at its end.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from qingdan.registers.models import Resident, ResidentFact, VillageFact
from qingdan.registers.queries import matching, resident_field, with_tag

from .choices import Register, RowsKind
from .models import AddedRow, DataElement, FormField, FormRequest, Submission
from .overlap import is_held
from .periods import current_period, period_end
from .rows import ROW_COLUMNS, VILLAGE_ROW, Cell, Row

ROWS_PER_PAGE = 50
CELLS_PER_PAGE = (
    2_500  # inputs on one page of the fill page (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS above it)
)


def rows_per_page(field_count: int) -> int:
    """Rows on one page of a form of this many fields: 50, fewer for wide forms (200 fields: 12)."""
    return max(1, min(ROWS_PER_PAGE, CELLS_PER_PAGE // max(field_count, 1)))


@dataclass
class Prefilled:
    rows: list[Row]
    fields: list[FormField]
    cells: dict[Cell, str]
    page: Page | None = None

    @property
    def prefilled(self) -> int:
        return len(self.cells)

    @property
    def to_type(self) -> int:
        """Cells of these rows the registers leave empty."""
        return len(self.rows) * len(self.fields) - len(self.cells)

    @property
    def row_count(self) -> int:
        return self.page.paginator.count if self.page is not None else len(self.rows)


def form_fields(form: FormRequest) -> list[FormField]:
    return list(form.fields.select_related("element").order_by("position"))


def resident_rows(form: FormRequest, village, submission: Submission | None = None) -> QuerySet[Resident]:
    """The residents a resident form lists for a village: its active residents carrying the form's tag,
    and those added to this submission by hand."""
    listed = with_tag(Resident.objects.filter(village=village, is_active=True), form.resident_tag)
    if submission is not None and submission.pk is not None:
        added = AddedRow.objects.filter(submission=submission).values("resident_id")
        listed = Resident.objects.filter(Q(pk__in=listed.values("pk")) | Q(pk__in=added))
    return listed.order_by("household", "name", "pk")


def paged_rows(
    residents: QuerySet[Resident], page: int | str | None, per_page: int
) -> tuple[list[Row], Page]:
    """One page of rows of these residents (a page number out of range gives the nearest page)."""
    shown = Paginator(residents.values_list(*ROW_COLUMNS), per_page).get_page(page)
    return [Row(*values) for values in shown.object_list], shown


def _until(form: FormRequest, period: str | None, today: datetime.date) -> tuple[str, datetime.date | None]:
    """The period, and the day whose values a past period shows (None: the current values)."""
    period = period or current_period(form.frequency, today)
    end = period_end(period)
    return period, (end if end is not None and end < today else None)


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


def _resident_facts(residents, elements: list[DataElement], until: datetime.date | None):
    """Facts of these residents (a queryset or a list of ids) and elements, as of `until`."""
    if isinstance(residents, QuerySet):
        facts = ResidentFact.objects.filter(resident__in=residents.order_by().values("pk"))
    else:
        facts = ResidentFact.objects.filter(resident_id__in=residents)
    facts = facts.filter(element__in=elements)
    return facts.filter(as_of__lte=until) if until is not None else facts


def resident_values(
    residents: QuerySet[Resident] | list[int],
    elements: list[DataElement],
    *,
    until: datetime.date | None = None,
) -> dict[Cell, str]:
    """Each resident's current value of each element, keyed (resident, element): one query."""
    ordered = (
        _resident_facts(residents, elements, until)
        .order_by("resident_id", "element_id", "-as_of", "-id")
        .values_list("resident_id", "element_id", "value")
    )
    return _latest(ordered.iterator(chunk_size=5000))


def held_elements(fields: list[FormField]) -> list[DataElement]:
    return [f.element for f in fields if is_held(f.element)]


def prefill(
    form: FormRequest,
    village,
    period: str | None = None,
    *,
    page: int | str | None = 1,
    per_page: int = ROWS_PER_PAGE,
    only: Iterable[int] | None = None,
    find: str = "",
    who: int | None = None,
    submission: Submission | None = None,
    fields: list[FormField] | None = None,
    today: datetime.date | None = None,
) -> Prefilled:
    """One page of the form for one village with every value the registers hold filled in (see the
    module); page=None for every row; only=[resident ids] for those of the form's rows only; find=a name
    or full ID number, or who=a resident id, for the rows of the residents found."""
    period, until = _until(form, period, today or timezone.localdate())
    fields = form_fields(form) if fields is None else fields
    held = held_elements(fields)
    if form.rows_kind != RowsKind.RESIDENTS:
        village_held = [e for e in held if e.register == Register.VILLAGE]
        cells = village_values(village, village_held, until=until) if village_held else {}
        return Prefilled(rows=[VILLAGE_ROW], fields=fields, cells=cells)
    residents = resident_rows(form, village, submission)
    if only is not None:
        residents, page = residents.filter(pk__in=list(only)), None
    if page is None:
        rows = [Row(*values) for values in residents.values_list(*ROW_COLUMNS)]
        return Prefilled(rows, fields, resident_cells(residents, rows, held, until=until) if rows else {})
    found = matching(residents, find) if who is None else residents.filter(pk=who)
    rows, shown = paged_rows(found, page, per_page)
    ids = [row.resident_id for row in rows if row.resident_id is not None]
    return Prefilled(rows, fields, resident_cells(ids, rows, held, until=until) if rows else {}, shown)


def resident_cells(
    residents: QuerySet[Resident] | list[int],
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


def _held_by_register(form: FormRequest, fields: list[FormField] | None):
    """(village-held elements, resident attributes, {element: column kept on the resident})."""
    held = held_elements(form_fields(form) if fields is None else fields)
    village_held = [e for e in held if e.register == Register.VILLAGE]
    resident_held = [e for e in held if e.register == Register.RESIDENTS]
    attributes = [e for e in resident_held if not resident_field(e)]
    columns = {e: resident_field(e) for e in resident_held if resident_field(e) in Row._fields[1:]}
    return village_held, attributes, columns


def known_count(
    form: FormRequest,
    village,
    period: str | None = None,
    *,
    submission: Submission | None = None,
    fields: list[FormField] | None = None,
    today: datetime.date | None = None,
) -> int:
    """How many cells of the whole form the registers fill, counted in the database (no values read)."""
    period, until = _until(form, period, today or timezone.localdate())
    village_held, attributes, columns = _held_by_register(form, fields)
    if form.rows_kind != RowsKind.RESIDENTS:
        if not village_held:
            return 0
        facts = VillageFact.objects.filter(village=village, element__in=village_held)
        if until is not None:
            facts = facts.filter(as_of__lte=until)
        return facts.values("element_id").distinct().count()
    residents = resident_rows(form, village, submission)
    count = 0
    if attributes:
        facts = _resident_facts(residents, attributes, until)
        count += facts.values("resident_id", "element_id").distinct().count()
    if columns:
        filled = residents.order_by().aggregate(
            **{f"n{e.pk}": Count("pk", filter=~Q(**{column: ""})) for e, column in columns.items()}
        )
        count += sum(filled.values())
    return count


def known_cell(
    form: FormRequest,
    village,
    period: str | None = None,
    *,
    fields: list[FormField] | None = None,
    today: datetime.date | None = None,
) -> Q:
    """A filter on cells (rows with resident_id and element_id, such as SubmissionValue) keeping those the
    registers fill for this form and village: counting cells typed over known values needs no values."""
    period, until = _until(form, period, today or timezone.localdate())
    village_held, attributes, columns = _held_by_register(form, fields)
    dated = {"as_of__lte": until} if until is not None else {}
    if form.rows_kind != RowsKind.RESIDENTS:
        figures = VillageFact.objects.filter(village=village, element=OuterRef("element_id"), **dated)
        return Q(resident__isnull=True, element__in=village_held) & Q(Exists(figures))
    facts = ResidentFact.objects.filter(
        resident=OuterRef("resident_id"), element=OuterRef("element_id"), **dated
    )
    known = Q(element__in=attributes) & Q(Exists(facts))
    for element, column in columns.items():
        known |= Q(element=element) & ~Q(**{f"resident__{column}": ""})
    return known
