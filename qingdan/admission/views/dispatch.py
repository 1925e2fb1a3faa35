"""A township's inbox of approved orders (派发): dispatch each to the villages that must act."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .. import actions, queries
from ..choices import AssignmentStatus
from ..filters import AssignmentFilter
from ..forms import DispatchForm
from ..models import Assignment, Attachment, VillageTask
from .common import paginate


@login_required
def assignment_list(request):
    user = request.user
    pending_first = Case(
        When(status=AssignmentStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    assignments = (
        access.visible(Assignment.objects.all(), user)
        .select_related("order__department", "township")
        .annotate(task_count=Count("tasks"), pending_first=pending_first)
        .order_by("pending_first", "order__deadline", "id")
    )
    filters = AssignmentFilter(request.GET, queryset=assignments)
    page = paginate(request, filters.qs)
    context = {
        "page": page,
        "filters": filters.form,
        "may_dispatch": access.can(user, Permission.DISPATCH_ORDER),
    }
    return render(request, "admission/assignment_list.html", context)


def _villages_below(user, township: Division):
    return access.visible(Division.objects.filter(parent=township, level=Level.VILLAGE), user).order_by(
        "code"
    )


@login_required
def assignment_dispatch(request, pk: int):
    user = request.user
    assignment = access.get_visible_or_404(
        Assignment.objects.select_related("order__department", "township", "dispatched_by"), user, pk=pk
    )
    access.require(user, Permission.DISPATCH_ORDER, assignment)
    villages = _villages_below(user, assignment.township)
    sent = {
        task.village_id: task
        for task in access.visible(VillageTask.objects.filter(assignment=assignment), user).select_related(
            "village"
        )
    }
    status = 200
    if request.method == "POST":
        form = DispatchForm(request.POST, villages=villages)
        if form.is_valid():
            with refusal_shown(form=form) as shown:
                tasks = actions.dispatch(
                    user=user,
                    assignment=assignment,
                    villages=list(form.cleaned_data["villages"]),
                    note=form.cleaned_data["note"],
                )
            if not shown.refused:
                messages.success(
                    request,
                    _("Dispatched to %(count)s villages: %(names)s.")
                    % {"count": len(tasks), "names": "、".join(t.village.name for t in tasks)},
                )
                return redirect("admission:assignment_list")
        status = 400
    else:
        initial = {v.pk for v in queries.requested_villages(assignment)} | set(sent)
        form = DispatchForm(villages=villages, initial={"villages": sorted(initial), "note": assignment.note})
    context = {
        "assignment": assignment,
        "order": assignment.order,
        "form": form,
        "sent": sent,
        "screened": queries.screened_village_ids(assignment.order),
        "attachments": access.visible(Attachment.objects.filter(order=assignment.order), user),
    }
    return render(request, "admission/assignment_dispatch.html", context, status=status)
