"""Staffing over the API, what the county sets up and the roster is made of: templates and a township's
choice of one (with the check against it), people added to a roster (their ID number and phone in the
body only, kept as the registers keep residents'), the turnover pool, the module catalogue and the
scoring rule."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from qingdan import access
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, invalid
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from . import actions, queries
from .models import OfficeTemplate, StaffedUnit, StaffPerson
from .schemas import (
    StaffingCatalogueIn,
    StaffingPoolIn,
    StaffingRuleIn,
    StaffingTemplateCheckOut,
    StaffingTemplateChoiceIn,
    StaffingTemplateIn,
)

router = Router()


def _check_out(town: Division) -> dict:
    check = queries.template_check(town)
    if check is None:
        raise invalid("path", {"code": _("The township follows no template yet.")})
    return {
        "template": check["template"].name,
        "missing": check["missing"],
        "extra": check["extra"],
        "ok": check["ok"],
    }


@router.post("/staffing/templates", response={201: dict, **WRITE_ERRORS}, summary="A county's own template")
def template_create(request, payload: StaffingTemplateIn):
    user = request.auth
    county = access.require_county(user)
    template = actions.set_template(
        user=user, county=county, name=payload.name, offices=payload.offices, centres=payload.centres
    )
    return Status(201, {"id": template.pk, "name": template.name})


@router.put(
    "/staffing/towns/{code}/template",
    response={200: StaffingTemplateCheckOut, **WRITE_ERRORS},
    summary="A township follows a template; its structure checked against it",
)
def template_choose(request, code: str, payload: StaffingTemplateChoiceIn):
    user = request.auth
    town = access.get_visible_or_404(Division.objects.filter(level=Level.TOWNSHIP), user, code=code)
    template = access.get_visible_or_404(OfficeTemplate.objects.all(), user, pk=payload.template)
    actions.choose_template(user=user, township=town, template=template)
    return _check_out(town)


@router.get(
    "/staffing/towns/{code}/template",
    response={200: StaffingTemplateCheckOut, **READ_ERRORS},
    summary="A township's structure against its template",
)
def template_check(request, code: str):
    town = access.get_visible_or_404(Division.objects.filter(level=Level.TOWNSHIP), request.auth, code=code)
    access.get_visible_or_404(StaffedUnit.objects.filter(unit__division=town), request.auth)
    return _check_out(town)


@router.post(
    "/staffing/people/{int:person_id}/pool",
    response={200: dict, **WRITE_ERRORS},
    summary="Into the turnover pool (with what they now do) or out of it (retired or moved)",
)
def person_pool(request, person_id: int, payload: StaffingPoolIn):
    user = request.auth
    person = access.get_visible_or_404(StaffPerson.objects.all(), user, pk=person_id)
    if person.in_pool:
        person = actions.leave_pool(user=user, person=person, on=payload.on, reason=payload.reason)
    else:
        person = actions.send_to_pool(user=user, person=person, since=payload.on, duty=payload.duty)
    return {"id": person.pk, "in_pool": person.in_pool, "is_active": person.is_active}


@router.post(
    "/staffing/modules", response={201: list[str], **WRITE_ERRORS}, summary="Publish the module catalogue"
)
def catalogue_publish(request, payload: StaffingCatalogueIn):
    user = request.auth
    county = access.require_county(user)
    made = actions.publish_modules(user=user, county=county, catalogue=payload.modules)
    return Status(201, [m.name for m in made])


@router.put(
    "/staffing/scoring-rule", response={200: dict, **WRITE_ERRORS}, summary="The county's scoring rule"
)
def scoring_rule(request, payload: StaffingRuleIn):
    user = request.auth
    county = access.require_county(user)
    rule = actions.set_scoring_rule(user=user, county=county, **payload.dict())
    return {"id": rule.pk, "year": rule.year}
