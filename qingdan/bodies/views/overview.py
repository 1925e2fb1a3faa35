"""The county's view of its bodies: the clean-up review, the year-on-year report, the caps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from .. import actions
from ..choices import CapLevel
from ..forms import CapForm, ReportYearForm
from ..queries import STALE_DAYS, cap_status, review, year_report


@login_required
def review_page(request):
    user = request.user
    county = access.user_county(user)
    context = {
        "review": review(user),
        "caps": cap_status(user, county) if county else [],
        "county": county,
        "stale_days": STALE_DAYS,
        "may_manage": access.can(user, Permission.MANAGE_BODIES, county),
    }
    return render(request, "bodies/review.html", context)


@login_required
def report_page(request):
    today = timezone.localdate()
    form = ReportYearForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    year = min(year or today.year, today.year)
    report = year_report(request.user, year=year, today=today)
    context = {"report": report, "years": range(today.year, today.year - 6, -1), "form": form}
    return render(request, "bodies/report.html", context)


@login_required
def cap_edit(request):
    user = request.user
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_BODIES, county)
    if request.method == "POST":
        form = CapForm(request.POST)
        if form.is_valid():
            level = form.cleaned_data["level"]
            with refusal_shown(request) as shown:
                actions.set_cap(user=user, county=county, level=level, cap=form.cleaned_data["cap"])
            if not shown.refused:
                messages.success(
                    request,
                    _("The cap at %(level)s is now %(cap)d.")
                    % {"level": CapLevel(level).label, "cap": form.cleaned_data["cap"]},
                )
                return redirect("bodies:cap_edit")
        else:
            messages.error(request, _("A cap is a whole number from 0 to 500."))
    lines = cap_status(user, county)
    for line in lines:
        line.form = CapForm(initial={"level": line.level, "cap": line.cap}, auto_id=f"id_{line.level}_%s")
    status = 400 if request.method == "POST" else 200
    return render(request, "bodies/caps.html", {"lines": lines, "county": county}, status=status)
