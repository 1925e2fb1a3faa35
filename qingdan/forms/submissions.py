"""A village fills an approved form: it opens pre-filled, the village types what is new, and submits.

open_submission(...)   the village's submission for a period, created with every known value filled in
add_resident_row(...)  a resident found by ID number or name joins a resident form's rows
save_values(...)       typed values, each checked against its data element; one bad value saves nothing
submit(...)            every required value present → submitted; new values flow back into the registers
filled(submission)     the rows, fields and values of a submission, for pages and exports
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify

from . import personal, registers
from ._support import clerks_of, link, locked, require
from .choices import FormStatus, Register, RowsKind, SubmissionStatus, ValueSource
from .models import DataElement, FormField, FormRequest, Resident, Submission, SubmissionValue
from .overlap import is_held
from .periods import check_period, current_period
from .prefill import ROW_COLUMNS, Cell, Row, form_fields, prefill, resident_cells, resident_rows, rows_of
from .values import parse_value

MAX_PROBLEMS_SHOWN = 10
BATCH = 2000


@dataclass
class Filled:
    """A submission as a table: its rows, the form's fields, and {cell: (value, prefilled)}."""

    submission: Submission
    rows: list[Row]
    fields: list[FormField]
    values: dict[Cell, tuple[str, bool]]


def filled(submission: Submission) -> Filled:
    form = submission.form
    values: dict[Cell, tuple[str, bool]] = {
        (resident_id, element_id): (value, was_prefilled)
        for resident_id, element_id, value, was_prefilled in submission.values.values_list(
            "resident_id", "element_id", "value", "prefilled"
        )
    }
    return Filled(
        submission=submission,
        rows=rows_of(form, submission.village, submission),
        fields=form_fields(form),
        values=values,
    )


def _where(row: Row | None, element: DataElement) -> str:
    """Where a value sits, in words: 「常住人口」, or 张三（420102********1234）的「出生日期」."""
    if row is None or row.resident_id is None:
        return _('"%(field)s"') % {"field": element.name}
    return _('%(name)s (%(id)s), "%(field)s"') % {
        "name": row.name,
        "id": row.id_masked,
        "field": element.name,
    }


def _refuse(summary: str, problems: list[dict]) -> ActionRefused:
    shown = _("; ").join(p["message"] for p in problems[:MAX_PROBLEMS_SHOWN])
    more = len(problems) - MAX_PROBLEMS_SHOWN
    if more > 0:
        shown += _("; and %(count)d more.") % {"count": more}
    return ActionRefused(f"{summary}{shown}", problems=problems)


def _draft(user, submission: Submission) -> Submission:
    require(user, Permission.FILL_FORM, submission)
    submission = locked(submission)
    if submission.status != SubmissionStatus.DRAFT:
        raise ActionRefused(
            _("This form was already submitted on %(date)s; it can no longer be changed.")
            % {"date": timezone.localtime(submission.submitted_at).date() if submission.submitted_at else ""}
        )
    return submission


def _store_prefilled(submission: Submission, cells: Mapping[Cell, str]) -> int:
    SubmissionValue.objects.bulk_create(
        (
            SubmissionValue(
                submission=submission,
                resident_id=resident_id,
                element_id=element_id,
                value=value,
                prefilled=True,
            )
            for (resident_id, element_id), value in cells.items()
        ),
        batch_size=BATCH,
    )
    return len(cells)


def _top_up(submission: Submission, today: datetime.date) -> int:
    """Fields added to the form since the submission was opened (a request merged in) are pre-filled too."""
    present = set(submission.values.values_list("element_id", flat=True).distinct())
    fields = [f for f in form_fields(submission.form) if f.element_id not in present and is_held(f.element)]
    if not fields:
        return 0
    known = prefill(
        submission.form,
        submission.village,
        submission.period,
        submission=submission,
        fields=fields,
        today=today,
    )
    return _store_prefilled(submission, known.cells)


@transaction.atomic
def open_submission(
    *, user, form: FormRequest, village, period: str | None = None, today: datetime.date | None = None
) -> Submission:
    """The village's submission of `form` for `period` (by default the current one), opened once with
    everything the registers hold already filled in; opening it again returns the same submission."""
    today = today or timezone.localdate()
    access.require(user, Permission.FILL_FORM, village)
    _require_sent(user, form)
    form = locked(form)
    if form.status != FormStatus.APPROVED:
        raise ActionRefused(_("This form has not been approved; it cannot be filled."))
    if not form.targets.filter(pk=village.pk).exists():
        raise ActionRefused(_("This form was not sent to %(village)s.") % {"village": village.name})
    period = current_period(form.frequency, today) if period is None else check_period(form.frequency, period)
    existing = Submission.objects.filter(form=form, village=village, period=period).first()
    if existing is not None:
        if existing.status == SubmissionStatus.DRAFT:
            _top_up(existing, today)
        return existing
    submission = Submission.objects.create(form=form, village=village, county=form.county, period=period)
    known = prefill(form, village, period, today=today)
    submission.prefilled_count = _store_prefilled(submission, known.cells)
    submission.save(update_fields=["prefilled_count"])
    record(
        actor=user,
        action="forms.open_submission",
        obj=submission,
        changes={
            "status": [None, submission.status],
            "period": [None, period],
            "prefilled": [None, known.prefilled],
            "to_type": [None, known.to_type],
        },
    )
    return submission


def _find_resident(submission: Submission, who: str) -> Resident:
    who = (who or "").strip()
    if not who:
        raise ActionRefused(_("Give the resident's ID number or name."))
    residents = Resident.objects.filter(village=submission.village, is_active=True)
    looks_like_id = len(who) == 18 and who[:17].isdigit()
    found = list(
        residents.filter(id_hash=personal.lookup_hash(who.upper()))[:2]
        if looks_like_id
        else residents.filter(name=who)[:2]
    )
    if not found:
        raise ActionRefused(
            _("No resident of %(village)s has this ID number or name: %(who)s")
            % {"village": submission.village.name, "who": who if not looks_like_id else personal.mask_id(who)}
        )
    if len(found) > 1:
        raise ActionRefused(
            _("%(village)s has more than one resident named %(who)s; give the ID number instead.")
            % {"village": submission.village.name, "who": who}
        )
    return found[0]


@transaction.atomic
def add_resident_row(*, user, submission: Submission, who: str) -> Submission:
    """A resident of the village, found by ID number or by name, joins a resident form's rows, with
    every value the residents register holds about them filled in."""
    submission = _draft(user, submission)
    form = submission.form
    if form.rows_kind != RowsKind.RESIDENTS:
        raise ActionRefused(_("This form has one row for the village; it has no resident rows."))
    resident = _find_resident(submission, who)
    if resident_rows(form, submission.village, submission).filter(pk=resident.pk).exists():
        raise ActionRefused(_("%(name)s is already a row of this form.") % {"name": resident.name})
    fields = form_fields(form)
    one = Resident.objects.filter(pk=resident.pk)
    row = Row(*one.values_list(*ROW_COLUMNS).get())
    cells = resident_cells(one, [row], [f.element for f in fields if is_held(f.element)])
    if not cells:  # the row is kept by one empty cell until something is typed
        SubmissionValue.objects.create(submission=submission, resident=resident, element=fields[0].element)
    _store_prefilled(submission, cells)
    submission.prefilled_count = submission.values.filter(prefilled=True).exclude(value="").count()
    submission.save(update_fields=["prefilled_count"])
    record(
        actor=user,
        action="forms.add_resident_row",
        obj=submission,
        changes={"resident": [None, str(resident)], "prefilled": [None, len(cells)]},
    )
    return submission


def _parse(element: DataElement, raw: str, today: datetime.date) -> str:
    return parse_value(element, raw, today=today)


@transaction.atomic
def save_values(
    *, user, submission: Submission, values: Mapping[Cell, object], today: datetime.date | None = None
) -> Submission:
    """Store typed values, keyed (resident id or None, element id). Each is checked against its data
    element; any bad value refuses them all, naming each field and row, and nothing is saved. An empty
    value clears the cell. A pre-filled value that is changed counts as typed."""
    today = today or timezone.localdate()
    submission = _draft(user, submission)
    form = submission.form
    elements = {f.element_id: f.element for f in form_fields(form)}
    rows = {row.resident_id: row for row in rows_of(form, submission.village, submission)}
    existing = {
        (cell.resident_id, cell.element_id): cell
        for cell in submission.values.filter(element_id__in=list(elements))
    }
    problems: list[dict] = []
    clean: dict[Cell, str] = {}
    for key, raw in values.items():
        resident_id, element_id = _cell(key)
        element = elements.get(element_id)
        row = rows.get(resident_id)
        if element is None or row is None:
            problems.append(
                {
                    "resident_id": resident_id,
                    "element_id": element_id,
                    "message": _("a value for a row or field this form does not have"),
                }
            )
            continue
        text = "" if raw is None else str(raw).strip()
        cell = existing.get((resident_id, element_id))
        if cell is not None and cell.value == text:
            continue  # unchanged (a pre-filled masked phone is not checked again)
        try:
            clean[(resident_id, element_id)] = _parse(element, text, today) if text else ""
        except ValueError as error:
            problems.append(
                {
                    "resident_id": resident_id,
                    "element_id": element_id,
                    "message": _("%(where)s: %(problem)s")
                    % {"where": _where(row, element), "problem": str(error).rstrip("。.")},
                }
            )
    if problems:
        raise _refuse(_("Nothing was saved. Please correct: "), problems)

    changed: list[SubmissionValue] = []
    created: list[SubmissionValue] = []
    for (resident_id, element_id), value in clean.items():
        cell = existing.get((resident_id, element_id))
        if cell is None:
            if value:
                created.append(
                    SubmissionValue(
                        submission=submission, resident_id=resident_id, element_id=element_id, value=value
                    )
                )
        elif cell.value != value:
            cell.value, cell.prefilled = value, False
            changed.append(cell)
    SubmissionValue.objects.bulk_update(changed, ["value", "prefilled"], batch_size=BATCH)
    SubmissionValue.objects.bulk_create(created, batch_size=BATCH)
    if changed or created:
        # Values themselves stay out of the audit trail: they may be personal information.
        record(
            actor=user,
            action="forms.save_values",
            obj=submission,
            changes={"values_saved": [None, len(changed) + len(created)]},
        )
    return submission


def _cell(key) -> Cell:
    """(resident id or None, element id) from a key as a page or the API may send it."""
    try:
        resident_id, element_id = key
        return (None if resident_id in (None, "") else int(resident_id)), int(element_id)
    except (TypeError, ValueError):
        return (None, -1)


def _missing(table: Filled) -> list[dict]:
    problems = []
    for row in table.rows:
        for field in table.fields:
            if field.required and not table.values.get((row.resident_id, field.element_id), ("", False))[0]:
                problems.append(
                    {
                        "resident_id": row.resident_id,
                        "element_id": field.element_id,
                        "message": _("%(where)s is empty") % {"where": _where(row, field.element)},
                    }
                )
    return problems


def _write_back(user, table: Filled, today: datetime.date) -> int:
    """Typed values of elements a register holds become the register's current values (as of today, from
    this form), each kept in the register's history. Values equal to what the register holds already, and
    values kept on the resident itself (name, household, phone, tags), are left alone."""
    submission = table.submission
    kept = {
        f.element_id: f.element
        for f in table.fields
        if is_held(f.element)
        and not (f.element.register == Register.RESIDENTS and registers.resident_field(f.element))
    }
    typed = {
        cell: value
        for cell, (value, was_prefilled) in table.values.items()
        if value and not was_prefilled and cell[1] in kept
    }
    if not typed:
        return 0
    fields = [f for f in table.fields if f.element_id in kept]
    known = prefill(
        submission.form, submission.village, submission=submission, fields=fields, today=today
    ).cells
    news = {cell: value for cell, value in typed.items() if known.get(cell) != value}
    village_news = {
        kept[element_id]: value
        for (resident_id, element_id), value in news.items()
        if resident_id is None and kept[element_id].register == Register.VILLAGE
    }
    resident_news = {
        (resident_id, element_id): value
        for (resident_id, element_id), value in news.items()
        if resident_id is not None and kept[element_id].register == Register.RESIDENTS
    }
    if village_news:
        registers.set_village_facts(
            user=user, village=submission.village, values=village_news, as_of=today, source=ValueSource.FORM
        )
    if resident_news:
        residents = Resident.objects.in_bulk({resident_id for resident_id, _ in resident_news})
        registers.set_resident_facts(
            user=user,
            village=submission.village,
            values={(residents[r], kept[e]): value for (r, e), value in sorted(resident_news.items())},
            as_of=today,
            source=ValueSource.FORM,
        )
    return len(village_news) + len(resident_news)


@transaction.atomic
def submit(*, user, submission: Submission, today: datetime.date | None = None) -> Submission:
    """Submit the filled form. Every required value must be there; values the village typed for elements
    a register holds flow back into the registers (with history). The counts of values filled in advance
    and typed are kept for the figures."""
    today = today or timezone.localdate()
    submission = _draft(user, submission)
    table = filled(submission)
    problems = _missing(table)
    if problems:
        raise _refuse(_("The form cannot be submitted yet. Still empty: "), problems)
    written = _write_back(user, table, today)
    nonempty = [was_prefilled for value, was_prefilled in table.values.values() if value]
    submission.prefilled_count = sum(nonempty)
    submission.typed_count = len(nonempty) - submission.prefilled_count
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = user
    submission.submitted_at = timezone.now()
    submission.save(
        update_fields=["prefilled_count", "typed_count", "status", "submitted_by", "submitted_at"]
    )
    record(
        actor=user,
        action="forms.submit_submission",
        obj=submission,
        changes={
            "status": [SubmissionStatus.DRAFT, submission.status],
            "prefilled": [None, submission.prefilled_count],
            "typed": [None, submission.typed_count],
            "written_to_registers": [None, written],
        },
    )
    form = submission.form
    notify(
        recipients=clerks_of(form.department),
        verb="forms.submission_received",
        text=_("%(village)s submitted %(title)s (%(period)s).")
        % {"village": submission.village.name, "title": form.title, "period": submission.period},
        url=link("forms:form_results", form.pk),
    )
    return submission


def _require_sent(user, form: FormRequest) -> None:
    """A village fills only the forms it sees: approved and sent to it (qingdan.access decides)."""
    access.require(user, Permission.FILL_FORM)
    if not access.visible(FormRequest.objects.filter(pk=form.pk), user).exists():
        raise PermissionDenied


def may_fill(user, form: FormRequest) -> bool:
    """Whether the user may fill this form at all (an approved form sent to their village)."""
    try:
        _require_sent(user, form)
    except PermissionDenied:
        return False
    return form.status == FormStatus.APPROVED
