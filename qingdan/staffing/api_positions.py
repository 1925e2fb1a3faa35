"""Staffing over the API, modules and positions: the roster (masked), a town's choice of sub-modules,
positions, placements, the two-way choice, four-part scores, who does an item and the items no position
carries. Same rules as the pages: rows from access.visible (404), roles through access (403), refusals
from the actions (409)."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, invalid
from qingdan.duties.models import DutyItem
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from . import actions, queries
from .models import (
    Application,
    Module,
    Placement,
    Position,
    Score,
    StaffedUnit,
    StaffPerson,
    TownModule,
)
from .schemas import (
    StaffingApplicationIn,
    StaffingApplicationOut,
    StaffingCarrierOut,
    StaffingChoiceIn,
    StaffingDecisionIn,
    StaffingItemOut,
    StaffingPersonIn,
    StaffingPersonOut,
    StaffingPlacementIn,
    StaffingPositionIn,
    StaffingPositionOut,
    StaffingScoreIn,
    StaffingScoreOut,
)

router = Router()


def _town(user, code: str) -> Division:
    return access.get_visible_or_404(Division.objects.filter(level=Level.TOWNSHIP), user, code=code)


def _person_out(p: StaffPerson) -> dict:
    return {
        "id": p.pk,
        "name": p.name,
        "unit": p.works_in.unit.name,
        "identity": p.identity,
        "id_number": p.id_masked,
        "phone": p.phone_masked,
        "is_leader": p.is_leader,
        "in_pool": p.in_pool,
        "pool_duty": p.pool_duty,
    }


def _position_out(p: Position) -> dict:
    return {
        "id": p.pk,
        "name": p.name,
        "module": p.town_module.module.name,
        "points": float(p.points),
        "is_offered": p.is_offered,
        "items": [i.pk for i in p.items.all()],
    }


def _score_out(s: Score) -> dict:
    return {
        "id": s.pk,
        "person": s.person.name,
        "year": s.year,
        "position_points": float(s.position_points),
        "module_score": None if s.module_score is None else float(s.module_score),
        "special_bonus": float(s.special_bonus),
        "special_approved": s.special_approved,
        "team_points": float(s.team_points),
        "total": None if s.total is None else float(s.total),
        "result_to": s.result_to.name if s.result_to else None,
    }


@router.get("/staffing/people", response={200: list[StaffingPersonOut], **READ_ERRORS}, summary="The roster")
def person_list(request):
    people = access.visible(StaffPerson.objects.filter(is_active=True), request.auth).select_related(
        "works_in__unit"
    )
    return [_person_out(p) for p in people]


@router.post("/staffing/people", response={201: dict, **WRITE_ERRORS}, summary="Add a person to a roster")
def person_create(request, payload: StaffingPersonIn):
    user = request.auth
    units = access.visible(StaffedUnit.objects.select_related("unit__division"), user)
    works_in = access.get_visible_or_404(units, user, pk=payload.works_in)
    quota_unit = access.get_visible_or_404(units, user, pk=payload.quota_unit) if payload.quota_unit else None
    sending_unit = None
    if payload.sending_unit:
        sending_unit = access.county_departments(user).filter(pk=payload.sending_unit).first()
        if sending_unit is None:
            raise invalid("body", {"sending_unit": _("Name the unit that sends this person.")})
    person = actions.add_person(
        user=user,
        works_in=works_in,
        name=payload.name,
        identity=payload.identity,
        id_number=payload.id_number,
        phone=payload.phone,
        quota_unit=quota_unit,
        sending_unit=sending_unit,
        is_leader=payload.is_leader,
        pool_since=payload.pool_since,
        pool_duty=payload.pool_duty,
    )
    return Status(
        201,
        {"id": person.pk, "name": person.name, "id_number": person.id_masked, "phone": person.phone_masked},
    )


@router.post(
    "/staffing/towns/{code}/modules",
    response={200: list[str], **WRITE_ERRORS},
    summary="Choose 3-5 sub-modules",
)
def town_modules(request, code: str, payload: StaffingChoiceIn):
    user = request.auth
    town = _town(user, code)
    access.require(user, Permission.MANAGE_STAFFING, town)
    subs = list(access.visible(Module.objects.filter(pk__in=payload.sub_modules), user))
    chosen = actions.choose_modules(user=user, township=town, subs=subs)
    return [tm.module.name for tm in chosen]


@router.post(
    "/staffing/positions",
    response={201: StaffingPositionOut, **WRITE_ERRORS},
    summary="A position in a module",
)
def position_create(request, payload: StaffingPositionIn):
    user = request.auth
    town_module = access.get_visible_or_404(
        TownModule.objects.select_related("township"), user, pk=payload.town_module
    )
    items = list(queries.township_items(town_module.township).filter(pk__in=payload.items))
    items += [DutyItem(pk=pk, item_no=str(pk)) for pk in set(payload.items) - {i.pk for i in items}]
    position = actions.create_position(
        user=user,
        town_module=town_module,
        name=payload.name,
        points=payload.points,
        items=items,
        is_offered=payload.is_offered,
    )
    return Status(201, _position_out(position))


def _person_and_position(user, person_id: int, position_id: int):
    person = access.get_visible_or_404(StaffPerson.objects.all(), user, pk=person_id)
    position = access.get_visible_or_404(Position.objects.select_related("town_module"), user, pk=position_id)
    return person, position


@router.post("/staffing/placements", response={201: dict, **WRITE_ERRORS}, summary="Place a person")
def placement_create(request, payload: StaffingPlacementIn):
    person, position = _person_and_position(request.auth, payload.person, payload.position)
    placement = actions.place_person(
        user=request.auth, person=person, position=position, primary=payload.primary
    )
    return Status(201, {"id": placement.pk})


@router.delete(
    "/staffing/placements/{int:placement_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Take a person out of a position",
)
def placement_delete(request, placement_id: int):
    placement = access.get_visible_or_404(
        Placement.objects.select_related("person", "position__town_module"), request.auth, pk=placement_id
    )
    actions.remove_placement(user=request.auth, placement=placement)
    return Status(204, None)


@router.post(
    "/staffing/applications",
    response={201: StaffingApplicationOut, **WRITE_ERRORS},
    summary="Apply for a position",
)
def application_create(request, payload: StaffingApplicationIn):
    person, position = _person_and_position(request.auth, payload.person, payload.position)
    application = actions.apply_for(user=request.auth, person=person, position=position)
    return Status(
        201,
        {
            "id": application.pk,
            "person": person.name,
            "position": position.name,
            "status": application.status,
        },
    )


@router.post(
    "/staffing/applications/{int:application_id}/decision",
    response={200: StaffingApplicationOut, **WRITE_ERRORS},
    summary="The township decides an application",
)
def application_decide(request, application_id: int, payload: StaffingDecisionIn):
    application = access.get_visible_or_404(
        Application.objects.select_related("person", "position"), request.auth, pk=application_id
    )
    application = actions.decide_application(
        user=request.auth, application=application, accept=payload.accept
    )
    return {
        "id": application.pk,
        "person": application.person.name,
        "position": application.position.name,
        "status": application.status,
    }


@router.post(
    "/staffing/scores", response={200: StaffingScoreOut, **WRITE_ERRORS}, summary="Record a year's score"
)
def score_record(request, payload: StaffingScoreIn):
    person = access.get_visible_or_404(StaffPerson.objects.all(), request.auth, pk=payload.person)
    score = actions.record_score(
        user=request.auth,
        person=person,
        year=payload.year,
        module_score=payload.module_score,
        team_points=payload.team_points,
        special_bonus=payload.special_bonus,
        special_reason=payload.special_reason,
        sending_unit_score=payload.sending_unit_score,
    )
    return _score_out(score)


@router.post(
    "/staffing/scores/{int:score_id}/approval",
    response={200: StaffingScoreOut, **WRITE_ERRORS},
    summary="Approve a special bonus (catalog office)",
)
def score_approve(request, score_id: int):
    score = access.get_visible_or_404(Score.objects.select_related("person"), request.auth, pk=score_id)
    return _score_out(actions.approve_special(user=request.auth, score=score))


@router.get(
    "/staffing/towns/{code}/items/{int:item_id}/who",
    response={200: list[StaffingCarrierOut], **READ_ERRORS},
    summary="Who in this town does item X",
)
def who_does(request, code: str, item_id: int):
    town = _town(request.auth, code)
    access.get_visible_or_404(TownModule.objects.filter(township=town), request.auth)
    item = access.get_visible_or_404(queries.township_items(town), request.auth, pk=item_id)
    return [
        {"position": w["position"].name, "module": w["module"], "people": [p.name for p in w["people"]]}
        for w in queries.who_does(town, item)
    ]


@router.get(
    "/staffing/towns/{code}/uncarried-items",
    response={200: list[StaffingItemOut], **READ_ERRORS},
    summary="Items of the town's list no position carries",
)
def uncarried(request, code: str):
    town = _town(request.auth, code)
    access.get_visible_or_404(TownModule.objects.filter(township=town), request.auth)
    return [
        {"id": i.pk, "item_no": i.item_no, "list_kind": i.list_kind, "name": i.name}
        for i in queries.uncarried_items(town)
    ]
