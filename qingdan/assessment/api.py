"""Village assessment over the API: the same rules as the pages. Rows come from access.visible (404 when
out of sight), changes go through the actions (403 when the person may not, 409 when the action refuses)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, attach, filtered
from qingdan.duties.models import DutyItem
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, Unit

from . import actions, queries
from .choices import SchemeStatus
from .filters import SchemeFilter
from .models import Appeal, Indicator, Result, Scheme, Score
from .schemas import (
    AssessmentAppealIn,
    AssessmentAppealOut,
    AssessmentCapIn,
    AssessmentCapOut,
    AssessmentDecisionIn,
    AssessmentIndicatorIn,
    AssessmentIndicatorOut,
    AssessmentRemoveIn,
    AssessmentResultDetailOut,
    AssessmentResultOut,
    AssessmentSchemeDetailOut,
    AssessmentSchemeIn,
    AssessmentSchemeOut,
    AssessmentVillageTypeIn,
)

router = Router()


def _schemes(user):
    return access.visible(Scheme.objects.select_related("division", "county", "previous"), user)


def _scheme(user, scheme_id: int) -> Scheme:
    return access.get_visible_or_404(_schemes(user), user, pk=scheme_id)


def _comparison(user, scheme: Scheme) -> tuple[list[dict], int | None]:
    if user.role == "dept_clerk":
        return [], None
    comparison = queries.compare(scheme)
    lines = [
        {
            "village_type": t.village_type,
            "before": t.before,
            "after": t.after,
            "reduction": t.reduction,
            "added": [i.name for i in t.added],
            "removed": [{"name": i.name, "reason": reason} for i, reason in t.removed],
            "changed": [c.after.name for c in t.changed],
        }
        for t in comparison.types
    ]
    return lines, comparison.reduction


def _detail_out(user, scheme: Scheme) -> Scheme:
    comparison, reduction = _comparison(user, scheme)
    indicators = access.visible(Indicator.objects.filter(scheme=scheme), user).select_related(
        "duty_item", "department"
    )
    return attach(
        scheme,
        shown_indicators=list(indicators.order_by("village_type", "position")),
        shown_comparison=comparison,
        shown_reduction=reduction,
    )


@router.get(
    "/schemes",
    response={200: list[AssessmentSchemeOut], **READ_ERRORS},
    summary="Assessment schemes in sight",
)
@paginate(Page)
def scheme_list(request, year: int | None = None, status: SchemeStatus | None = None):
    schemes = _schemes(request.auth).order_by("-year", "division__code")
    return filtered(SchemeFilter({"year": year, "status": status}, queryset=schemes))


@router.get(
    "/schemes/{int:scheme_id}",
    response={200: AssessmentSchemeDetailOut, **READ_ERRORS},
    summary="One scheme: its indicators (a department sees only its own) and last year beside it",
)
def scheme_detail(request, scheme_id: int):
    return _detail_out(request.auth, _scheme(request.auth, scheme_id))


@router.post(
    "/schemes",
    response={201: AssessmentSchemeOut, **WRITE_ERRORS},
    summary="Draw up a scheme for your own county or township",
)
def scheme_create(request, payload: AssessmentSchemeIn):
    user = request.auth
    division = access.require_own_division(user, Permission.MANAGE_ASSESSMENT)
    return Status(
        201, actions.create_scheme(user=user, division=division, year=payload.year, title=payload.title)
    )


@router.post(
    "/caps", response={200: AssessmentCapOut, **WRITE_ERRORS}, summary="Set the county's cap for a year"
)
def cap_set(request, payload: AssessmentCapIn):
    user = request.auth
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_ASSESSMENT, county)
    return actions.set_cap(user=user, county=county, year=payload.year, cap=payload.cap)


def _managed(user, scheme_id: int) -> Scheme:
    scheme = _scheme(user, scheme_id)
    access.require(user, Permission.MANAGE_ASSESSMENT, scheme.division)
    return scheme


@router.post(
    "/schemes/{int:scheme_id}/indicators",
    response={201: AssessmentIndicatorOut, **WRITE_ERRORS},
    summary="Add an indicator to a draft scheme",
)
def indicator_create(request, scheme_id: int, payload: AssessmentIndicatorIn):
    user = request.auth
    scheme = _managed(user, scheme_id)
    item = DutyItem.objects.filter(pk=payload.duty_item).first() if payload.duty_item else None
    department = get_object_or_404(Unit, pk=payload.department)
    data = actions.IndicatorInput(
        name=payload.name,
        village_type=payload.village_type,
        duty_item=item,
        points=payload.points,
        rule_kind=payload.rule_kind,
        target=payload.target,
        formula=payload.formula or "",
        levels=[level.dict() for level in payload.levels],
        evidence=str(payload.evidence),
        source=payload.source,
        department=department,
    )
    return Status(201, actions.add_indicator(user=user, scheme=scheme, data=data))


@router.post(
    "/indicators/{int:indicator_id}/remove",
    response={204: None, **WRITE_ERRORS},
    summary="Take an indicator out of a draft (one kept from last year: with the reason)",
)
def indicator_remove(request, indicator_id: int, payload: AssessmentRemoveIn):
    user = request.auth
    indicator = access.get_visible_or_404(
        Indicator.objects.select_related("scheme__division"), user, pk=indicator_id
    )
    access.require(user, Permission.MANAGE_ASSESSMENT, indicator.scheme.division)
    actions.remove_indicator(user=user, indicator=indicator, reason=payload.reason)
    return Status(204, None)


@router.post(
    "/schemes/{int:scheme_id}/publish",
    response={200: AssessmentSchemeDetailOut, **WRITE_ERRORS},
    summary="Publish a draft scheme",
)
def scheme_publish(request, scheme_id: int):
    user = request.auth
    scheme = actions.publish_scheme(user=user, scheme=_managed(user, scheme_id))
    return _detail_out(user, scheme)


@router.post(
    "/villages/{int:village_id}/type",
    response={204: None, **WRITE_ERRORS},
    summary="Set the type a village is assessed as",
)
def village_type_set(request, village_id: int, payload: AssessmentVillageTypeIn):
    user = request.auth
    village = access.get_visible_or_404(Division.objects.filter(level=Level.VILLAGE), user, pk=village_id)
    access.require(user, Permission.MANAGE_ASSESSMENT, village)
    actions.set_village_type(user=user, village=village, village_type=payload.village_type)
    return Status(204, None)


@router.get(
    "/schemes/{int:scheme_id}/results",
    response={200: list[AssessmentResultOut], **READ_ERRORS},
    summary="A scheme's results in sight",
)
@paginate(Page)
def result_list(request, scheme_id: int):
    scheme = _scheme(request.auth, scheme_id)
    results = access.visible(Result.objects.filter(scheme=scheme).select_related("village"), request.auth)
    return results.order_by("village_type", "rank", "village__code")


@router.get(
    "/results/{int:result_id}",
    response={200: AssessmentResultDetailOut, **READ_ERRORS},
    summary="One village's result: scores with their sources, and the cadres' pay link",
)
def result_detail(request, result_id: int):
    user = request.auth
    result = access.get_visible_or_404(Result.objects.select_related("village"), user, pk=result_id)
    scores = access.visible(
        Score.objects.filter(indicator__scheme_id=result.scheme_id, village=result.village), user
    )
    return attach(
        result,
        shown_scores=list(scores.select_related("indicator").order_by("indicator__position")),
        shown_pay=list(access.visible(result.pay.all(), user)),
    )


@router.post(
    "/results/{int:result_id}/appeals",
    response={201: AssessmentAppealOut, **WRITE_ERRORS},
    summary="A village appeals its result within the window",
)
def appeal_create(request, result_id: int, payload: AssessmentAppealIn):
    user = request.auth
    result = access.get_visible_or_404(Result.objects.select_related("village", "scheme"), user, pk=result_id)
    access.require(user, Permission.REPORT_ASSESSMENT, result.village)
    return Status(201, actions.file_appeal(user=user, result=result, reason=payload.reason))


@router.post(
    "/appeals/{int:appeal_id}/decide",
    response={200: AssessmentAppealOut, **WRITE_ERRORS},
    summary="The county upholds or dismisses an appeal, with its reasons",
)
def appeal_decide(request, appeal_id: int, payload: AssessmentDecisionIn):
    user = request.auth
    appeal = access.get_visible_or_404(Appeal.objects.select_related("result__village"), user, pk=appeal_id)
    access.require(user, Permission.ASSESS_VILLAGES, appeal.result.village)
    return actions.decide_appeal(user=user, appeal=appeal, uphold=payload.uphold, reason=payload.reason)
