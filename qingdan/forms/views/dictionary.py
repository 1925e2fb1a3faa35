"""The data dictionary (数据元目录): list and search; departments propose, the catalog office decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from ..actions import dictionary
from ..choices import ElementStatus
from ..filters import ElementFilter
from ..forms import ElementApproveForm, ElementMapForm, ElementProposeForm, ReasonForm
from ..models import DataElement
from .common import approved_elements, paginate, visible_element


@login_required
def element_list(request):
    user = request.user
    elements = access.visible(DataElement.objects.select_related("proposed_by", "mapped_to"), user)
    filters = ElementFilter(request.GET, queryset=elements)
    page = paginate(request, filters.qs.order_by("status", "code"))
    context = {
        "page": page,
        "filters": filters.form,
        "proposed_count": elements.filter(status=ElementStatus.PROPOSED).count(),
        "may_propose": access.can(user, Permission.PROPOSE_ELEMENT),
        "may_manage": access.can(user, Permission.MANAGE_DICTIONARY),
    }
    return render(request, "forms/element_list.html", context)


@login_required
def element_propose(request):
    user = request.user
    access.require(user, Permission.PROPOSE_ELEMENT)
    form = ElementProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form=form) as shown:
            element = dictionary.propose_element(user=user, **form.cleaned_data)
        if not shown.refused:
            messages.success(
                request,
                _("“%(name)s” was proposed; the catalog office decides on it.") % {"name": element.name},
            )
            return redirect("forms:element_detail", element.pk)
    status = 400 if form.is_bound else 200
    return render(request, "forms/element_propose.html", {"form": form}, status=status)


def _detail(request, element: DataElement, *, status: int = 200, **forms):
    user = request.user
    may_decide = element.status == ElementStatus.PROPOSED and access.can(
        user, Permission.MANAGE_DICTIONARY, element
    )
    targets = approved_elements(user).exclude(pk=element.pk)
    context = {
        "element": element,
        "may_decide": may_decide,
        "approve_form": forms.get("approve_form") or ElementApproveForm(initial={"code": element.code}),
        "map_form": forms.get("map_form") or ElementMapForm(elements=targets),
        "reject_form": forms.get("reject_form") or ReasonForm(),
    }
    return render(request, "forms/element_detail.html", context, status=status)


@login_required
def element_detail(request, pk: int):
    return _detail(request, visible_element(request.user, pk))


def _element_to_decide(request, pk: int) -> DataElement:
    element = visible_element(request.user, pk)
    access.require(request.user, Permission.MANAGE_DICTIONARY, element)
    return element


def _done(request, element, message: str):
    messages.success(request, message % {"name": element.name})
    return redirect("forms:element_detail", element.pk)


@login_required
@require_POST
def element_approve(request, pk: int):
    element = _element_to_decide(request, pk)
    form = ElementApproveForm(request.POST)
    if not form.is_valid():
        return _detail(request, element, status=400, approve_form=form)
    with refusal_shown(request) as shown:
        dictionary.approve_element(user=request.user, element=element, code=form.cleaned_data["code"] or None)
    if shown.refused:
        return redirect("forms:element_detail", element.pk)
    return _done(request, element, _("“%(name)s” is approved: forms may ask for it now."))


@login_required
@require_POST
def element_map(request, pk: int):
    element = _element_to_decide(request, pk)
    form = ElementMapForm(request.POST, elements=approved_elements(request.user).exclude(pk=element.pk))
    if not form.is_valid():
        return _detail(request, element, status=400, map_form=form)
    with refusal_shown(request) as shown:
        dictionary.map_element(user=request.user, element=element, target=form.cleaned_data["target"])
    if shown.refused:
        return redirect("forms:element_detail", element.pk)
    return _done(request, element, _("“%(name)s” is mapped to an existing element."))


@login_required
@require_POST
def element_reject(request, pk: int):
    element = _element_to_decide(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, element, status=400, reject_form=form)
    with refusal_shown(request) as shown:
        dictionary.reject_element(user=request.user, element=element, reason=form.cleaned_data["reason"])
    if shown.refused:
        return redirect("forms:element_detail", element.pk)
    return _done(request, element, _("“%(name)s” was rejected."))
