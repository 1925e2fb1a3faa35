"""The workbench on the home page: what waits for the person, most urgent first, each a link to where it
is done.

    sections(user, today=None)   the person's sections, by role (an empty list for a role with none)

Each section reads through qingdan.access (nobody sees outside their unit), shows at most CAP items and
counts the rest behind a "全部 N 项" link to the full list; when nothing waits it says what the person can
do next. Every section runs a fixed number of queries, whatever the number of rows.

    _base.py        Item, Section, Source; capped() reading
    grassroots.py   village cadre, township dispatcher
    county.py       reviewer, department clerk, catalog office, supervisor
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from qingdan.orgs.choices import Role

from . import county, grassroots
from ._base import CAP, Builder, Item, Section, Source, build

BY_ROLE: dict[str, Sequence[Builder]] = {
    Role.VILLAGE_CADRE: grassroots.VILLAGE,
    Role.TOWNSHIP_DISPATCHER: grassroots.TOWNSHIP,
    Role.REVIEWER: county.REVIEWER,
    Role.DEPT_CLERK: county.DEPARTMENT,
    Role.CATALOG_OFFICE: county.CATALOG_OFFICE,
    Role.SUPERVISOR: county.SUPERVISOR,
}


def sections(user, today: datetime.date | None = None) -> list[Section]:
    builders = BY_ROLE.get(getattr(user, "role", None) or "", [])
    return build(builders, user, today or timezone.localdate())


__all__ = ["CAP", "Item", "Section", "Source", "sections"]
