"""Quotas and reforms: units with filled counts, moving quotas down, the report, reforms, the pool and
the roster (masked, revealed only for an audited reason)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.registers import personal
from qingdan.sheets.writing import table_workbook

from .. import actions, queries
from ..choices import PoolExit
from ..forms import MoveForm, RevealForm
from ..models import QuotaMove, QuotaMoveLine, Reform, ReformMapping, StaffedUnit, StaffPerson


def _units(user):
    return queries.with_filled(access.visible(StaffedUnit.objects.all(), user))


@login_required
def unit_list(request):
    user = request.user
    units = list(_units(user))
    for unit in units:
        unit.over = queries.is_over(unit)
    county = access.user_county(user)
    context = {
        "units": units,
        "over": sum(u.over for u in units),
        "may_move": county is not None and access.can(user, Permission.MANAGE_QUOTAS, county),
    }
    return render(request, "staffing/unit_list.html", context)


@login_required
def unit_export(request):
    columns = [
        (_("Unit"), 24),
        (_("Series"), 12),
        (_("Administrative quota"), 10),
        (_("Filled"), 8),
        (_("Institution quota"), 10),
        (_("Filled"), 8),
        (_("Leadership posts"), 10),
        (_("In the turnover pool"), 10),
        (_("Over the quota"), 8),
    ]
    rows = [
        [
            u.unit.name,
            u.get_series_display(),
            u.administrative_quota,
            u.filled_administrative,
            u.institution_quota,
            u.filled_institution,
            u.leader_posts,
            u.in_pool,
            _("yes") if queries.is_over(u) else "",
        ]
        for u in _units(request.user)
    ]
    response = HttpResponse(
        table_workbook(_("Quotas"), columns, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''staffing-quotas.xlsx"
    return response


@login_required
def move_create(request):
    user = request.user
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_QUOTAS, county)
    units = access.visible(StaffedUnit.objects.filter(county=county).select_related("unit"), user)
    townships = units.filter(unit__division__level="township")
    form = MoveForm(request.POST or None, units=units, townships=townships)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form=form) as shown:
            move = actions.move_quotas(
                user=user,
                source=form.cleaned_data["source"],
                kind=form.cleaned_data["kind"],
                lines=form.lines(),
                document=form.cleaned_data["document"],
                moved_on=form.cleaned_data["moved_on"],
            )
        if not shown.refused:
            messages.success(request, _("Quotas moved under %(document)s.") % {"document": move.document})
            return redirect("staffing:move_report")
    status = 400 if request.method == "POST" else 200
    return render(request, "staffing/move_form.html", {"form": form}, status=status)


@login_required
def move_report(request):
    user = request.user
    lines = access.visible(QuotaMoveLine.objects.all(), user)
    towns = queries.quotas_added(lines)
    context = {
        "towns": towns,
        "total": sum(t["total"] for t in towns),
        "moves": access.visible(QuotaMove.objects.select_related("source__unit"), user)[:100],
    }
    return render(request, "staffing/move_report.html", context)


@login_required
def reform_list(request):
    user = request.user
    reforms = access.visible(Reform.objects.all(), user)
    county = access.user_county(user)
    may_record = county is not None and access.can(user, Permission.MANAGE_QUOTAS, county)
    return render(request, "staffing/reform_list.html", {"reforms": reforms, "may_record": may_record})


@login_required
def reform_detail(request, pk: int):
    reform = access.get_visible_or_404(Reform.objects.all(), request.user, pk=pk)
    mappings = access.visible(ReformMapping.objects.filter(reform=reform), request.user).select_related(
        "old", "new"
    )
    context = {"reform": reform, "table": queries.reform_table(reform), "mappings": mappings}
    return render(request, "staffing/reform_detail.html", context)


@login_required
def pool(request):
    people = access.visible(StaffPerson.objects.exclude(pool_since=None), request.user).select_related(
        "works_in__unit"
    )
    context = {
        "in_pool": [p for p in people if p.in_pool],
        "left": [p for p in people if not p.in_pool],
        "exits": PoolExit.choices,
    }
    return render(request, "staffing/pool.html", context)


def _people(user):
    return access.visible(StaffPerson.objects.filter(is_active=True), user).select_related(
        "works_in__unit", "sending_unit"
    )


@login_required
def person_list(request):
    people = _people(request.user).order_by("works_in__unit__name", "name")
    context = {
        "people": people,
        "reveal_form": RevealForm(),
        "may_reveal": access.can(request.user, Permission.STAFFING_REVEAL),
        "may_manage": access.can(request.user, Permission.MANAGE_STAFFING),
    }
    return render(request, "staffing/person_list.html", context)


@login_required
@require_POST
def person_reveal(request, pk: int):
    """Show the clear ID number or phone once, for a reason kept in the audit trail."""
    user = request.user
    person = access.get_visible_or_404(_people(user), user, pk=pk)
    access.require(user, Permission.STAFFING_REVEAL, person)
    form = RevealForm(request.POST)
    revealed = None
    if form.is_valid():
        field = form.cleaned_data["field"]
        with refusal_shown(form=form) as shown:
            value = actions.reveal_person(
                user=user, person=person, field=field, reason=form.cleaned_data["reason"]
            )
        if not shown.refused:
            revealed = {"label": personal.field_label(field), "value": value}
    context = {"person": person, "form": form, "revealed": revealed}
    response = render(request, "staffing/person_reveal.html", context, status=200 if revealed else 400)
    response["Cache-Control"] = "no-store"
    return response
