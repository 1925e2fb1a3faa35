"""A department's mirror view (部门镜像清单): every current item, anywhere, naming it as 责任单位."""

from ninja import Router
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, ErrorOut, Page, filtered

from .. import queries
from ..choices import ListKind
from ..filters import DutyItemFilter
from ..models import DutyItem
from ..schemas import DepartmentItemOut

router = Router()


@router.get(
    "/departments/{int:unit_id}/items",
    response={200: list[DepartmentItemOut], 403: ErrorOut, **READ_ERRORS},
    summary="A department's mirror view: every current item naming it as the responsible unit",
)
@paginate(Page)
def department_items(request, unit_id: int, list_kind: ListKind | None = None):
    user = request.auth
    access.require(user, Permission.VIEW_MIRROR)
    unit = access.get_visible_or_404(access.mirror_units(user), user, pk=unit_id)
    items = queries.department_items(access.visible(DutyItem.objects.all(), user), unit)
    return filtered(DutyItemFilter({"list_kind": list_kind}, queryset=items))
