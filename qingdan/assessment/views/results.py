"""The joint team and its visits, results with pay, one village's result with its scores and sources,
appeals, and the .xlsx and A4 print of a scheme's results."""

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
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .. import actions, export, queries
from ..forms import AppealForm, CorrectionForm, DecisionForm, PayForm, TeamForm, ValueForm, VisitForm
from ..models import Appeal, Indicator, JointTeam, Result, Score, Visit
from ..queries import departments
from .common import download, visible_indicators, visible_result, visible_scheme


@login_required
def team_page(request):
    """The county's joint teams, and the form to set up this year's (one a year)."""
    user = request.user
    county = access.require_county(user)
    may_assess = access.can(user, Permission.ASSESS_VILLAGES, county)
    form = TeamForm(request.POST or None, departments=departments(county))
    if request.method == "POST":
        access.require(user, Permission.ASSESS_VILLAGES, county)
        if form.is_valid():
            data = form.cleaned_data
            with refusal_shown(form=form) as shown:
                actions.form_team(
                    user=user,
                    county=county,
                    year=data["year"],
                    name=data["name"],
                    units=list(data["units"]),
                    members=data["members"],
                )
            if not shown.refused:
                messages.success(request, _("The joint team is formed."))
                return redirect("assessment:team_page")
    teams = access.visible(JointTeam.objects.filter(county=county).prefetch_related("member_units"), user)
    visits = access.visible(Visit.objects.select_related("village", "team"), user)[:200]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "assessment/teams.html",
        {"teams": teams, "visits": visits, "form": form, "may_assess": may_assess},
        status=status,
    )


def _verified(request, indicators) -> list[actions.Verified]:
    """The values the team typed on the visit form: value_<id> or level_<id>, with note_<id>."""
    verified = []
    for indicator in indicators:
        value = request.POST.get(f"value_{indicator.pk}", "").strip()
        level = request.POST.get(f"level_{indicator.pk}", "").strip()
        if value or level:
            verified.append(
                actions.Verified(
                    indicator,
                    note=request.POST.get(f"note_{indicator.pk}", ""),
                    value=value or None,
                    level=level,
                )
            )
    return verified


@login_required
def visit_create(request, pk: int, village_pk: int):
    """The team's one visit to a village under a published scheme, with the values it verified."""
    user = request.user
    scheme = visible_scheme(user, pk)
    village = access.get_visible_or_404(Division.objects.filter(level=Level.VILLAGE), user, pk=village_pk)
    access.require(user, Permission.ASSESS_VILLAGES, village)
    kind = queries.village_type_of(village)
    indicators = [i for i in visible_indicators(user, scheme) if i.village_type == kind and not i.source]
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = JointTeam.objects.filter(county=scheme.county, year=scheme.year).first()
        if team is None:
            form.add_error(None, _("Form this year's joint team first."))
        else:
            with refusal_shown(form=form) as shown:
                actions.record_visit(
                    user=user,
                    team=team,
                    village=village,
                    verified=_verified(request, indicators),
                    **form.cleaned_data,
                )
            if not shown.refused:
                messages.success(request, _("The visit is recorded."))
                return redirect("assessment:scheme_results", scheme.pk)
    status = 400 if request.method == "POST" else 200
    context = {"scheme": scheme, "village": village, "indicators": indicators, "form": form}
    return render(request, "assessment/visit_form.html", context, status=status)


def _results(user, scheme):
    return export.with_pay(
        access.visible(Result.objects.filter(scheme=scheme), user).order_by(
            "village_type", "rank", "village__code"
        )
    )


@login_required
def scheme_results(request, pk: int):
    user = request.user
    scheme = visible_scheme(user, pk)
    may_assess = access.can(user, Permission.ASSESS_VILLAGES, scheme.division) and scheme.is_published
    villages = []
    if may_assess:
        typed = queries.villages_by_type(scheme.division)
        visited = set(Visit.objects.filter(year=scheme.year).values_list("village_id", flat=True))
        villages = [(v, v.pk in visited) for v in Division.objects.filter(pk__in=typed).order_by("code")]
    context = {
        "scheme": scheme,
        "results": _results(user, scheme),
        "may_assess": may_assess,
        "villages": villages,
    }
    return render(request, "assessment/results.html", context)


@login_required
@require_POST
def results_publish(request, pk: int):
    user = request.user
    scheme = visible_scheme(user, pk)
    access.require(user, Permission.ASSESS_VILLAGES, scheme.division)
    with refusal_shown(request) as shown:
        actions.publish_results(user=user, scheme=scheme)
    if not shown.refused:
        messages.success(
            request,
            _("The results are published; appeals are accepted until %(date)s.")
            % {"date": visible_scheme(user, pk).appeal_deadline},
        )
    return redirect("assessment:scheme_results", scheme.pk)


@login_required
@require_POST
def results_freeze(request, pk: int):
    user = request.user
    scheme = visible_scheme(user, pk)
    access.require(user, Permission.ASSESS_VILLAGES, scheme.division)
    with refusal_shown(request) as shown:
        actions.freeze_results(user=user, scheme=scheme)
    if not shown.refused:
        messages.success(request, _("The results are frozen."))
    return redirect("assessment:scheme_results", scheme.pk)


@login_required
def results_xlsx(request, pk: int):
    scheme = visible_scheme(request.user, pk)
    data = export.results_xlsx(scheme, _results(request.user, scheme))
    return download(
        data, f"{scheme.title}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


@login_required
def results_pdf(request, pk: int):
    scheme = visible_scheme(request.user, pk)
    try:
        data = export.results_pdf(scheme, _results(request.user, scheme))
    except export.PrintUnavailable:
        return HttpResponse(_("Printing is not available on this server."), status=503)
    return download(data, f"{scheme.title}.pdf", "application/pdf")


@login_required
def result_detail(request, pk: int):
    user = request.user
    result = visible_result(user, pk)
    scores = access.visible(
        Score.objects.filter(indicator__scheme=result.scheme, village=result.village).select_related(
            "indicator__duty_item", "indicator__department"
        ),
        user,
    ).order_by("indicator__position")
    context = {
        "result": result,
        "scores": scores,
        "pay": access.visible(result.pay.all(), user),
        "appeals": access.visible(
            Appeal.objects.filter(result=result).prefetch_related("entries__actor"), user
        ),
        "may_appeal": access.can(user, Permission.REPORT_ASSESSMENT, result.village) and not result.frozen,
        "may_assess": access.can(user, Permission.ASSESS_VILLAGES, result.village) and not result.frozen,
        "appeal_form": AppealForm(),
        "decision_form": DecisionForm(),
        "correction_form": CorrectionForm(),
        "pay_form": PayForm(),
    }
    return render(request, "assessment/result_detail.html", context)


@login_required
@require_POST
def result_appeal(request, pk: int):
    user = request.user
    result = visible_result(user, pk)
    access.require(user, Permission.REPORT_ASSESSMENT, result.village)
    form = AppealForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as shown:
            actions.file_appeal(user=user, result=result, reason=form.cleaned_data["reason"])
        if not shown.refused:
            messages.success(request, _("The appeal is filed."))
    else:
        messages.error(request, _("Give the grounds of the appeal."))
    return redirect("assessment:result_detail", result.pk)


@login_required
@require_POST
def appeal_decide(request, pk: int):
    user = request.user
    appeal = access.get_visible_or_404(Appeal.objects.select_related("result__village"), user, pk=pk)
    access.require(user, Permission.ASSESS_VILLAGES, appeal.result.village)
    form = DecisionForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as shown:
            actions.decide_appeal(user=user, appeal=appeal, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("The appeal is decided."))
    else:
        messages.error(request, _("Give the decision and its reasons."))
    return redirect("assessment:result_detail", appeal.result_id)


@login_required
def appeal_detail(request, pk: int):
    appeal = access.get_visible_or_404(Appeal.objects.all(), request.user, pk=pk)
    return redirect("assessment:result_detail", appeal.result_id)


@login_required
@require_POST
def score_correct(request, pk: int, indicator_pk: int):
    user = request.user
    result = visible_result(user, pk)
    access.require(user, Permission.ASSESS_VILLAGES, result.village)
    indicator = access.get_visible_or_404(
        Indicator.objects.filter(scheme=result.scheme), user, pk=indicator_pk
    )
    form = CorrectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with refusal_shown(request) as shown:
            actions.correct_score(
                user=user,
                result=result,
                indicator=indicator,
                note=data["note"],
                value=data["value"],
                level=data["level"],
            )
        if not shown.refused:
            messages.success(request, _("The score is corrected."))
    else:
        messages.error(request, _("Give the value and a note."))
    return redirect("assessment:result_detail", result.pk)


@login_required
@require_POST
def result_pay(request, pk: int):
    user = request.user
    result = visible_result(user, pk)
    access.require(user, Permission.ASSESS_VILLAGES, result.village)
    form = PayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with refusal_shown(request) as shown:
            actions.record_pay(
                user=user,
                result=result,
                income_last_year=data["income_last_year"],
                income_this_year=data["income_this_year"],
                cadres=form.parsed_cadres(),
            )
        if not shown.refused:
            messages.success(request, _("The pay link is computed."))
    else:
        messages.error(request, _("Give both years' operating income and the cadres."))
    return redirect("assessment:result_detail", result.pk)


@login_required
def my_village(request):
    """A village's own page: the rules it is assessed by, the values it reports, its results."""
    user = request.user
    village = access.scope_root(user)
    if village is None or village.level != Level.VILLAGE:
        return redirect("assessment:scheme_list")
    schemes = [s for s in {queries.scheme_for(village, y) for y in _years()} if s is not None]
    schemes.sort(key=lambda s: -s.year)
    kind = queries.village_type_of(village)
    lines = []
    for scheme in schemes:
        indicators = [i for i in visible_indicators(user, scheme)]
        scores = {s.indicator_id: s for s in Score.objects.filter(village=village, indicator__scheme=scheme)}
        lines.append(
            {
                "scheme": scheme,
                "rows": [(i, scores.get(i.pk)) for i in indicators],
                "result": access.visible(Result.objects.filter(scheme=scheme, village=village), user).first(),
            }
        )
    context = {
        "village": village,
        "kind": kind,
        "lines": lines,
        "value_form": ValueForm(),
        "may_report": access.can(user, Permission.REPORT_ASSESSMENT, village),
    }
    return render(request, "assessment/my_village.html", context)


def _years() -> range:
    from django.utils import timezone

    this = timezone.localdate().year
    return range(this + 1, this - 3, -1)


@login_required
@require_POST
def value_report(request, indicator_pk: int):
    user = request.user
    village = access.require_own_division(user, Permission.REPORT_ASSESSMENT)
    indicator = access.get_visible_or_404(Indicator.objects.all(), user, pk=indicator_pk)
    form = ValueForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as shown:
            actions.report_value(
                user=user,
                village=village,
                indicator=indicator,
                value=form.cleaned_data["value"],
                level=form.cleaned_data["level"],
            )
        if not shown.refused:
            messages.success(request, _("The value is reported."))
    else:
        messages.error(request, _("Give a number or a level."))
    return redirect("assessment:my_village")
