"""What the checklist pages share: fetching within scope, paging, refusing writes, file answers."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from qingdan import access
from qingdan.access import Permission

from .. import queries
from ..forms import People
from ..models import Checklist, ChecklistRow

PAGE_SIZE = 30  # checklists a page (web.paging.paginate takes it)


def visible_checklist(user, pk: int) -> Checklist:
    checklists = Checklist.objects.select_related("owner_unit", "division", "created_by", "copied_from")
    return access.get_visible_or_404(checklists, user, pk=pk)


def visible_row(user, pk: int) -> ChecklistRow:
    rows = ChecklistRow.objects.select_related(
        "checklist__owner_unit", "checklist__division", "lead_leader", "responsible"
    )
    return access.get_visible_or_404(rows, user, pk=pk)


def managed_checklist(user, pk: int) -> Checklist:
    """A checklist the person sees (404 if not) and may change (403 if not)."""
    checklist = visible_checklist(user, pk)
    access.require(user, Permission.MANAGE_CHECKLIST, checklist)
    return checklist


def managed_row(user, pk: int) -> ChecklistRow:
    row = visible_row(user, pk)
    access.require(user, Permission.MANAGE_CHECKLIST, row.checklist)
    return row


def people_of(checklist_or_division) -> People:
    division = getattr(checklist_or_division, "division", checklist_or_division)
    return People(queries.people_for(division))


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    """An attachment download; the file name may be Chinese (sent in RFC 5987 form as well)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
