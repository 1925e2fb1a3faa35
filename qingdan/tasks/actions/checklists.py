"""A checklist's life: created (with rows) as a draft, its header edited, issued, closed."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify

from ..choices import ChecklistStatus, SourceKind
from ..models import Checklist, ChecklistRow
from ._support import (
    LIMITS,
    RowInput,
    check_rows,
    clean_text,
    clean_year,
    cooperating_of,
    link,
    open_for_change,
    row_fields,
)

HEADER_FIELDS = ("title", "source_kind", "source_number", "source_title", "source_date", "year")


def _clean_header(
    *,
    title: str,
    source_title: str,
    year: int,
    source_kind: str,
    source_number: str,
    source_date: datetime.date | None,
) -> dict:
    if source_kind not in SourceKind.values:
        raise ActionRefused(_("Unknown source kind: %(value)s.") % {"value": source_kind})
    if source_date is not None and not isinstance(source_date, datetime.date):
        raise ActionRefused(_("The date of the source is not a date."))
    return {
        "title": clean_text(title, label=_("The title"), limit=LIMITS["title"], required=True),
        "source_kind": source_kind,
        "source_number": clean_text(
            source_number, label=_("The document number"), limit=LIMITS["source_number"]
        ),
        "source_title": clean_text(
            source_title,
            label=_("The meeting or document the checklist carries out"),
            limit=LIMITS["source_title"],
            required=True,
        ),
        "source_date": source_date,
        "year": clean_year(year),
    }


def save_rows(checklist: Checklist, inputs: Sequence[RowInput], *, first: int = 1) -> list[ChecklistRow]:
    """Write checked rows numbered from `first`, with their cooperating leaders."""
    rows = ChecklistRow.objects.bulk_create(
        ChecklistRow(checklist=checklist, position=first + i, **row_fields(row))
        for i, row in enumerate(inputs)
    )
    links = [
        ChecklistRow.cooperating_leaders.through(checklistrow_id=row.pk, user_id=person.pk)
        for row, given in zip(rows, inputs, strict=True)
        for person in cooperating_of(given)
    ]
    ChecklistRow.cooperating_leaders.through.objects.bulk_create(links)
    return rows


def numbered(inputs: Sequence[RowInput], first: int = 1) -> list[RowInput]:
    """The rows numbered in order, for messages, unless they already carry a number (a sheet row)."""
    for i, row in enumerate(inputs):
        row.line = row.line or first + i
    return list(inputs)


def new_checklist(user, header: dict, inputs: Sequence[RowInput], **extra) -> Checklist:
    """Create a draft of the user's unit with checked rows (inside the caller's transaction)."""
    unit = user.unit
    division = unit.division
    check_rows(numbered(inputs), division)
    checklist = Checklist.objects.create(
        **header,
        owner_unit=unit,
        division=division,
        county=unit.county_division(),
        created_by=user,
        **extra,
    )
    save_rows(checklist, inputs)
    return checklist


@transaction.atomic
def create_checklist(
    *,
    user,
    title: str,
    source_title: str,
    year: int,
    source_kind: str = SourceKind.DOCUMENT,
    source_number: str = "",
    source_date: datetime.date | None = None,
    rows: Sequence[RowInput] = (),
) -> Checklist:
    """A new checklist of the user's own unit, as a draft, with its rows. Every row needs a task, a
    responsible person and a deadline; a single bad row refuses the whole checklist."""
    access.require_own_division(user, Permission.MANAGE_CHECKLIST)
    header = _clean_header(
        title=title,
        source_title=source_title,
        year=year,
        source_kind=source_kind,
        source_number=source_number,
        source_date=source_date,
    )
    checklist = new_checklist(user, header, rows)
    record(
        actor=user,
        action="tasks.create_checklist",
        obj=checklist,
        changes={"title": [None, checklist.title], "rows": [None, len(rows)]},
    )
    return checklist


@transaction.atomic
def update_checklist(
    *,
    user,
    checklist: Checklist,
    title: str,
    source_title: str,
    year: int,
    source_kind: str = SourceKind.DOCUMENT,
    source_number: str = "",
    source_date: datetime.date | None = None,
) -> Checklist:
    """Change the title, the source or the year."""
    checklist = open_for_change(user, checklist)
    header = _clean_header(
        title=title,
        source_title=source_title,
        year=year,
        source_kind=source_kind,
        source_number=source_number,
        source_date=source_date,
    )
    before = {name: getattr(checklist, name) for name in HEADER_FIELDS}
    changes = diff(before, header)
    if not changes:
        return checklist
    for name, value in header.items():
        setattr(checklist, name, value)
    checklist.save(update_fields=list(header))
    record(actor=user, action="tasks.update_checklist", obj=checklist, changes=changes)
    return checklist


def named_people(checklist: Checklist) -> dict[int, Model]:
    """Everyone named on a row of the checklist (lead, cooperating, responsible), by id."""
    people: dict[int, Model] = {}
    for row in checklist.rows.select_related("lead_leader", "responsible").prefetch_related(
        "cooperating_leaders"
    ):
        for person in (row.lead_leader, row.responsible, *row.cooperating_leaders.all()):
            if person is not None:
                people.setdefault(person.pk, person)
    return people


@transaction.atomic
def issue_checklist(*, user, checklist: Checklist) -> Checklist:
    """Put a draft in force: everyone named on its rows is told, alerts start, progress may be reported."""
    checklist = open_for_change(user, checklist)
    if checklist.status != ChecklistStatus.DRAFT:
        raise ActionRefused(_("Only a draft can be issued; this checklist is already in force."))
    if not checklist.rows.exists():
        raise ActionRefused(_("The checklist has no rows yet: add at least one before issuing it."))
    checklist.status = ChecklistStatus.ACTIVE
    checklist.issued_at = timezone.now()
    checklist.save(update_fields=["status", "issued_at"])
    record(
        actor=user,
        action="tasks.issue_checklist",
        obj=checklist,
        changes={"status": [ChecklistStatus.DRAFT, ChecklistStatus.ACTIVE]},
    )
    notify(
        recipients=named_people(checklist).values(),
        verb="tasks.checklist_issued",
        text=_("%(unit)s issued the task checklist “%(title)s”; you are named on it.")
        % {"unit": checklist.owner_unit.name, "title": checklist.title},
        url=link("tasks:my_rows"),
    )
    return checklist


@transaction.atomic
def close_checklist(*, user, checklist: Checklist, note: str = "") -> Checklist:
    """Close a checklist (its work done or overtaken): no more changes, reports or alerts."""
    checklist = open_for_change(user, checklist)
    note = clean_text(note, label=_("The note"), limit=limits.REASON_CHARS)
    before = checklist.status
    checklist.status = ChecklistStatus.CLOSED
    checklist.closed_at = timezone.now()
    checklist.save(update_fields=["status", "closed_at"])
    record(
        actor=user,
        action="tasks.close_checklist",
        obj=checklist,
        note=note,
        changes={"status": [before, ChecklistStatus.CLOSED]},
    )
    return checklist
