"""A township keeps its own structure: the sub-modules it works in, module leads, positions, the two-way
choice, the year's scores; the county approves special bonuses; people go into and out of the pool."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from .. import actions, queries
from ..forms import ChooseModulesForm, LeadForm, PoolForm, PositionForm, ScoreForm
from ..models import Application, Module, Position, Score, StaffPerson, TownModule
from .positions import _town
from .setup import template_choice_form


def _forms(user, town, data=None, which=""):
    county = town.county_division()
    town_modules = access.visible(TownModule.objects.filter(township=town), user).select_related("module")
    people = access.visible(queries.township_people(town), user).order_by("name")
    bound = {which: data} if data is not None else {}
    return {
        "modules": ChooseModulesForm(
            bound.get("modules"),
            modules=access.visible(Module.objects.filter(county=county).exclude(parent=None), user),
            initial={"sub_modules": [tm.module_id for tm in town_modules if tm.module.parent_id]},
        ),
        "lead": LeadForm(bound.get("lead"), town_modules=town_modules, leaders=people.filter(is_leader=True)),
        "position": PositionForm(bound.get("position"), town_modules=town_modules),
        "score": ScoreForm(bound.get("score"), people=people),
        "template": template_choice_form(user, town),
    }


@login_required
def town_manage(request, code: str, forms=None, status: int = 200):
    user = request.user
    town = _town(user, code)
    access.require(user, Permission.MANAGE_STAFFING, town)
    applications = access.visible(
        Application.objects.filter(position__town_module__township=town, status="applied"), user
    ).select_related("person", "position")
    offered = access.visible(Position.objects.filter(town_module__township=town, is_offered=True), user)
    scores = access.visible(Score.objects.filter(person__works_in__unit__division=town), user).select_related(
        "person", "result_to"
    )
    context = {
        "town": town,
        "forms": forms or _forms(user, town),
        "applications": applications,
        "offered": offered,
        "people": access.visible(queries.township_people(town), user).order_by("name"),
        "scores": scores,
        "template": queries.template_check(town),
    }
    return render(request, "staffing/town_manage.html", context, status=status)


def _post(request, code: str, which: str, act):
    user = request.user
    town = _town(user, code)
    access.require(user, Permission.MANAGE_STAFFING, town)
    forms = _forms(user, town, request.POST, which)
    form = forms[which]
    if form.is_valid():
        with refusal_shown(form=form) as shown:
            act(user, town, form.cleaned_data, form)
        if not shown.refused:
            messages.success(request, _("Saved."))
            return redirect("staffing:town_manage", code)
    return town_manage(request, code, forms=forms, status=400)


@login_required
@require_POST
def choose_modules(request, code: str):
    return _post(
        request,
        code,
        "modules",
        lambda user, town, data, form: actions.choose_modules(
            user=user, township=town, subs=list(data["sub_modules"])
        ),
    )


@login_required
@require_POST
def set_lead(request, code: str):
    return _post(
        request,
        code,
        "lead",
        lambda user, town, data, form: actions.set_module_lead(
            user=user, town_module=data["town_module"], person=data["person"]
        ),
    )


def _create_position(user, town, data, form: PositionForm):
    numbers = form.numbers()
    items = list(queries.township_items(town).filter(item_no__in=numbers))
    unknown = sorted(set(numbers) - {i.item_no for i in items})
    if unknown:
        from qingdan.errors import ActionRefused

        raise ActionRefused(
            _("Item %(no)s is not a basic or cooperating item of the township's current duty list.")
            % {"no": unknown[0]}
        )
    actions.create_position(
        user=user,
        town_module=data["town_module"],
        name=data["name"],
        points=data["points"],
        items=items,
        is_offered=data["is_offered"],
    )


@login_required
@require_POST
def create_position(request, code: str):
    return _post(request, code, "position", _create_position)


@login_required
@require_POST
def record_score(request, code: str):
    return _post(
        request,
        code,
        "score",
        lambda user, town, data, form: actions.record_score(
            user=user,
            person=data["person"],
            year=data["year"],
            module_score=data["module_score"],
            team_points=data["team_points"],
            special_bonus=data["special_bonus"] or 0,
            special_reason=data["special_reason"],
            sending_unit_score=data["sending_unit_score"],
        ),
    )


@login_required
@require_POST
def apply(request, code: str):
    user = request.user
    town = _town(user, code)
    access.require(user, Permission.MANAGE_STAFFING, town)
    person = access.get_visible_or_404(
        queries.township_people(town), user, pk=request.POST.get("person") or 0
    )
    position = access.get_visible_or_404(
        Position.objects.filter(town_module__township=town), user, pk=request.POST.get("position") or 0
    )
    with refusal_shown(request) as shown:
        actions.apply_for(user=user, person=person, position=position)
    if not shown.refused:
        messages.success(request, _("Saved."))
    return redirect("staffing:town_manage", code)


@login_required
@require_POST
def decide(request, pk: int):
    user = request.user
    application = access.get_visible_or_404(
        Application.objects.select_related("position__town_module__township"), user, pk=pk
    )
    with refusal_shown(request) as shown:
        actions.decide_application(
            user=user, application=application, accept=request.POST.get("accept") == "1"
        )
    if not shown.refused:
        messages.success(request, _("Saved."))
    return redirect("staffing:town_manage", application.position.town_module.township.code)


@login_required
@require_POST
def approve_special(request, pk: int):
    user = request.user
    score = access.get_visible_or_404(Score.objects.select_related("person"), user, pk=pk)
    with refusal_shown(request) as shown:
        actions.approve_special(user=user, score=score)
    if not shown.refused:
        messages.success(request, _("Saved."))
    return redirect("staffing:score_list")


@login_required
def score_list(request):
    scores = access.visible(Score.objects.all(), request.user).select_related("person", "result_to")
    county = access.user_county(request.user)
    may_approve = county is not None and access.can(request.user, Permission.MANAGE_QUOTAS, county)
    return render(request, "staffing/score_list.html", {"scores": scores, "may_approve": may_approve})


@login_required
@require_POST
def pool_change(request, pk: int):
    """Into the pool (with what they now do) or out of it (retired or moved), on a date."""
    user = request.user
    person = access.get_visible_or_404(StaffPerson.objects.all(), user, pk=pk)
    access.require(user, Permission.MANAGE_STAFFING, person)
    form = PoolForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a date."))
        return redirect("staffing:pool")
    with refusal_shown(request) as shown:
        if person.in_pool:
            actions.leave_pool(
                user=user, person=person, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"]
            )
        else:
            actions.send_to_pool(
                user=user, person=person, since=form.cleaned_data["on"], duty=form.cleaned_data["duty"]
            )
    if not shown.refused:
        messages.success(request, _("Saved."))
    return redirect("staffing:pool")
