"""Helpers the work admission pages share: fetching within scope, paging, the detail of one order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from qingdan import access
from qingdan.access import Permission
from qingdan.duties.choices import ListKind
from qingdan.web.paging import paginate  # noqa: F401  (this app's pages import it from here)

from ..actions.orders import WITHDRAWABLE
from ..choices import OrderStatus, TaskStatus
from ..models import (
    Assignment,
    Attachment,
    Complaint,
    OrderTarget,
    ReviewEntry,
    Screening,
    VillageTask,
    WorkOrder,
)

EDITABLE = (OrderStatus.DRAFT, OrderStatus.RETURNED)
KIND_LABELS = dict(ListKind.choices)


def visible_order(user, pk: int) -> WorkOrder:
    orders = WorkOrder.objects.select_related("department", "created_by", "county", "amendment")
    return access.get_visible_or_404(orders, user, pk=pk)


def visible_task(user, pk: int) -> VillageTask:
    tasks = VillageTask.objects.select_related(
        "order__department", "village__parent", "assignment__dispatched_by"
    )
    return access.get_visible_or_404(tasks, user, pk=pk)


def mark_deadlines(tasks) -> None:
    """Put days_left, days_over and overdue on each task (for the inbox and the task page)."""
    today = timezone.localdate()
    for task in tasks:
        task.days_left = (task.deadline - today).days
        task.days_over = -task.days_left
        task.overdue = task.days_left < 0 and task.status != TaskStatus.COMPLETED


@dataclass
class MatchLine:
    """One matched catalog item of a screening, ready to draw."""

    list_kind: str
    list_kind_label: str
    item_no: str
    name: str
    score: float
    matched_words: list[str]

    @property
    def citation(self) -> str:
        """How a refusal cites it: 清单类型:序号 事项名称."""
        return f"{self.list_kind_label}:{self.item_no} {self.name}"


def match_lines(screening: Screening) -> list[MatchLine]:
    return [
        MatchLine(
            list_kind=m.get("list_kind", ""),
            list_kind_label=str(KIND_LABELS.get(m.get("list_kind", ""), m.get("list_kind", ""))),
            item_no=str(m.get("item_no", "")),
            name=m.get("name", ""),
            score=float(m.get("score") or 0),
            matched_words=list(m.get("matched_words") or []),
        )
        for m in screening.matches or []
    ]


def screenings_of(order: WorkOrder, user) -> list[Screening]:
    screenings = list(
        access.visible(Screening.objects.filter(order=order), user).select_related(
            "division__parent", "catalog_version"
        )
    )
    for screening in screenings:
        screening.lines = match_lines(screening)
    return screenings


def citable_items(screenings: list) -> list[str]:
    """Every item the screenings matched, once each, as a refusal may cite it."""
    seen: dict[str, None] = {}
    for screening in screenings:
        for line in screening.lines:
            seen.setdefault(line.citation)
    return list(seen)


def assignments_of(order: WorkOrder, user) -> list[Assignment]:
    """The order's township assignments the user may see, each with its village tasks."""
    assignments = list(
        access.visible(Assignment.objects.filter(order=order), user).select_related(
            "township", "dispatched_by"
        )
    )
    tasks = access.visible(VillageTask.objects.filter(order=order), user).select_related("village")
    by_assignment: dict[int, list[VillageTask]] = defaultdict(list)
    for task in tasks:
        by_assignment[task.assignment_id].append(task)
    for assignment in assignments:
        assignment.task_list = by_assignment.get(assignment.pk, [])
        mark_deadlines(assignment.task_list)
    return assignments


def order_context(user, order: WorkOrder) -> dict:
    """Everything the order page shows, each part through the access gate."""
    screenings = screenings_of(order, user)
    may_review = order.status == OrderStatus.SUBMITTED and access.can(user, Permission.REVIEW_ORDER, order)
    targets = list(access.visible(OrderTarget.objects.filter(order=order), user).select_related("division"))
    return {
        "order": order,
        "targets": targets,
        "history": access.visible(ReviewEntry.objects.filter(order=order), user).select_related("actor"),
        "screenings": screenings,
        "attachments": access.visible(Attachment.objects.filter(order=order), user),
        "assignments": assignments_of(order, user),
        "complaints": access.visible(Complaint.objects.filter(order=order), user).select_related("division"),
        "may_edit": order.status in EDITABLE and access.can(user, Permission.SUBMIT_ORDER, order),
        "may_withdraw": order.status in WITHDRAWABLE and access.can(user, Permission.SUBMIT_ORDER, order),
        "may_review": may_review,
        "citable": citable_items(screenings) if may_review else [],
        "first_target_level": targets[0].division.level if targets else "",
    }
