"""What every page needs to draw its navigation: the user's scope and what they may do."""

from qingdan import access
from qingdan.access import Permission


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "scope_root": access.scope_root(user),
        "may_view_audit": access.can(user, Permission.VIEW_AUDIT),
        "may_import_catalog": access.can(user, Permission.IMPORT_CATALOG),
        "may_view_mirror": access.can(user, Permission.VIEW_MIRROR),
        "may_manage_accounts": access.can(user, Permission.MANAGE_ACCOUNTS),
    }
