"""A department's work orders: the list, filing and editing, the order page, submitting, withdrawing,
attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.duties.models import Amendment
from qingdan.errors import refusal_shown

from .. import actions
from ..choices import OrderStatus, ReviewStep
from ..filters import WorkOrderFilter
from ..forms import ApproveForm, ConvertForm, OrderForm, RefuseForm, ReturnForm, WithdrawForm
from ..models import Attachment, ReviewEntry, TaskReport, WorkOrder
from .common import EDITABLE, order_context, paginate, visible_order


@login_required
def order_list(request):
    user = request.user
    orders = access.visible(WorkOrder.objects.select_related("department"), user)
    filters = WorkOrderFilter(request.GET, queryset=orders)
    page = paginate(request, filters.qs)
    context = {
        "page": page,
        "filters": filters.form,
        "may_create": access.can(user, Permission.SUBMIT_ORDER),
    }
    return render(request, "admission/order_list.html", context)


def last_return(user, order: WorkOrder | None) -> ReviewEntry | None:
    """Why the reviewer returned the order, while it waits for the department's answer."""
    if order is None or order.status != OrderStatus.RETURNED:
        return None
    returns = ReviewEntry.objects.filter(order=order, step=ReviewStep.RETURN).select_related("actor")
    return access.visible(returns, user).order_by("at", "id").last()


def _form_page(request, form, order=None, status=200):
    context = {"form": form, "order": order, "return_entry": last_return(request.user, order)}
    return render(request, "admission/order_form.html", context, status=status)


def _saved_message(request, order: WorkOrder, submitted: bool) -> None:
    if submitted:
        messages.success(request, _("The order has been submitted; it now waits for the reviewer."))
    else:
        messages.success(request, _("The order has been saved as a draft. Submit it when it is complete."))


@login_required
def order_create(request):
    user = request.user
    access.require(user, Permission.SUBMIT_ORDER)
    if request.method != "POST":
        return _form_page(request, OrderForm(user=user))
    form = OrderForm(request.POST, request.FILES, user=user)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    submit = "submit" in request.POST
    # Saving and submitting succeed together or not at all: a refused submission leaves no draft.
    with refusal_shown(form=form) as shown, transaction.atomic():
        order = actions.create_order(user=user, **form.action_fields())
        if submit:
            order = actions.submit_order(user=user, order=order)
    if shown.refused:
        return _form_page(request, form, status=400)
    _saved_message(request, order, submit)
    return redirect("admission:order_detail", order.pk)


@login_required
def order_edit(request, pk: int):
    user = request.user
    order = visible_order(user, pk)
    access.require(user, Permission.SUBMIT_ORDER, order)
    if order.status not in EDITABLE:
        messages.error(request, _("Only a draft or a returned order can be changed."))
        return redirect("admission:order_detail", order.pk)
    if request.method != "POST":
        return _form_page(request, OrderForm(user=user, order=order), order)
    form = OrderForm(request.POST, request.FILES, user=user, order=order)
    if not form.is_valid():
        return _form_page(request, form, order, status=400)
    submit = "submit" in request.POST
    with refusal_shown(form=form) as shown, transaction.atomic():
        order = actions.update_order(
            user=user,
            order=order,
            remove_attachments=list(form.cleaned_data["remove_attachments"]),
            **form.action_fields(),
        )
        if submit:
            order = actions.submit_order(user=user, order=order)
    if shown.refused:
        return _form_page(request, form, order, status=400)
    _saved_message(request, order, submit)
    return redirect("admission:order_detail", order.pk)


def detail_page(request, order: WorkOrder, status=200, **forms):
    """The order page; review forms appear for a reviewer while the order waits for them, the withdraw
    form for its department until it is decided."""
    user = request.user
    context = order_context(user, order)
    context["return_entry"] = last_return(user, order) if context["may_edit"] else None
    if context["may_withdraw"]:
        context["withdraw_form"] = forms.get("withdraw_form") or WithdrawForm()
    amendments = Amendment.objects.filter(pk=order.amendment_id or 0)
    context["amendment_visible"] = bool(order.amendment_id) and access.visible(amendments, user).exists()
    if context["may_review"]:
        context.update(
            approve_form=forms.get("approve_form") or ApproveForm(),
            return_form=forms.get("return_form") or ReturnForm(),
            refuse_form=forms.get("refuse_form") or RefuseForm(citable=context["citable"]),
            convert_form=forms.get("convert_form") or ConvertForm(level=context["first_target_level"]),
        )
    return render(request, "admission/order_detail.html", context, status=status)


@login_required
def order_detail(request, pk: int):
    return detail_page(request, visible_order(request.user, pk))


@login_required
@require_POST
def order_submit(request, pk: int):
    user = request.user
    order = visible_order(user, pk)
    access.require(user, Permission.SUBMIT_ORDER, order)
    with refusal_shown(request) as shown:
        actions.submit_order(user=user, order=order)
    if not shown.refused:
        _saved_message(request, order, submitted=True)
    return redirect("admission:order_detail", order.pk)


@login_required
@require_POST
def order_withdraw(request, pk: int):
    user = request.user
    order = visible_order(user, pk)
    access.require(user, Permission.SUBMIT_ORDER, order)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return detail_page(request, order, status=400, withdraw_form=form)
    with refusal_shown(request) as shown:
        actions.withdraw_order(user=user, order=order, reason=form.cleaned_data["reason"])
    if not shown.refused:
        messages.success(
            request, _("The order has been withdrawn; it will not reach any township or village.")
        )
    return redirect("admission:order_detail", order.pk)


def _download(stored, name: str) -> FileResponse:
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


@login_required
def attachment_download(request, pk: int):
    attachment = access.get_visible_or_404(Attachment, request.user, pk=pk)
    return _download(attachment.file, attachment.original_name)


@login_required
def report_file(request, pk: int):
    report = access.get_visible_or_404(TaskReport.objects.exclude(file=""), request.user, pk=pk)
    return _download(report.file, report.original_name or (report.file.name or "").rsplit("/", 1)[-1])
