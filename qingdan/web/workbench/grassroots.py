"""What waits for a village cadre and a township's dispatcher.

village   tasks to receive (dispatched orders not yet received, checklist rows not started), tasks under
          way (the overdue first, and counted), forms due this period, complaints answered
township  orders to dispatch, checklists in force with overdue rows, villages' tasks overdue
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.admission.choices import AssignmentStatus, ComplaintStatus, TaskStatus
from qingdan.admission.models import Assignment, Complaint, VillageTask
from qingdan.forms.choices import FormStatus, Frequency, SubmissionStatus
from qingdan.forms.models import FormRequest, Submission
from qingdan.forms.periods import current_period
from qingdan.orgs.choices import Level
from qingdan.tasks.choices import ChecklistStatus, RowStatus
from qingdan.tasks.models import Checklist, ChecklistRow
from qingdan.tasks.queries import my_rows

from ._base import CAP, Item, Next, Section, Source, capped, days_since, link, listed, merged, newest_first

# --- village tasks and checklist rows ----------------------------------------------------------------


def _task_items(
    tasks: list[VillageTask], today: datetime.date, *, detail_village: bool = False
) -> list[Item]:
    return [
        Item(
            title=task.order.title,
            url=link("admission:task_detail", task.pk),
            detail=(
                f"{task.village.name} · {task.order.department.name}"
                if detail_village
                else task.order.department.name
            ),
            badge=task.get_status_display(),
            badge_class=f"task-{task.status}",
            deadline=task.deadline,
            sort=(task.deadline, newest_first(task.sent_at)),
            today=today,
        )
        for task in tasks
    ]


def _row_items(rows: list[ChecklistRow], today: datetime.date) -> list[Item]:
    return [
        Item(
            title=row.task,
            url=link("tasks:row_progress", row.pk),
            detail=row.checklist.title,
            badge=row.get_status_display(),
            deadline=row.deadline,
            sort=(row.deadline, newest_first(row.checklist.issued_at)),
            today=today,
        )
        for row in rows
    ]


# Only what an item shows: an order's text and statements are long, and every column costs.
TASK_FIELDS = ("status", "deadline", "sent_at", "order__title", "order__department__name", "village__name")
ROW_FIELDS = ("task", "status", "deadline", "checklist__title", "checklist__issued_at")


def _village_tasks(user, status: Q):
    return (
        access.visible(VillageTask.objects.filter(status), user)
        .select_related("order__department", "village")
        .only(*TASK_FIELDS)
        .order_by("deadline", "-sent_at", "-id")
    )


def _my_open_rows(user, status: Q):
    """The checklist rows in force naming the person responsible, soonest deadline first."""
    rows = my_rows(user, "responsible").filter(status).prefetch_related(None)
    return rows.select_related(None).select_related("checklist").only(*ROW_FIELDS)


def village_to_receive(user, today: datetime.date) -> Section:
    tasks, n_tasks = capped(_village_tasks(user, Q(status=TaskStatus.SENT)))
    rows, n_rows = capped(_my_open_rows(user, Q(status=RowStatus.NOT_STARTED)))
    return Section(
        key="to-receive",
        title=_("Tasks to receive"),
        items=merged(_task_items(tasks, today), _row_items(rows, today)),
        sources=[
            Source(_("dispatched orders"), link("admission:task_list", status=TaskStatus.SENT), n_tasks),
            Source(_("checklist rows not started"), link("tasks:my_rows"), n_rows),
        ],
        next=Next(
            _("Nothing waits to be received."), _("See all village tasks"), link("admission:task_list")
        ),
    )


def _with_overdue(rows, today: datetime.date) -> tuple[list, int, int]:
    """The first CAP rows, how many there are and how many of them are past their deadline."""
    found = list(rows[:CAP])
    counts = rows.aggregate(
        total=Count("pk", distinct=True), overdue=Count("pk", filter=Q(deadline__lt=today), distinct=True)
    )
    return found, counts["total"], counts["overdue"]


def village_under_way(user, today: datetime.date) -> Section:
    """Received work not finished, the soonest deadline (so the most overdue) first."""
    under_way = Q(status__in=[TaskStatus.RECEIVED, TaskStatus.IN_PROGRESS])
    tasks, n_tasks, late_tasks = _with_overdue(_village_tasks(user, under_way), today)
    rows, n_rows, late_rows = _with_overdue(_my_open_rows(user, Q(status=RowStatus.IN_PROGRESS)), today)
    return Section(
        key="under-way",
        title=_("Tasks under way"),
        items=merged(_task_items(tasks, today), _row_items(rows, today)),
        sources=[
            Source(_("dispatched orders"), link("admission:task_list", show="open"), n_tasks),
            Source(_("checklist rows"), link("tasks:my_rows"), n_rows),
        ],
        overdue=late_tasks + late_rows,
        next=Next(_("Nothing is under way."), _("See all village tasks"), link("admission:task_list")),
    )


# --- forms due ----------------------------------------------------------------------------------


def _this_period(today: datetime.date) -> Q:
    """Submissions of the period each form's frequency is filled for today."""
    periods = Q(pk__in=[])
    for frequency in Frequency:
        periods |= Q(form__frequency=frequency, period=current_period(frequency, today))
    return periods


def village_forms_due(user, today: datetime.date) -> Section | None:
    """The approved forms sent to the person's village not yet submitted for this period, soonest
    deadline first; a form already begun opens at its draft."""
    village = access.scope_root(user)
    if village is None or village.level != Level.VILLAGE:
        return None
    this_period = access.visible(Submission.objects.filter(_this_period(today), village=village), user)
    submitted = this_period.filter(status=SubmissionStatus.SUBMITTED).values("form_id")
    due = (
        access.visible(FormRequest.objects.filter(status=FormStatus.APPROVED, targets=village), user)
        .exclude(pk__in=submitted)
        .select_related("department")
        .order_by("deadline", "-approved_at", "-id")
    )
    forms, total = capped(due)
    drafts = {s.form_id: s for s in this_period.filter(form__in=forms, status=SubmissionStatus.DRAFT)}
    items = []
    for form in forms:
        draft = drafts.get(form.pk)
        items.append(
            Item(
                title=form.title,
                url=link("forms:submission_detail", draft.pk) if draft else link("forms:due_list"),
                detail=form.department.name,
                badge=draft.get_status_display() if draft else _("not opened"),
                badge_class=f"submission-{draft.status}" if draft else "",
                deadline=form.deadline,
                today=today,
            )
        )
    due_list = link("forms:due_list")
    return Section(
        key="forms-due",
        title=_("Forms due"),
        items=items,
        sources=[Source(_("forms"), due_list, total)],
        next=Next(
            _("Every form due this period is submitted."), _("See the forms of your village"), due_list
        ),
    )


# --- complaints answered ------------------------------------------------------------------------


def _complaint_item(complaint: Complaint, today: datetime.date, *, age: bool) -> Item:
    about = complaint.order.title if complaint.order is not None else complaint.what
    against = complaint.against_unit.name if complaint.against_unit is not None else complaint.against_name
    return Item(
        title=about if len(about) <= 60 else f"{about[:60]}…",
        url=link("admission:complaint_detail", complaint.pk),
        detail=" · ".join(part for part in (complaint.division.name, against) if part),
        badge=complaint.get_status_display(),
        badge_class=f"complaint-{complaint.status}",
        age_days=days_since(complaint.filed_at, today) if age else None,
        done=True,
        today=today,
    )


def complaint_items(complaints: list[Complaint], today: datetime.date) -> list[Item]:
    return [_complaint_item(complaint, today, age=False) for complaint in complaints]


def waiting_complaint_items(complaints: list[Complaint], today: datetime.date) -> list[Item]:
    """Open complaints, with how long each has waited."""
    return [_complaint_item(complaint, today, age=True) for complaint in complaints]


def visible_complaints(user, status: Q):
    return access.visible(Complaint.objects.filter(status), user).select_related(
        "division", "order", "against_unit"
    )


def village_complaints_answered(user, today: datetime.date) -> Section:
    answered = visible_complaints(user, ~Q(status=ComplaintStatus.OPEN)).order_by("-handled_at", "-id")
    then = Next(
        _(
            "No answer to a complaint yet. If a department asks for work beyond your list or outside "
            "the platform, you can complain."
        ),
        _("File a complaint"),
        link("admission:complaint_create"),
    )
    more = Source(_("complaints"), link("admission:complaint_list"), 0)
    return listed(
        "complaints-answered", _("Complaints answered"), answered, complaint_items, more, then, today
    )


# --- the township -------------------------------------------------------------------------------


def _assignment_items(assignments: list[Assignment], today: datetime.date) -> list[Item]:
    return [
        Item(
            title=a.order.title,
            url=link("admission:assignment_dispatch", a.pk),
            detail=f"{a.township.name} · {a.order.department.name}",
            badge=a.get_status_display(),
            badge_class=f"assignment-{a.status}",
            deadline=a.order.deadline,
            today=today,
        )
        for a in assignments
    ]


def township_to_dispatch(user, today: datetime.date) -> Section:
    pending = (
        access.visible(Assignment.objects.filter(status=AssignmentStatus.PENDING), user)
        .select_related("order__department", "township")
        .only("status", "order__title", "order__deadline", "order__department__name", "township__name")
        .order_by("order__deadline", "-order__decided_at", "-id")
    )
    inbox = link("admission:assignment_list")
    more = Source(_("orders"), link("admission:assignment_list", status=AssignmentStatus.PENDING), 0)
    then = Next(_("Every approved order has been dispatched."), _("See the township inbox"), inbox)
    return listed("to-dispatch", _("Orders to dispatch"), pending, _assignment_items, more, then, today)


def _checklist_items(checklists: list[Checklist], today: datetime.date) -> list[Item]:
    return [
        Item(
            title=checklist.title,
            url=link("tasks:checklist_detail", checklist.pk),
            detail=checklist.owner_unit.name,
            badge=_("%(n)d of %(rows)d rows overdue")
            % {"n": checklist.overdue_count, "rows": checklist.row_count},  # type: ignore[attr-defined]
            badge_class="overdue",
            today=today,
        )
        for checklist in checklists
    ]


def township_checklists_overdue(user, today: datetime.date) -> Section:
    """Checklists in force with rows past their deadline, the most overdue rows first."""
    late = Q(rows__deadline__lt=today) & ~Q(rows__status=RowStatus.DONE)
    overdue = (
        access.visible(Checklist.objects.filter(status=ChecklistStatus.ACTIVE), user)
        .select_related("owner_unit")
        .annotate(
            row_count=Count("rows", distinct=True),
            overdue_count=Count("rows", filter=late, distinct=True),
        )
        .filter(overdue_count__gt=0)
        .order_by("-overdue_count", "-issued_at", "-id")
    )
    more = Source(_("checklists"), link("tasks:checklist_list", status=ChecklistStatus.ACTIVE), 0)
    then = Next(
        _("No checklist in force has a row past its deadline."),
        _("See the task checklists"),
        link("tasks:checklist_list"),
    )
    return listed("checklists-overdue", _("Checklists overdue"), overdue, _checklist_items, more, then, today)


def _tasks_with_villages(tasks: list[VillageTask], today: datetime.date) -> list[Item]:
    return _task_items(tasks, today, detail_village=True)


def township_villages_overdue(user, today: datetime.date) -> Section:
    late = _village_tasks(user, ~Q(status=TaskStatus.COMPLETED) & Q(deadline__lt=today))
    late = late.order_by("deadline", "village__code", "id")
    more = Source(_("village tasks"), link("admission:task_list", show="open"), 0)
    then = Next(
        _("No village task is past its deadline."),
        _("See the admission figures by village"),
        link("admission:figures"),
    )
    return listed(
        "villages-overdue", _("Villages' tasks overdue"), late, _tasks_with_villages, more, then, today
    )


VILLAGE = [village_to_receive, village_under_way, village_forms_due, village_complaints_answered]
TOWNSHIP = [township_to_dispatch, township_villages_overdue, township_checklists_overdue]
