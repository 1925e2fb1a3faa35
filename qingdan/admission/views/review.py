"""The reviewer's work (准入审核): the queue; approve, return, refuse or convert; bulk approval."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import ActionRefused

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
    filters = WorkOrderFilter(request.GET, queryset=waiting, departments=access.county_departments(user))
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


@login_required
@require_POST
def order_approve(request, pk: int):
    user = request.user
    order = _order_to_review(request, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return detail_page(request, order, status=400, approve_form=form)
    try:
        actions.approve_order(user=user, order=order, note=form.cleaned_data["note"])
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect("admission:order_detail", order.pk)
    messages.success(request, _("Approved: “%(title)s” goes to the townships.") % {"title": order.title})
    return redirect("admission:review_queue")


@login_required
@require_POST
def order_return(request, pk: int):
    user = request.user
    order = _order_to_review(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return detail_page(request, order, status=400, return_form=form)
    try:
        actions.return_order(user=user, order=order, reason=form.cleaned_data["reason"])
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect("admission:order_detail", order.pk)
    messages.success(request, _("Returned to the department for clarification."))
    return redirect("admission:review_queue")


@login_required
@require_POST
def order_refuse(request, pk: int):
    user = request.user
    order = _order_to_review(request, pk)
    form = RefuseForm(request.POST, citable=citable_items(screenings_of(order, user)))
    if not form.is_valid():
        return detail_page(request, order, status=400, refuse_form=form)
    try:
        actions.refuse_order(
            user=user, order=order, reason=form.cleaned_data["reason"], cited_item=form.cited_item()
        )
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect("admission:order_detail", order.pk)
    messages.success(request, _("Refused: the order will not reach any township or village."))
    return redirect("admission:review_queue")


@login_required
@require_POST
def order_convert(request, pk: int):
    user = request.user
    order = _order_to_review(request, pk)
    first = order.targets.select_related("division").first()
    form = ConvertForm(request.POST, level=first.division.level if first else "")
    if not form.is_valid():
        return detail_page(request, order, status=400, convert_form=form)
    try:
        actions.convert_to_amendment(
            user=user,
            order=order,
            list_kind=form.cleaned_data["list_kind"],
            reason=form.cleaned_data["reason"],
        )
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect("admission:order_detail", order.pk)
    messages.success(
        request, _("The order is now a request to amend the catalog; the catalog office decides.")
    )
    return redirect("admission:order_detail", order.pk)


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
