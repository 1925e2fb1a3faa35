from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from qingdan.burden import queries as burden_queries

from . import queries, workbench


@login_required
def home(request):
    """The person's figures, their burden headline, and their workbench: what waits for them."""
    user = request.user
    return render(
        request,
        "web/home.html",
        {
            "figures": queries.scope_figures(user),
            "sections": workbench.sections(user),
            "department_items": queries.department_item_count(user),
            "burden": burden_queries.home_figures(user),
        },
    )


@require_GET
def healthz(request):
    """200 with JSON once the database answers; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})
