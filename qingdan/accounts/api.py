"""GET /api/v1/me: who the caller is, and what the API will let them see and do."""

from ninja import Router, Schema

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS
from qingdan.orgs.schemas import DivisionRef

router = Router()


class MyUnitOut(Schema):
    id: int
    name: str
    kind: str


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    unit: MyUnitOut | None
    scope_division: DivisionRef | None
    permissions: list[str]


@router.get("/me", response={200: MeOut, **READ_ERRORS}, summary="The signed-in user")
def me(request):
    user = request.auth
    root = access.scope_root(user)
    unit = user.unit
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "role_label": str(user.get_role_display()),
        "unit": {"id": unit.pk, "name": unit.name, "kind": unit.kind} if unit else None,
        "scope_division": {"code": root.code, "name": root.name, "level": root.level} if root else None,
        "permissions": [p.value for p in Permission if access.can(user, p)],
    }
