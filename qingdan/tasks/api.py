"""Task checklists over the API: the same rules as the pages. Rows come from access.visible (404 when out
of sight), changes go through the actions (403 when the person may not, 409 with every problem listed
when the action refuses)."""

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, filtered, invalid
from qingdan.errors import ActionRefused
from qingdan.orgs.models import User

from . import actions, queries
from .choices import ChecklistStatus
from .filters import ChecklistFilter
from .models import Checklist, ChecklistRow, RowUpdate
from .schemas import (
    ChecklistDetailOut,
    ChecklistIn,
    ChecklistOut,
    ChecklistRowOut,
    CloseIn,
    CopyIn,
    HeaderIn,
    ProgressIn,
    RefusedOut,
    RowIn,
    UpdateOut,
)

router = Router()
ERRORS = {**WRITE_ERRORS, 409: RefusedOut}


def _refused(call: Callable[[], Any]):
    """Run an action; a refusal answers 409 with its message and every problem (one per bad row)."""
    try:
        return call()
    except ActionRefused as exc:
        return Status(409, {"detail": exc.message, "problems": exc.problems or [exc.message]})


def _checklists(user):
    return access.visible(Checklist.objects.select_related("owner_unit", "division"), user)


def _rows():
    return ChecklistRow.objects.select_related(
        "checklist", "lead_leader__unit", "responsible__unit"
    ).prefetch_related(Prefetch("cooperating_leaders", queryset=User.objects.select_related("unit")))


def _detail(user, checklist_id: int) -> Checklist:
    rows = access.visible(_rows(), user).order_by("position", "id")
    checklists = _checklists(user).prefetch_related(Prefetch("rows", queryset=rows))
    return access.get_visible_or_404(checklists, user, pk=checklist_id)


def _managed(user, checklist_id: int) -> Checklist:
    checklist = access.get_visible_or_404(_checklists(user), user, pk=checklist_id)
    access.require(user, Permission.MANAGE_CHECKLIST, checklist)
    return checklist


def _people(payload_rows: list[RowIn]) -> dict[int, User]:
    """The people the rows name, by id; an id of nobody answers 422 (whether they may be named on this
    checklist is the action's to say)."""
    ids = {
        pk
        for row in payload_rows
        for pk in (row.lead_leader, row.responsible, *row.cooperating_leaders)
        if pk is not None
    }
    found = {person.pk: person for person in User.objects.filter(pk__in=ids)}
    unknown = sorted(ids - set(found))
    if unknown:
        raise invalid(
            "body", {"rows": _("No person has the id %(ids)s.") % {"ids": "、".join(map(str, unknown))}}
        )
    return found


def _row_input(row: RowIn, people: dict[int, User], line: int = 0) -> actions.RowInput:
    return actions.RowInput(
        area=row.area,
        task=row.task,
        measures=row.measures,
        lead_leader=people[row.lead_leader] if row.lead_leader is not None else None,
        cooperating_leaders=[people[pk] for pk in row.cooperating_leaders],
        responsible=people[row.responsible] if row.responsible is not None else None,
        deadline=row.deadline,
        report_to=row.report_to,
        line=line,
    )


# --- checklists ---------------------------------------------------------------------------------


@router.get(
    "/checklists", response={200: list[ChecklistOut], **READ_ERRORS}, summary="Task checklists in sight"
)
@paginate(Page)
def checklist_list(request, status: ChecklistStatus | None = None, year: int | None = None):
    checklists = _checklists(request.auth).order_by("-year", "-created_at", "-id")
    return filtered(ChecklistFilter({"status": status, "year": year}, queryset=checklists))


@router.get(
    "/checklists/{int:checklist_id}",
    response={200: ChecklistDetailOut, **READ_ERRORS},
    summary="One checklist with its rows",
)
def checklist_detail(request, checklist_id: int):
    return _detail(request.auth, checklist_id)


@router.post(
    "/checklists",
    response={201: ChecklistDetailOut, **ERRORS},
    summary="Start a checklist of your own unit, as a draft, with its rows",
)
def checklist_create(request, payload: ChecklistIn):
    user = request.auth
    access.require_own_division(user, Permission.MANAGE_CHECKLIST)
    people = _people(payload.rows)
    rows = [_row_input(row, people, line) for line, row in enumerate(payload.rows, start=1)]
    header = payload.dict(exclude={"rows"})
    made = _refused(lambda: actions.create_checklist(user=user, rows=rows, **header))
    if isinstance(made, Status):
        return made
    return Status(201, _detail(user, made.pk))


@router.put(
    "/checklists/{int:checklist_id}",
    response={200: ChecklistOut, **ERRORS},
    summary="Change the title and source",
)
def checklist_update(request, checklist_id: int, payload: HeaderIn):
    user = request.auth
    checklist = _managed(user, checklist_id)
    return _refused(lambda: actions.update_checklist(user=user, checklist=checklist, **payload.dict()))


@router.post(
    "/checklists/{int:checklist_id}/issue",
    response={200: ChecklistOut, **ERRORS},
    summary="Issue a draft: the people named are told, alerts start",
)
def checklist_issue(request, checklist_id: int):
    user = request.auth
    checklist = _managed(user, checklist_id)
    return _refused(lambda: actions.issue_checklist(user=user, checklist=checklist))


@router.post("/checklists/{int:checklist_id}/close", response={200: ChecklistOut, **ERRORS}, summary="Close")
def checklist_close(request, checklist_id: int, payload: CloseIn):
    user = request.auth
    checklist = _managed(user, checklist_id)
    return _refused(lambda: actions.close_checklist(user=user, checklist=checklist, note=payload.note))


@router.post(
    "/checklists/{int:checklist_id}/copy",
    response={201: ChecklistDetailOut, **ERRORS},
    summary="Copy for your unit with the dates moved on (e.g. last year's flood control)",
)
def checklist_copy(request, checklist_id: int, payload: CopyIn):
    user = request.auth
    source = access.get_visible_or_404(_checklists(user), user, pk=checklist_id)
    access.require_own_division(user, Permission.MANAGE_CHECKLIST)
    takers = {person.pk: person for person in User.objects.filter(pk__in=payload.replacements.values())}
    if unknown := sorted(set(payload.replacements.values()) - set(takers)):
        message = _("No person has the id %(ids)s.") % {"ids": "、".join(map(str, unknown))}
        raise invalid("body", {"replacements": message})
    replacements = {old: takers[new] for old, new in payload.replacements.items()}
    made = _refused(
        lambda: actions.copy_checklist(
            user=user,
            source=source,
            years=payload.years,
            days=payload.days,
            year=payload.year,
            title=payload.title,
            replacements=replacements,
        )
    )
    if isinstance(made, Status):
        return made
    return Status(201, _detail(user, made.pk))


# --- rows ---------------------------------------------------------------------------------------


def _row(user, row_id: int) -> ChecklistRow:
    return access.get_visible_or_404(access.visible(_rows(), user), user, pk=row_id)


@router.get(
    "/checklist-rows/mine",
    response={200: list[ChecklistRowOut], **READ_ERRORS},
    summary="Open rows of checklists in force naming you (as responsible, lead or cooperating)",
)
@paginate(Page)
def my_rows(request, role: str = "responsible"):
    if role not in queries.MY_ROLES:
        raise invalid("query", {"role": _("Choose responsible, lead or cooperating.")})
    return queries.my_rows(request.auth, role).select_related("lead_leader__unit", "responsible__unit")


@router.post(
    "/checklists/{int:checklist_id}/rows",
    response={201: ChecklistRowOut, **ERRORS},
    summary="Add a row at the end",
)
def row_create(request, checklist_id: int, payload: RowIn):
    user = request.auth
    checklist = _managed(user, checklist_id)
    row = _row_input(payload, _people([payload]))
    made = _refused(lambda: actions.add_row(user=user, checklist=checklist, row=row))
    if isinstance(made, Status):
        return made
    return Status(201, _row(user, made.pk))


@router.put("/checklist-rows/{int:row_id}", response={200: ChecklistRowOut, **ERRORS}, summary="Change a row")
def row_update(request, row_id: int, payload: RowIn):
    user = request.auth
    row = _row(user, row_id)
    access.require(user, Permission.MANAGE_CHECKLIST, row.checklist)
    data = _row_input(payload, _people([payload]))
    made = _refused(lambda: actions.edit_row(user=user, row=row, data=data))
    return made if isinstance(made, Status) else _row(user, row_id)


@router.delete("/checklist-rows/{int:row_id}", response={204: None, **ERRORS}, summary="Remove a row")
def row_delete(request, row_id: int):
    user = request.auth
    row = _row(user, row_id)
    access.require(user, Permission.MANAGE_CHECKLIST, row.checklist)
    done = _refused(lambda: actions.remove_row(user=user, row=row))
    return done if isinstance(done, Status) else Status(204, None)


@router.post(
    "/checklist-rows/{int:row_id}/progress",
    response={201: UpdateOut, **ERRORS},
    summary="Report progress (the row's responsible person only)",
)
def row_progress(request, row_id: int, payload: ProgressIn):
    user = request.auth
    row = _row(user, row_id)
    made = _refused(
        lambda: actions.update_progress(user=user, row=row, percent=payload.percent, note=payload.note)
    )
    if isinstance(made, Status):
        return made
    return Status(201, RowUpdate.objects.select_related("actor__unit").get(pk=made.pk))
