"""A department's mirror view (部门镜像清单): every item in every township and village naming it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.jobs import exports as jobs_exports
from qingdan.orgs.choices import Level, UnitKind
from qingdan.orgs.models import Unit
from qingdan.sheets.writing import table_workbook

from .. import exports
from ..choices import DEPARTMENT_KINDS
from ..filters import DutyItemFilter
from ..models import DutyItem
from ..queries import department_items
from .common import KIND_LABELS


def _chosen_unit(request):
    return chosen_unit(request.user, request.GET)


def chosen_unit(user, query: QueryDict):
    """The department whose mirror is shown (None until a county reader picks one) and the choices."""
    access.require(user, Permission.VIEW_MIRROR)
    departments = access.mirror_units(user).filter(kind=UnitKind.DEPARTMENT, is_active=True).order_by("name")
    chosen = query.get("unit")
    unit: Unit | None
    if chosen:
        unit = access.get_visible_or_404(departments, user, pk=chosen if chosen.isdigit() else 0)
    else:
        unit = next(iter(departments), None) if len(departments) == 1 else None
    return unit, departments


def _filters(request, unit) -> DutyItemFilter:
    return mirror_filters(request.user, request.GET, unit)


def mirror_filters(user, query: QueryDict, unit) -> DutyItemFilter:
    """The mirror's filters over the items naming the unit (none until a unit is chosen)."""
    items = DutyItem.objects.none()
    if unit is not None:
        items = department_items(access.visible(DutyItem.objects.all(), user), unit)
    items = items.select_related("version__catalog__division__parent")
    return DutyItemFilter(query, queryset=items, user=user, department_kinds=True)


def _township_and_village(division) -> tuple[str, str]:
    if division.level == Level.VILLAGE and division.parent_id:
        return division.parent.name, division.name
    return division.name, ""


def _grouped(items) -> list[dict]:
    """List kind → division → items, in the order of DEPARTMENT_KINDS and division codes."""
    kinds: dict[str, dict] = {}
    for item in items:
        division = item.version.catalog.division
        kind = kinds.setdefault(item.list_kind, {"divisions": {}, "count": 0})
        kind["count"] += 1
        group = kind["divisions"].setdefault(division.pk, {"division": division, "items": []})
        group["items"].append(item)
    return [
        {
            "kind": kind,
            "label": KIND_LABELS[kind],
            "count": kinds[kind]["count"],
            "divisions": list(kinds[kind]["divisions"].values()),
        }
        for kind in DEPARTMENT_KINDS
        if kind in kinds
    ]


@login_required
def mirror(request):
    unit, departments = _chosen_unit(request)
    filters = _filters(request, unit)
    items = list(filters.qs) if unit else []
    groups = _grouped(items)
    context = {
        "unit": unit,
        "departments": departments,
        # A clerk's only choice is their own department; county readers pick any.
        "may_choose": any(d.pk != request.user.unit_id for d in departments),
        "filters": filters.form,
        "groups": groups,
        "total": len(items),
        "division_total": len({item.version.catalog.division_id for item in items}),
    }
    return render(request, "duties/mirror.html", context)


MIRROR_COLUMNS = (
    ("township", 14),
    ("village", 14),
    ("list_kind", 14),
    ("item_no", 7),
    ("category", 16),
    ("name", 48),
    ("department_duty", 30),
    ("grassroots_duty", 30),
    ("working_method", 22),
    ("basis", 28),
)


def _headers() -> dict[str, str]:
    return {
        "township": _("Township"),
        "village": _("Village"),
        "list_kind": _("list kind"),
        "item_no": _("item number"),
        "category": _("category"),
        "name": _("item name"),
        "department_duty": _("department duty"),
        "grassroots_duty": _("grassroots duty"),
        "working_method": _("working method"),
        "basis": _("basis"),
    }


def mirror_workbook(items) -> bytes:
    headers = _headers()

    def cells(item):
        township, village = _township_and_village(item.version.catalog.division)
        values = {
            "township": township,
            "village": village,
            "list_kind": str(KIND_LABELS[item.list_kind]),
            **{key: getattr(item, key) for key, _width in MIRROR_COLUMNS[3:]},
        }
        return [values[key] for key, _width in MIRROR_COLUMNS]

    columns = [(str(headers[key]), width) for key, width in MIRROR_COLUMNS]
    return table_workbook(str(_("Mirror list")), columns, (cells(item) for item in items))


@login_required
def mirror_export(request):
    """The mirror as .xlsx, written by a job (a department may be named in hundreds of village catalogs);
    its page offers the file when it is ready."""
    unit, _departments = _chosen_unit(request)
    if unit is None:
        return mirror(request)
    return jobs_exports.begin(request, exports.MIRROR, params={"query": request.GET.urlencode()})
