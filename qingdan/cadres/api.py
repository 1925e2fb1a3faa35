"""Seconded cadres over the API, under /api/v1/cadres/: the programme, batches and nominees, cadres (masked;
an audited reveal), postings with their records, attendance, scores and rotation, the three lists, and
the figures per street.

Same rules as the pages: rows come from access.visible (404 when out of scope), writes check the role
(403) and go through the actions (409 when the action refuses, with its Chinese message).
"""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Status
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, filtered
from qingdan.orgs.models import Division

from . import actions
from .filters import CadreFilter, NeedFilter, PostingFilter, ProjectFilter
from .models import (
    Assessment,
    Attendance,
    Cadre,
    Commendation,
    Grid,
    Need,
    NominationBatch,
    Posting,
    Programme,
    Project,
    Resource,
    WorkRecord,
)
from .queries import figures_by_street
from .schemas import (
    CadreAssessmentOut,
    CadreAttendanceIn,
    CadreAttendanceOut,
    CadreCommendationIn,
    CadreCommendationOut,
    CadreFiguresOut,
    CadreGridIn,
    CadreGridOut,
    CadreNeedIn,
    CadreNeedOut,
    CadreNomineeIn,
    CadrePostingIn,
    CadrePostingOut,
    CadreProjectIn,
    CadreProjectOut,
    CadreProjectProgressIn,
    CadreResourceIn,
    CadreResourceOut,
    CadreRevealIn,
    CadreRevealOut,
    CadreRotateIn,
    CadreScoreIn,
    CadreWorkRecordIn,
    CadreWorkRecordOut,
    SecondedCadreOut,
    SecondmentBatchIn,
    SecondmentBatchOut,
    SecondmentProgrammeOut,
    SecondmentRulesIn,
)

router = Router()


def _one(model, user, pk: int):
    return access.get_visible_or_404(model._default_manager.all(), user, pk=pk)


def _postings(user):
    return access.visible(Posting.objects.select_related("cadre", "community"), user).prefetch_related(
        "grids"
    )


def _community(user, pk: int) -> Division:
    return access.get_visible_or_404(Division, user, pk=pk)


@router.get(
    "/cadres/programme",
    response={200: SecondmentProgrammeOut, **READ_ERRORS},
    summary="The county's programme",
)
def programme_detail(request):
    county = access.require_county(request.auth)
    return access.get_visible_or_404(
        Programme.objects.select_related("county", "organising_unit"), request.auth, county=county
    )


@router.post(
    "/cadres/programme",
    response={200: SecondmentProgrammeOut, **WRITE_ERRORS},
    summary="Change the county's rules (organisation department)",
)
def programme_update(request, payload: SecondmentRulesIn):
    user = request.auth
    county = access.require_county(user)
    programme = access.get_visible_or_404(Programme.objects.all(), user, county=county)
    access.require(user, Permission.CADRES_ORGANISE, programme)
    return actions.update_programme(user=user, county=county, **payload.dict())


@router.get(
    "/cadres/commendations",
    response={200: list[CadreCommendationOut], **READ_ERRORS},
    summary="Commendation lists",
)
def commendation_list(request):
    return access.visible(Commendation.objects.prefetch_related("cadres"), request.auth)


@router.post(
    "/cadres/commendations",
    response={201: CadreCommendationOut, **WRITE_ERRORS},
    summary="Issue a commendation list of cadres graded excellent (organisation department)",
)
def commendation_create(request, payload: CadreCommendationIn):
    user = request.auth
    county = access.require_county(user)
    programme = access.get_visible_or_404(Programme.objects.all(), user, county=county)
    access.require(user, Permission.CADRES_ORGANISE, programme)
    cadres = [_one(Cadre, user, pk) for pk in payload.cadres]
    made = actions.commend(
        user=user,
        county=county,
        title=payload.title,
        year=payload.year,
        issued_on=payload.issued_on,
        cadres=cadres,
    )
    return Status(201, made)


@router.get(
    "/cadres/figures",
    response={200: list[CadreFiguresOut], **READ_ERRORS},
    summary="Figures per street and the county",
)
def figures(request):
    user = request.auth
    county = access.require_county(user)
    return figures_by_street(
        county,
        postings=access.visible(Posting.objects.all(), user),
        projects=access.visible(Project.objects.all(), user),
        needs=access.visible(Need.objects.all(), user),
    )


# --- nomination and selection ---------------------------------------------------------------------


@router.get(
    "/cadres/batches", response={200: list[SecondmentBatchOut], **READ_ERRORS}, summary="Nomination batches"
)
@paginate(Page)
def batch_list(request):
    return access.visible(NominationBatch.objects.select_related("sending_unit"), request.auth)


@router.post(
    "/cadres/batches",
    response={201: SecondmentBatchOut, **WRITE_ERRORS},
    summary="Open a batch of one's unit",
)
def batch_create(request, payload: SecondmentBatchIn):
    access.require(request.auth, Permission.CADRES_SEND)
    return Status(201, actions.open_batch(user=request.auth, year=payload.year))


@router.get(
    "/cadres/batches/{int:batch_id}", response={200: SecondmentBatchOut, **READ_ERRORS}, summary="One batch"
)
def batch_detail(request, batch_id: int):
    return _one(NominationBatch, request.auth, batch_id)


@router.post(
    "/cadres/batches/{int:batch_id}/nominees",
    response={201: SecondedCadreOut, **WRITE_ERRORS},
    summary="Nominate a cadre (the sending unit); refused naming the county rule it fails",
)
def nominee_create(request, batch_id: int, payload: CadreNomineeIn):
    user = request.auth
    batch = _one(NominationBatch, user, batch_id)
    access.require(user, Permission.CADRES_SEND, batch)
    return Status(201, actions.nominate(user=user, batch=batch, **payload.dict()))


@router.post(
    "/cadres/batches/{int:batch_id}/{step}",
    response={200: SecondmentBatchOut, **WRITE_ERRORS},
    summary="submit (sending unit); approve, return or refuse (organisation department)",
)
def batch_step(request, batch_id: int, step: str, reason: str = ""):
    user = request.auth
    batch = _one(NominationBatch, user, batch_id)
    if step == "submit":
        access.require(user, Permission.CADRES_SEND, batch)
        return actions.submit_batch(user=user, batch=batch)
    access.require(user, Permission.CADRES_ORGANISE, batch)
    if step == "approve":
        return actions.approve_batch(user=user, batch=batch, note=reason)
    if step == "return":
        return actions.return_batch(user=user, batch=batch, reason=reason)
    if step == "refuse":
        return actions.refuse_batch(user=user, batch=batch, reason=reason)
    raise Http404


@router.get(
    "/cadres/people", response={200: list[SecondedCadreOut], **READ_ERRORS}, summary="Cadres in scope"
)
@paginate(Page)
def cadre_list(request, status: str | None = None, q: str | None = None):
    cadres = access.visible(Cadre.objects.select_related("sending_unit"), request.auth)
    return filtered(CadreFilter({"status": status, "q": q}, queryset=cadres))


@router.get(
    "/cadres/people/{int:cadre_id}", response={200: SecondedCadreOut, **READ_ERRORS}, summary="One cadre"
)
def cadre_detail(request, cadre_id: int):
    return _one(Cadre, request.auth, cadre_id)


@router.post(
    "/cadres/people/{int:cadre_id}/reveal",
    response={200: CadreRevealOut, **WRITE_ERRORS},
    summary="The clear ID number or phone, for a reason kept in the audit trail",
)
def cadre_reveal(request, cadre_id: int, payload: CadreRevealIn):
    user = request.auth
    cadre = _one(Cadre, user, cadre_id)
    access.require(user, Permission.CADRES_REVEAL, cadre)
    value = actions.reveal_cadre(user=user, cadre=cadre, field=payload.field, reason=payload.reason)
    return {"field": payload.field, "value": value}


# --- postings ------------------------------------------------------------------------------------


@router.get(
    "/cadres/postings", response={200: list[CadrePostingOut], **READ_ERRORS}, summary="Postings in scope"
)
@paginate(Page)
def posting_list(request, current: bool | None = None, incomplete: bool | None = None):
    return filtered(
        PostingFilter({"current": current, "incomplete": incomplete}, queryset=_postings(request.auth))
    )


@router.post(
    "/cadres/postings", response={201: CadrePostingOut, **WRITE_ERRORS}, summary="Post a cadre (organiser)"
)
def posting_create(request, payload: CadrePostingIn):
    user = request.auth
    cadre = _one(Cadre, user, payload.cadre)
    community = _community(user, payload.community)
    grids = [_one(Grid, user, pk) for pk in payload.grids]
    posting = actions.post_cadre(
        user=user,
        cadre=cadre,
        community=community,
        role=payload.role,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        grids=grids,
    )
    return Status(201, _postings(user).get(pk=posting.pk))


@router.get(
    "/cadres/postings/{int:posting_id}", response={200: CadrePostingOut, **READ_ERRORS}, summary="One posting"
)
def posting_detail(request, posting_id: int):
    return access.get_visible_or_404(_postings(request.auth), request.auth, pk=posting_id)


@router.post(
    "/cadres/communities/{int:community_id}/grids",
    response={201: CadreGridOut, **WRITE_ERRORS},
    summary="Add a compound or grid (the community or the organiser)",
)
def grid_create(request, community_id: int, payload: CadreGridIn):
    user = request.auth
    community = _community(user, community_id)
    return Status(201, actions.add_grid(user=user, community=community, **payload.dict()))


@router.get(
    "/cadres/postings/{int:posting_id}/records",
    response={200: list[CadreWorkRecordOut], **READ_ERRORS},
    summary="Work records",
)
def record_list(request, posting_id: int):
    posting = _one(Posting, request.auth, posting_id)
    return access.visible(WorkRecord.objects.filter(posting=posting), request.auth)


@router.post(
    "/cadres/postings/{int:posting_id}/records",
    response={201: CadreWorkRecordOut, **WRITE_ERRORS},
    summary="Add a work record (the community)",
)
def record_create(request, posting_id: int, payload: CadreWorkRecordIn):
    user = request.auth
    posting = _one(Posting, user, posting_id)
    access.require(user, Permission.CADRES_HOST, posting)
    work = actions.record_work(
        user=user, posting=posting, day=payload.day, kind=payload.kind, text_=payload.text
    )
    return Status(201, work)


@router.get(
    "/cadres/postings/{int:posting_id}/attendance",
    response={200: list[CadreAttendanceOut], **READ_ERRORS},
    summary="Monthly attendance",
)
def attendance_list(request, posting_id: int):
    posting = _one(Posting, request.auth, posting_id)
    return access.visible(Attendance.objects.filter(posting=posting), request.auth)


@router.post(
    "/cadres/postings/{int:posting_id}/attendance",
    response={200: CadreAttendanceOut, **WRITE_ERRORS},
    summary="Confirm a month (the community): days present and on leave, nothing tracked",
)
def attendance_confirm(request, posting_id: int, payload: CadreAttendanceIn):
    user = request.auth
    posting = _one(Posting, user, posting_id)
    access.require(user, Permission.CADRES_HOST, posting)
    return actions.confirm_attendance(user=user, posting=posting, **payload.dict())


@router.get(
    "/cadres/postings/{int:posting_id}/assessments",
    response={200: list[CadreAssessmentOut], **READ_ERRORS},
    summary="Year-end assessments",
)
def assessment_list(request, posting_id: int):
    posting = _one(Posting, request.auth, posting_id)
    return access.visible(Assessment.objects.filter(posting=posting), request.auth)


@router.post(
    "/cadres/postings/{int:posting_id}/scores",
    response={200: CadreAssessmentOut, **WRITE_ERRORS},
    summary="Give a year-end score as the community, the street or the sending unit",
)
def score_create(request, posting_id: int, payload: CadreScoreIn):
    user = request.auth
    posting = _one(Posting, user, posting_id)
    return actions.score(user=user, posting=posting, **payload.dict())


@router.post(
    "/cadres/postings/{int:posting_id}/rotate",
    response={200: CadrePostingOut | None, **WRITE_ERRORS},
    summary="End a posting with a handover note; optionally post the next cadre to the same community",
)
def posting_rotate(request, posting_id: int, payload: CadreRotateIn):
    user = request.auth
    posting = _one(Posting, user, posting_id)
    next_cadre = _one(Cadre, user, payload.next_cadre) if payload.next_cadre is not None else None
    new = actions.rotate(
        user=user,
        posting=posting,
        ended_on=payload.ended_on,
        handover_note=payload.handover_note,
        next_cadre=next_cadre,
        next_role=payload.next_role,
    )
    return _postings(user).get(pk=new.pk) if new else None


# --- the three lists -----------------------------------------------------------------------------


@router.get(
    "/cadres/resources", response={200: list[CadreResourceOut], **READ_ERRORS}, summary="Resource list"
)
@paginate(Page)
def resource_list(request):
    return access.visible(Resource.objects.select_related("sending_unit"), request.auth)


@router.post(
    "/cadres/resources",
    response={201: CadreResourceOut, **WRITE_ERRORS},
    summary="List a resource of one's unit",
)
def resource_create(request, payload: CadreResourceIn):
    access.require(request.auth, Permission.CADRES_SEND)
    return Status(201, actions.offer_resource(user=request.auth, **payload.dict()))


@router.get("/cadres/needs", response={200: list[CadreNeedOut], **READ_ERRORS}, summary="Need list")
@paginate(Page)
def need_list(request, status: str | None = None):
    return filtered(NeedFilter({"status": status}, queryset=access.visible(Need.objects.all(), request.auth)))


@router.post(
    "/cadres/needs", response={201: CadreNeedOut, **WRITE_ERRORS}, summary="List a need of one's community"
)
def need_create(request, payload: CadreNeedIn):
    user = request.auth
    community = _community(user, payload.community)
    return Status(
        201,
        actions.list_need(
            user=user, community=community, title=payload.title, description=payload.description
        ),
    )


@router.get("/cadres/projects", response={200: list[CadreProjectOut], **READ_ERRORS}, summary="Project list")
@paginate(Page)
def project_list(request, status: str | None = None):
    projects = access.visible(Project.objects.prefetch_related("needs", "resources"), request.auth)
    return filtered(ProjectFilter({"status": status}, queryset=projects))


@router.post("/cadres/projects", response={201: CadreProjectOut, **WRITE_ERRORS}, summary="Start a project")
def project_create(request, payload: CadreProjectIn):
    user = request.auth
    community = _community(user, payload.community)
    project = actions.start_project(
        user=user,
        community=community,
        title=payload.title,
        needs=[_one(Need, user, pk) for pk in payload.needs],
        resources=[_one(Resource, user, pk) for pk in payload.resources],
        owner=payload.owner,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return Status(201, project)


@router.post(
    "/cadres/projects/{int:project_id}/progress",
    response={200: CadreProjectOut, **WRITE_ERRORS},
    summary="Progress and outcome of a project",
)
def project_progress(request, project_id: int, payload: CadreProjectProgressIn):
    user = request.auth
    project = _one(Project, user, project_id)
    access.require(user, Permission.CADRES_MATCH, project)
    return actions.update_project(user=user, project=project, **payload.dict())
