"""Coordination bodies over the API: the register, setting up (撤一设一 at the cap), revoking with the
handover, meetings and documents, caps, the review and the year-on-year report.

Same rules as the pages: rows come from access.visible (404 when out of scope), writes check the role
(403) and go through the actions (409 when the action refuses).
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, filtered, invalid
from qingdan.orgs.models import Division, Unit

from . import actions, queries
from .choices import BodyKind, BodyStatus, CapLevel, Permanence
from .filters import ALL, BodyFilter
from .models import BodyDocument, BodyMeeting, CoordinationBody
from .schemas import (
    BodyDetailOut,
    BodyIn,
    BodyOut,
    BodyReportOut,
    CapIn,
    CapOut,
    DocumentIn,
    DocumentOut,
    MeetingIn,
    MeetingOut,
    ReviewOut,
    RevokeIn,
)

router = Router()


def _bodies(user):
    return access.visible(CoordinationBody.objects.select_related("division", "lead_unit"), user)


def _body_or_404(user, body_id: int) -> CoordinationBody:
    return access.get_visible_or_404(_bodies(user).select_related("county", "office_unit"), user, pk=body_id)


def _detail(user, body_id: int) -> CoordinationBody:
    bodies = (
        _bodies(user)
        .select_related("county", "office_unit")
        .prefetch_related(
            Prefetch("member_units", queryset=Unit.objects.order_by("name")),
            Prefetch("meetings", queryset=access.visible(BodyMeeting.objects.all(), user)),
            Prefetch("documents", queryset=access.visible(BodyDocument.objects.all(), user)),
        )
    )
    body = access.get_visible_or_404(bodies, user, pk=body_id)
    body.handover = [] if body.is_active else queries.handover_rows(body)
    return body


@router.get("/bodies", response={200: list[BodyOut], **READ_ERRORS}, summary="Coordination bodies in scope")
@paginate(Page)
def body_list(
    request,
    status: BodyStatus | None = None,
    kind: BodyKind | None = None,
    permanence: Permanence | None = None,
    lead_unit: int | None = None,
    division: str | None = None,
):
    params = {
        "status": status or ALL,  # the API lists every status unless one is asked for
        "kind": kind,
        "permanence": permanence,
        "lead_unit": lead_unit,
        "division": division,
    }
    return filtered(BodyFilter(params, queryset=_bodies(request.auth)))


@router.get("/bodies/review", response={200: ReviewOut, **READ_ERRORS}, summary="Bodies worth cleaning up")
def body_review(request):
    return queries.review(request.auth)


@router.get(
    "/bodies/report",
    response={200: BodyReportOut, **READ_ERRORS},
    summary="Meetings and documents per county and township, this year against last",
)
def body_report(request, year: int | None = None):
    today = timezone.localdate()
    if year is not None and not 1990 <= year <= today.year:
        raise invalid("query", {"year": _("Choose a year from 1990 to this year.")})
    return queries.year_report(request.auth, year=year, today=today)


def _cap_lines(user, county: Division) -> list[dict]:
    return [
        {
            "level": line.level,
            "cap": line.cap,
            "active": line.active,
            "over": [f"{division.name} {n}" for division, n in line.over],
        }
        for line in queries.cap_status(user, county)
    ]


@router.get(
    "/bodies/caps", response={200: list[CapOut], **READ_ERRORS}, summary="Active bodies against the caps"
)
def cap_list(request):
    user = request.auth
    return _cap_lines(user, access.require_county(user))


@router.put(
    "/bodies/caps/{level}",
    response={200: list[CapOut], **WRITE_ERRORS},
    summary="Set the cap of one level (catalog office)",
)
def cap_set(request, level: CapLevel, payload: CapIn):
    user = request.auth
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_BODIES, county)
    actions.set_cap(user=user, county=county, level=level, cap=payload.cap)
    return _cap_lines(user, county)


@router.get("/bodies/{int:body_id}", response={200: BodyDetailOut, **READ_ERRORS}, summary="One body")
def body_detail(request, body_id: int):
    return _detail(request.auth, body_id)


def _units(user, ids: list[int], county: Division) -> dict[int, Unit]:
    found = {u.pk: u for u in access.visible(Unit.objects.filter(pk__in=ids, county=county), user)}
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise invalid(
            "body", {"units": _("No unit of the county has the id %(ids)s.") % {"ids": "、".join(unknown)}}
        )
    return found


@router.post(
    "/bodies",
    response={201: BodyDetailOut, **WRITE_ERRORS},
    summary="Set up a body (catalog office); at the cap, name the body revoked in the same act",
)
def body_create(request, payload: BodyIn):
    user = request.auth
    division = access.get_visible_or_404(Division, user, code=payload.division)
    access.require(user, Permission.MANAGE_BODIES, division)
    county = division.county_division()
    office = [payload.office_unit] if payload.office_unit is not None else []
    ids = [payload.lead_unit, *office, *payload.member_units]
    units = _units(user, ids, county)
    revoke = _body_or_404(user, payload.revoke) if payload.revoke is not None else None
    fields = payload.dict(
        exclude={
            "division",
            "lead_unit",
            "office_unit",
            "member_units",
            "other_members",
            "revoke",
            "revocation_document",
            "revocation_date",
        }
    )
    body = actions.set_up_body(
        user=user,
        division=division,
        lead_unit=units[payload.lead_unit],
        office_unit=units[payload.office_unit] if payload.office_unit is not None else None,
        members=[units[pk] for pk in payload.member_units],
        other_members=payload.other_members,
        revoke=revoke,
        revocation_document=payload.revocation_document,
        revocation_date=payload.revocation_date,
        **fields,
    )
    return Status(201, _detail(user, body.pk))


@router.post(
    "/bodies/{int:body_id}/revoke",
    response={200: BodyDetailOut, **WRITE_ERRORS},
    summary="Revoke a body (catalog office); the answer holds the suggested handover rows",
)
def body_revoke(request, body_id: int, payload: RevokeIn):
    user = request.auth
    body = _body_or_404(user, body_id)
    access.require(user, Permission.MANAGE_BODIES, body)
    actions.revoke_body(
        user=user, body=body, document=payload.document, revoked_on=payload.revoked_on, note=payload.note
    )
    return _detail(user, body_id)


def _recordable(user, body_id: int) -> CoordinationBody:
    body = _body_or_404(user, body_id)
    access.require(user, Permission.RECORD_BODY_WORK, body)
    return body


@router.post(
    "/bodies/{int:body_id}/meetings",
    response={201: MeetingOut, **WRITE_ERRORS},
    summary="Record a meeting (catalog office, the lead unit's clerk, the township's office)",
)
def meeting_create(request, body_id: int, payload: MeetingIn):
    user = request.auth
    meeting = actions.record_meeting(user=user, body=_recordable(user, body_id), **payload.dict())
    return Status(201, meeting)


@router.post(
    "/bodies/{int:body_id}/documents",
    response={201: DocumentOut, **WRITE_ERRORS},
    summary="Record a document (catalog office, the lead unit's clerk, the township's office)",
)
def document_create(request, body_id: int, payload: DocumentIn):
    user = request.auth
    document = actions.record_document(user=user, body=_recordable(user, body_id), **payload.dict())
    return Status(201, document)
