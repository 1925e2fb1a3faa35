"""Read helpers for one set of forms: the one screen per village and per township, results, figures.

village_screen(village)         every current figure of a village, its residents, its approved forms and
                                their status this period (一表尽览)
township_screen(township)       the same over the township's villages, side by side
form_progress(form, user)       each target village of a form: opened, submitted, this period
results_table(form, user)       the submitted values of a form across the reader's scope, as a table
export_results(form, user)      that table as .xlsx; ID numbers and phones masked
figures(user, year)             forms per village per year (requested → admitted), values pre-filled
                                versus typed, hours saved, and per form the typing before and after
                                its admission

Each runs a fixed number of queries, whatever the number of villages, forms or residents.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from qingdan import access
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.registers import personal
from qingdan.registers.models import Resident, VillageFact
from qingdan.sheets.writing import table_workbook

from ._support import seconds_per_field
from .choices import (
    TIMES_A_YEAR,
    ElementKind,
    ElementStatus,
    FormStatus,
    FormStep,
    Frequency,
    Register,
    RowsKind,
    SubmissionStatus,
)
from .models import DataElement, FormField, FormRequest, FormReviewEntry, Submission, SubmissionValue
from .periods import current_period, period_label


def hours(values: int) -> float:
    """Hours it takes to type this many values by hand, at settings.QINGDAN_SECONDS_PER_FIELD."""
    return round(values * seconds_per_field() / 3600, 1)


# ---- the one screen per village and per township ------------------------------------------------------


@dataclass
class Figure:
    element: DataElement
    value: str = ""
    as_of: datetime.date | None = None


@dataclass
class FormState:
    form: FormRequest
    period: str
    submission: Submission | None = None
    overdue: bool = False
    village: Division | None = None

    @property
    def status(self) -> str:
        if self.submission is None:
            return "not_opened"
        return self.submission.status


def _village_elements(county_id: int | None) -> list[DataElement]:
    return list(
        DataElement.objects.filter(
            county_id=county_id, register=Register.VILLAGE, status=ElementStatus.APPROVED
        )
    )


def _current_facts(villages: Iterable[int]) -> dict[tuple[int, int], tuple[str, datetime.date]]:
    """(village, element) → (value, as of), the newest fact of each pair: one query."""
    facts = (
        VillageFact.objects.filter(village_id__in=list(villages))
        .order_by("village_id", "element_id", "-as_of", "-id")
        .values_list("village_id", "element_id", "value", "as_of")
    )
    current: dict[tuple[int, int], tuple[str, datetime.date]] = {}
    for village_id, element_id, value, as_of in facts:
        current.setdefault((village_id, element_id), (value, as_of))
    return current


def _tag_counts(residents: QuerySet[Resident]) -> dict[int, Counter]:
    """village → Counter of tags over its active residents, with "" counting everyone."""
    counts: dict[int, Counter] = defaultdict(Counter)
    grouped = (
        residents.filter(is_active=True).order_by().values_list("village_id", "tags").annotate(n=Count("pk"))
    )
    for village_id, tags, n in grouped:
        counts[village_id][""] += n
        for tag in set(tags.split()):
            counts[village_id][tag] += n
    return counts


def _approved_forms_sent_to(villages: list[int]) -> tuple[list[FormRequest], dict[int, set[int]]]:
    """The approved forms sent to any of the villages, and village → ids of those forms."""
    through = FormRequest.targets.through.objects.filter(
        division_id__in=villages, formrequest__status=FormStatus.APPROVED
    ).values_list("formrequest_id", "division_id")
    sent: dict[int, set[int]] = defaultdict(set)
    for form_id, village_id in through:
        sent[village_id].add(form_id)
    ids = set().union(*sent.values()) if sent else set()
    forms = list(
        FormRequest.objects.filter(pk__in=ids).select_related("department").order_by("deadline", "pk")
    )
    return forms, sent


def _states(
    forms: list[FormRequest], villages: list[int], today: datetime.date
) -> dict[tuple[int, int], Submission]:
    """(form, village) → the submission of the form's current period, if opened."""
    periods = {form.pk: current_period(form.frequency, today) for form in forms}
    found = Submission.objects.filter(
        form__in=forms, village_id__in=villages, period__in=set(periods.values())
    )
    return {(s.form_id, s.village_id): s for s in found if s.period == periods[s.form_id]}


def _form_state(form: FormRequest, submission: Submission | None, today: datetime.date) -> FormState:
    submitted = submission is not None and submission.status == SubmissionStatus.SUBMITTED
    return FormState(
        form=form,
        period=current_period(form.frequency, today),
        submission=submission,
        overdue=form.frequency == Frequency.ONCE and form.deadline < today and not submitted,
    )


def village_screen(village: Division, *, today: datetime.date | None = None) -> dict:
    """Everything about one village at a glance: its current figures (each with the date it was true
    as of), its residents by tag, and each approved form sent to it with its state this period."""
    today = today or timezone.localdate()
    elements = _village_elements(village.county_id)
    facts = _current_facts([village.pk])
    figures = [Figure(e, *facts.get((village.pk, e.pk), ("", None))) for e in elements]
    tags = _tag_counts(Resident.objects.filter(village=village)).get(village.pk, Counter())
    forms, _sent = _approved_forms_sent_to([village.pk])
    submissions = _states(forms, [village.pk], today)
    states = [_form_state(form, submissions.get((form.pk, village.pk)), today) for form in forms]
    return {
        "village": village,
        "figures": figures,
        "figures_known": sum(1 for f in figures if f.as_of is not None),
        "residents": tags.get("", 0),
        "tags": sorted(((tag, n) for tag, n in tags.items() if tag), key=lambda pair: (-pair[1], pair[0])),
        "forms": states,
        "forms_submitted": sum(1 for s in states if s.status == SubmissionStatus.SUBMITTED),
        "forms_overdue": sum(1 for s in states if s.overdue),
    }


@dataclass
class VillageColumn:
    village: Division
    values: list[Figure]
    residents: int = 0
    forms: int = 0
    submitted: int = 0
    overdue: int = 0


def _total(element: DataElement, values: list[str]) -> str:
    """The township's sum of a numeric figure over the villages that have it."""
    if element.kind not in (ElementKind.NUMBER, ElementKind.INTEGER):
        return ""
    numbers = []
    for value in values:
        try:
            numbers.append(float(value))
        except ValueError:
            continue
    if not numbers:
        return ""
    total = float(sum(numbers))
    return str(int(total)) if element.kind == ElementKind.INTEGER or total.is_integer() else f"{total:g}"


def township_screen(township: Division, *, today: datetime.date | None = None) -> dict:
    """The one screen of a township: each village's current figures side by side with the township's
    totals, residents, and how many of the approved forms sent to each are submitted this period."""
    today = today or timezone.localdate()
    villages = list(Division.objects.filter(parent=township, level=Level.VILLAGE).order_by("code"))
    ids = [v.pk for v in villages]
    elements = _village_elements(township.county_id)
    facts = _current_facts(ids)
    residents = _tag_counts(Resident.objects.filter(village_id__in=ids))
    forms, sent = _approved_forms_sent_to(ids)
    submissions = _states(forms, ids, today)
    columns = []
    for village in villages:
        states = [
            _form_state(form, submissions.get((form.pk, village.pk)), today)
            for form in forms
            if form.pk in sent.get(village.pk, ())
        ]
        columns.append(
            VillageColumn(
                village=village,
                values=[Figure(e, *facts.get((village.pk, e.pk), ("", None))) for e in elements],
                residents=residents.get(village.pk, Counter()).get("", 0),
                forms=len(states),
                submitted=sum(1 for s in states if s.status == SubmissionStatus.SUBMITTED),
                overdue=sum(1 for s in states if s.overdue),
            )
        )
    totals = [
        _total(e, [c.values[i].value for c in columns if c.values[i].value]) for i, e in enumerate(elements)
    ]
    return {
        "township": township,
        "elements": elements,
        "villages": columns,
        "totals": totals,
        "residents": sum(c.residents for c in columns),
        "forms": forms,
    }


# ---- a form's progress and results --------------------------------------------------------------------


def form_progress(form: FormRequest, user, *, today: datetime.date | None = None) -> list[FormState]:
    """Each target village the user may see, with the form's state there this period."""
    today = today or timezone.localdate()
    villages = list(access.visible(form.targets.order_by("code"), user))
    submissions = _states([form], [v.pk for v in villages], today)
    states = []
    for village in villages:
        state = _form_state(form, submissions.get((form.pk, village.pk)), today)
        state.village = village
        states.append(state)
    return states


@dataclass
class ResultsTable:
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


def results_table(form: FormRequest, user) -> ResultsTable:
    """The submitted values of the form from every village the user may see, one line per village (or
    per resident), by village code and period; personal values masked."""
    fields = list(form.fields.select_related("element").order_by("position"))
    submissions = list(
        access.visible(Submission.objects.filter(form=form, status=SubmissionStatus.SUBMITTED), user)
        .select_related("village")
        .order_by("village__code", "period")
    )
    by_resident = form.rows_kind == RowsKind.RESIDENTS
    columns = [_("Village"), _("Period")]
    if by_resident:
        columns += [pgettext("person", "Name"), _("ID number"), _("Household number")]
    columns += [f"{f.element.name}({f.element.unit})" if f.element.unit else f.element.name for f in fields]
    cells: dict[int, dict[int | None, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
    values = SubmissionValue.objects.filter(submission__in=submissions).values_list(
        "submission_id", "resident_id", "element_id", "value"
    )
    for submission_id, resident_id, element_id, value in values.iterator(chunk_size=5000):
        cells[submission_id][resident_id][element_id] = value
    resident_ids = {r for rows in cells.values() for r in rows if r is not None}
    people = {
        pk: (name, masked, household)
        for pk, name, masked, household in Resident.objects.filter(pk__in=resident_ids).values_list(
            "pk", "name", "id_masked", "household"
        )
    }
    table = ResultsTable(columns=columns)
    for submission in submissions:
        rows = cells.get(submission.pk, {})
        keys = sorted((r for r in rows if r is not None), key=lambda r: (people[r][2], people[r][0], r))
        listed: list[int | None] = list(keys) if by_resident else [None]
        for person in listed:
            line = [submission.village.name, period_label(submission.period)]
            if person is not None:
                line += list(people[person])
            found = rows.get(person, {})
            line += [personal.shown(f.element, found.get(f.element_id, "")) for f in fields]
            table.rows.append(line)
    return table


def export_results(form: FormRequest, user) -> bytes:
    """The results table the user may see, as .xlsx (text cells only, ID numbers and phones masked).
    Pass access.SYSTEM for every village's results (commands only)."""
    table = results_table(form, user)
    widths = [max(8, min(30, len(title) * 2 + 2)) for title in table.columns]
    return table_workbook(form.title, list(zip(table.columns, widths, strict=True)), table.rows)


# ---- figures ------------------------------------------------------------------------------------------


@dataclass
class VillageFigures:
    """One village in one year. Requested: form requests naming it submitted for review; admitted: the
    approved forms sent to it; fillings: how often those are due in the year."""

    village: Division | None
    requested: int = 0
    admitted: int = 0
    fillings: int = 0
    submitted: int = 0
    prefilled: int = 0
    typed: int = 0

    @property
    def hours_saved(self) -> float:
        return hours(self.prefilled)

    @property
    def hours_typing(self) -> float:
        return hours(self.typed)


@dataclass
class FormFigures:
    """One form: the values a year its villages would type by hand as requested (before admission), and
    as admitted with the registers filling what they hold (after); then what the submissions show."""

    form: FormRequest
    fields: int = 0
    held: int = 0
    villages: int = 0
    typing_before: int = 0
    typing_after: int = 0
    submitted: int = 0
    prefilled: int = 0
    typed: int = 0

    @property
    def hours_before(self) -> float:
        return hours(self.typing_before)

    @property
    def hours_after(self) -> float:
        return hours(self.typing_after)

    @property
    def hours_saved(self) -> float:
        return hours(self.prefilled)


@dataclass
class Figures:
    year: int
    seconds_per_field: int
    villages: list[VillageFigures]
    forms: list[FormFigures]
    total: VillageFigures
    forms_requested: int = 0  # requests submitted for review in the year (before admission)
    forms_admitted: int = 0  # forms that reached villages in the year (after admission)


def _rows_for(form: FormRequest, village_ids: Iterable[int], tags: dict[int, Counter]) -> int:
    """Rows a year's filling has over these villages: one per village, or their tagged residents."""
    if form.rows_kind != RowsKind.RESIDENTS:
        return len(list(village_ids))
    return sum(tags.get(v, Counter()).get(form.resident_tag, 0) for v in village_ids)


def figures(user, *, year: int | None = None) -> Figures:
    """The burden figures of a year in the user's scope (see VillageFigures and FormFigures)."""
    year = year or timezone.localdate().year
    villages = list(access.visible(Division.objects.filter(level=Level.VILLAGE), user).order_by("code"))
    rows = {v.pk: VillageFigures(village=v) for v in villages}
    forms = {
        f.pk: f
        for f in access.visible(FormRequest.objects.exclude(status=FormStatus.DRAFT), user).select_related(
            "department"
        )
    }
    submitted_in_year = set(
        FormReviewEntry.objects.filter(form_id__in=forms, step=FormStep.SUBMIT, at__year=year).values_list(
            "form_id", flat=True
        )
    )
    targets: dict[int, list[int]] = defaultdict(list)
    for form_id, village_id in FormRequest.targets.through.objects.filter(
        formrequest_id__in=forms, division_id__in=rows
    ).values_list("formrequest_id", "division_id"):
        targets[form_id].append(village_id)
    admitted = {
        pk
        for pk, f in forms.items()
        if f.status == FormStatus.APPROVED
        and f.approved_at is not None
        and (
            timezone.localtime(f.approved_at).year == year
            or (f.frequency != Frequency.ONCE and timezone.localtime(f.approved_at).year < year)
        )
    }
    for form_id, village_ids in targets.items():
        form = forms[form_id]
        for village_id in village_ids:
            row = rows[village_id]
            row.requested += form_id in submitted_in_year
            if form_id in admitted:
                row.admitted += 1
                row.fillings += TIMES_A_YEAR[Frequency(form.frequency)]

    per_form: dict[int, FormFigures] = {}
    counts = (
        access.visible(
            Submission.objects.filter(status=SubmissionStatus.SUBMITTED, submitted_at__year=year), user
        )
        .order_by()
        .values_list("form_id", "village_id", "prefilled_count", "typed_count")
    )
    tags = _tag_counts(Resident.objects.filter(village_id__in=rows))
    held: dict[int, list[bool]] = defaultdict(list)
    for form_id, register, status in FormField.objects.filter(form_id__in=admitted).values_list(
        "form_id", "element__register", "element__status"
    ):
        held[form_id].append(bool(register) and status == ElementStatus.APPROVED)
    for form_id in sorted(admitted, key=lambda pk: (forms[pk].title, pk)):
        form = forms[form_id]
        flags = held.get(form_id, [])
        n_rows = _rows_for(form, targets.get(form_id, []), tags)
        times = TIMES_A_YEAR[Frequency(form.frequency)]
        per_form[form_id] = FormFigures(
            form=form,
            fields=len(flags),
            held=sum(flags),
            villages=len(targets.get(form_id, [])),
            typing_before=len(flags) * n_rows * times,
            typing_after=(len(flags) - sum(flags)) * n_rows * times,
        )
    for form_id, village_id, prefilled, typed in counts:
        if village_id in rows:
            row = rows[village_id]
            row.submitted += 1
            row.prefilled += prefilled
            row.typed += typed
        if form_id in per_form:
            one = per_form[form_id]
            one.submitted += 1
            one.prefilled += prefilled
            one.typed += typed

    total = VillageFigures(village=None)
    for row in rows.values():
        for name in ("requested", "admitted", "fillings", "submitted", "prefilled", "typed"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return Figures(
        year=year,
        seconds_per_field=seconds_per_field(),
        villages=list(rows.values()),
        forms=list(per_form.values()),
        total=total,
        forms_requested=len(submitted_in_year & set(targets)),
        forms_admitted=len(admitted & set(targets)),
    )
