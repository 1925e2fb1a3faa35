"""Divisions and units, read-only: /api/v1/divisions, /api/v1/divisions/{code}, /api/v1/units."""

from django.db.models import Count
from ninja import Query, Router
from ninja.pagination import paginate

from qingdan import access
from qingdan.apitools import READ_ERRORS, Page, attach

from .choices import CODE_PREFIX_LENGTH, Level, UnitKind
from .models import Division, Unit, level_of_code, subtree_bounds
from .schemas import DivisionDetailOut, DivisionOut, UnitOut

router = Router()

CODE_PATTERN = r"^\d{12}$"
LEVEL_ORDER = list(Level)


def _subtree(queryset, code: str, path: str = ""):
    """Rows of `queryset` in the division `code` and below it (a filter the caller asked for; the scope
    is applied separately by access.visible)."""
    low, high = subtree_bounds(code, level_of_code(code))
    return queryset.filter(**{f"{path}code__gte": low, f"{path}code__lte": high})


@router.get("/divisions", response=list[DivisionOut], summary="Divisions in scope")
@paginate(Page)
def division_list(
    request,
    level: Level | None = None,
    q: str | None = Query(None, max_length=50, description="part of the name, or the start of the code"),
    parent: str | None = Query(None, pattern=CODE_PATTERN, description="code of the parent division"),
):
    divisions = access.visible(Division.objects.select_related("parent"), request.auth)
    if level:
        divisions = divisions.filter(level=level)
    if q := (q or "").strip():
        divisions = (
            divisions.filter(code__startswith=q) if q.isdigit() else divisions.filter(name__contains=q)
        )
    if parent:
        divisions = divisions.filter(parent__code=parent)
    return divisions.order_by("code")


def _ancestor_codes(division: Division) -> list[str]:
    """The codes of the divisions above this one: codes are hierarchical, one prefix per level."""
    above = LEVEL_ORDER[: LEVEL_ORDER.index(Level(division.level))]
    return [division.code[: CODE_PREFIX_LENGTH[level]].ljust(12, "0") for level in above]


@router.get(
    "/divisions/{code}",
    response={200: DivisionDetailOut, **READ_ERRORS},
    summary="One division, with the divisions above it and counts below it",
)
def division_detail(request, code: str):
    user = request.auth
    division = access.get_visible_or_404(Division.objects.select_related("parent"), user, code=code)
    ancestors = access.visible(Division.objects.filter(code__in=_ancestor_codes(division)), user)
    below = _subtree(access.visible(Division.objects.all(), user), division.code).exclude(pk=division.pk)
    by_level = dict(below.order_by().values_list("level").annotate(n=Count("id")))
    return attach(
        division,
        ancestors=list(ancestors.order_by("code")),
        children_count=access.visible(division.children.all(), user).count(),
        descendants_by_level={level: by_level[level] for level in LEVEL_ORDER if level in by_level},
    )


@router.get("/units", response=list[UnitOut], summary="Units in scope")
@paginate(Page)
def unit_list(
    request,
    kind: UnitKind | None = None,
    division: str | None = Query(
        None, pattern=CODE_PATTERN, description="a division code: its units and those below"
    ),
):
    units = access.visible(Unit.objects.select_related("division"), request.auth)
    if kind:
        units = units.filter(kind=kind)
    if division:
        units = _subtree(units, division, "division__")
    return units.order_by("division__code", "name")
