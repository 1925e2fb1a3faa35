"""Admission figures: per department and per village, and the load each village carries this month."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import queries


@login_required
def figures(request):
    user = request.user
    today = timezone.localdate()
    departments = queries.department_figures(user, today=today)
    load = queries.village_load(user, today=today)
    heaviest = max((row.total for row in load), default=0) or 1
    for row in load:
        row.width = round(100 * row.total / heaviest)
    villages = queries.village_figures(user, today=today)
    # Villages nothing has reached yet would make the table long on a phone: count them instead.
    active = [row for row in villages if any(getattr(row, name) for name in queries.COUNTED)]
    context = {
        "today": today,
        "departments": departments,
        "department_total": queries.totals(departments),
        "villages": active,
        "quiet_villages": len(villages) - len(active),
        "village_total": queries.village_totals(user, villages),
        "load": load,
    }
    return render(request, "admission/figures.html", context)
