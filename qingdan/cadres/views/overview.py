"""The programme at a glance: the rules, figures per street and for the county (table and chart), and
the figures as .xlsx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.sheets.writing import titled_table_workbook

from ..models import Need, Posting, Project
from ..queries import figures_by_street
from .common import is_organiser, programme_for

ECHARTS = "vendor/echarts/dist/echarts.min.js"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figures(user):
    county = access.require_county(user)
    return county, figures_by_street(
        county,
        postings=access.visible(Posting.objects.all(), user),
        projects=access.visible(Project.objects.all(), user),
        needs=access.visible(Need.objects.all(), user),
    )


def _columns():
    return [
        ("street", _("Street (township)")),
        ("cadres_posted", _("Cadres in post")),
        ("communities_covered", _("Communities covered")),
        ("projects", _("Projects")),
        ("projects_done", _("Projects done")),
        ("needs_listed", _("Needs listed")),
        ("needs_met", _("Needs met")),
        ("problems_solved", _("Problems solved")),
        ("services_held", _("Services held")),
    ]


@login_required
def home(request):
    user = request.user
    programme = programme_for(user)
    county, rows = _figures(user)
    columns = _columns()
    chart = {
        "streets": [row["street"] for row in rows if not row.get("is_total")],
        "series": [
            {"name": str(label), "values": [row[key] for row in rows if not row.get("is_total")]}
            for key, label in columns[1:3] + columns[6:8]
        ],
    }
    context = {
        "programme": programme,
        "county": county,
        "columns": columns,
        "rows": [[row[key] for key, _label in columns] for row in rows],
        "chart": chart,
        "may_organise": is_organiser(user, programme),
        # ECharts is drawn only where node_modules holds it; the table is always there.
        "has_chart": finders.find(ECHARTS) is not None,
    }
    return render(request, "cadres/home.html", context)


@login_required
def figures_export(request):
    county, rows = _figures(request.user)
    columns = _columns()
    data = titled_table_workbook(
        _("Seconded cadres"),
        [(str(label), 14 if key != "street" else 20) for key, label in columns],
        [[row[key] for key, _label in columns] for row in rows],
        title=_("Cadres seconded to communities: figures of %(county)s") % {"county": county.name},
        notes=[_("As of %(date)s.") % {"date": timezone.localdate().isoformat()}],
        footer="第 &P 页 共 &N 页",
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="cadres-figures.xlsx"'
    return response
