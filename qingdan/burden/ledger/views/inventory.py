"""A village's standing inventory: the chat groups and apps its cadres must use, and its signs with the
Jingmen standard checked (breaches listed, counts before and after)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.errors import refusal_shown

from .. import actions, queries, signs
from ..forms import DisposeForm, DropToolForm, SignForm, ToolForm
from ..models import DigitalTool, Sign
from .common import may_record, point_of, visible_village


def _tools_page(request, village, form=None, status=200):
    user = request.user
    tools = access.visible(DigitalTool.objects.filter(village=village), user).select_related("issuer")
    this_month = queries.this_month()
    context = {
        "village": village,
        "tools": tools,
        "in_use": sum(1 for tool in tools if tool.in_use(this_month)),
        "a_year_ago": sum(1 for tool in tools if tool.in_use(this_month.replace(year=this_month.year - 1))),
        "form": form or ToolForm(issuers=queries.issuers(village.county_division())),
        "drop_form": DropToolForm(initial={"month": this_month}),
        "may_record": may_record(user, village) and point_of(village) is not None,
    }
    return render(request, "burden_ledger/tools.html", context, status=status)


@login_required
def tool_list(request, pk: int):
    return _tools_page(request, visible_village(request.user, pk))


@login_required
@require_POST
def tool_add(request, pk: int):
    user = request.user
    village = visible_village(user, pk)
    form = ToolForm(request.POST, issuers=queries.issuers(village.county_division()))
    if form.is_valid():
        with refusal_shown(form=form) as shown:
            actions.add_tool(user=user, village=village, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("Recorded."))
            return redirect("burden_ledger:tool_list", village.pk)
    return _tools_page(request, village, form, status=400)


@login_required
@require_POST
def tool_drop(request, pk: int):
    user = request.user
    tool = access.get_visible_or_404(DigitalTool.objects.select_related("village"), user, pk=pk)
    form = DropToolForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the month from which it is no longer required."))
    else:
        with refusal_shown(request) as shown:
            actions.drop_tool(user=user, tool=tool, month=form.cleaned_data["month"])
        if not shown.refused:
            messages.success(request, _("Recorded."))
    return redirect("burden_ledger:tool_list", tool.village_id)


def _signs_page(request, village, form=None, status=200):
    user = request.user
    rows = list(access.visible(Sign.objects.filter(village=village), user))
    context = {
        "village": village,
        "signs": rows,
        "report": signs.report(rows),
        "form": form or SignForm(),
        "dispose_form": DisposeForm(),
        "may_record": may_record(user, village),
    }
    return render(request, "burden_ledger/signs.html", context, status=status)


@login_required
def sign_list(request, pk: int):
    return _signs_page(request, visible_village(request.user, pk))


@login_required
@require_POST
def sign_add(request, pk: int):
    user = request.user
    village = visible_village(user, pk)
    form = SignForm(request.POST)
    if form.is_valid():
        with refusal_shown(form=form) as shown:
            actions.add_sign(user=user, village=village, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("Recorded."))
            return redirect("burden_ledger:sign_list", village.pk)
    return _signs_page(request, village, form, status=400)


@login_required
@require_POST
def sign_dispose(request, pk: int):
    user = request.user
    sign = access.get_visible_or_404(Sign.objects.select_related("village"), user, pk=pk)
    form = DisposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a disposition and its date."))
    else:
        with refusal_shown(request) as shown:
            actions.dispose_sign(user=user, sign=sign, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("Recorded."))
    return redirect("burden_ledger:sign_list", sign.village_id)
