"""What the pages share: the county and its programme, paging, and the organiser question."""

from __future__ import annotations

from django.db.models import QuerySet

from qingdan import access
from qingdan.access import Permission
from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division
from qingdan.web.paging import paginate  # noqa: F401  (the cadres pages import it from here)

from ..models import Programme


def programme_for(user) -> Programme | None:
    """The programme of the user's county (None when it has none; 403 above county level)."""
    county = access.require_county(user)
    return Programme.objects.select_related("organising_unit").filter(county=county).first()


def is_organiser(user, programme: Programme | None) -> bool:
    return programme is not None and access.can(user, Permission.CADRES_ORGANISE, programme)


def visible_communities(user, county: Division) -> QuerySet[Division]:
    communities = Division.objects.filter(county=county, level=Level.VILLAGE, kind=DivisionKind.COMMUNITY)
    return access.visible(communities, user).select_related("parent").order_by("code")
