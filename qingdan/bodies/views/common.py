"""What the coordination body pages share: fetching within scope, paging, choices, links."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from qingdan import access
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, Unit
from qingdan.web.paging import paginate  # noqa: F401  (the bodies pages import it from here)

from ..models import CoordinationBody


def visible_body(user, pk: int) -> CoordinationBody:
    bodies = CoordinationBody.objects.select_related("division", "county", "lead_unit", "office_unit")
    return access.get_visible_or_404(bodies, user, pk=pk)


def county_units(user, county: Division) -> QuerySet[Unit]:
    """The active units of the county the user may name (lead unit, office, members)."""
    return access.visible(Unit.objects.filter(county=county, is_active=True), user).order_by(
        "division__code", "name"
    )


def body_divisions(user, county: Division) -> QuerySet[Division]:
    """Where a body may sit: the county and its townships (villages keep none), as far as the user sees."""
    places = Division.objects.filter(Q(pk=county.pk) | Q(county=county, level=Level.TOWNSHIP))
    return access.visible(places, user).order_by("code")


def checklist_link(body: CoordinationBody) -> str:
    """The page that makes a task checklist from the body's open work, once the tasks app offers it."""
    try:
        return reverse("tasks:checklist_create") + f"?from_body={body.pk}"
    except NoReverseMatch:
        return ""
