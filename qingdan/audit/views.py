"""The audit trail: a filtered, paginated list and its .xlsx export."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from qingdan import access
from qingdan.access import Permission
from qingdan.jobs import exports as jobs_exports

from .context import client_ip
from .export import AUDIT, TooManyRows, checked_events, too_many_message
from .filters import EventFilter
from .queries import row_of, visible_events

PAGE_SIZE = 50


@require_GET
@login_required
def event_list(request):
    access.require(request.user, Permission.VIEW_AUDIT)
    events = EventFilter(request.GET, queryset=visible_events(request.user), user=request.user)
    page = Paginator(events.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [row_of(event) for event in page.object_list],
        "filters": events.form,
        "errors": events.problems(),
        "query": urlencode(events.accepted()),
    }
    return render(request, "audit/event_list.html", context)


@require_GET
@login_required
def event_export(request):
    back = f"{reverse('audit:event_list')}?{request.GET.urlencode()}"
    try:
        checked_events(actor=request.user, params=request.GET)
    except ValueError:
        messages.error(request, _("Correct the filter before exporting."))
        return redirect(back)
    except TooManyRows as exc:
        messages.error(request, too_many_message(exc.count))
        return redirect(back)
    # Written by a job (up to MAX_EXPORT_ROWS rows); its page offers the file when it is ready.
    params = {"query": request.GET.urlencode(), "ip": client_ip.get()}
    return jobs_exports.begin(request, AUDIT, params=params)
