"""Reading checklists: who may keep them, who may be named on a row, rows ready to draw, a person's rows.

may_create(user)               may the person start a checklist for their own unit?
may_manage(user, checklist)    may they change this one? (their role allows it, and it is their unit's)
may_report(user, row)          may they report this row's progress? (they are its responsible person)
people_for(division)           who may be named on a row: active people of the division and below it
checklists_for(user)           the checklists the person sees, with row and alert counts
rows_of(checklist, user)       a checklist's rows with their people, in order
my_rows(user, as_)             the rows a person leads, is responsible for, or cooperates on
flag(rows, today)              put alert ("overdue" / "due_soon" / ""), days_left, days_over on rows
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from qingdan import access
from qingdan.access import Permission
from qingdan.orgs.models import Division, User

from .choices import DUE_SOON_DAYS, ChecklistStatus, RowStatus
from .models import Checklist, ChecklistRow


def may_create(user) -> bool:
    """County offices, departments and township offices start checklists for their own unit (the rule is
    qingdan.access's: MANAGE_CHECKLIST at their own division, a county or township)."""
    return access.own_division(user, Permission.MANAGE_CHECKLIST) is not None


def may_manage(user, checklist: Checklist) -> bool:
    return access.can(user, Permission.MANAGE_CHECKLIST, checklist)


def may_report(user, row: ChecklistRow) -> bool:
    """Only the row's responsible person reports its progress, and only while the checklist is in force."""
    in_force = row.checklist.status == ChecklistStatus.ACTIVE
    return in_force and access.can(user, Permission.REPORT_PROGRESS, row)


def people_for(division: Division) -> QuerySet[User]:
    """Everyone who may be named on a row of a checklist of `division`: active people whose unit lies in
    the division or below it (a township's leaders and its village cadres; a county's whole staff)."""
    low, high = division.bounds
    return (
        User.objects.filter(
            is_active=True,
            unit__is_active=True,
            unit__division__code__gte=low,
            unit__division__code__lte=high,
        )
        .select_related("unit")
        .order_by("unit__division__code", "unit__name", "full_name", "username")
    )


def checklists_for(user) -> QuerySet[Checklist]:
    """The checklists the person sees, newest first, each with its row count, done rows and alerts."""
    today = timezone.localdate()
    open_rows = ~Q(rows__status=RowStatus.DONE)
    return (
        access.visible(Checklist.objects.all(), user)
        .select_related("owner_unit", "division")
        .annotate(
            row_count=Count("rows", distinct=True),
            done_count=Count("rows", filter=Q(rows__status=RowStatus.DONE), distinct=True),
            overdue_count=Count("rows", filter=open_rows & Q(rows__deadline__lt=today), distinct=True),
            due_soon_count=Count(
                "rows",
                filter=open_rows
                & Q(rows__deadline__gte=today, rows__deadline__lte=today + datetime.timedelta(DUE_SOON_DAYS)),
                distinct=True,
            ),
        )
        .order_by("-year", "-created_at", "-id")
    )


def with_people(rows: QuerySet[ChecklistRow]) -> QuerySet[ChecklistRow]:
    return rows.select_related("lead_leader", "responsible").prefetch_related("cooperating_leaders")


def rows_of(checklist: Checklist, user) -> list[ChecklistRow]:
    rows = access.visible(ChecklistRow.objects.filter(checklist=checklist), user)
    found = list(with_people(rows).order_by("position", "id"))
    for row in found:
        row.checklist = checklist  # already loaded: keep the one the page holds
    return flag(found)


MY_ROLES = {
    "responsible": "responsible_id",
    "lead": "lead_leader_id",
    "cooperating": "cooperating_leaders__id",
}


def my_rows(user, as_: str = "responsible", *, include_done: bool = False) -> QuerySet[ChecklistRow]:
    """The rows of checklists in force (and closed ones, when include_done) naming the person as
    `as_` ("responsible", "lead" or "cooperating"), soonest deadline first."""
    field = MY_ROLES[as_]
    statuses = [ChecklistStatus.ACTIVE, ChecklistStatus.CLOSED] if include_done else [ChecklistStatus.ACTIVE]
    rows = access.visible(ChecklistRow.objects.all(), user).filter(
        **{field: user.pk}, checklist__status__in=statuses
    )
    if not include_done:
        rows = rows.exclude(status=RowStatus.DONE)
    return (
        rows.select_related("checklist__owner_unit", "lead_leader", "responsible")
        .prefetch_related("cooperating_leaders")
        .order_by("deadline", "checklist_id", "position")
        .distinct()
    )


def my_row_counts(user) -> dict[str, int]:
    """How many open rows of checklists in force name the person in each role, in one query."""
    rows = access.visible(ChecklistRow.objects.all(), user).filter(checklist__status=ChecklistStatus.ACTIVE)
    rows = rows.exclude(status=RowStatus.DONE)
    return rows.aggregate(
        **{name: Count("pk", filter=Q(**{field: user.pk}), distinct=True) for name, field in MY_ROLES.items()}
    )


def flag(rows: Iterable[ChecklistRow], today: datetime.date | None = None) -> list:
    """Mark each row with its alert ("overdue", "due_soon" or ""), days_left and days_over."""
    today = today or timezone.localdate()
    marked = list(rows)
    for row in marked:
        row.days_left = row.days_until(today)
        row.days_over = -row.days_left
        row.alert = row.alert_kind(today)
    return marked
