"""What the assessment pages share: fetching within scope, the duty items and departments one may name."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from qingdan import access
from qingdan.access import Permission

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


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
