"""What the burden pages share: finding the area, the charts' data island, the download."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from qingdan import access
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from ..queries import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AREA_LEVELS = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP)


def visible_division(user, code: str, levels) -> Division:
    """The division with this code if the user sees it and it is of one of these levels; else 404."""
    return access.get_visible_or_404(Division.objects.filter(level__in=levels), user, code=code)


def download(data: bytes, filename: str, content_type: str = XLSX) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def month_label(month) -> str:
    return f"{month:%Y-%m}"


def charts(report: Report, *, villages: bool = True, issuers: bool = True) -> dict:
    """The data island the page's script draws from: one entry per chart, numbers only."""
    # Counts only: characters or hours beside them would flatten every other bar (their table shows them).
    lines = [line for line in report.lines if (line.before or line.after) and line.measure.unit == "count"]
    data: dict = {
        "trend": {
            "categories": [month_label(m) for m in report.months],
            "series": [
                {"name": pgettext("burden", "Load"), "data": report.load_by_month},
                {"name": _("Load prevented"), "data": report.prevented_by_month},
            ],
        },
        "before_after": {
            "categories": [str(line.measure.label) for line in lines],
            "series": [
                {"name": _("Before"), "data": [round(line.before, 2) for line in lines]},
                {"name": _("After"), "data": [round(line.after, 2) for line in lines]},
            ],
        },
    }
    if villages:
        top = report.villages[:SHOWN]
        data["villages"] = {
            "categories": [v.name for v in top],
            "series": [{"name": pgettext("burden", "Load"), "data": [round(v.load, 2) for v in top]}],
        }
    if issuers:
        top = [i for i in report.issuers if i.pk is not None][:SHOWN]
        data["issuers"] = {
            "categories": [i.name for i in top],
            "series": [
                {"name": pgettext("burden", "Load"), "data": [round(i.load, 2) for i in top]},
                {"name": _("Load prevented"), "data": [round(i.prevented, 2) for i in top]},
            ],
        }
    return data


def trend_rows(report: Report) -> list[tuple[str, float, float]]:
    """The trend's table: month, load, load prevented; the newest month first, empty months left out."""
    rows = [
        (month_label(month), report.load_by_month[i], report.prevented_by_month[i])
        for i, month in enumerate(report.months)
        if report.load_by_month[i] or report.prevented_by_month[i]
    ]
    return rows[::-1]


SHOWN = 30  # rows of a ranked table on the page (and bars in its chart); the export holds them all


def ranked_context(name: str, items: list) -> dict:
    """The first rows of a ranked list for the page, and how many more the export holds."""
    return {f"{name}_shown": items[:SHOWN], f"{name}_more": max(0, len(items) - SHOWN)}


def link_bases() -> dict:
    """The start of the addresses each ranked row links to, so a long table reverses no URL per row."""
    from django.urls import reverse

    return {
        "village_base": reverse("burden:village", args=["0"])[:-2],
        "department_base": reverse("burden:department", args=[0])[:-2],
    }
