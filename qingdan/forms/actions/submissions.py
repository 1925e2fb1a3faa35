"""A village fills an approved form: it opens pre-filled, the village types what is new, and submits.

open_submission(...)   the village's submission for a period (the registers fill it as it is shown)
add_resident_row(...)  a resident found by ID number or name joins a resident form's rows
save_values(...)       typed values, each checked against its data element; one bad value saves nothing
submit(...)            every required value present → submitted; new values flow back into the registers
filled(submission)     the rows, fields and values of a submission (a page of them, or all), to show
progress(submission)   how many values of the whole form are filled in advance, typed, still empty

A draft keeps only what the village typed (a SubmissionValue with prefilled=False; an empty one clears
a value the registers hold): everything else comes from the registers as the form is shown, so opening a
form of a village of 5,000 residents writes nothing and a page of it costs a few small queries. Submitting
keeps every value as it was sent (the registers' values with prefilled=True), so the department's results
do not change when the registers do.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.actiontools import link, locked, require
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify
from qingdan.registers import actions as registers
from qingdan.registers import personal
from qingdan.registers import queries as register_queries
from qingdan.registers.importer import insert_rows
from qingdan.registers.models import Resident
from qingdan.registers.queries import matching
from qingdan.registers.values import parse_value

from .._support import clerks_of
from ..choices import FormStatus, Register, RowsKind, SubmissionStatus, ValueSource
from ..models import AddedRow, DataElement, FormField, FormRequest, Submission, SubmissionValue
from ..periods import check_period, current_period, period_label
from ..prefill import form_fields, known_cell, known_count, prefill, resident_rows, rows_per_page
from ..rows import ROW_COLUMNS, VILLAGE_ROW, Cell, Row

MAX_PROBLEMS_SHOWN = 10
BATCH = 2000
# Kept on the resident itself and written back by registers.update_residents (an ID number never is:
# it is who the row is).
RESIDENT_DETAILS = {"name": "name", "household": "household", "phone_masked": "phone", "tags": "tags"}


@dataclass
class Filled:
    """A submission as a table: its rows (one page, or all), the form's fields, {cell: (value, prefilled)}
    with values as kept (personal.shown for display), and what the registers hold of these rows (drafts)."""

    submission: Submission
    rows: list[Row]
    fields: list[FormField]
    values: dict[Cell, tuple[str, bool]]
    page: Page | None = None
    known: dict[Cell, str] = dataclasses.field(default_factory=dict)


@dataclass
class Progress:
    """The whole form: values filled in advance, typed, still empty."""

    prefilled: int
    typed: int
    empty: int


def _typed(submission: Submission, rows: list[Row] | None = None) -> dict[Cell, SubmissionValue]:
    """What the village typed in a draft (of these rows, or all)."""
    cells = submission.values.all()
    if rows is not None:
        ids = [row.resident_id for row in rows if row.resident_id is not None]
        if len(ids) != len(rows):
            cells = cells.filter(resident__isnull=True)
        else:
            cells = cells.filter(resident_id__in=ids)
    return {(cell.resident_id, cell.element_id): cell for cell in cells}


def _sent_rows(
    submission: Submission, page, per_page: int, find: str = "", who: int | None = None
) -> tuple[list[Row], Page | None]:
    """The rows a submitted form was sent with (its residents, by household and name)."""
    if submission.form.rows_kind != RowsKind.RESIDENTS:
        return [VILLAGE_ROW], None
    sent = Resident.objects.filter(
        pk__in=SubmissionValue.objects.filter(submission=submission, resident__isnull=False).values(
            "resident_id"
        )
    )
    residents = (
        (matching(sent, find) if who is None else sent.filter(pk=who))
        .order_by("household", "name", "pk")
        .values_list(*ROW_COLUMNS)
    )
    if page is None:
        return [Row(*values) for values in residents], None
    shown = Paginator(residents, per_page).get_page(page)
    return [Row(*values) for values in shown.object_list], shown


def filled(
    submission: Submission,
    *,
    page: int | str | None = None,
    per_page: int | None = None,
    find: str = "",
    who: int | None = None,
) -> Filled:
    """The submission's rows (page=None: every row; find: those of the residents a name or full ID
    number finds; who: one resident's) with their values: a draft's from the registers and what the
    village typed over them; a submitted one's as it was sent."""
    form = submission.form
    fields = form_fields(form)
    per_page = per_page or rows_per_page(len(fields))
    if submission.status == SubmissionStatus.DRAFT:
        known = prefill(
            form,
            submission.village,
            submission.period,
            page=page,
            per_page=per_page,
            find=find,
            who=who,
            submission=submission,
            fields=fields,
        )
        values = {cell: (value, True) for cell, value in known.cells.items()}
        wanted = {f.element_id for f in fields}
        listed = {row.resident_id for row in known.rows}  # not someone who has left the rows since
        for cell, typed in _typed(submission, known.rows if page is not None else None).items():
            if cell[1] in wanted and cell[0] in listed:
                values[cell] = (typed.value, False)
        return Filled(submission, known.rows, fields, values, known.page, known.cells)
    rows, shown = _sent_rows(submission, page, per_page, find, who)
    stored = submission.values.all()
    if shown is not None:
        stored = stored.filter(resident_id__in=[row.resident_id for row in rows])
    values = {
        (resident_id, element_id): (value, was_prefilled)
        for resident_id, element_id, value, was_prefilled in stored.values_list(
            "resident_id", "element_id", "value", "prefilled"
        )
    }
    return Filled(submission, rows, fields, values, shown)


def progress(submission: Submission, fields: list[FormField] | None = None) -> Progress:
    """Counts over the whole form, in the database: a submitted form's are kept; a draft's are the
    registers' count less the cells the village typed over, plus what it typed. `fields`: the form's
    fields when the caller has them already."""
    form = submission.form
    fields = form_fields(form) if fields is None else fields
    if submission.status != SubmissionStatus.DRAFT:
        rows = _sent_rows(submission, 1, 1)[1]
        total = (rows.paginator.count if rows is not None else 1) * len(fields)
        prefilled, typed = submission.prefilled_count, submission.typed_count
        return Progress(prefilled, typed, max(total - prefilled - typed, 0))
    village, period = submission.village, submission.period
    cells = submission.values.filter(element_id__in=[f.element_id for f in fields])
    if form.rows_kind == RowsKind.RESIDENTS:
        residents = resident_rows(form, village, submission).order_by()
        cells = cells.filter(resident__in=residents.values("pk"))
        row_count = residents.count()
    else:
        cells, row_count = cells.filter(resident__isnull=True), 1
    known = known_count(form, village, period, submission=submission, fields=fields)
    typed_over = cells.filter(known_cell(form, village, period, fields=fields)).count()
    typed = cells.exclude(value="").count()
    prefilled = known - typed_over
    return Progress(prefilled, typed, max(row_count * len(fields) - prefilled - typed, 0))


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


@transaction.atomic
def open_submission(
    *, user, form: FormRequest, village, period: str | None = None, today: datetime.date | None = None
) -> Submission:
    """The village's submission of `form` for `period` (by default the current one); opening it again
    returns the same submission. Nothing is copied: the registers fill it as it is shown."""
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
        return existing
    submission = Submission.objects.create(form=form, village=village, county=form.county, period=period)
    record(
        actor=user,
        action="forms.open_submission",
        obj=submission,
        changes={"status": [None, submission.status], "period": [None, period]},
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
    AddedRow.objects.create(submission=submission, resident=resident, added_by=user)
    known = prefill(form, submission.village, submission.period, only=[resident.pk], submission=submission)
    record(
        actor=user,
        action="forms.add_resident_row",
        obj=submission,
        changes={"resident": [None, str(resident)], "prefilled": [None, known.prefilled]},
    )
    return submission


@transaction.atomic
def save_values(
    *, user, submission: Submission, values: Mapping[Cell, object], today: datetime.date | None = None
) -> Submission:
    """Store typed values, keyed (resident id or None, element id). Each is checked against its data
    element; any bad value refuses them all, naming each field and row, and nothing is saved. An empty
    value clears the cell. A value equal to what the registers hold is not kept as typed."""
    today = today or timezone.localdate()
    submission = _draft(user, submission)
    form = submission.form
    fields = form_fields(form)
    elements = {f.element_id: f.element for f in fields}
    keys = {_cell(key): raw for key, raw in values.items()}
    ids = {resident_id for resident_id, _element in keys if resident_id is not None}
    if form.rows_kind == RowsKind.RESIDENTS:
        known = prefill(
            form, submission.village, submission.period, only=ids, submission=submission, fields=fields
        )
    else:
        known = prefill(form, submission.village, submission.period, fields=fields)
    rows = {row.resident_id: row for row in known.rows}
    typed = _typed(submission, known.rows or [VILLAGE_ROW])
    problems: list[dict] = []
    clean: dict[Cell, str] = {}
    for (resident_id, element_id), raw in keys.items():
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
        cell = typed.get((resident_id, element_id))
        shown_now = (
            personal.readable(element, cell.value) if cell else known.cells.get((resident_id, element_id), "")
        )
        if text == shown_now:
            continue  # unchanged (a masked value filled in advance is not checked again)
        try:
            clean[(resident_id, element_id)] = parse_value(element, text, today=today) if text else ""
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
    dropped: list[int] = []
    for (resident_id, element_id), value in clean.items():
        cell = typed.get((resident_id, element_id))
        if value == known.cells.get((resident_id, element_id), ""):
            if cell is not None:
                dropped.append(cell.pk)  # back to what the registers hold
            continue
        kept = personal.keep(elements[element_id], value)
        if cell is None:
            created.append(
                SubmissionValue(
                    submission=submission, resident_id=resident_id, element_id=element_id, value=kept
                )
            )
        else:
            cell.value = kept
            changed.append(cell)
    SubmissionValue.objects.filter(pk__in=dropped).delete()
    SubmissionValue.objects.bulk_update(changed, ["value"], batch_size=BATCH)
    SubmissionValue.objects.bulk_create(created, batch_size=BATCH)
    if changed or created or dropped:
        # Values themselves stay out of the audit trail: they may be personal information.
        record(
            actor=user,
            action="forms.save_values",
            obj=submission,
            changes={"values_saved": [None, len(changed) + len(created) + len(dropped)]},
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
    """Values the village typed for elements a register holds become the register's current values (as of
    today, from this form), each kept in the register's history: village figures, resident attributes, and
    a resident's name, household, phone and tags. Values equal to what the register holds are left alone."""
    submission = table.submission
    elements = {f.element_id: f.element for f in table.fields if f.element.register}
    typed = {
        cell: personal.readable(elements[cell[1]], value)
        for cell, (value, was_prefilled) in table.values.items()
        if value and not was_prefilled and cell[1] in elements and table.known.get(cell) != value
    }
    village_news: dict[DataElement, str] = {}
    attributes: dict[Cell, str] = {}
    details: dict[int, dict[str, str]] = {}
    for (resident_id, element_id), value in sorted(
        typed.items(), key=lambda item: (item[0][0] or 0, item[0][1])
    ):
        element = elements[element_id]
        if resident_id is None:
            if element.register == Register.VILLAGE:
                village_news[element] = value
            continue
        if element.register != Register.RESIDENTS:
            continue
        column = register_queries.resident_field(element)
        if not column:
            attributes[(resident_id, element_id)] = value
        elif column in RESIDENT_DETAILS:
            details.setdefault(resident_id, {})[RESIDENT_DETAILS[column]] = value
    village = submission.village
    if village_news:
        registers.set_village_facts(
            user=user, village=village, values=village_news, as_of=today, source=ValueSource.FORM
        )
    people = Resident.objects.in_bulk({r for r, _e in attributes} | set(details))
    if attributes:
        registers.set_resident_facts(
            user=user,
            village=village,
            values={(people[r], elements[e]): value for (r, e), value in attributes.items()},
            as_of=today,
            source=ValueSource.FORM,
        )
    if details:
        registers.update_residents(
            user=user, village=village, changes={people[r]: wanted for r, wanted in details.items()}
        )
    return len(village_news) + len(attributes) + sum(len(wanted) for wanted in details.values())


def _freeze(table: Filled) -> None:
    """Keep the registers' values as they were sent, beside what was typed; a resident row with nothing
    in it is kept by one empty cell, so the submitted form keeps its rows. What was typed for someone who
    has left the rows since (a tag removed) is dropped: it was not sent."""
    submission = table.submission
    if submission.form.rows_kind == RowsKind.RESIDENTS:
        listed = resident_rows(submission.form, submission.village, submission).order_by().values("pk")
        submission.values.filter(resident__isnull=False).exclude(resident__in=listed).delete()
    keep = {cell: value for cell, (value, was_prefilled) in table.values.items() if was_prefilled}
    have_values = {resident_id for resident_id, _element in table.values}
    first = table.fields[0].element_id if table.fields else None
    if first is not None:
        for row in table.rows:
            if row.resident_id is not None and row.resident_id not in have_values:
                keep[(row.resident_id, first)] = ""
    submission_id = table.submission.pk
    rows = [
        (submission_id, resident_id, element_id, value, True)
        for (resident_id, element_id), value in keep.items()
    ]
    # Plain tuples, COPY or executemany: a whole village's form keeps 150,000 values in about a second.
    insert_rows(
        SubmissionValue,
        ("submission", "resident", "element", "value", "prefilled"),
        (rows[start : start + BATCH] for start in range(0, len(rows), BATCH)),
    )


@transaction.atomic
def submit(*, user, submission: Submission, today: datetime.date | None = None) -> Submission:
    """Submit the filled form. Every required value must be there; the registers' values are kept as they
    were sent, and values the village typed for elements a register holds flow back into the registers
    (with history). The counts of values filled in advance and typed are kept for the figures."""
    today = today or timezone.localdate()
    submission = _draft(user, submission)
    table = filled(submission)
    problems = _missing(table)
    if problems:
        raise _refuse(_("The form cannot be submitted yet. Still empty: "), problems)
    _freeze(table)
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
        % {
            "village": submission.village.name,
            "title": form.title,
            "period": period_label(submission.period),
        },
        url=link("forms:form_results", form.pk),
    )
    return submission


def _require_sent(user, form: FormRequest) -> None:
    """A village fills only the forms it sees: approved and sent to it (qingdan.access decides)."""
    access.require(user, Permission.FILL_FORM)
    access.require_seen(user, form)


def may_fill(user, form: FormRequest) -> bool:
    """Whether the user may fill this form at all (an approved form sent to their village)."""
    try:
        _require_sent(user, form)
    except PermissionDenied:
        return False
    return form.status == FormStatus.APPROVED
