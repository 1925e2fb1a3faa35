"""What the county's catalog office sets up on pages: a reform (its units before and after and where each
old unit went), the module catalogue, the yearly scoring rule and the county's own office templates; and
a township's choice of template. Every write goes through the actions; a refusal is shown on the form."""

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
from ..forms import (
    MAX_REFORM_ROWS,
    REFORM_ROWS,
    CatalogueForm,
    ReformForm,
    ScoringRuleForm,
    TemplateChoiceForm,
    TemplateForm,
    names,
    reform_formsets,
)
from ..models import Module, OfficeTemplate, ScoringRule
from .positions import _town


def _county_office(user):
    """The user's county, when they may set it up (the catalog office); 403 for everyone else."""
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_QUOTAS, county)
    return county


def _may_set_up(user) -> bool:
    county = access.user_county(user)
    return county is not None and access.can(user, Permission.MANAGE_QUOTAS, county)


def _status(request) -> int:
    """A form sent back (refused or invalid) answers 400; a page shown answers 200."""
    return 400 if request.method == "POST" else 200


def _rows(request) -> int:
    asked = request.GET.get("rows", "")
    return min(max(int(asked), 1), MAX_REFORM_ROWS) if asked.isdigit() else REFORM_ROWS


@login_required
def reform_create(request):
    user = request.user
    county = _county_office(user)
    form = ReformForm(request.POST or None)
    before, after = reform_formsets(request.POST if request.method == "POST" else None, _rows(request))
    if request.method == "POST" and all(f.is_valid() for f in (form, before, after)):
        with refusal_shown(form=form) as shown:
            reform = actions.record_reform(
                user=user,
                county=county,
                name=form.cleaned_data["name"],
                document=form.cleaned_data["document"],
                decided_on=form.cleaned_data["decided_on"],
                before=[row for f in before if (row := f.row()) is not None],
                after=[row for f in after if (row := f.row()) is not None],
                mappings=[row for f in before if (row := f.mapping()) is not None],
            )
        if not shown.refused:
            messages.success(request, _("The reform %(name)s is recorded.") % {"name": reform.name})
            return redirect("staffing:reform_detail", reform.pk)
    context = {"form": form, "before": before, "after": after, "more": _rows(request) + REFORM_ROWS}
    return render(request, "staffing/reform_form.html", context, status=_status(request))


@login_required
def module_catalogue(request):
    """The county's module catalogue; the catalog office publishes it here once."""
    user = request.user
    county = access.require_county(user)
    modules = access.visible(Module.objects.filter(county=county), user).select_related("parent")
    may_publish = _may_set_up(user) and not modules.exists()
    form = CatalogueForm(request.POST or None) if may_publish or request.method == "POST" else None
    if request.method == "POST":
        _county_office(user)
        assert form is not None  # built above for every POST
        if form.is_valid():
            with refusal_shown(form=form) as shown:
                made = actions.publish_modules(user=user, county=county, catalogue=form.modules())
            if not shown.refused:
                messages.success(request, _("%(count)d modules published.") % {"count": len(made)})
                return redirect("staffing:module_catalogue")
    mains = [m for m in modules if m.parent_id is None]
    subs = {m.pk: [s for s in modules if s.parent_id == m.pk] for m in mains}
    context = {"mains": [(m, subs[m.pk]) for m in mains], "form": form}
    return render(request, "staffing/modules.html", context, status=_status(request))


@login_required
def scoring_rule(request):
    """The county's four-part formula by year; the catalog office sets a year's rule here."""
    user = request.user
    county = access.require_county(user)
    rules = access.visible(ScoringRule.objects.filter(county=county), user)
    may_set = _may_set_up(user)
    form = ScoringRuleForm(request.POST or None) if may_set or request.method == "POST" else None
    if request.method == "POST":
        _county_office(user)
        assert form is not None
        if form.is_valid():
            with refusal_shown(form=form) as shown:
                rule = actions.set_scoring_rule(user=user, county=county, **form.cleaned_data)
            if not shown.refused:
                messages.success(request, _("The scoring rule for %(year)d is set.") % {"year": rule.year})
                return redirect("staffing:scoring_rule")
    context = {"rules": rules, "form": form}
    return render(request, "staffing/scoring_rule.html", context, status=_status(request))


@login_required
def template_list(request):
    """The province's templates and the county's own; the catalog office adds the county's here."""
    user = request.user
    access.require_county(user)
    templates = access.visible(OfficeTemplate.objects.all(), user).prefetch_related("offices")
    may_add = _may_set_up(user)
    form = TemplateForm(request.POST or None) if may_add or request.method == "POST" else None
    if request.method == "POST":
        county = _county_office(user)
        assert form is not None
        if form.is_valid():
            data = form.cleaned_data
            with refusal_shown(form=form) as shown:
                template = actions.set_template(
                    user=user,
                    county=county,
                    name=data["name"],
                    offices=names(data["offices"]),
                    centres=names(data["centres"]),
                )
            if not shown.refused:
                messages.success(request, _("The template %(name)s is saved.") % {"name": template.name})
                return redirect("staffing:template_list")
    context = {"templates": templates, "form": form}
    return render(request, "staffing/templates.html", context, status=_status(request))


def template_choice_form(user, town, data=None) -> TemplateChoiceForm:
    chosen = queries.template_check(town)
    return TemplateChoiceForm(
        data,
        templates=access.visible(OfficeTemplate.objects.all(), user),
        initial={"template": chosen["template"].pk} if chosen else None,
    )


@login_required
@require_POST
def template_choose(request, code: str):
    """A township follows a template (the township itself, or the county for it)."""
    user = request.user
    town = _town(user, code)
    access.require(user, Permission.MANAGE_STAFFING, town)
    form = template_choice_form(user, town, request.POST)
    if form.is_valid():
        with refusal_shown(request) as shown:
            actions.choose_template(user=user, township=town, template=form.cleaned_data["template"])
        if not shown.refused:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose one of the templates listed."))
    return redirect("staffing:town_manage", code)
