"""A village's tasks: the inbox, one task, receiving it, reporting progress, completing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from .. import actions
from ..choices import TaskStatus
from ..filters import VillageTaskFilter
from ..forms import CompleteForm, OrderComplaintForm, ReportForm
from ..models import Attachment, TaskReport, VillageTask
from .common import mark_deadlines, paginate, visible_task


@login_required
def task_list(request):
    user = request.user
    done_last = Case(
        When(status=TaskStatus.COMPLETED, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    tasks = (
        access.visible(VillageTask.objects.all(), user)
        .select_related("order__department", "village")
        .annotate(done_last=done_last)
        .order_by("done_last", "deadline", "id")
    )
    filters = VillageTaskFilter(request.GET, queryset=tasks)
    page = paginate(request, filters.qs)
    mark_deadlines(page.object_list)
    return render(request, "admission/task_list.html", {"page": page, "filters": filters.form})


def _task_page(request, task: VillageTask, status=200, **forms):
    user = request.user
    mark_deadlines([task])
    may_work = task.status != TaskStatus.COMPLETED and access.can(user, Permission.WORK_TASK, task)
    context = {
        "task": task,
        "order": task.order,
        "reports": access.visible(TaskReport.objects.filter(task=task), user).select_related("actor"),
        "attachments": access.visible(Attachment.objects.filter(order=task.order), user),
        "may_work": may_work,
        "may_receive": may_work and task.status == TaskStatus.SENT,
        "report_form": forms.get("report_form") or ReportForm(),
        "complete_form": forms.get("complete_form") or CompleteForm(),
        "may_complain": access.can(user, Permission.FILE_COMPLAINT, task),
        "complaint_form": OrderComplaintForm(),
    }
    return render(request, "admission/task_detail.html", context, status=status)


@login_required
def task_detail(request, pk: int):
    return _task_page(request, visible_task(request.user, pk))


def _task_to_work(request, pk: int) -> VillageTask:
    task = visible_task(request.user, pk)
    access.require(request.user, Permission.WORK_TASK, task)
    return task


@login_required
@require_POST
def task_receive(request, pk: int):
    task = _task_to_work(request, pk)
    with refusal_shown(request) as shown:
        actions.receive_task(user=request.user, task=task)
    if not shown.refused:
        messages.success(request, _("Received. Report progress here as the work goes on."))
    return redirect("admission:task_detail", task.pk)


@login_required
@require_POST
def task_report(request, pk: int):
    task = _task_to_work(request, pk)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _task_page(request, task, status=400, report_form=form)
    with refusal_shown(form=form) as shown:
        actions.report_progress(
            user=request.user,
            task=task,
            progress=form.cleaned_data["progress"],
            note=form.cleaned_data["note"],
            file=form.cleaned_data["file"],
        )
    if shown.refused:
        return _task_page(request, task, status=400, report_form=form)
    messages.success(request, _("Progress reported."))
    return redirect("admission:task_detail", task.pk)


@login_required
@require_POST
def task_complete(request, pk: int):
    task = _task_to_work(request, pk)
    form = CompleteForm(request.POST, request.FILES)
    if not form.is_valid():
        return _task_page(request, task, status=400, complete_form=form)
    with refusal_shown(form=form) as shown:
        actions.complete_task(
            user=request.user, task=task, note=form.cleaned_data["note"], file=form.cleaned_data["file"]
        )
    if shown.refused:
        return _task_page(request, task, status=400, complete_form=form)
    messages.success(request, _("Completed. The department and the township have been told."))
    return redirect("admission:task_detail", task.pk)
