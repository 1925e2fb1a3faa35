"""One village's month on one short page: what reached it, five small forms, and "the month is entered".

With htmx each form swaps the ledger section in place (its errors, or the new entry); without it the
page posts and comes back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan.errors import refusal_shown

from .. import actions, queries
from ..forms import ENTRY_FORMS
from .common import (
    may_record,
    month_or_404,
    next_month,
    point_of,
    previous_month,
    visible_entry,
    visible_village,
)


def _page(request, village, month, bound=None, status=200):
    user = request.user
    county = village.county_division()
    issuers = queries.issuers(county)
    forms = {kind: form_class(issuers=issuers) for kind, form_class in ENTRY_FORMS.items()}
    if bound is not None:
        forms[bound[0]] = bound[1]
    context = {
        "village": village,
        "month": month,
        "entries": queries.month_entries(user, village, month),
        "forms": forms,
        "open_form": bound[0] if bound else "",
        "may_record": may_record(user, village) and point_of(village) is not None,
        "point": point_of(village),
        "previous": previous_month(month),
        "next": next_month(month) if next_month(month) <= queries.this_month() else None,
    }
    template = "burden_ledger/_month.html" if request.htmx else "burden_ledger/month.html"
    return render(request, template, context, status=status)


@login_required
def month_detail(request, pk: int, year: int, month: int):
    return _page(request, visible_village(request.user, pk), month_or_404(year, month))


@login_required
@require_POST
def entry_add(request, pk: int, year: int, month: int, kind: str):
    user = request.user
    village = visible_village(user, pk)
    when = month_or_404(year, month)
    form_class = ENTRY_FORMS.get(kind)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, issuers=queries.issuers(village.county_division()))
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None or k == "pages"}
        if kind in ("document", "certificate", "borrowing"):
            data["month"] = when
        with refusal_shown(form=form) as shown:
            actions.RECORDERS[kind](user=user, village=village, **data)
        if not shown.refused:
            if request.htmx:
                return _page(request, village, when)
            messages.success(request, _("Recorded."))
            return redirect("burden_ledger:month_detail", village.pk, when.year, when.month)
    return _page(request, village, when, bound=(kind, form), status=400)


@login_required
@require_POST
def entry_remove(request, kind: str, pk: int):
    user = request.user
    entry = visible_entry(user, kind, pk)
    village, when = entry.village, entry.month
    with refusal_shown(request):
        actions.remove_entry(user=user, entry=entry)
    if request.htmx:
        return _page(request, village, when)
    return redirect("burden_ledger:month_detail", village.pk, when.year, when.month)


@login_required
@require_POST
def month_submit(request, pk: int, year: int, month: int):
    user = request.user
    village = visible_village(user, pk)
    when = month_or_404(year, month)
    with refusal_shown(request) as shown:
        actions.submit_month(user=user, village=village, month=when)
    if not shown.refused:
        messages.success(request, _("The month is entered. Thank you."))
    return redirect("burden_ledger:month_detail", village.pk, when.year, when.month)
