"""The figures on the home page, each computed inside the user's scope (what waits for the person is
qingdan.web.workbench)."""

from __future__ import annotations

from django.db.models import Count, Q

from qingdan import access
from qingdan.duties.models import Catalog, DutyItem
from qingdan.duties.queries import department_items
from qingdan.orgs.choices import Level, Role


def scope_figures(user) -> dict[str, int]:
    divisions = access.visible_divisions(user).aggregate(
        townships=Count("pk", filter=Q(level=Level.TOWNSHIP)),
        villages=Count("pk", filter=Q(level=Level.VILLAGE)),
    )
    catalogs = access.visible(Catalog.objects.filter(is_template=False), user).aggregate(
        published=Count("pk", filter=Q(current_version__isnull=False)),
    )
    return {**divisions, **catalogs}


def department_item_count(user) -> int | None:
    if user.role != Role.DEPT_CLERK or user.unit_id is None:
        return None
    return department_items(access.visible(DutyItem.objects.all(), user), user.unit).count()
