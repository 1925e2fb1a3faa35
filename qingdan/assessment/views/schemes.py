"""Schemes: the list with the caps, one scheme with its sets side by side and last year beside it, the
indicator form, keeping and dropping last year's indicators, publishing, and village types."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import filtered
from qingdan.errors import refusal_shown
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .. import actions, queries
from ..choices import VillageType
from ..filters import SchemeFilter
from ..forms import CapForm, IndicatorForm, ReasonForm, SchemeForm, VillageTypeForm
from ..models import AssessmentCap, Indicator, Scheme, VillageKind
from ..queries import departments, primary_items
from .common import managed_scheme, visible_indicators, visible_scheme


@login_required
def scheme_list(request):
    user = request.user
    schemes = access.visible(Scheme.objects.select_related("division"), user)
    filterset = SchemeFilter(request.GET or None, queryset=schemes)
    county = access.user_county(user)
    own = access.own_division(user, Permission.MANAGE_ASSESSMENT)
    context = {
        "filter": filterset,
        "schemes": filtered(filterset) if filterset.is_valid() else schemes.none(),
        "caps": access.visible(AssessmentCap.objects.filter(county=county), user) if county else [],
        "may_draw": own is not None and own.level in (Level.COUNTY, Level.TOWNSHIP),
        "may_cap": own is not None and own.level == Level.COUNTY,
        "scheme_form": SchemeForm(),
        "cap_form": CapForm(),
    }
    return render(request, "assessment/scheme_list.html", context)


@login_required
@require_POST
def scheme_create(request):
    user = request.user
    division = access.require_own_division(user, Permission.MANAGE_ASSESSMENT)
    form = SchemeForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as shown:
            scheme = actions.create_scheme(user=user, division=division, **form.cleaned_data)
        if not shown.refused:
            return redirect("assessment:scheme_detail", scheme.pk)
    else:
        messages.error(request, _("Give the year and a title."))
    return redirect("assessment:scheme_list")


@login_required
@require_POST
def cap_set(request):
    user = request.user
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_ASSESSMENT, county)
    form = CapForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as shown:
            actions.set_cap(user=user, county=county, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("The cap is set."))
    else:
        messages.error(request, _("The cap is a whole number from 1 to 200."))
    return redirect("assessment:scheme_list")


def _columns(indicators) -> list[dict]:
    """One column per village type: its indicators and their total weight (compared on one page)."""
    columns = []
    for kind in VillageType:
        rows = [i for i in indicators if i.village_type == kind]
        if rows:
            columns.append({"label": kind.label, "rows": rows, "total": sum(i.points for i in rows)})
    return columns


@login_required
def scheme_detail(request, pk: int):
    user = request.user
    scheme = visible_scheme(user, pk)
    indicators = list(visible_indicators(user, scheme))
    may_manage = access.can(user, Permission.MANAGE_ASSESSMENT, scheme.division) and not scheme.is_published
    comparison = queries.compare(scheme) if user.role != "dept_clerk" else None
    kept = set(scheme.indicators.exclude(carried_from=None).values_list("carried_from_id", flat=True))
    context = {
        "scheme": scheme,
        "columns": _columns(indicators),
        "comparison": comparison,
        "may_manage": may_manage,
        "may_assess": access.can(user, Permission.ASSESS_VILLAGES, scheme.division) and scheme.is_published,
        "previous": [i for i in visible_indicators(user, scheme.previous) if i.pk not in kept]
        if scheme.previous and may_manage
        else [],
        "reason_form": ReasonForm(),
        "cap": queries.cap_of(scheme.county, scheme.year),
    }
    return render(request, "assessment/scheme_detail.html", context)


@login_required
def indicator_create(request, pk: int):
    user = request.user
    scheme = managed_scheme(user, pk)
    form_args = {"items": primary_items(scheme.county), "departments": departments(scheme.county)}
    form = IndicatorForm(request.POST or None, **form_args)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = actions.IndicatorInput(
            name=data["name"],
            village_type=data["village_type"],
            duty_item=data["duty_item"],
            points=data["points"],
            rule_kind=data["rule_kind"],
            target=data["target"],
            formula=data["formula"],
            levels=form.parsed_levels(),
            evidence=data["evidence"],
            source=data["source"],
            department=data["department"],
        )
        with refusal_shown(form=form) as shown:
            actions.add_indicator(user=user, scheme=scheme, data=entry)
        if not shown.refused:
            messages.success(request, _("The indicator is added."))
            return redirect("assessment:scheme_detail", scheme.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "assessment/indicator_form.html", {"scheme": scheme, "form": form}, status=status)


def _previous(user, scheme: Scheme, previous_pk: int) -> Indicator:
    if scheme.previous is None:
        raise Http404
    return access.get_visible_or_404(Indicator.objects.filter(scheme=scheme.previous), user, pk=previous_pk)


@login_required
@require_POST
def indicator_keep(request, pk: int, previous_pk: int):
    user = request.user
    scheme = managed_scheme(user, pk)
    previous = _previous(user, scheme, previous_pk)
    with refusal_shown(request) as shown:
        actions.keep_indicator(user=user, scheme=scheme, previous=previous)
    if not shown.refused:
        messages.success(request, _("Kept: %(name)s") % {"name": previous.name})
    return redirect("assessment:scheme_detail", scheme.pk)


@login_required
@require_POST
def indicator_drop(request, pk: int, previous_pk: int):
    user = request.user
    scheme = managed_scheme(user, pk)
    previous = _previous(user, scheme, previous_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why it is dropped."))
        return redirect("assessment:scheme_detail", scheme.pk)
    with refusal_shown(request) as shown:
        actions.drop_indicator(
            user=user, scheme=scheme, previous=previous, reason=form.cleaned_data["reason"]
        )
    if not shown.refused:
        messages.success(request, _("Dropped: %(name)s") % {"name": previous.name})
    return redirect("assessment:scheme_detail", scheme.pk)


@login_required
@require_POST
def indicator_remove(request, pk: int):
    user = request.user
    indicator = access.get_visible_or_404(Indicator.objects.select_related("scheme__division"), user, pk=pk)
    access.require(user, Permission.MANAGE_ASSESSMENT, indicator.scheme.division)
    with refusal_shown(request) as shown:
        actions.remove_indicator(user=user, indicator=indicator, reason=request.POST.get("reason", ""))
    if not shown.refused:
        messages.success(request, _("The indicator is removed."))
    return redirect("assessment:scheme_detail", indicator.scheme_id)


@login_required
@require_POST
def scheme_publish(request, pk: int):
    user = request.user
    scheme = managed_scheme(user, pk)
    with refusal_shown(request) as shown:
        actions.publish_scheme(user=user, scheme=scheme)
    if not shown.refused:
        messages.success(request, _("The scheme is published."))
    return redirect("assessment:scheme_detail", scheme.pk)


@login_required
def village_types(request):
    """The villages in scope with their types; an office that may manage sets them one by one."""
    user = request.user
    villages = access.visible(Division.objects.filter(level=Level.VILLAGE), user).order_by("code")
    if request.method == "POST":
        village = access.get_visible_or_404(villages, user, pk=request.POST.get("village") or 0)
        access.require(user, Permission.MANAGE_ASSESSMENT, village)
        form = VillageTypeForm(request.POST)
        saved = ""
        if form.is_valid():
            kind = form.cleaned_data["village_type"]
            with refusal_shown(request) as shown:
                actions.set_village_type(user=user, village=village, village_type=kind)
            if not shown.refused:
                saved = _("%(village)s's type is set.") % {"village": village.name}
        if request.htmx:  # the row's form again, saying what happened, in place
            context = {
                "v": village,
                "label": VillageType(form.cleaned_data["village_type"]).label if saved else "",
                "choices": VillageType.choices,
                "may_manage": True,
                "saved": saved,
                "error": "" if saved else _("Choose a village type."),
            }
            return render(request, "assessment/_village_type.html", context, status=200 if saved else 400)
        if saved:
            messages.success(request, saved)
        else:
            messages.error(request, _("Choose a village type."))
        return redirect("assessment:village_types")
    kinds = dict(VillageKind.objects.filter(village__in=villages).values_list("village_id", "village_type"))
    rows = [(v, VillageType(kinds[v.pk]).label if v.pk in kinds else "") for v in villages[:500]]
    context = {
        "rows": rows,
        "choices": VillageType.choices,
        "may_manage": access.own_division(user, Permission.MANAGE_ASSESSMENT) is not None,
    }
    return render(request, "assessment/village_types.html", context)
