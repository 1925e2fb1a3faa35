"""GET /api/v1/audit/events: the audit trail of the caller's scope, for supervisors and platform admins."""

from ninja import Query, Router
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, ErrorOut, Page, filtered

from .filters import EventFilter
from .models import AuditEvent
from .schemas import EventOut

router = Router()


@router.get(
    "/events",
    response={200: list[EventOut], 403: ErrorOut, **READ_ERRORS},
    summary="Audit events in scope, newest first",
)
@paginate(Page)
def event_list(
    request,
    actor: str | None = Query(None, description="part of the user name"),
    action: str | None = Query(None, description="an action code such as duties.import_catalog, or an app"),
    object_type: str | None = Query(None, description="such as duties.catalog"),
    division: str | None = Query(None, description="a 12-digit division code: it and below"),
    date_from: str | None = Query(None, description="first day, 2025-03-31"),
    date_to: str | None = Query(None, description="last day, 2025-03-31"),
):
    user = request.auth
    access.require(user, Permission.VIEW_AUDIT)
    params = {
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "division": division,
        "date_from": date_from,
        "date_to": date_to,
    }
    events = access.visible(AuditEvent.objects.select_related("division"), user)
    return filtered(EventFilter(params, queryset=events)).order_by("-at", "-id")
