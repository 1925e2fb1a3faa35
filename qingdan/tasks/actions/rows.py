"""Rows: added, edited, removed by the checklist's unit; progress reported by the responsible person."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.admission import attachments as files
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify

from ..choices import ChecklistStatus, RowStatus, status_for
from ..models import Checklist, ChecklistRow, RowUpdate
from ._support import (
    MAX_NOTE,
    RowInput,
    check_rows,
    clean_text,
    cooperating_of,
    link,
    locked,
    open_for_change,
    person_name,
    row_fields,
)
from .checklists import save_rows


def _tell_new_people(checklist: Checklist, row: ChecklistRow, people) -> None:
    """In a checklist in force, whoever is newly named on a row hears of it."""
    if checklist.status != ChecklistStatus.ACTIVE:
        return
    notify(
        recipients=people,
        verb="tasks.row_assigned",
        text=_("You are named on row %(n)d of the task checklist “%(title)s”: %(task)s")
        % {"n": row.position, "title": checklist.title, "task": row.task},
        url=link("tasks:my_rows"),
    )


def _snapshot(row: ChecklistRow) -> dict:
    return {
        **{name: getattr(row, name) for name in ("area", "task", "measures", "deadline", "report_to")},
        "lead_leader": person_name(row.lead_leader),
        "responsible": person_name(row.responsible),
        "cooperating_leaders": "、".join(sorted(person_name(p) for p in row.cooperating_leaders.all())),
    }


@transaction.atomic
def add_row(*, user, checklist: Checklist, row: RowInput) -> ChecklistRow:
    """Append a row at the end of the checklist."""
    checklist = open_for_change(user, checklist)
    position = (checklist.rows.aggregate(last=Max("position"))["last"] or 0) + 1
    row.line = position
    check_rows([row], checklist.division)
    (saved,) = save_rows(checklist, [row], first=position)
    record(
        actor=user,
        action="tasks.add_row",
        obj=saved,
        division=checklist.division,
        changes={"task": [None, saved.task], "responsible": [None, person_name(saved.responsible)]},
    )
    _tell_new_people(checklist, saved, row.people())
    return saved


@transaction.atomic
def edit_row(*, user, row: ChecklistRow, data: RowInput) -> ChecklistRow:
    """Change what a row says or who it names; its progress stays."""
    checklist = open_for_change(user, row.checklist)
    row = locked(row)
    data.line = row.position
    check_rows([data], checklist.division)
    before = _snapshot(row)
    named_before = {p.pk for p in RowInput.of(row).people()}
    for name, value in row_fields(data).items():
        setattr(row, name, value)
    row.save()
    row.cooperating_leaders.set(cooperating_of(data))
    changes = diff(before, _snapshot(row))
    if changes:
        record(actor=user, action="tasks.edit_row", obj=row, division=checklist.division, changes=changes)
        _tell_new_people(checklist, row, [p for p in data.people() if p.pk not in named_before])
    return row


@transaction.atomic
def remove_row(*, user, row: ChecklistRow) -> None:
    """Take a row out and renumber the ones below it. A row with progress reports stays: its record
    matters more than a tidy table (close the checklist or edit the row instead)."""
    checklist = open_for_change(user, row.checklist)
    row = locked(row)
    if row.updates.exists():
        raise ActionRefused(
            _("Row %(n)d has progress reports and cannot be removed; edit it instead.") % {"n": row.position}
        )
    position, task = row.position, row.task
    record(
        actor=user,
        action="tasks.remove_row",
        obj=row,
        division=checklist.division,
        changes={"task": [task, None], "position": [position, None]},
    )
    row.delete()
    checklist.rows.filter(position__gt=position).update(position=F("position") - 1)


def _check_percent(percent) -> int:
    if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
        raise ActionRefused(_("Progress must be a whole number from 0 to 100 (per cent)."))
    return percent


def _repeats_last(row: ChecklistRow, *, user, percent: int, note: str) -> bool:
    """A report without a file that says what the row's latest report (also without a file) said, by
    the same person: sent twice, or sent again with nothing new. Storing it twice would count it twice."""
    last = row.updates.order_by("-at", "-id").first()
    return (
        last is not None
        and not last.file
        and last.actor_id == user.pk
        and last.percent == percent == row.progress
        and last.note == note
    )


def update_progress(
    *, user, row: ChecklistRow, percent: int, note: str = "", file: UploadedFile | None = None
) -> RowUpdate:
    """The row's responsible person reports how far the work is (0–100 %), with a note and an optional
    file. Nobody else may, not even the lead leader. At 100 % the row is done and its lead leader told."""
    access.require(user, Permission.REPORT_PROGRESS, row)
    percent = _check_percent(percent)
    note = clean_text(note, label=_("The note"), limit=MAX_NOTE)
    checked = files.check_upload(file) if file else None
    with files.removing_on_error() as stored, transaction.atomic():
        row = locked(row)
        checklist = row.checklist
        if checklist.status != ChecklistStatus.ACTIVE:
            raise ActionRefused(_("Progress can be reported only while the checklist is in force."))
        access.require(user, Permission.REPORT_PROGRESS, row)  # changed while the form was open
        if checked is None and _repeats_last(row, user=user, percent=percent, note=note):
            raise ActionRefused(
                _(
                    "This report is the same as your last one (%(percent)d%%, the same note); it was not "
                    "saved again."
                )
                % {"percent": percent}
            )
        before = (row.progress, row.status)
        row.progress = percent
        row.status = status_for(percent)
        row.completed_at = timezone.now() if row.status == RowStatus.DONE else None
        row.save(update_fields=["progress", "status", "completed_at"])
        update = RowUpdate(row=row, percent=percent, note=note, actor=user)
        if checked:
            update.original_name = checked.name
            files.save_file(update.file, checked, stored)
        update.save()
        record(
            actor=user,
            action="tasks.update_progress",
            obj=row,
            division=checklist.division,
            note=note,
            changes={"progress": [before[0], percent], "status": [before[1], row.status]},
        )
        if row.status == RowStatus.DONE and before[1] != RowStatus.DONE:
            notify(
                recipients=[row.lead_leader],
                verb="tasks.row_done",
                text=_("%(person)s reported row %(n)d of “%(title)s” done: %(task)s")
                % {
                    "person": person_name(user),
                    "n": row.position,
                    "title": checklist.title,
                    "task": row.task,
                },
                url=link("tasks:checklist_detail", checklist.pk),
            )
    return update
