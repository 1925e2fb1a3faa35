"""What a requested form would add to the villages' load, for the reviewer to read before deciding.

analyse(form) -> Overlap
    held                 fields the registers hold: they fill themselves
    asked_elsewhere      fields other approved forms already ask, with those forms (a merge suggestion)
    new                  fields neither held nor asked anywhere: the new burden
    typing_per_village_per_year   values a village would still type in a year: fields not held × rows
                         (1 for village figures, the tagged residents of an average target village for
                         resident rows) × times a year; the same without the registers for comparison

A handful of queries whatever the number of forms: the other forms' fields come back as id pairs and
are matched in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from qingdan import access
from qingdan.registers.models import Resident
from qingdan.registers.queries import with_tag

from ._support import seconds_per_field
from .choices import TIMES_A_YEAR, ElementStatus, FormStatus, Frequency, RowsKind
from .models import DataElement, FormField, FormRequest


@dataclass
class Overlap:
    fields: list[DataElement]
    held: list[DataElement]
    asked_elsewhere: dict[int, list[FormRequest]]
    new: list[DataElement]
    rows_per_village: int
    times_a_year: int
    typing_per_village_per_year: int
    typing_without_registers: int
    seconds_per_field: int
    merge_suggestions: list[tuple[FormRequest, int]] = field(default_factory=list)

    @property
    def hours_per_village_per_year(self) -> float:
        return round(self.typing_per_village_per_year * self.seconds_per_field / 3600, 1)

    @property
    def hours_saved_per_village_per_year(self) -> float:
        saved = self.typing_without_registers - self.typing_per_village_per_year
        return round(saved * self.seconds_per_field / 3600, 1)


def is_held(element: DataElement) -> bool:
    """An approved element kept in a register: forms asking for it fill themselves."""
    return bool(element.register) and element.status == ElementStatus.APPROVED


def rows_per_village(form: FormRequest) -> int:
    """One row for village figures; for resident rows, the (tagged) active residents of an average
    target village, at least one."""
    if form.rows_kind != RowsKind.RESIDENTS:
        return 1
    villages = list(form.targets.values_list("pk", flat=True))
    if not villages:
        return 1
    residents = with_tag(Resident.objects.filter(village_id__in=villages, is_active=True), form.resident_tag)
    return max(1, round(residents.count() / len(villages)))


def analyse(form: FormRequest, *, user=None) -> Overlap:
    """The overlap of `form` with the registers and with the other approved forms of its county.

    With `user`, only the forms the user may see are named (a department sees its own forms only).
    """
    elements = [f.element for f in form.fields.select_related("element").order_by("position")]
    element_ids = [element.pk for element in elements]
    others = FormField.objects.filter(
        element_id__in=element_ids, form__county_id=form.county_id, form__status=FormStatus.APPROVED
    ).exclude(form_id=form.pk)
    pairs = list(others.values_list("element_id", "form_id"))
    form_ids = {form_id for _, form_id in pairs}
    forms = FormRequest.objects.filter(pk__in=form_ids).only("pk", "title", "department_id", "frequency")
    if user is not None:
        forms = access.visible(forms, user)
    named = forms.select_related("department").in_bulk() if form_ids else {}

    asked: dict[int, list[FormRequest]] = defaultdict(list)
    shared: dict[int, int] = defaultdict(int)
    for element_id, form_id in pairs:
        other = named.get(form_id)
        if other is not None:
            asked[element_id].append(other)
            shared[form_id] += 1
    for forms_asking in asked.values():
        forms_asking.sort(key=lambda f: f.pk)

    held = [element for element in elements if is_held(element)]
    new = [element for element in elements if not is_held(element) and element.pk not in asked]
    rows = rows_per_village(form)
    times = TIMES_A_YEAR[Frequency(form.frequency)]
    suggestions = sorted(
        ((named[pk], n) for pk, n in shared.items()), key=lambda pair: (-pair[1], pair[0].pk)
    )
    return Overlap(
        fields=elements,
        held=held,
        asked_elsewhere=dict(asked),
        new=new,
        rows_per_village=rows,
        times_a_year=times,
        typing_per_village_per_year=(len(elements) - len(held)) * rows * times,
        typing_without_registers=len(elements) * rows * times,
        seconds_per_field=seconds_per_field(),
        merge_suggestions=suggestions,
    )
