"""A township sends an approved order on to its villages; each village receives it, reports, completes."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.access import Permission
from qingdan.actiontools import clean_reason, clean_text, link, locked, require
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .. import attachments as files
from ..choices import AssignmentStatus, OrderStatus, ReportKind, TaskStatus
from ..models import Assignment, TaskReport, VillageTask
from ..queries import screened_village_ids
from ._support import MAX_NOTE, cadres_of, dispatchers_of


@transaction.atomic
def dispatch(
    *, user, assignment: Assignment, villages: Iterable[Division], note: str = ""
) -> list[VillageTask]:
    """Send the township's assignment on to some of its villages (a subset is fine). Calling it again
    adds villages; a village that already has the task is left as it is. Tasks keep the order's deadline."""
    require(user, Permission.DISPATCH_ORDER, assignment)
    assignment = locked(assignment)
    order = assignment.order
    if order.status != OrderStatus.APPROVED:
        raise ActionRefused(_("Only an approved order can be dispatched."))
    township = assignment.township
    chosen = {v.pk: v for v in villages}
    if not chosen:
        raise ActionRefused(_("Choose at least one village to send the task to."))
    for village in chosen.values():
        if village.level != Level.VILLAGE or village.parent_id != township.pk:
            raise ActionRefused(
                _("%(name)s is not a village of %(township)s.")
                % {"name": village.name, "township": township.name}
            )
    note = clean_reason(note, label=_("The dispatch note"), required=False)
    already = set(assignment.tasks.values_list("village_id", flat=True))
    new = sorted((v for pk, v in chosen.items() if pk not in already), key=lambda v: v.code)
    if not new:
        raise ActionRefused(_("Every chosen village already has this task."))
    _refuse_unscreened(order, new)
    tasks = VillageTask.objects.bulk_create(
        VillageTask(
            assignment=assignment, order=order, village=v, county=order.county, deadline=order.deadline
        )
        for v in new
    )
    before = assignment.status
    assignment.status = AssignmentStatus.DISPATCHED
    assignment.dispatched_at = assignment.dispatched_at or timezone.now()
    assignment.dispatched_by = assignment.dispatched_by or user
    if note:
        assignment.note = note
    assignment.save(update_fields=["status", "dispatched_at", "dispatched_by", "note"])
    record(
        actor=user,
        action="admission.dispatch",
        obj=assignment,
        note=note,
        changes={
            "status": [before, AssignmentStatus.DISPATCHED],
            "villages": [None, "、".join(v.name for v in new)],
        },
    )
    for task in tasks:
        notify(
            recipients=cadres_of([task.village]),
            verb="admission.task_sent",
            text=_("%(township)s sent you a task: %(title)s, due %(deadline)s")
            % {"township": township.name, "title": order.title, "deadline": order.deadline},
            url=link("admission:task_detail", task.pk),
        )
    return tasks


def _refuse_unscreened(order, villages: list[Division]) -> None:
    """Work not reviewed may not be handed to a village (未经审核的非清单内事项,不得交由村(社区)承担):
    only the villages the order was screened for, and approved with, can receive it."""
    screened = screened_village_ids(order)
    outside = [v.name for v in villages if v.pk not in screened]
    if outside:
        raise ActionRefused(
            _(
                "%(names)s were not among the villages this order was screened and approved for, and work "
                "that was not reviewed may not be handed to a village or community. If they must take "
                "part, %(department)s has to file them in an order for screening and review first."
            )
            % {"names": "、".join(outside), "department": order.department.name}
        )


def _open_task(user, task: VillageTask) -> VillageTask:
    require(user, Permission.WORK_TASK, task)
    task = locked(task)
    if task.status == TaskStatus.COMPLETED:
        raise ActionRefused(_("This task is already completed."))
    return task


def _receive(task: VillageTask, now) -> None:
    """A report on a task not yet received receives it too: the village plainly has it."""
    if task.received_at is None:
        task.received_at = now


@transaction.atomic
def receive_task(*, user, task: VillageTask) -> VillageTask:
    """The village confirms it has the task."""
    task = _open_task(user, task)
    if task.status != TaskStatus.SENT:
        raise ActionRefused(_("This task was already received."))
    task.status = TaskStatus.RECEIVED
    _receive(task, timezone.now())
    task.save(update_fields=["status", "received_at"])
    record(
        actor=user,
        action="admission.receive_task",
        obj=task,
        changes={"status": [TaskStatus.SENT, task.status]},
    )
    return task


def _repeats_last(task: VillageTask, *, user, kind: str, progress: int, note: str) -> bool:
    """A report without a file that says what the task's latest report (also without a file) said, by
    the same person: sent twice, or sent again with nothing new."""
    last = task.reports.order_by("-at", "-id").first()
    return (
        last is not None
        and not last.file
        and last.actor_id == user.pk
        and last.kind == kind
        and last.progress == progress == task.progress
        and last.note == note
    )


def _report(
    *, user, task: VillageTask, kind: str, progress: int, note: str, file: UploadedFile | None
) -> TaskReport:
    checked = files.check_upload(file) if file else None
    with files.removing_on_error() as stored, transaction.atomic():
        task = _open_task(user, task)
        if checked is None and _repeats_last(task, user=user, kind=kind, progress=progress, note=note):
            raise ActionRefused(
                _(
                    "This report is the same as your last one (%(progress)d%%, the same note); it was not "
                    "saved again."
                )
                % {"progress": progress}
            )
        before = task.status
        now = timezone.now()
        _receive(task, now)
        task.progress = progress
        task.status = TaskStatus.COMPLETED if kind == ReportKind.COMPLETION else TaskStatus.IN_PROGRESS
        if kind == ReportKind.COMPLETION:
            task.completed_at = now
        task.save(update_fields=["progress", "status", "received_at", "completed_at"])
        report = TaskReport(task=task, kind=kind, progress=progress, note=note, actor=user)
        if checked:
            report.original_name = checked.name
            files.save_file(report.file, checked, stored)
        report.save()
        record(
            actor=user,
            action="admission.complete_task"
            if kind == ReportKind.COMPLETION
            else "admission.report_progress",
            obj=task,
            note=note,
            changes={"status": [before, task.status], "progress": [None, progress]},
        )
    return report


def report_progress(
    *, user, task: VillageTask, progress: int, note: str, file: UploadedFile | None = None
) -> TaskReport:
    """The village reports how far it is (0–99 %), with a short note and an optional file."""
    if not isinstance(progress, int) or isinstance(progress, bool) or not 0 <= progress <= 99:
        raise ActionRefused(
            _("Progress must be a whole number from 0 to 99; report completion when the work is done.")
        )
    note = clean_text(note, label=_("The note"), limit=MAX_NOTE)
    return _report(user=user, task=task, kind=ReportKind.PROGRESS, progress=progress, note=note, file=file)


def complete_task(*, user, task: VillageTask, note: str, file: UploadedFile | None = None) -> TaskReport:
    """The village reports the work done (100 %); the department and the township are told."""
    note = clean_text(note, label=_("The note"), limit=MAX_NOTE)
    report = _report(user=user, task=task, kind=ReportKind.COMPLETION, progress=100, note=note, file=file)
    task = report.task
    order = task.order
    text = _("%(village)s completed the task %(title)s") % {
        "village": task.village.name,
        "title": order.title,
    }
    notify(
        recipients=[order.created_by],
        verb="admission.task_completed",
        text=text,
        url=link("admission:order_detail", order.pk),
    )
    notify(
        recipients=dispatchers_of([task.assignment.township]),
        verb="admission.task_completed",
        text=text,
        url=link("admission:task_detail", task.pk),
    )
    return report
