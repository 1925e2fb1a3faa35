"""Work admission over the API: orders, their review, township dispatch, village tasks, complaints, figures.

Same rules as the pages: rows come from access.visible (404 when out of scope), writes check the role with
access.require (403) and go through the actions (409 when the action refuses).
"""

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, filtered, invalid
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.review.schemas import DecisionReasonIn

from . import actions, queries
from .choices import ComplaintKind, ComplaintStatus, Decision, OrderStatus, TaskStatus
from .filters import AssignmentFilter, ComplaintFilter, VillageTaskFilter, WorkOrderFilter
from .models import (
    Assignment,
    Attachment,
    Complaint,
    OrderTarget,
    ReviewEntry,
    Screening,
    TaskReport,
    VillageTask,
    WorkOrder,
)
from .schemas import (
    AssignmentOut,
    BulkApproveIn,
    BulkResultOut,
    ComplaintIn,
    ComplaintOut,
    CompleteIn,
    DispatchIn,
    FiguresOut,
    HandleIn,
    OrderDetailOut,
    OrderIn,
    OrderNoteIn,
    OrderOut,
    OrderRefuseIn,
    ReportIn,
    TaskDetailOut,
    TaskOut,
)

router = Router()


# --- orders -------------------------------------------------------------------------------------


def _orders(user):
    return access.visible(WorkOrder.objects.select_related("department"), user)


def _order_or_404(user, order_id: int) -> WorkOrder:
    return access.get_visible_or_404(_orders(user), user, pk=order_id)


def _order_detail(user, order_id: int) -> WorkOrder:
    """One order with its parts, each through the access gate, ready for OrderDetailOut."""

    def part(name: str, rows):
        return Prefetch(name, queryset=access.visible(rows, user))

    orders = _orders(user).prefetch_related(
        part("targets", OrderTarget.objects.select_related("division")),
        part("screenings", Screening.objects.select_related("division", "catalog_version")),
        part("history", ReviewEntry.objects.select_related("actor")),
        part("attachments", Attachment.objects.all()),
    )
    return access.get_visible_or_404(orders, user, pk=order_id)


@router.get("/orders", response={200: list[OrderOut], **READ_ERRORS}, summary="Work orders in scope")
@paginate(Page)
def order_list(
    request, status: OrderStatus | None = None, verdict: Decision | None = None, department: int | None = None
):
    params = {"status": status, "verdict": verdict, "department": department}
    return filtered(WorkOrderFilter(params, queryset=_orders(request.auth)))


@router.get("/orders/{int:order_id}", response={200: OrderDetailOut, **READ_ERRORS}, summary="One work order")
def order_detail(request, order_id: int):
    return _order_detail(request.auth, order_id)


def _targets(user, payload: OrderIn) -> list[tuple[Division, bool]]:
    codes = [t.division for t in payload.targets]
    found = {
        d.code: d
        for d in access.visible(
            Division.objects.filter(code__in=codes, level__in=[Level.TOWNSHIP, Level.VILLAGE]), user
        )
    }
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise invalid(
            "body",
            {
                "targets": _("No township or village in your scope has the code %(codes)s.")
                % {"codes": "、".join(unknown)}
            },
        )
    return [(found[t.division], t.all_villages) for t in payload.targets]


@router.post(
    "/orders",
    response={201: OrderDetailOut, **WRITE_ERRORS},
    summary="File a work order (department clerk); submitted for review unless `submit` is false",
)
def order_create(request, payload: OrderIn):
    user = request.auth
    access.require(user, Permission.SUBMIT_ORDER)
    fields = payload.dict(exclude={"targets", "submit"})
    targets = _targets(user, payload)
    with transaction.atomic():  # a refused submission leaves no draft behind
        order = actions.create_order(user=user, targets=targets, **fields)
        if payload.submit:
            actions.submit_order(user=user, order=order)
    return Status(201, _order_detail(user, order.pk))


@router.post(
    "/orders/{int:order_id}/submit",
    response={200: OrderDetailOut, **WRITE_ERRORS},
    summary="Submit a draft, or resubmit a returned order",
)
def order_submit(request, order_id: int):
    user = request.auth
    order = _order_or_404(user, order_id)
    access.require(user, Permission.SUBMIT_ORDER, order)
    actions.submit_order(user=user, order=order)
    return _order_detail(user, order_id)


def _to_review(user, order_id: int) -> WorkOrder:
    order = _order_or_404(user, order_id)
    access.require(user, Permission.REVIEW_ORDER, order)
    return order


@router.post(
    "/orders/{int:order_id}/approve",
    response={200: OrderDetailOut, **WRITE_ERRORS},
    summary="Approve (reviewer)",
)
def order_approve(request, order_id: int, payload: OrderNoteIn):
    user = request.auth
    actions.approve_order(user=user, order=_to_review(user, order_id), note=payload.note)
    return _order_detail(user, order_id)


@router.post(
    "/orders/{int:order_id}/return",
    response={200: OrderDetailOut, **WRITE_ERRORS},
    summary="Return for clarification (reviewer)",
)
def order_return(request, order_id: int, payload: DecisionReasonIn):
    user = request.auth
    actions.return_order(user=user, order=_to_review(user, order_id), reason=payload.reason)
    return _order_detail(user, order_id)


@router.post(
    "/orders/{int:order_id}/refuse",
    response={200: OrderDetailOut, **WRITE_ERRORS},
    summary="Refuse, citing the list item (reviewer)",
)
def order_refuse(request, order_id: int, payload: OrderRefuseIn):
    user = request.auth
    order = _to_review(user, order_id)
    actions.refuse_order(user=user, order=order, reason=payload.reason, cited_item=payload.cited_item)
    return _order_detail(user, order_id)


@router.post(
    "/orders/approve",
    response={200: list[BulkResultOut], **WRITE_ERRORS},
    summary="Approve several orders, each through its own checks (reviewer)",
)
def order_bulk_approve(request, payload: BulkApproveIn):
    user = request.auth
    access.require(user, Permission.REVIEW_ORDER)
    orders = list(_orders(user).filter(pk__in=payload.orders).order_by("submitted_at", "id"))
    if not orders:
        raise invalid("body", {"orders": _("None of these orders is in your scope.")})
    results = actions.approve_orders(user=user, orders=orders)
    return [
        {"order": order.pk, "approved": problem is None, "message": problem} for order, problem in results
    ]


# --- townships ----------------------------------------------------------------------------------


def _assignments(user):
    return access.visible(Assignment.objects.select_related("order__department", "township"), user)


@router.get(
    "/assignments", response={200: list[AssignmentOut], **READ_ERRORS}, summary="Township assignments"
)
@paginate(Page)
def assignment_list(request, status: str | None = None):
    assignments = _assignments(request.auth).order_by("status", "order__deadline", "id")
    return filtered(AssignmentFilter({"status": status}, queryset=assignments))


@router.post(
    "/assignments/{int:assignment_id}/dispatch",
    response={200: list[TaskOut], **WRITE_ERRORS},
    summary="Dispatch an approved order to villages below the township (township dispatcher)",
)
def assignment_dispatch(request, assignment_id: int, payload: DispatchIn):
    user = request.auth
    assignment = access.get_visible_or_404(_assignments(user), user, pk=assignment_id)
    access.require(user, Permission.DISPATCH_ORDER, assignment)
    villages = list(
        access.visible(
            Division.objects.filter(
                code__in=payload.villages, parent=assignment.township, level=Level.VILLAGE
            ),
            user,
        )
    )
    unknown = sorted(set(payload.villages) - {v.code for v in villages})
    if unknown:
        raise invalid(
            "body",
            {
                "villages": _("These codes name no village of %(township)s: %(codes)s.")
                % {"township": assignment.township.name, "codes": "、".join(unknown)}
            },
        )
    return actions.dispatch(user=user, assignment=assignment, villages=villages, note=payload.note)


# --- village tasks ------------------------------------------------------------------------------


def _tasks(user):
    return access.visible(VillageTask.objects.select_related("order", "village"), user)


def _task_detail(user, task_id: int) -> VillageTask:
    reports = Prefetch("reports", queryset=access.visible(TaskReport.objects.select_related("actor"), user))
    return access.get_visible_or_404(_tasks(user).prefetch_related(reports), user, pk=task_id)


@router.get("/tasks", response={200: list[TaskOut], **READ_ERRORS}, summary="Village tasks in scope")
@paginate(Page)
def task_list(request, status: TaskStatus | None = None):
    return filtered(VillageTaskFilter({"status": status}, queryset=_tasks(request.auth)))


@router.get("/tasks/{int:task_id}", response={200: TaskDetailOut, **READ_ERRORS}, summary="One village task")
def task_detail(request, task_id: int):
    return _task_detail(request.auth, task_id)


def _task_to_work(user, task_id: int) -> VillageTask:
    task = access.get_visible_or_404(_tasks(user), user, pk=task_id)
    access.require(user, Permission.WORK_TASK, task)
    return task


@router.post(
    "/tasks/{int:task_id}/receive", response={200: TaskDetailOut, **WRITE_ERRORS}, summary="Receive (village)"
)
def task_receive(request, task_id: int):
    user = request.auth
    actions.receive_task(user=user, task=_task_to_work(user, task_id))
    return _task_detail(user, task_id)


@router.post(
    "/tasks/{int:task_id}/report", response={200: TaskDetailOut, **WRITE_ERRORS}, summary="Report progress"
)
def task_report(request, task_id: int, payload: ReportIn):
    user = request.auth
    task = _task_to_work(user, task_id)
    actions.report_progress(user=user, task=task, progress=payload.progress, note=payload.note)
    return _task_detail(user, task_id)


@router.post(
    "/tasks/{int:task_id}/complete",
    response={200: TaskDetailOut, **WRITE_ERRORS},
    summary="Report completion",
)
def task_complete(request, task_id: int, payload: CompleteIn):
    user = request.auth
    actions.complete_task(user=user, task=_task_to_work(user, task_id), note=payload.note)
    return _task_detail(user, task_id)


# --- complaints ---------------------------------------------------------------------------------


def _complaints(user):
    return access.visible(Complaint.objects.select_related("division", "against_unit"), user)


@router.get("/complaints", response={200: list[ComplaintOut], **READ_ERRORS}, summary="Complaints in scope")
@paginate(Page)
def complaint_list(request, status: ComplaintStatus | None = None, kind: ComplaintKind | None = None):
    params = {"status": status, "kind": kind}
    return filtered(ComplaintFilter(params, queryset=_complaints(request.auth)))


@router.post(
    "/complaints",
    response={201: ComplaintOut, **WRITE_ERRORS},
    summary="File a complaint (township or village) against an order or a demand around the platform",
)
def complaint_create(request, payload: ComplaintIn):
    user = request.auth
    access.require(user, Permission.FILE_COMPLAINT)
    order = _order_or_404(user, payload.order) if payload.order is not None else None
    against_unit = None
    if payload.against_unit is not None:
        against_unit = access.county_departments(user).filter(pk=payload.against_unit).first()
        if against_unit is None:
            raise invalid("body", {"against_unit": _("No department of your county has this id.")})
    complaint = actions.file_complaint(
        user=user,
        kind=payload.kind,
        what=payload.what,
        order=order,
        against_unit=against_unit,
        against_name=payload.against_name,
        happened_on=payload.happened_on,
        channel=payload.channel,
        named=payload.named,
    )
    return Status(201, access.get_visible_or_404(_complaints(user), user, pk=complaint.pk))


@router.post(
    "/complaints/{int:complaint_id}/handle",
    response={200: ComplaintOut, **WRITE_ERRORS},
    summary="Uphold or dismiss a complaint, recording the outcome (reviewer)",
)
def complaint_handle(request, complaint_id: int, payload: HandleIn):
    user = request.auth
    complaint = access.get_visible_or_404(_complaints(user), user, pk=complaint_id)
    access.require(user, Permission.HANDLE_COMPLAINT, complaint)
    actions.handle_complaint(user=user, complaint=complaint, upheld=payload.upheld, outcome=payload.outcome)
    return access.get_visible_or_404(_complaints(user), user, pk=complaint_id)


# --- figures ------------------------------------------------------------------------------------


@router.get("/figures", response={200: FiguresOut, **READ_ERRORS}, summary="Admission figures in scope")
def figures(request):
    user = request.auth
    return {
        "departments": queries.department_figures(user),
        "villages": queries.village_figures(user),
        "load": queries.village_load(user),
    }
