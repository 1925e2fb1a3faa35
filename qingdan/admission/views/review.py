"""The reviewer's work (准入审核): the queue; approve, return, refuse or convert (each decision's POST through
qingdan.review.views.decision); bulk approval."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.review.views import decision

from .. import actions
from ..choices import OrderStatus
from ..filters import WorkOrderFilter
from ..forms import ApproveForm, ConvertForm, RefuseForm, ReturnForm
from ..models import WorkOrder
from .common import citable_items, paginate, screenings_of, visible_order
from .orders import detail_page


@login_required
def review_queue(request):
    """Orders waiting for review, oldest first. Anyone may read it in scope; only reviewers act on it."""
    user = request.user
    waiting = (
        access.visible(WorkOrder.objects.filter(status=OrderStatus.SUBMITTED), user)
        .select_related("department")
        .prefetch_related("targets__division")
        .order_by("submitted_at", "id")
    )
    # only the departments that have an order waiting: choosing any other would show nothing
    departments = access.county_departments(user).filter(pk__in=waiting.values("department_id"))
    filters = WorkOrderFilter(request.GET, queryset=waiting, departments=departments)
    page = paginate(request, filters.qs)
    context = {
        "page": page,
        "filters": filters.form,
        "may_review": access.can(user, Permission.REVIEW_ORDER),
    }
    return render(request, "admission/review_queue.html", context)


def _order_to_review(request, pk: int) -> WorkOrder:
    order = visible_order(request.user, pk)
    access.require(request.user, Permission.REVIEW_ORDER, order)
    return order


def _decision(request, order: WorkOrder, form, *, act, form_name: str, success: str, done: str = ""):
    """One decision on the order's page: errors show the page again (400), a refusal comes back to it."""
    page = reverse("admission:order_detail", args=[order.pk])
    return decision(
        request,
        form,
        act=act,
        again=lambda bound: detail_page(request, order, status=400, **{form_name: bound}),
        back=page,
        done=done or reverse("admission:review_queue"),
        success=success,
    )


@login_required
@require_POST
def order_approve(request, pk: int):
    order = _order_to_review(request, pk)
    return _decision(
        request,
        order,
        ApproveForm(request.POST, verdict=order.verdict),
        act=lambda data: actions.approve_order(user=request.user, order=order, note=data["note"]),
        form_name="approve_form",
        success=_("Approved: “%(title)s” goes to the townships.") % {"title": order.title},
    )


@login_required
@require_POST
def order_return(request, pk: int):
    order = _order_to_review(request, pk)
    return _decision(
        request,
        order,
        ReturnForm(request.POST),
        act=lambda data: actions.return_order(user=request.user, order=order, reason=data["reason"]),
        form_name="return_form",
        success=_("Returned to the department for clarification."),
    )


@login_required
@require_POST
def order_refuse(request, pk: int):
    order = _order_to_review(request, pk)
    form = RefuseForm(request.POST, citable=citable_items(screenings_of(order, request.user)))
    return _decision(
        request,
        order,
        form,
        act=lambda data: actions.refuse_order(
            user=request.user, order=order, reason=data["reason"], cited_item=form.cited_item()
        ),
        form_name="refuse_form",
        success=_("Refused: the order will not reach any township or village."),
    )


@login_required
@require_POST
def order_convert(request, pk: int):
    order = _order_to_review(request, pk)
    first = order.targets.select_related("division").first()
    return _decision(
        request,
        order,
        ConvertForm(request.POST, level=first.division.level if first else ""),
        act=lambda data: actions.convert_to_amendment(
            user=request.user, order=order, list_kind=data["list_kind"], reason=data["reason"]
        ),
        form_name="convert_form",
        success=_("The order is now a request to amend the catalog; the catalog office decides."),
        done=reverse("admission:order_detail", args=[order.pk]),
    )


@login_required
@require_POST
def bulk_approve(request):
    """Approve the ticked orders, each through its own transition and checks; show what became of each."""
    user = request.user
    access.require(user, Permission.REVIEW_ORDER)
    ids = [value for value in request.POST.getlist("orders") if value.isdigit()]
    orders = list(access.visible(WorkOrder.objects.filter(pk__in=ids), user).order_by("submitted_at", "id"))
    if not orders:
        messages.error(request, _("Tick at least one order to approve."))
        return redirect("admission:review_queue")
    results = actions.approve_orders(user=user, orders=orders)
    approved = sum(1 for _order, problem in results if problem is None)
    return render(
        request,
        "admission/bulk_result.html",
        {"results": results, "approved": approved, "refused": len(results) - approved},
    )
