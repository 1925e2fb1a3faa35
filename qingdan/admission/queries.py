"""Read helpers for work admission: what a township was asked to send on, and the figures.

Every helper takes the reader and counts only what qingdan.access lets them see.

department_figures(user)   per county department: its orders and what became of them
village_figures(user)      per village: orders naming it, tasks it got, complaints it filed
village_load(user)         per village: the tasks it carries this month, open and done
totals(rows)               one row adding up the others
requested_villages(a)      the villages the department named for an assignment's township
screened_village_ids(o)    the villages an order was screened for (the only ones it may reach)
complainant_hidden(u, c)   whether the reader must not learn who filed a complaint (the department)
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from qingdan import access
from qingdan.orgs.choices import Level, Role
from qingdan.orgs.models import Division, Unit

from .choices import OrderStatus, ReviewStep, TaskStatus
from .models import Assignment, Complaint, OrderTarget, ReviewEntry, Screening, VillageTask, WorkOrder


@dataclass
class FigureRow:
    """The figures of one department or one village (subject None: the total of several rows)."""

    subject: Unit | Division | None
    submitted: int = 0  # orders submitted for review (counted once, however often resubmitted)
    returned: int = 0  # orders returned for clarification at least once
    refused: int = 0  # orders refused
    approved: int = 0  # orders approved
    dispatched: int = 0  # village tasks sent on by townships
    completed: int = 0  # village tasks completed
    overdue: int = 0  # village tasks past their deadline and not completed
    complaints: int = 0  # complaints against the department / filed by the village
    # Support money of approved orders: a department's own; for a village, of the orders that reach it
    # alone (an order to several villages does not say how to split it: see village_totals).
    money_committed: Decimal = field(default_factory=Decimal)


COUNTED = [f.name for f in fields(FigureRow) if f.name != "subject"]


@dataclass
class LoadRow:
    village: Division
    open: int = 0  # tasks not completed yet
    done: int = 0  # tasks completed this month

    @property
    def total(self) -> int:
        return self.open + self.done


def totals(rows: list[FigureRow]) -> FigureRow:
    total = FigureRow(subject=None)
    for row in rows:
        for name in COUNTED:
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


def _order_counts() -> dict[str, Count | Sum]:
    returned = ReviewEntry.objects.filter(step=ReviewStep.RETURN).values("order_id")
    return {
        "submitted": Count("pk", filter=Q(submitted_at__isnull=False)),
        "returned": Count("pk", filter=Q(pk__in=returned)),
        "refused": Count("pk", filter=Q(status=OrderStatus.REFUSED)),
        "approved": Count("pk", filter=Q(status=OrderStatus.APPROVED)),
    }


def _task_counts(today: datetime.date) -> dict[str, Count]:
    done = Q(status=TaskStatus.COMPLETED)
    return {
        "dispatched": Count("pk"),
        "completed": Count("pk", filter=done),
        "overdue": Count("pk", filter=Q(deadline__lt=today) & ~done),
    }


def _fill(rows: Mapping[int, FigureRow], values: Mapping[str, Any], *, key: str) -> None:
    """Copy the figures of one aggregate row into the row of its subject, named by `key`.
    A sum over no rows is None: that figure stays zero."""
    row = rows[values[key]]
    for name, value in values.items():
        if name != key and value is not None:
            setattr(row, name, value)


def _visible_orders(user) -> QuerySet[WorkOrder]:
    return access.visible(WorkOrder.objects.all(), user)


def _visible_tasks(user) -> QuerySet[VillageTask]:
    return access.visible(VillageTask.objects.all(), user)


def department_figures(user, *, today: datetime.date | None = None) -> list[FigureRow]:
    """One row per county department with any order, task or complaint the user may see, by name."""
    today = today or timezone.localdate()
    rows: dict[int, FigureRow] = defaultdict(lambda: FigureRow(subject=None))
    orders = (
        _visible_orders(user)
        .order_by()
        .values("department_id")
        .annotate(
            **_order_counts(),
            money_committed=Sum("support_money_yuan", filter=Q(status=OrderStatus.APPROVED)),
        )
    )
    tasks = _visible_tasks(user).order_by().values("order__department_id").annotate(**_task_counts(today))
    complaints = (
        access.visible(Complaint.objects.filter(against_unit__isnull=False), user)
        .order_by()
        .values("against_unit_id")
        .annotate(complaints=Count("pk"))
    )
    for found, key in (
        (orders, "department_id"),
        (tasks, "order__department_id"),
        (complaints, "against_unit_id"),
    ):
        for values in found:
            _fill(rows, values, key=key)
    units = Unit.objects.in_bulk(list(rows))
    for pk, row in rows.items():
        row.subject = units[pk]
    return sorted(rows.values(), key=lambda row: getattr(row.subject, "name", ""))


def _villages(user) -> QuerySet[Division]:
    return access.visible(Division.objects.filter(level=Level.VILLAGE), user).order_by("code")


def _orders_naming(villages: list[Division], orders: QuerySet[WorkOrder]) -> dict[int, set[int]]:
    """village id → ids of the visible orders that name it: directly, or through its township with
    all villages below."""
    below: dict[int | None, list[int]] = defaultdict(list)
    for village in villages:
        below[village.parent_id].append(village.pk)
    wanted = {village.pk for village in villages}
    naming: dict[int, set[int]] = defaultdict(set)
    targets = OrderTarget.objects.filter(order__in=orders).values_list(
        "order_id", "division_id", "all_villages"
    )
    for order_id, division_id, all_villages in targets:
        if division_id in wanted:
            naming[division_id].add(order_id)
        elif all_villages:
            for village_id in below.get(division_id, ()):
                naming[village_id].add(order_id)
    return naming


def village_figures(user, *, today: datetime.date | None = None) -> list[FigureRow]:
    """One row per village the user may see, by code (villages with nothing are included, as zeros)."""
    today = today or timezone.localdate()
    villages = list(_villages(user))
    rows = {village.pk: FigureRow(subject=village) for village in villages}
    orders = _visible_orders(user)
    naming = _orders_naming(villages, orders)
    returned = set(
        ReviewEntry.objects.filter(step=ReviewStep.RETURN, order__in=orders).values_list(
            "order_id", flat=True
        )
    )
    facts = {
        pk: (
            submitted_at is not None,
            pk in returned,
            status == OrderStatus.REFUSED,
            status == OrderStatus.APPROVED,
        )
        for pk, submitted_at, status in orders.order_by().values_list("pk", "submitted_at", "status")
    }
    for village_id, order_ids in naming.items():
        row = rows[village_id]
        for order_id in order_ids:
            submitted, was_returned, refused, approved = facts[order_id]
            row.submitted += submitted
            row.returned += was_returned
            row.refused += refused
            row.approved += approved
    tasks = (
        _visible_tasks(user)
        .filter(village__in=rows)
        .order_by()
        .values("village_id")
        .annotate(**_task_counts(today))
    )
    for values in tasks:
        _fill(rows, values, key="village_id")
    for village_id, money in _money_of_one_village_orders(_visible_tasks(user).filter(village__in=rows)):
        rows[village_id].money_committed = money
    complaints = (
        access.visible(Complaint.objects.filter(division__in=rows), user)
        .exclude(complainants_hidden(user))
        .order_by()
        .values_list("division_id")
        .annotate(n=Count("pk"))
    )
    for village_id, n in complaints:
        rows[village_id].complaints = n
    return list(rows.values())


def _money_of_one_village_orders(tasks: QuerySet[VillageTask]):
    """(village id, money) for the approved orders among `tasks` that reach one village only: their
    support money is that village's. An order reaching several villages does not say how its money is
    split among them, so no village is credited with it (village_totals counts it once)."""
    approved = tasks.filter(order__status=OrderStatus.APPROVED).values("order_id")
    single = (
        VillageTask.objects.filter(order_id__in=approved)
        .order_by()
        .values("order_id")
        .annotate(villages=Count("village_id", distinct=True))
        .filter(villages=1)
        .values("order_id")
    )
    return (
        tasks.filter(order_id__in=single)
        .order_by()
        .values_list("village_id")
        .annotate(money=Sum("order__support_money_yuan"))
    )


def village_totals(user, rows: list[FigureRow]) -> FigureRow:
    """The total of village rows, with each approved order's support money counted once, however many
    of the villages it reached."""
    total = totals(rows)
    villages = [row.subject.pk for row in rows if row.subject is not None]
    reached = _visible_tasks(user).filter(village_id__in=villages).values("order_id")
    money = WorkOrder.objects.filter(pk__in=reached, status=OrderStatus.APPROVED).aggregate(
        money=Sum("support_money_yuan")
    )["money"]
    total.money_committed = money or Decimal(0)
    return total


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_bounds(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return _start_of(first), _start_of(following)


def village_load(user, *, today: datetime.date | None = None) -> list[LoadRow]:
    """The tasks each village carries this month: those sent before the month ends and not completed
    before it began, as still open and completed this month. Villages with no load are left out;
    the heaviest load first."""
    start, end = month_bounds(today or timezone.localdate())
    carried = (
        _visible_tasks(user)
        .filter(sent_at__lt=end)
        .filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start))
        .order_by()
        .values_list("village_id")
        .annotate(
            open=Count("pk", filter=Q(completed_at__isnull=True)),
            done=Count("pk", filter=Q(completed_at__gte=start, completed_at__lt=end)),
        )
    )
    loads = {village_id: (n_open, n_done) for village_id, n_open, n_done in carried}
    villages = Division.objects.in_bulk(list(loads))
    rows = [LoadRow(village=villages[pk], open=n_open, done=n_done) for pk, (n_open, n_done) in loads.items()]
    return sorted(rows, key=lambda row: (-row.open, -row.total, row.village.code))


def requested_villages(assignment: Assignment) -> list[Division]:
    """The villages the department named for this township: its village targets below the township,
    or every village below when the township itself was named with all its villages."""
    township = assignment.township
    targets = assignment.order.targets.select_related("division")
    if any(t.division_id == township.pk and t.all_villages for t in targets):
        return list(Division.objects.filter(parent=township, level=Level.VILLAGE).order_by("code"))
    return sorted((t.division for t in targets if t.division.parent_id == township.pk), key=lambda d: d.code)


def screened_village_ids(order: WorkOrder) -> set[int]:
    """The villages the order was screened for at its last submission, so the villages its reviewer
    decided on: a village target, or each village below a township targeted with all its villages."""
    return set(
        Screening.objects.filter(order=order, division__level=Level.VILLAGE).values_list(
            "division_id", flat=True
        )
    )


def complainants_hidden(user) -> Q:
    """The complaints whose complainant the user must not learn: a department reads what it was
    complained about and the decision, never who complained, unless the complainant chose to be named
    (a complaint must not invite retaliation). Reviewers, the complainant's own township and village,
    and supervisors see who complained."""
    if user.role == Role.DEPT_CLERK:
        return Q(named=False)
    return Q(pk__in=[])


def complainant_hidden(user, complaint: Complaint) -> bool:
    """complainants_hidden for one complaint already read."""
    return user.role == Role.DEPT_CLERK and not complaint.named
