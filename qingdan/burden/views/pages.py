"""The burden pages: an area's dashboard (county, township, or above), a department's, a village's
one screen (一表尽览). They read only the stored figures (queries.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.orgs.choices import Level, Role
from qingdan.orgs.models import Unit

from .. import actions, heat, queries
from ..forms import ReformDateForm
from ..models import BurdenSettings
from .common import AREA_LEVELS, charts, link_bases, ranked_context, trend_rows, visible_division


@login_required
def start(request):
    """Each person's own figures: a village its screen, a department its page, everyone else their area."""
    user = request.user
    root = access.scope_root(user)
    if root is None:
        raise Http404
    if user.role == Role.DEPT_CLERK:
        return redirect("burden:department", pk=user.unit_id)
    if root.level == Level.VILLAGE:
        return redirect("burden:village", code=root.code)
    return redirect("burden:area", code=root.code)


def _settings_context(user, area):
    if area.level != Level.COUNTY:
        return {}
    current = BurdenSettings.objects.filter(county=area).first()
    return {
        "settings": current,
        "may_set_reform": access.can(user, Permission.SET_REFORM_DATE, area),
        "may_rebuild": access.can(user, Permission.REFRESH_BURDEN, area),
        "reform_form": ReformDateForm(initial={"reform_date": current.reform_date if current else None}),
    }


@login_required
def area_dashboard(request, code: str):
    user = request.user
    area = visible_division(user, code, AREA_LEVELS)
    if user.role == Role.DEPT_CLERK:
        raise Http404  # a department reads only the load it put on villages: its own page
    today = timezone.localdate()
    report = queries.area_report(user, area, today=today)
    counties = (
        queries.county_rows(user, area, today=today) if area.level in (Level.PROVINCE, Level.CITY) else []
    )
    context = {
        "area": area,
        "report": report,
        "counties": counties,
        "charts": charts(report, villages=bool(report.villages), issuers=bool(report.issuers)),
        "trend_rows": trend_rows(report),
        "heaviest": max((v.load for v in report.villages), default=0) or 1,
        **ranked_context("villages", report.villages),
        **ranked_context("issuers", report.issuers),
        **ranked_context("counties", counties),
        **link_bases(),
        **_settings_context(user, area),
    }
    for village in report.villages:
        village.width = round(100 * village.load / context["heaviest"])
    return render(request, "burden/area.html", context)


@login_required
def area_heat(request, code: str):
    """Villages × months for one chosen figure (heat map beside its table): a county's villages grouped
    by township, or one township's."""
    user = request.user
    area = visible_division(user, code, [Level.COUNTY, Level.TOWNSHIP])
    if user.role == Role.DEPT_CLERK:
        raise Http404
    today = timezone.localdate()
    until = heat.last_month(request.GET.get("until"), today)
    found = heat.heat(user, area, request.GET.get("figure", heat.LOAD), today=today, until=until)
    context = {
        "area": area,
        "heat": found,
        "choices": heat.figure_choices(queries.measures()),
        "charts": {"heat": heat.chart(found)},
    }
    return render(request, "burden/heat.html", context)


def _department(user, pk: int) -> Unit:
    unit = access.get_visible_or_404(Unit.objects.all(), user, pk=pk)
    if user.role == Role.DEPT_CLERK and unit.pk != user.unit_id:
        raise Http404
    return unit


@login_required
def department_page(request, pk: int):
    unit = _department(request.user, pk)
    report = queries.department_report(request.user, unit, today=timezone.localdate())
    context = {
        "unit": unit,
        "report": report,
        "charts": charts(report, issuers=False),
        "trend_rows": trend_rows(report),
        **ranked_context("villages", report.villages),
        **link_bases(),
    }
    return render(request, "burden/department.html", context)


@login_required
def village_page(request, code: str):
    village = visible_division(request.user, code, [Level.VILLAGE])
    report = queries.village_screen(request.user, village, today=timezone.localdate())
    shown = [code for code, measure in report.measures.items() if any(report.trend.get(code, []))]
    labels = {code: str(report.measures[code].label) for code in shown}
    rows = [
        (month, [(labels[code], report.trend[code][i]) for code in shown])
        for i, month in reversed(list(enumerate(report.months)))
        if any(report.trend[code][i] for code in shown)
    ]
    data = charts(report, villages=False, issuers=False)
    data["months"] = {
        "categories": [f"{m:%Y-%m}" for m in report.months],
        "series": [
            {"name": str(report.measures[code].label), "data": report.trend[code], "stack": "load"}
            for code in queries.load_codes(report.measures)
            if code in shown
        ],
    }
    context = {
        "village": village,
        "report": report,
        "columns": [report.measures[code] for code in shown],
        "rows": rows,
        "charts": data,
    }
    return render(request, "burden/village.html", context)


@login_required
@require_POST
def reform_date(request, code: str):
    county = visible_division(request.user, code, [Level.COUNTY])
    access.require(request.user, Permission.SET_REFORM_DATE, county)
    form = ReformDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reform date as a date, e.g. 2024-07-01."))
        return redirect("burden:area", code=code)
    with refusal_shown(request) as shown:
        actions.set_reform_date(user=request.user, county=county, day=form.cleaned_data["reform_date"])
    if not shown.refused:
        messages.success(request, _("Reform date saved; the figures compare against it from now on."))
    return redirect("burden:area", code=code)


@login_required
@require_POST
def rebuild(request, code: str):
    county = visible_division(request.user, code, [Level.COUNTY])
    access.require(request.user, Permission.REFRESH_BURDEN, county)
    job = actions.start_rebuild(user=request.user, county=county)
    return redirect("jobs:job_detail", pk=job.pk)
