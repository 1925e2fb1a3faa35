"""What the assessment pages share: fetching within scope, the duty items and departments one may name."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from qingdan import access
from qingdan.access import Permission
from qingdan.duties.choices import ListKind, VersionStatus
from qingdan.duties.models import Catalog, DutyItem
from qingdan.orgs.models import Division, Unit

from ..actions._checks import COUNTY_UNIT_KINDS
from ..models import Indicator, Result, Scheme


def visible_scheme(user, pk: int) -> Scheme:
    return access.get_visible_or_404(
        Scheme.objects.select_related("division", "county", "previous"), user, pk=pk
    )


def managed_scheme(user, pk: int) -> Scheme:
    scheme = visible_scheme(user, pk)
    access.require(user, Permission.MANAGE_ASSESSMENT, scheme.division)
    return scheme


def visible_indicators(user, scheme: Scheme) -> QuerySet[Indicator]:
    rows = Indicator.objects.filter(scheme=scheme).select_related("duty_item", "department")
    return access.visible(rows, user).order_by("village_type", "position", "id")


def visible_result(user, pk: int) -> Result:
    results = Result.objects.select_related("scheme__division", "scheme__county", "village")
    return access.get_visible_or_404(results, user, pk=pk)


def primary_items(county: Division) -> QuerySet[DutyItem]:
    """The primary duties an indicator may name: the county's village templates, else every current
    village list of the county."""
    catalogs = Catalog.objects.filter(county=county, level="village", current_version__isnull=False)
    if catalogs.filter(is_template=True).exists():
        catalogs = catalogs.filter(is_template=True)
    return DutyItem.objects.filter(
        list_kind=ListKind.PRIMARY,
        version__status=VersionStatus.PUBLISHED,
        version_id__in=catalogs.values("current_version_id"),
    ).order_by("version_id", "position")


def departments(county: Division) -> QuerySet[Unit]:
    return Unit.objects.filter(
        county=county, division=county, kind__in=COUNTY_UNIT_KINDS, is_active=True
    ).order_by("name")


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
