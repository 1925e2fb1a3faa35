"""Staffing over the API: units with their quotas and filled counts, moving quotas down, the report of
quotas added per township, a reform's table and a town's placement. Rows come from access.visible (404
outside the scope); writes check the role (403) and go through the actions (409 when refused)."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, invalid
from qingdan.orgs.models import Division

from . import actions, queries
from .api_positions import router as positions_router
from .api_setup import router as setup_router
from .models import QuotaMoveLine, Reform, StaffedUnit, TownModule
from .schemas import (
    StaffingMoveIn,
    StaffingMoveOut,
    StaffingPlacementOut,
    StaffingReformIn,
    StaffingReformOut,
    StaffingTableLineOut,
    StaffingTownQuotaOut,
    StaffingUnitOut,
)

router = Router()
router.add_router("", positions_router)
router.add_router("", setup_router)


@router.get(
    "/staffing/units", response={200: list[StaffingUnitOut], **READ_ERRORS}, summary="Units and quotas"
)
def unit_list(request):
    units = queries.with_filled(access.visible(StaffedUnit.objects.all(), request.auth))
    return [
        {
            **{k: getattr(u, k) for k in StaffingUnitOut.model_fields if k not in ("unit", "over_quota")},
            "unit": u.unit.name,
            "over_quota": queries.is_over(u),
        }
        for u in units
    ]


@router.post("/staffing/moves", response={201: StaffingMoveOut, **WRITE_ERRORS}, summary="Move quotas down")
def move_create(request, payload: StaffingMoveIn):
    user = request.auth
    access.require(user, Permission.MANAGE_QUOTAS)
    units = access.visible(StaffedUnit.objects.select_related("unit__division"), user)
    source = access.get_visible_or_404(units, user, pk=payload.source)
    found = {u.pk: u for u in units.filter(pk__in=[line.target for line in payload.lines])}
    missing = [line.target for line in payload.lines if line.target not in found]
    if missing:
        raise invalid("body", {"lines": _("Unit %(id)s is not found.") % {"id": missing[0]}})
    move = actions.move_quotas(
        user=user,
        source=source,
        kind=payload.kind,
        document=payload.document,
        moved_on=payload.moved_on,
        lines=[(found[line.target], line.amount) for line in payload.lines],
    )
    total = sum(line.amount for line in payload.lines)
    return Status(201, {"id": move.pk, "document": move.document, "total": total})


@router.get(
    "/staffing/moves/report",
    response={200: list[StaffingTownQuotaOut], **READ_ERRORS},
    summary="Quotas added per township",
)
def move_report(request):
    return queries.quotas_added(access.visible(QuotaMoveLine.objects.all(), request.auth))


@router.post(
    "/staffing/reforms", response={201: StaffingReformOut, **WRITE_ERRORS}, summary="Record a reform"
)
def reform_create(request, payload: StaffingReformIn):
    user = request.auth
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_QUOTAS, county)
    reform = actions.record_reform(
        user=user,
        county=county,
        name=payload.name,
        document=payload.document,
        decided_on=payload.decided_on,
        before=[actions.UnitRow(**row.dict()) for row in payload.before],
        after=[actions.UnitRow(**row.dict()) for row in payload.after],
        mappings=[actions.MappingRow(**row.dict()) for row in payload.mappings],
    )
    return Status(201, {"id": reform.pk, "name": reform.name, "table": _table(reform)})


def _table(reform: Reform) -> list[dict]:
    return [
        {
            "label": line.label,
            "before": line.before,
            "after": line.after,
            "change": line.change,
            "percent": float(line.percent) if line.percent is not None else None,
        }
        for line in queries.reform_table(reform)
    ]


@router.get(
    "/staffing/reforms/{int:reform_id}/table",
    response={200: list[StaffingTableLineOut], **READ_ERRORS},
    summary="A reform's before and after table",
)
def reform_table(request, reform_id: int):
    reform = access.get_visible_or_404(Reform.objects.all(), request.auth, pk=reform_id)
    return _table(reform)


@router.get(
    "/staffing/towns/{code}/placement",
    response={200: StaffingPlacementOut, **READ_ERRORS},
    summary="Everyone in a position?",
)
def town_placement(request, code: str):
    town = access.get_visible_or_404(Division.objects.filter(level="township"), request.auth, code=code)
    # The town's modules decide who reads its placement (a department reads none).
    access.get_visible_or_404(TownModule.objects.filter(township=town), request.auth)
    status = queries.placement_status(town)
    return {
        "total": status.total,
        "placed": status.placed,
        "percent": float(status.percent),
        "unplaced": [p.name for p in status.unplaced],
    }
