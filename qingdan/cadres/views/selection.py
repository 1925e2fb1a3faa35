"""Nomination and selection: batches, the nominees in them, the organiser's decision, and each cadre's
page with the audited reveal of their ID number or phone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.registers import personal
from qingdan.registers.forms import RevealForm

from .. import actions
from ..actions.selection import OPEN_STATUSES
from ..choices import BatchStatus
from ..filters import CadreFilter
from ..forms import DecisionForm, NominationForm
from ..models import Cadre, NominationBatch, Posting
from .common import paginate, programme_for


@login_required
def batch_list(request):
    user = request.user
    programme = programme_for(user)
    batches = access.visible(NominationBatch.objects.select_related("sending_unit"), user)
    context = {
        "programme": programme,
        "page": paginate(request, batches.order_by("-year", "sending_unit__name", "id")),
        "may_send": programme is not None and access.can(user, Permission.CADRES_SEND),
        "this_year": timezone.localdate().year,
    }
    return render(request, "cadres/batch_list.html", context)


@login_required
@require_POST
def batch_create(request):
    user = request.user
    access.require(user, Permission.CADRES_SEND)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    with refusal_shown(request) as shown:
        batch = actions.open_batch(user=user, year=year)
    if shown.refused:
        return redirect("cadres:batch_list")
    return redirect("cadres:batch_detail", batch.pk)


def _batch_page(request, batch, *, nomination=None, decision=None, status=200):
    user = request.user
    may_send = access.can(user, Permission.CADRES_SEND, batch)
    context = {
        "batch": batch,
        "cadres": batch.cadres.all(),
        "entries": batch.entries.select_related("actor"),
        "may_nominate": may_send and batch.status in OPEN_STATUSES,
        "may_decide": batch.status == BatchStatus.SUBMITTED
        and access.can(user, Permission.CADRES_ORGANISE, batch),
        "nomination": nomination or NominationForm(),
        "decision": decision or DecisionForm(),
    }
    return render(request, "cadres/batch_detail.html", context, status=status)


@login_required
def batch_detail(request, pk: int):
    user = request.user
    batch = access.get_visible_or_404(
        NominationBatch.objects.select_related("sending_unit", "county"), user, pk=pk
    )
    if request.method != "POST":
        return _batch_page(request, batch)
    step = request.POST.get("do")
    if step in ("nominate", "submit"):
        access.require(user, Permission.CADRES_SEND, batch)
    else:
        access.require(user, Permission.CADRES_ORGANISE, batch)
    if step == "nominate":
        form = NominationForm(request.POST)
        if not form.is_valid():
            return _batch_page(request, batch, nomination=form, status=400)
        with refusal_shown(form=form) as shown:
            actions.nominate(user=user, batch=batch, **form.cleaned_data)
        if shown.refused:
            return _batch_page(request, batch, nomination=form, status=400)
        messages.success(request, _("The nominee meets the county's rules and was added."))
    elif step == "submit":
        with refusal_shown(request) as shown:
            actions.submit_batch(user=user, batch=batch)
        if not shown.refused:
            messages.success(request, _("The batch was sent to the organisation department."))
    else:
        decided = DecisionForm(request.POST)
        if not decided.is_valid():
            return _batch_page(request, batch, decision=decided, status=400)
        decision, reason = decided.cleaned_data["decision"], decided.cleaned_data["reason"]
        with refusal_shown(form=decided) as shown:
            if decision == "approve":
                actions.approve_batch(user=user, batch=batch, note=reason)
            elif decision == "return":
                actions.return_batch(user=user, batch=batch, reason=reason)
            else:
                actions.refuse_batch(user=user, batch=batch, reason=reason)
        if shown.refused:
            return _batch_page(request, batch, decision=decided, status=400)
        messages.success(request, _("The decision was recorded."))
    return redirect("cadres:batch_detail", batch.pk)


@login_required
def cadre_list(request):
    user = request.user
    programme_for(user)
    cadres = access.visible(Cadre.objects.select_related("sending_unit"), user)
    filters = CadreFilter(request.GET or None, queryset=cadres)
    rows = filters.qs if filters.is_valid() else cadres
    return render(
        request, "cadres/cadre_list.html", {"filters": filters.form, "page": paginate(request, rows)}
    )


def _cadre_page(request, cadre, *, reveal_form=None, revealed=None, status=200):
    user = request.user
    context = {
        "cadre": cadre,
        "postings": access.visible(Posting.objects.filter(cadre=cadre).select_related("community"), user),
        "may_reveal": access.can(user, Permission.CADRES_REVEAL, cadre),
        "reveal_form": reveal_form or RevealForm(),
        "revealed": revealed,
    }
    if request.htmx and request.method == "POST":
        return render(request, "cadres/_reveal.html", context)
    return render(request, "cadres/cadre_detail.html", context, status=status)


def _cadre(user, pk: int) -> Cadre:
    return access.get_visible_or_404(Cadre.objects.select_related("sending_unit", "batch"), user, pk=pk)


@login_required
def cadre_detail(request, pk: int):
    return _cadre_page(request, _cadre(request.user, pk))


@login_required
@require_POST
def cadre_reveal(request, pk: int):
    """The clear ID number or phone, shown once, for a reason kept in the audit trail (never in a URL)."""
    user = request.user
    cadre = _cadre(user, pk)
    access.require(user, Permission.CADRES_REVEAL, cadre)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _cadre_page(request, cadre, reveal_form=form, status=400)
    field = form.cleaned_data["field"]
    with refusal_shown(form=form, field="reason") as shown:
        value = actions.reveal_cadre(user=user, cadre=cadre, field=field, reason=form.cleaned_data["reason"])
    if shown.refused:
        return _cadre_page(request, cadre, reveal_form=form, status=400)
    revealed = {"field": field, "label": personal.field_label(field), "value": value}
    response = _cadre_page(request, cadre, revealed=revealed)
    response["Cache-Control"] = "no-store"
    return response
