"""Monitoring points: the county's list with each point's completeness, marking and unmarking, and one
village's ledger overview (its months, its chat groups and apps, its signs)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .. import actions, queries
from ..forms import PointForm
from ..models import MonitoringPoint
from .common import may_record, point_of, visible_village


def _villages(user):
    return access.visible(Division.objects.filter(level=Level.VILLAGE), user).order_by("code")


def _list_page(request, form=None, status=200):
    user = request.user
    points = access.visible(MonitoringPoint.objects.filter(is_active=True), user)
    months = queries.months_back(queries.this_month(), queries.COMPLETENESS_MONTHS)
    may_mark = access.can(user, Permission.MARK_MONITORING_POINT)
    if may_mark and form is None:
        form = PointForm(villages=_villages(user).exclude(monitoring_point__is_active=True))
    context = {
        "rows": queries.completeness(points, months),
        "months": months,
        "form": form if may_mark else None,
        "villages": _villages(user).count(),
    }
    return render(request, "burden_ledger/point_list.html", context, status=status)


@login_required
def point_list(request):
    return _list_page(request)


@login_required
@require_POST
def point_mark(request):
    user = request.user
    form = PointForm(request.POST, villages=_villages(user))
    if form.is_valid():
        with refusal_shown(form=form) as shown:
            actions.mark_point(
                user=user, village=form.cleaned_data["village"], since=form.cleaned_data["since"]
            )
        if not shown.refused:
            messages.success(
                request, _("%(name)s is a monitoring point now.") % {"name": form.cleaned_data["village"]}
            )
            return redirect("burden_ledger:point_list")
    return _list_page(request, form, status=400)


@login_required
@require_POST
def point_unmark(request, pk: int):
    user = request.user
    point = access.get_visible_or_404(MonitoringPoint.objects.select_related("village"), user, pk=pk)
    with refusal_shown(request) as shown:
        actions.unmark_point(user=user, point=point)
    if not shown.refused:
        messages.success(request, _("%(name)s is no longer a monitoring point.") % {"name": point.village})
    return redirect("burden_ledger:point_list")


@login_required
def village_detail(request, pk: int):
    user = request.user
    village = visible_village(user, pk)
    point = point_of(village)
    months = queries.months_back(queries.this_month(), queries.COMPLETENESS_MONTHS)
    rows = queries.completeness(MonitoringPoint.objects.filter(pk=point.pk), months) if point else []
    context = {
        "village": village,
        "point": point,
        "row": rows[0] if rows else None,
        "this_month": queries.this_month(),
        "may_record": may_record(user, village),
    }
    return render(request, "burden_ledger/village_detail.html", context)
