"""Complaints (投诉): against an order on the platform or a demand that bypassed it; reviewers handle them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from .. import actions
from ..choices import ComplaintKind, ComplaintStatus
from ..filters import ComplaintFilter
from ..forms import BypassComplaintForm, HandleComplaintForm, OrderComplaintForm
from ..models import Complaint, WorkOrder
from .common import paginate


@login_required
def complaint_list(request):
    user = request.user
    complaints = access.visible(Complaint.objects.select_related("division", "order", "against_unit"), user)
    filters = ComplaintFilter(request.GET, queryset=complaints)
    page = paginate(request, filters.qs)
    context = {
        "page": page,
        "filters": filters.form,
        "may_file": access.can(user, Permission.FILE_COMPLAINT),
    }
    return render(request, "admission/complaint_list.html", context)


def _order_complaint(request, order_id: str):
    """The one-click complaint from a task page: the button names the kind, the note is optional."""
    user = request.user
    order = access.get_visible_or_404(WorkOrder, user, pk=order_id if order_id.isdigit() else 0)
    form = OrderComplaintForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what the complaint is about."))
        return redirect("admission:complaint_list")
    kind = ComplaintKind(form.cleaned_data["kind"])
    what = form.cleaned_data["what"].strip() or f"{kind.label}：{order.title}"
    with refusal_shown(request) as shown:
        complaint = actions.file_complaint(
            user=user, kind=kind, what=what, order=order, named=form.cleaned_data["named"]
        )
    if shown.refused:
        return redirect("admission:complaint_list")
    messages.success(request, _("Your complaint has been filed; the reviewer will handle it."))
    return redirect("admission:complaint_detail", complaint.pk)


@login_required
def complaint_create(request):
    user = request.user
    access.require(user, Permission.FILE_COMPLAINT)
    if request.method == "POST" and request.POST.get("order"):
        return _order_complaint(request, request.POST["order"])
    departments = access.county_departments(user)
    if request.method != "POST":
        form = BypassComplaintForm(departments=departments)
        return render(request, "admission/complaint_form.html", {"form": form})
    form = BypassComplaintForm(request.POST, departments=departments)
    if form.is_valid():
        data = form.cleaned_data
        with refusal_shown(form=form) as shown:
            complaint = actions.file_complaint(
                user=user,
                kind=ComplaintKind.BYPASS,
                what=data["what"],
                against_unit=data["against_unit"],
                against_name=data["against_name"].strip(),
                happened_on=data["happened_on"],
                channel=data["channel"],
                named=data["named"],
            )
        if not shown.refused:
            messages.success(request, _("Your complaint has been filed; the reviewer will handle it."))
            return redirect("admission:complaint_detail", complaint.pk)
    return render(request, "admission/complaint_form.html", {"form": form}, status=400)


def _visible_complaint(user, pk: int) -> Complaint:
    complaints = Complaint.objects.select_related(
        "division", "order", "against_unit", "filed_by", "handled_by"
    )
    return access.get_visible_or_404(complaints, user, pk=pk)


def _detail_page(request, complaint: Complaint, form=None, status=200):
    may_handle = complaint.status == ComplaintStatus.OPEN and access.can(
        request.user, Permission.HANDLE_COMPLAINT, complaint
    )
    context = {"complaint": complaint, "form": (form or HandleComplaintForm()) if may_handle else None}
    return render(request, "admission/complaint_detail.html", context, status=status)


@login_required
def complaint_detail(request, pk: int):
    return _detail_page(request, _visible_complaint(request.user, pk))


@login_required
@require_POST
def complaint_handle(request, pk: int):
    user = request.user
    complaint = _visible_complaint(user, pk)
    access.require(user, Permission.HANDLE_COMPLAINT, complaint)
    form = HandleComplaintForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, complaint, form, status=400)
    with refusal_shown(request) as shown:
        actions.handle_complaint(
            user=user, complaint=complaint, upheld=form.upheld, outcome=form.cleaned_data["outcome"]
        )
    if not shown.refused:
        messages.success(request, _("The outcome has been recorded and the complainant told."))
    return redirect("admission:complaint_detail", complaint.pk)
